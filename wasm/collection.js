// fahras-collection.mjs: a collection on a static host (doc/collection.md), searched shard by
// shard. fahras.mjs imports it on the first openCollection() call.
// SPDX-License-Identifier: MIT
//
// WebAssembly cannot wait for the network, so every call runs in rounds: the engine runs the
// call on the shards it holds, and when some were missing it fails with code "missing_shards"
// and names every one it reached for; they are fetched in parallel, handed in, and the call
// runs again (each round reaches further: dictionary, lists, lengths, positions, stored packs).
// The shards stay in the engine's bounded cache (collection_options::cache_bytes). Fetches are
// shared by the calls waiting for them and aborted when every one of those calls was cancelled
// (an AbortSignal: a newer keystroke). downloadAll() puts every file in a Cache API cache of its
// own, which later reads use before the network: the collection then works offline.
//
// `api` is what fahras.mjs's wrapper shares with this module (wrapper.js, openCollection):
// the module, its call helpers and the argument checks of FahrasIndex, so both give the same
// errors and result shapes. Like wrapper.js, this is ES2019 (minify.mjs's parser).

const ROOT = "root.fahras";
const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
const MAX_ROUNDS = 16;           // more would mean the cache cannot hold one call's shards
const DOWNLOAD_PARALLEL = 6;     // fetches at once in downloadAll (a browser's per-host limit)
const PARALLEL_WRITES = 64;      // cache writes at once in downloadAll

const abortError = (signal) =>
  signal && signal.reason !== undefined ? signal.reason : new DOMException("The operation was aborted.", "AbortError");

function throwIfAborted(signal) {
  if (signal && signal.aborted) throw abortError(signal);
}

// A call's signal holds one abort listener, however many shards the call waits for: Node warns
// (MaxListenersExceededWarning) past ten on one signal, and a round can fetch dozens of shards.
const onAborts = new WeakMap();
/** Calls `giveUp` when `signal` aborts; returns what stops that. */
function onAbort(signal, giveUp) {
  let waiting = onAborts.get(signal);
  if (!waiting) {
    onAborts.set(signal, (waiting = new Set()));
    signal.addEventListener("abort", () => waiting.forEach((f) => f()), { once: true });
  }
  waiting.add(giveUp);
  return () => waiting.delete(giveUp);
}

/** The folder URL of a collection given as its folder (with or without "/") or its root file. */
function folderOf(url) {
  const u = new URL(String(url), typeof location === "object" ? location.href : undefined);
  u.search = "";
  u.hash = "";
  if (u.pathname.endsWith("/" + ROOT)) u.pathname = u.pathname.slice(0, -ROOT.length);
  else if (!u.pathname.endsWith("/")) u.pathname += "/";
  return u.href;
}

/**
 * Fetches the files of one collection: each file once however many calls wait for it, from the
 * offline copy when there is one, aborted when all of its callers gave up.
 */
class FileSource {
  constructor(api, base, fetchFn) {
    this.api = api;
    this.base = base;
    this.fetch = fetchFn;
    this.inFlight = new Map();  // name -> { promise, controller, waiting }
    this.cacheName = "fahras:collection:" + base;
    this.offline = null;        // the Cache API cache of downloadAll, once known to exist
    this.hasOffline = undefined;  // Promise<boolean>: whether that cache existed at first use
  }

  error(name, message, cause) {
    const e = new this.api.FahrasError(`fahras: ${this.base}${name}: ${message}`, "fetch");
    if (cause !== undefined) e.cause = cause;
    return e;
  }

  async openOffline(create) {
    if (this.offline) return this.offline;
    if (typeof caches !== "object" || caches === null) {
      if (create) throw this.error("", "offline storage needs the Cache API (a browser page or worker, over https or localhost)");
      return null;
    }
    // Asked once: a copy that another page stores later is seen by the next openCollection.
    if (this.hasOffline === undefined) this.hasOffline = caches.has(this.cacheName);
    if (!create && !(await this.hasOffline)) return null;
    this.offline = await caches.open(this.cacheName);
    return this.offline;
  }

  /** The bytes of the offline copy of `name`, or null. */
  async stored(name) {
    const cache = await this.openOffline(false);
    const hit = cache && (await cache.match(this.base + name));
    return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
  }

  async download(name, signal, fresh) {
    // A signal of its own for each fetch: Node's fetch leaves its listener on the signal until
    // the request is garbage, and downloadAll makes hundreds of fetches for one signal.
    throwIfAborted(signal);
    const own = new AbortController();
    const stop = signal ? onAbort(signal, () => own.abort(abortError(signal))) : () => {};
    let status;
    try {
      const response = await this.fetch(this.base + name, fresh ? { signal: own.signal, cache: "no-cache" } : { signal: own.signal });
      if (!response.ok) status = response.status;
      // The body too can fail: a connection that drops halfway, a stream that errors.
      else return new Uint8Array(await response.arrayBuffer());
    } catch (e) {
      if (signal && signal.aborted) throw abortError(signal);
      throw this.error(name, `could not fetch (${e && e.message ? e.message : e})`, e);
    } finally {
      stop();
    }
    throw this.error(name, `could not fetch (HTTP ${status})`);
  }

  /** The root: from the network (revalidated), else from the offline copy. */
  async root(signal) {
    try {
      return await this.download(ROOT, signal, true);
    } catch (e) {
      if (signal && signal.aborted) throw e;
      const copy = await this.stored(ROOT).catch(() => null);
      if (copy) return copy;
      throw e;
    }
  }

  /** { bytes, stored } of a shard (`stored`: from the offline copy), for a caller that may
   *  give up (`signal`). `fresh`: from the network, and the offline copy is dropped. */
  load(name, signal, fresh) {
    throwIfAborted(signal);
    let entry = this.inFlight.get(name);
    if (!entry) {
      const controller = new AbortController();
      entry = { controller, waiting: 0, promise: null };
      entry.promise = (async () => {
        if (fresh) {
          if (this.offline) await this.offline.delete(this.base + name);
        } else {
          const copy = await this.stored(name).catch(() => null);
          if (copy) return { bytes: copy, stored: true };
        }
        return { bytes: await this.download(name, controller.signal, false), stored: false };
      })();
      const forget = () => {
        if (this.inFlight.get(name) === entry) this.inFlight.delete(name);
      };
      entry.promise.then(forget, forget);
      this.inFlight.set(name, entry);
    }
    entry.waiting++;
    if (!signal) return entry.promise;
    return new Promise((resolve, reject) => {
      const giveUp = () => {
        reject(abortError(signal));
        if (--entry.waiting === 0) {
          entry.controller.abort();
          if (this.inFlight.get(name) === entry) this.inFlight.delete(name);
        }
      };
      const stop = onAbort(signal, giveUp);
      entry.promise.then(
        (bytes) => { stop(); entry.waiting--; resolve(bytes); },
        (e) => { stop(); entry.waiting--; reject(e); });
    });
  }
}

export async function openCollection(api, url, options) {
  const { M, call, malloc, heap, withString, withPacked, output, outputError, FahrasError } = api;
  const o = api.checkOptions(options, "openCollection");
  if (typeof url !== "string" && !(url instanceof URL)) {
    throw api.invalidArgument(`openCollection: url must be a string or a URL, not ${api.describe(url)}`);
  }
  const fetchFn = o.fetch === undefined ? (typeof fetch === "function" ? fetch.bind(globalThis) : undefined) : o.fetch;
  if (typeof fetchFn !== "function") throw api.invalidArgument("openCollection: options.fetch must be a function (there is no global fetch here)");
  const cacheBytes = api.checkCount(o.cacheBytes, "openCollection: cacheBytes", DEFAULT_CACHE_BYTES, 2 ** 31 - 1);
  // options.signal, checked: an AbortSignal (anything with its `aborted` and abort event), or none.
  const signalOf = (options) => {
    const s = options && typeof options === "object" ? options.signal : undefined;
    if (s == null || typeof s.addEventListener === "function") return s;
    throw api.invalidArgument(`options.signal must be an AbortSignal, not ${api.describe(s)}`);
  };
  const signal = signalOf(o);
  let base;
  try {
    base = folderOf(url);
  } catch (e) {
    throw api.invalidArgument(`openCollection: ${String(url)} is not a URL`);
  }
  const files = new FileSource(api, base, fetchFn);
  // Whether there is an offline copy is asked before each shard's fetch, and Cache Storage's
  // first answer can be slow in a new profile: asked while the root loads, not by the first query.
  files.openOffline(false).catch(() => {});

  const root = await files.root(signal);
  throwIfAborted(signal);
  const rootAt = malloc(root.length);
  heap().set(root, rootAt);
  const handle = call(M.fh_collection_open, rootAt, root.length, cacheBytes);  // owns rootAt
  if (!handle) throw named(outputError(), ROOT);
  let disposed = false;
  const registry = typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry((h) => M.fh_collection_free(h)) : null;

  function named(e, name) {
    if (e.message.indexOf(name) < 0) e.message = `${e.message} (${base}${name})`;
    return e;
  }

  function live() {
    if (disposed) throw new FahrasError("fahras: this collection was disposed", "disposed");
    return handle;
  }

  function add(name, bytes) {
    const h = live();  // first: a disposed collection would not take over p
    const p = malloc(bytes.length);
    heap().set(bytes, p);
    const ok = withString(name, (n, nn) => call(M.fh_collection_add, h, n, nn, p, bytes.length));  // owns p
    if (!ok) throw named(outputError(), name);
  }

  // Runs `attempt` (a WebAssembly call that returns 0 on failure) in rounds until it needs no
  // more shards; resolves to `result()`, by default its output. `onLoaded(name, { bytes,
  // stored })`, if given, sees each shard fetched for it.
  async function rounds(signal, attempt, onLoaded, result = output) {
    for (let round = 0; ; round++) {
      throwIfAborted(signal);
      live();
      if (attempt()) return result();
      const e = output();
      if (e.code !== "missing_shards" || !Array.isArray(e.missing)) throw new FahrasError(e.message, e.code, e.offset);
      if (round === MAX_ROUNDS) {
        throw new FahrasError(`fahras: ${base}: a call still needs ${e.missing.length} more shards after ${MAX_ROUNDS} rounds (cacheBytes too small?)`, "missing_shards");
      }
      const loaded = await Promise.all(e.missing.map(async (name) => {
        const shard = await files.load(name, signal);
        if (onLoaded) await onLoaded(name, shard);
        return shard;
      }));
      throwIfAborted(signal);
      // Handed in together, right before the next attempt: nothing can evict them in between.
      // An offline copy that is refused (damaged on disk) is dropped and fetched again.
      for (let i = 0; i < loaded.length; i++) {
        try {
          add(e.missing[i], loaded[i].bytes);
        } catch (error) {
          if (!loaded[i].stored) throw error;
          const again = await files.load(e.missing[i], signal, true);
          throwIfAborted(signal);
          add(e.missing[i], again.bytes);
        }
      }
    }
  }

  // The file names a call lists ({"files": [...]}), or its error naming `name`.
  function fileNames(attempt, name) {
    if (!attempt()) throw named(outputError(), name || ROOT);
    return output().files;
  }

  class FahrasCollection {
    get url() {
      return base;
    }

    async search(query, options) {
      live();
      const a = api.searchArguments(query, options);
      const start = api.now();
      // The result is made as soon as the last round's output is there: its exact numbers are
      // only good until the next call, which another search may make during an await.
      const r = await rounds(signalOf(options), () => withString(a.query, (q, qn) => withPacked(a.filters, (f, fn) =>
        call(M.fh_collection_search, handle, q, qn, a.limit, a.offset, a.flags, a.snippetWords, f, fn))),
      undefined, () => api.searchResult(output(), 0, api.numbers()));
      r.tookMs = api.now() - start;
      return r;
    }

    async document(id, query, options) {
      live();
      const a = api.documentArguments(id, query, options);
      return rounds(signalOf(options), () => withString(a.id, (i, n) => withString(a.query, (q, qn) =>
        call(M.fh_collection_document, handle, i, n, q, qn, a.prefix))));
    }

    async kwic(query, options) {
      live();
      const a = api.kwicArguments(query, options);
      return rounds(signalOf(options), () => withString(a.query, (q, n) =>
        call(M.fh_collection_kwic, handle, q, n, a.width, a.limit)));
    }

    async frequencies(options) {
      live();
      const a = api.frequencyArguments(options);
      return rounds(signalOf(options), () => call(M.fh_collection_frequencies, handle, a.by, a.top, a.skipStopwords));
    }

    /** Counts from the root: no shard needed. */
    stats() {
      call(M.fh_collection_stats, live());
      return output();
    }

    async isDownloaded() {
      const copy = await files.stored(ROOT).catch(() => null);
      return copy !== null && copy.length === root.length && copy.every((b, i) => b === root[i]);
    }

    async downloadAll(options) {
      const o = api.checkOptions(options, "downloadAll");
      if (o.onProgress !== undefined && typeof o.onProgress !== "function") {
        throw api.invalidArgument(`downloadAll: onProgress must be a function, not ${api.describe(o.onProgress)}`);
      }
      live();
      const signal = signalOf(o);
      const cache = await files.openOffline(true);
      // Names are content hashes: what an earlier, interrupted download stored is good as it is.
      const stored = new Set((await cache.keys()).map((request) => request.url));
      const progress = { files: 0, totalFiles: 0, bytes: 0 };
      const report = () => o.onProgress && o.onProgress(Object.assign({}, progress));
      const done = (bytes) => {
        progress.files++;
        progress.bytes += bytes;
        report();
      };
      // A file the storage refuses (full) fails the download, naming it.
      const put = (name, bytes) => cache.put(files.base + name, new Response(bytes)).catch((e) => {
        throw files.error(name, `could not store (${e && e.message ? e.message : e})`, e);
      });
      // Many writes in flight: one at a time, the cache takes ten times as long.
      const writing = new Set();
      const store = async (name, bytes) => {
        const write = put(name, bytes).then(() => {
          done(bytes.length);
          writing.delete(write);  // after done: an onProgress that throws fails the download
        });
        write.catch(() => {});  // a failed write stays in `writing`: it fails the download below
        writing.add(write);
        if (writing.size >= PARALLEL_WRITES) await Promise.race(writing);
      };
      // The list of every shard: the engine asks for the dictionary and document shards first,
      // whose tables name the rest; those are stored as they come.
      const handled = new Set();
      try {
        const all = (await rounds(signal, () => call(M.fh_collection_all_shards, handle), async (name, shard) => {
          handled.add(name);
          progress.totalFiles++;
          if (shard.stored) done(0);
          else await store(name, shard.bytes);
        })).files;
        progress.totalFiles = all.length + 1;
        const rest = all.filter((name) => !handled.has(name));
        let at = 0;
        let failed = false;
        const fetchRest = async () => {
          while (at < rest.length && !failed) {
            const name = rest[at++];
            live();  // dispose() stops a download too
            throwIfAborted(signal);
            if (stored.has(files.base + name)) done(0);
            else await store(name, await files.download(name, signal, false));
          }
        };
        const fetchers = [];
        for (let i = 0; i < DOWNLOAD_PARALLEL; i++) fetchers.push(fetchRest().catch((e) => { failed = true; throw e; }));
        const ended = await Promise.allSettled(fetchers);
        const failure = ended.find((f) => f.status === "rejected");
        if (failure) throw failure.reason;
        await Promise.all(writing);
        // The root last: its presence in the cache marks a complete copy.
        await put(ROOT, root);
        done(root.length);
        // Files of an earlier version of the collection go.
        const current = new Set(all.map((name) => files.base + name));
        for (const url of stored) if (url !== files.base + ROOT && !current.has(url)) await cache.delete(url);
        return Object.assign({}, progress);
      } finally {
        // A stopped or failed download keeps what it fetched: the next one does not fetch it again.
        await Promise.allSettled(writing);
      }
    }

    async removeDownload() {
      files.offline = null;
      files.hasOffline = Promise.resolve(false);
      if (typeof caches === "object" && caches !== null) await caches.delete(files.cacheName);
    }

    dispose() {
      if (disposed) return;
      disposed = true;
      if (registry) registry.unregister(this);
      M.fh_collection_free(handle);
    }
  }

  // `using collection = await fahras.openCollection(url)` disposes of it at the end of the block.
  if (typeof Symbol.dispose === "symbol") FahrasCollection.prototype[Symbol.dispose] = FahrasCollection.prototype.dispose;

  const collection = new FahrasCollection();
  if (registry) registry.register(collection, handle, collection);
  return collection;
}
