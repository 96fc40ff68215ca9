// Collections in JavaScript (fahras-reader.wasm + fahras-collection.mjs) answer exactly as the
// single-file index of the same documents does through loadIndex: ids, order, scores, totals,
// snippets, highlights, notes; fetching shards round by round, cancelled by signals, bounded
// by the cache, and refusing damaged files by name.
// SPDX-License-Identifier: MIT
//
// The corpus comes from fahras-gen-corpus and both forms from the project's CLI (`fahras index`,
// `fahras bundle`), built by native.mjs. Shards are read from disk by a fetch function given
// to openCollection, which also counts them.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";

import { importModule, isFahrasError, loadFahras, wasmDir } from "./helpers.mjs";
import { nativeTools, runNative } from "./native.mjs";

const work = mkdtempSync(join(tmpdir(), "fahras-collection-"));
after(() => rmSync(work, { recursive: true, force: true }));

const readerWasm = () => readFileSync(join(wasmDir, "fahras-reader.wasm"));

/** A fetch over files, counting what it serves; `hold` (if set) delays every answer. */
function fileFetch() {
  const f = async (url, init = {}) => {
    f.requests.push(url);
    if (init.signal?.aborted) throw init.signal.reason;
    if (f.hold) await f.hold(url, init.signal);
    let bytes;
    try {
      bytes = readFileSync(fileURLToPath(url));
    } catch {
      return new Response("not found", { status: 404 });
    }
    f.bytes += bytes.length;
    return new Response(bytes);
  };
  f.requests = [];
  f.bytes = 0;
  f.hold = null;
  return f;
}

/** Cache Storage as a browser has it, whose writes take `writeMs`. `files(name)`: the cache
 *  of that name, a Map of URL to bytes. `refuse(url)`: an error to refuse that write with. */
function fakeCacheStorage(writeMs, refuse = () => null) {
  const stores = new Map();
  return {
    async has(name) { return stores.has(name); },
    async delete(name) { return stores.delete(name); },
    async open(name) {
      if (!stores.has(name)) stores.set(name, new Map());
      const files = stores.get(name);
      return {
        async match(url) { return files.has(url) ? new Response(files.get(url)) : undefined; },
        async put(url, response) {
          const bytes = new Uint8Array(await response.arrayBuffer());
          await new Promise((resolve) => setTimeout(resolve, writeMs));
          const refused = refuse(url);
          if (refused) throw refused;
          files.set(url, bytes);
        },
        async keys() { return [...files.keys()].map((url) => ({ url })); },
        async delete(url) { return files.delete(url); },
      };
    },
    files: (name) => stores.get(name),
  };
}

const folderUrl = (dir) => pathToFileURL(dir + "/").href;
const withoutTime = ({ tookMs, ...rest }) => {
  assert.equal(typeof tookMs, "number");
  return rest;
};

let fahras;   // fahras.mjs: loadIndex
let reader;   // createFahrasReader (fahras-reader.wasm): openCollection
let dir;      // the collection's folder
let idx;      // the single-file index of the same corpus
let queries;

before(async () => {
  const tools = nativeTools();
  const corpus = join(work, "corpus.jsonl");
  const queryFile = join(work, "queries.txt");
  runNative(tools.genCorpus, ["--mb", "2", "--seed", "7", "-o", corpus, "--queries", "80", "-q", queryFile]);
  runNative(tools.cli, ["index", "--quiet", "-o", join(work, "corpus.fahras"), corpus]);
  dir = join(work, "collection");
  runNative(tools.cli, ["bundle", "--quiet", "-o", dir, corpus]);
  queries = readFileSync(queryFile, "utf8").split("\n").filter(Boolean);
  fahras = await loadFahras();
  idx = fahras.loadIndex(readFileSync(join(work, "corpus.fahras")));
  const { createFahrasReader } = await import(pathToFileURL(join(wasmDir, "fahras.mjs")).href);
  reader = await createFahrasReader({ wasmBinary: readerWasm() });
});

// Queries of every kind the syntax has, besides the generator's one- to three-word queries.
const SPECIAL = [
  "الحكومة", "وزير الخارجية الروسي", '"الرئيس الروسي"', "الحكوم*", "اقتصاد -الصين", "روسيا OR الصين",
  "الحكومه", "الحكومةة", "في", "في الحكومة", "", '"الرئيس', "source:الشرق", "الحكومة date:2024",
  "-الحكومة", "الوزير*", "ال", "بوتين", "لاشيء_هنا",
];

describe("a collection in JavaScript", () => {
  it("searches as the single-file index: ids, order, scores, totals, snippets, highlights, notes", async () => {
    const c = await reader.openCollection(folderUrl(dir), { fetch: fileFetch() });
    let hits = 0;
    for (const q of [...SPECIAL, ...queries]) {
      for (const options of [{}, { limit: 3, offset: 2, snippetWords: 12 }, { prefix: true, limit: 40 }, { snippetWords: 0, limit: 50 }, { fields: false }]) {
        const expected = withoutTime(idx.search(q, options));
        assert.deepEqual(withoutTime(await c.search(q, options)), expected, `${q} ${JSON.stringify(options)}`);
        hits += expected.hits.length;
      }
    }
    for (const filters of [{ source: "الشرق الأوسط" }, { date: "2024" }]) {
      assert.deepEqual(withoutTime(await c.search("الحكومة", { filters })), withoutTime(idx.search("الحكومة", { filters })));
    }
    assert.ok(hits > 2000, `compared ${hits} hits`);
    c.dispose();
  });

  it("answers document, kwic and frequencies as the single-file index", async () => {
    const c = await reader.openCollection(folderUrl(dir), { fetch: fileFetch() });
    const shown = (await c.search("الحكومة", { limit: 5 })).hits.map((h) => h.id);
    const other = idx.search("وزير", { limit: 100 }).hits.map((h) => h.id).slice(-3); // never searched here
    for (const id of [...shown, ...other, "no-such-id"]) {
      for (const q of [undefined, "الحكومة", '"الرئيس الروسي"', "وزير OR الحكومة"]) {
        assert.deepEqual(await c.document(id, q), idx.document(id, q), `${id} ${q}`);
      }
    }
    for (const q of ["الحكومة", '"الرئيس الروسي"', "لاشيء_هنا"]) {
      for (const options of [{}, { width: 15, limit: 7 }]) {
        assert.deepEqual(await c.kwic(q, options), idx.kwic(q, options), `${q} ${JSON.stringify(options)}`);
      }
    }
    for (const by of ["surface", "normalized", "stem"]) {
      for (const skipStopwords of [true, false]) {
        assert.deepEqual(await c.frequencies({ by, top: 40, skipStopwords }), idx.frequencies({ by, top: 40, skipStopwords }), by);
      }
    }
    assert.deepEqual(c.stats(), { documents: idx.stats().documents, tokens: idx.stats().tokens });
    c.dispose();
  });

  it("fetches only the shards a query needs, in rounds, and nothing again from its cache", async () => {
    const fetch = fileFetch();
    const c = await reader.openCollection(folderUrl(dir), { fetch });
    assert.deepEqual(fetch.requests, [folderUrl(dir) + "root.fahras"]);
    const all = readdirSync(join(dir, "shards")).length;
    fetch.requests.length = 0;
    await c.search("الحكومة");
    const first = fetch.requests.length;
    assert.ok(first > 0 && first < all / 4, `${first} of ${all} shards for one word`);
    assert.equal(new Set(fetch.requests).size, first, "each shard once");
    fetch.requests.length = 0;
    await c.search("الحكومة", { limit: 5 });
    assert.deepEqual(fetch.requests, [], "the second search reads the cache only");
    c.dispose();
  });

  it("gives the same answers with a cache that cannot keep them all", async () => {
    const cacheBytes = 512 * 1024;
    const fetch = fileFetch();
    const c = await reader.openCollection(folderUrl(dir), { fetch, cacheBytes });
    for (const q of ["الحكومة", "وزير الخارجية الروسي", '"الرئيس الروسي"', ...queries.slice(0, 30), "الحكومة"]) {
      assert.deepEqual(withoutTime(await c.search(q)), withoutTime(idx.search(q)), q);
    }
    assert.ok(fetch.bytes > 2 * cacheBytes, `fetched ${fetch.bytes} bytes`);
    assert.ok(new Set(fetch.requests).size < fetch.requests.length, "dropped shards were fetched again");
    c.dispose();
  });

  it("opens through fahras.mjs too (which loads the reader), with a folder or root URL", async () => {
    const c = await fahras.openCollection(folderUrl(dir) + "root.fahras", { fetch: fileFetch(), wasmBinary: readerWasm() });
    assert.equal(c.url, folderUrl(dir));
    assert.deepEqual(withoutTime(await c.search("الحكومة")), withoutTime(idx.search("الحكومة")));
    c.dispose();
    await assert.rejects(c.search("الحكومة"), (e) => isFahrasError(e, "disposed"));
  });
});

describe("cancelling", () => {
  // A fetch that answers only when released, and notes which fetches were aborted.
  function heldFetch() {
    const fetch = fileFetch();
    const waiting = [];
    fetch.aborted = [];
    fetch.hold = (url, signal) => new Promise((resolve, reject) => {
      if (!url.includes("/shards/")) return resolve();
      waiting.push(resolve);
      signal?.addEventListener("abort", () => {
        fetch.aborted.push(url);
        reject(signal.reason);
      });
    });
    fetch.release = () => waiting.splice(0).forEach((go) => go());
    return fetch;
  }

  it("aborts the fetches of a call whose signal aborts, and rejects it", async () => {
    const fetch = heldFetch();
    const c = await reader.openCollection(folderUrl(dir), { fetch });
    const controller = new AbortController();
    const search = c.search("الحكومة", { signal: controller.signal });
    while (fetch.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await assert.rejects(search, (e) => e.name === "AbortError");
    assert.deepEqual(fetch.aborted.sort(), fetch.requests.slice(1).sort(), "every shard fetch of the call was aborted");
    c.dispose();
  });

  it("keeps a fetch that another call still waits for", async () => {
    const fetch = heldFetch();
    const c = await reader.openCollection(folderUrl(dir), { fetch });
    const stale = new AbortController();
    const first = c.search("الحكومة", { signal: stale.signal });
    const second = c.search("الحكومة", { limit: 3 }); // the same shards
    while (fetch.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    stale.abort();
    await assert.rejects(first, (e) => e.name === "AbortError");
    assert.deepEqual(fetch.aborted, []);
    const releasing = setInterval(fetch.release, 5);
    try {
      assert.deepEqual(withoutTime(await second), withoutTime(idx.search("الحكومة", { limit: 3 })));
    } finally {
      clearInterval(releasing);
    }
    c.dispose();
  });

  it("holds one listener on a call's signal, however many shards it fetches", async () => {
    // Node's fetch leaves its abort listener on the signal it was given until the request is
    // garbage; more than ten on one signal print MaxListenersExceededWarning.
    const files = fileFetch();
    const fetch = (url, init) => {
      init.signal?.addEventListener("abort", () => {});
      return files(url, init);
    };
    const controller = new AbortController();
    const { signal } = controller;
    let live = 0;
    let most = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = (...a) => { most = Math.max(most, ++live); add(...a); };
    signal.removeEventListener = (...a) => { live--; remove(...a); };
    globalThis.caches = fakeCacheStorage(0);
    try {
      const c = await reader.openCollection(folderUrl(dir), { fetch });
      await c.search("الحكومة", { signal });
      await c.downloadAll({ signal });
      const shards = readdirSync(join(dir, "shards")).length;
      assert.equal(new Set(files.requests).size, shards + 1, "every shard was fetched");
      assert.equal(most, 1);
      c.dispose();
    } finally {
      delete globalThis.caches;
    }
  });

  it("rejects at once when the signal was aborted before the call", async () => {
    const c = await reader.openCollection(folderUrl(dir), { fetch: fileFetch() });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(c.search("الحكومة", { signal: controller.signal }), (e) => e.name === "AbortError");
    await assert.rejects(reader.openCollection(folderUrl(dir), { fetch: fileFetch(), signal: controller.signal }), (e) => e.name === "AbortError");
    c.dispose();
  });
});

describe("bad collections and bad arguments", () => {
  // A fetch of the collection in which `change(name, bytes)` gives a file's bytes (null: 404).
  function damagedFetch(change) {
    const fetch = fileFetch();
    return async (url, init) => {
      const response = await fetch(url, init);
      if (!response.ok) return response;
      const bytes = change(url.slice(folderUrl(dir).length), new Uint8Array(await response.arrayBuffer()));
      return bytes ? new Response(bytes) : new Response("not found", { status: 404 });
    };
  }
  const dictionaries = () => readdirSync(join(dir, "shards")).filter((n) => n.startsWith("dict-")).sort();

  it("names a missing shard (HTTP 404)", async () => {
    const c = await reader.openCollection(folderUrl(dir), { fetch: damagedFetch((name, bytes) => (name.startsWith("shards/dict-") ? null : bytes)) });
    await assert.rejects(c.search("الحكومة"), (e) => isFahrasError(e, "fetch") && /shards\/dict-[0-9a-f]{16}-[0-9]+\.bin/.test(e.message) && /404/.test(e.message));
    c.dispose();
  });

  it("names a shard whose body fails halfway, or a fetch that answers no Response", async () => {
    const files = fileFetch();
    for (const [what, answer] of [
      ["a body that fails", async (url, init) => {
        const response = await files(url, init);
        return url.includes("/shards/") ? { ok: true, status: 200, arrayBuffer: async () => { throw new TypeError("terminated"); } } : response;
      }],
      ["no Response", async (url, init) => (url.includes("/shards/") ? null : files(url, init))],
    ]) {
      const c = await reader.openCollection(folderUrl(dir), { fetch: answer });
      await assert.rejects(c.search("الحكومة"), (e) => isFahrasError(e, "fetch") && /shards\/[a-z]+-[0-9a-f]{16}/.test(e.message), what);
      c.dispose();
    }
  });

  it("wants an AbortSignal as signal", async () => {
    const c = await reader.openCollection(folderUrl(dir), { fetch: fileFetch(), signal: null });
    for (const signal of [{}, "stop", 3]) {
      await assert.rejects(c.search("الحكومة", { signal }), (e) => isFahrasError(e, "invalid_argument"), String(signal));
      await assert.rejects(reader.openCollection(folderUrl(dir), { fetch: fileFetch(), signal }), (e) => isFahrasError(e, "invalid_argument"));
    }
    await assert.rejects(c.downloadAll({ signal: {} }), (e) => isFahrasError(e, "invalid_argument"));
    assert.ok((await c.search("الحكومة")).total > 0);
    c.dispose();
  });

  it("refuses a shard whose bytes are not those its name stands for, naming it", async () => {
    const [first, second] = dictionaries();
    const other = readFileSync(join(dir, "shards", second));
    for (const [what, change] of [
      ["swapped", (bytes) => other],
      ["bit-flipped", (bytes) => { bytes[bytes.length >> 1] ^= 4; return bytes; }],
      ["truncated", (bytes) => bytes.subarray(0, bytes.length - 1)],
    ]) {
      const c = await reader.openCollection(folderUrl(dir), { fetch: damagedFetch((name, bytes) => (name.startsWith("shards/dict-") && name !== `shards/${second}` ? change(bytes) : bytes)) });
      await assert.rejects(c.search("الحكومة"), (e) => isFahrasError(e) && /shards\/dict-[0-9a-f]{16}-[0-9]+\.bin/.test(e.message) && !e.message.includes(second), what);
      c.dispose();
    }
    assert.ok(first !== second);
  });

  it("refuses a damaged root, naming it", async () => {
    for (const [what, change] of [
      ["truncated", (b) => b.subarray(0, b.length - 5)],
      ["bit-flipped", (b) => { b[20] ^= 1; return b; }],
      ["empty", () => new Uint8Array(0)],
      ["a shard instead", () => readFileSync(join(dir, "shards", dictionaries()[0]))],
    ]) {
      const fetch = damagedFetch((name, bytes) => (name === "root.fahras" ? change(bytes) : bytes));
      await assert.rejects(reader.openCollection(folderUrl(dir), { fetch }), (e) => isFahrasError(e) && /root\.fahras/.test(e.message), what);
    }
    await assert.rejects(reader.openCollection(folderUrl(join(work, "nowhere")), { fetch: fileFetch() }), (e) => isFahrasError(e, "fetch") && /root\.fahras/.test(e.message));
  });

  it("keeps what a stopped download fetched: going on fetches none of it again", async () => {
    const storage = fakeCacheStorage(30);
    const shards = readdirSync(join(dir, "shards")).length;
    assert.ok(shards >= 8, `${shards} shards`);
    globalThis.caches = storage;
    try {
      const fetch = fileFetch();
      const served = [];  // the shards answered in full
      const stop = new AbortController();
      const c = await reader.openCollection(folderUrl(dir), { fetch });
      fetch.hold = async (url) => {
        if (fetch.requests.length === Math.floor(shards / 2)) stop.abort();  // past the first rounds
        served.push(url);
      };
      await assert.rejects(c.downloadAll({ signal: stop.signal }), (e) => e.name === "AbortError");
      const cache = storage.files(`fahras:collection:${folderUrl(dir)}`);
      assert.ok(served.length > 1 && served.length < shards, `${served.length} of ${shards} served before the stop`);
      assert.deepEqual(served.filter((url) => !cache.has(url)), [], "every shard served is stored when the download has stopped");
      assert.equal(await c.isDownloaded(), false);

      const before = new Set(cache.keys());
      served.length = 0;
      const progress = await c.downloadAll();
      assert.equal(progress.totalFiles, shards + 1);
      assert.deepEqual(served.filter((url) => before.has(url)), [], "nothing stored is fetched again");
      assert.equal(before.size + served.length, shards, "each shard fetched once in the two downloads");
      assert.equal(cache.size, shards + 1, "every shard and the root stored");
      assert.equal(await c.isDownloaded(), true);
      c.dispose();
    } finally {
      delete globalThis.caches;
    }
  });

  it("stops a download with an error when the storage is full, onProgress throws or dispose() is called", async () => {
    const shards = readdirSync(join(dir, "shards")).length;
    let writes = 0;
    globalThis.caches = fakeCacheStorage(0, (url) => (++writes === 5 ? new DOMException("the quota is reached", "QuotaExceededError") : null));
    try {
      const c = await reader.openCollection(folderUrl(dir), { fetch: fileFetch() });
      await assert.rejects(c.downloadAll(), (e) => isFahrasError(e, "fetch") && /could not store/.test(e.message) &&
        /shards\/[a-z]+-[0-9a-f]{16}/.test(e.message) && e.cause.name === "QuotaExceededError");
      assert.equal((await c.downloadAll()).totalFiles, shards + 1, "going on, once there is room");

      // A throw from a write's report, not from a file already stored: no offline copy.
      globalThis.caches = fakeCacheStorage(0);
      const oops = new Error("onProgress threw");
      const slow = fileFetch();
      const d = await reader.openCollection(folderUrl(dir), { fetch: slow });
      // Fetches slower than writes: no call waits on the writes when the throw comes.
      slow.hold = () => new Promise((resolve) => setTimeout(resolve, 5));
      let calls = 0;
      await assert.rejects(d.downloadAll({ onProgress: () => { if (++calls === Math.floor(shards / 2)) throw oops; } }), (e) => e === oops);

      const fetch = fileFetch();
      globalThis.caches = fakeCacheStorage(0);
      const e = await reader.openCollection(folderUrl(dir), { fetch });
      fetch.hold = async () => { if (fetch.requests.length === Math.floor(shards / 2)) e.dispose(); };
      await assert.rejects(e.downloadAll(), (error) => isFahrasError(error, "disposed"));
      const fetched = fetch.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(fetch.requests.length, fetched, "no fetch after the download rejected");
      assert.ok(fetched < shards, `${fetched} of ${shards} shards fetched`);
      c.dispose();
      d.dispose();
    } finally {
      delete globalThis.caches;
    }
  });

  it("checks its arguments as an index does", async () => {
    const c = await reader.openCollection(folderUrl(dir), { fetch: fileFetch() });
    await assert.rejects(c.search(42), (e) => isFahrasError(e, "invalid_argument"));
    await assert.rejects(c.search("x", { limit: -1 }), (e) => isFahrasError(e, "invalid_argument"));
    await assert.rejects(c.frequencies({ by: "roots" }), (e) => isFahrasError(e, "invalid_argument"));
    await assert.rejects(c.downloadAll({ onProgress: 3 }), (e) => isFahrasError(e, "invalid_argument"));
    await assert.rejects(reader.openCollection(42), (e) => isFahrasError(e, "invalid_argument"));
    await assert.rejects(reader.openCollection(folderUrl(dir), { cacheBytes: "big" }), (e) => isFahrasError(e, "invalid_argument"));
    c.dispose();
  });

  it("leaves index functions to fahras.mjs", async () => {
    assert.throws(() => reader.buildIndex([{ id: "a", text: "نص" }]), (e) => isFahrasError(e, "unsupported"));
    assert.throws(() => reader.loadIndex(readFileSync(join(work, "corpus.fahras"))), (e) => isFahrasError(e, "unsupported"));
    assert.equal(reader.normalize("الحكومةُ"), fahras.normalize("الحكومةُ"));
  });
});

describe("the module files", () => {
  it("exports openCollection from the reader and from fahras.mjs", async () => {
    const m = await importModule();
    assert.equal(typeof (await m.createFahras({ wasmBinary: readFileSync(join(wasmDir, "fahras.wasm")) })).openCollection, "function");
  });
});
