// fahras-worker.mjs: fahras in a Web Worker, with the promise API of a collection (and of an
// index, whose calls become promises), so that searching never blocks the page.
// SPDX-License-Identifier: MIT
//
// The same file is both sides. Imported by a page, it exports createFahrasWorker(), which
// starts a module worker on this very file; run as that worker, it loads fahras.mjs, next to
// it, with fahras-reader.wasm (collections) or fahras.wasm (indexes), and answers the page's
// messages.
// fahras-worker.d.ts documents the API.
//
// Messages, page -> worker: { id, target, method, args } runs `method` on the module (target 0)
// or on the collection or index numbered `target`; { cancel: id } aborts that call's
// AbortSignal. Worker -> page: { id, result } or { id, error: { name, message, code, offset } },
// and { id, progress } for downloadAll's onProgress. Options that are functions (fetch,
// onProgress) or signals cannot cross to a worker: the page keeps those and sends the rest.

const inWorker = typeof WorkerGlobalScope === "function" && self instanceof WorkerGlobalScope;

// --- the page's side -------------------------------------------------------------------------

function errorFrom(data) {
  const e = data.name === "AbortError"
    ? new DOMException(data.message, "AbortError") : new Error(data.message);
  if (data.name !== "AbortError") e.name = data.name;
  if (data.code !== undefined) e.code = data.code;
  if (data.offset !== undefined) e.offset = data.offset;
  return e;
}

/** Starts fahras in a worker; see fahras.d.ts (FahrasWorker). */
export function createFahrasWorker(options) {
  const url = (options && options.workerUrl) || new URL("./fahras-worker.mjs", import.meta.url);
  const worker = new Worker(url, { type: "module" });
  const pending = new Map();  // id -> { resolve, reject, onProgress }
  let nextId = 1;
  let failed = null;

  worker.addEventListener("message", ({ data }) => {
    const call = pending.get(data.id);
    if (!call) return;  // answered already (cancelled)
    if (data.progress) {
      if (call.onProgress) call.onProgress(data.progress);
      return;
    }
    pending.delete(data.id);
    if (data.error) call.reject(errorFrom(data.error));
    else call.resolve(data.result);
  });
  // A worker that fails to load (a wrong URL, no module workers) fails every call.
  worker.addEventListener("error", (event) => {
    failed = new Error(`fahras: the worker failed: ${event.message || "it could not be loaded"}`);
    failed.code = "worker";
    for (const call of pending.values()) call.reject(failed);
    pending.clear();
  });

  // Sends one call. `options`, when given, goes last: an options object ({} when undefined, so
  // that the worker can hand the call a signal) without its signal, onProgress and fetch, which
  // stay here; anything else as it is, for the worker's checks to reject.
  function send(target, method, args, options, withOptions) {
    if (failed) return Promise.reject(failed);
    const object = options !== null && typeof options === "object" && !Array.isArray(options);
    const signal = object ? options.signal : undefined;
    if (signal && signal.aborted) return Promise.reject(signal.reason !== undefined ? signal.reason : new DOMException("The operation was aborted.", "AbortError"));
    const id = nextId++;
    let sent = args;
    if (withOptions) {
      let rest = options === undefined ? {} : options;
      if (object) {
        rest = Object.assign({}, options);
        delete rest.signal;
        delete rest.onProgress;
        delete rest.fetch;
      }
      sent = args.concat([rest]);
    }
    return new Promise((resolve, reject) => {
      const call = { resolve, reject, onProgress: object ? options.onProgress : undefined };
      pending.set(id, call);
      if (signal) {
        const abort = () => {
          if (!pending.delete(id)) return;
          worker.postMessage({ cancel: id });
          reject(signal.reason !== undefined ? signal.reason : new DOMException("The operation was aborted.", "AbortError"));
        };
        signal.addEventListener("abort", abort, { once: true });
        call.resolve = (v) => { signal.removeEventListener("abort", abort); resolve(v); };
        call.reject = (e) => { signal.removeEventListener("abort", abort); reject(e); };
      }
      try {
        worker.postMessage({ id, target, method, args: sent });
      } catch (e) {  // an argument that cannot be cloned (a function, say)
        pending.delete(id);
        call.reject(e);
      }
    });
  }

  function remoteCollection(target, info) {
    return {
      url: info.url,
      search: (query, options) => send(target, "search", [query], options, true),
      document: (id, query, options) => send(target, "document", [id, query === undefined ? null : query], options, true),
      kwic: (query, options) => send(target, "kwic", [query], options, true),
      frequencies: (options) => send(target, "frequencies", [], options, true),
      stats: () => send(target, "stats", []),
      isDownloaded: () => send(target, "isDownloaded", []),
      downloadAll: (options) => send(target, "downloadAll", [], options, true),
      removeDownload: () => send(target, "removeDownload", []),
      dispose: () => send(target, "dispose", []),
    };
  }

  function remoteIndex(target) {
    const remote = {};
    for (const method of ["search", "document", "facets", "kwic", "frequencies", "collocates", "stats", "toBytes", "dispose"]) {
      remote[method] = (...args) => send(target, method, args);
    }
    // The error damage() answers with crosses as data (a clone of an Error would lose its code).
    remote.damage = () => send(target, "damage", []).then((d) => d && errorFrom(d));
    return remote;
  }

  return {
    /** Resolves to the module's version once the worker has loaded fahras. */
    ready: () => send(0, "version", []),
    openCollection: (url, options) =>
      // A relative URL is the page's: the worker would resolve it against its own script.
      send(0, "openCollection", [typeof url === "string" || url instanceof URL ? new URL(url, location.href).href : url], options, true)
        .then((r) => remoteCollection(r.target, r)),
    loadIndex: (bytes) => send(0, "loadIndex", [bytes]).then((r) => remoteIndex(r.target)),
    normalize: (text) => send(0, "normalize", [text]),
    analyze: (text) => send(0, "analyze", [text]),
    terminate() {
      worker.terminate();
      failed = new Error("fahras: the worker was terminated");
      failed.code = "worker";
      for (const call of pending.values()) call.reject(failed);
      pending.clear();
    },
  };
}

// --- the worker's side -----------------------------------------------------------------------

if (inWorker) {
  // Collections need only the reader (fahras-reader.wasm); indexes, fahras.wasm: each on first use.
  let readerModule = null, indexModule = null;
  const reader = () => (readerModule = readerModule || import("./fahras.mjs").then((m) => m.createFahrasReader()));
  const indexes = () => (indexModule = indexModule || import("./fahras.mjs").then((m) => m.createFahras()));
  const objects = new Map();  // target number -> collection or index
  const running = new Map();  // call id -> AbortController
  let nextTarget = 1;

  const errorData = (e) => ({
    name: e && e.name ? e.name : "Error",
    message: e && e.message ? e.message : String(e),
    code: e ? e.code : undefined,
    offset: e ? e.offset : undefined,
  });

  async function run(id, target, method, args, signal) {
    // The page's options object gets this call's signal (and downloadAll a progress callback);
    // anything else stays as it came, for the method's checks.
    const last = args.length - 1;
    // (loadIndex's one argument is the index's bytes, which may be an ArrayBuffer.)
    if (method !== "loadIndex" && last >= 0 && args[last] !== null && typeof args[last] === "object" && !Array.isArray(args[last]) && !ArrayBuffer.isView(args[last])) {
      args[last] = Object.assign({}, args[last], { signal });
      if (method === "downloadAll") args[last].onProgress = (progress) => self.postMessage({ id, progress });
    }
    if (target === 0) {
      switch (method) {
        case "version": return (await reader()).version;
        case "normalize": return (await reader()).normalize(args[0]);
        case "analyze": return (await reader()).analyze(args[0]);
        case "openCollection": {
          const c = await (await reader()).openCollection(args[0], args[1]);
          objects.set(nextTarget, c);
          return { target: nextTarget++, url: c.url };
        }
        case "loadIndex": {
          objects.set(nextTarget, (await indexes()).loadIndex(args[0]));
          return { target: nextTarget++ };
        }
      }
      throw new Error(`fahras-worker: no method ${method}`);
    }
    const object = objects.get(target);
    if (method === "dispose") {  // again: nothing to do, as on the page
      objects.delete(target);
      return object && object.dispose();
    }
    if (!object) throw Object.assign(new Error("fahras: this collection or index was disposed"), { name: "FahrasError", code: "disposed" });
    if (typeof object[method] !== "function") throw new Error(`fahras-worker: no method ${method}`);
    const result = object[method](...args);
    return method === "damage" && result ? errorData(result) : result;
  }

  self.addEventListener("message", async ({ data }) => {
    if (data.cancel) {
      const controller = running.get(data.cancel);
      if (controller) controller.abort();
      return;
    }
    const controller = new AbortController();
    running.set(data.id, controller);
    try {
      const result = await run(data.id, data.target, data.method, data.args, controller.signal);
      if (!controller.signal.aborted) self.postMessage({ id: data.id, result });
    } catch (e) {
      if (!controller.signal.aborted) self.postMessage({ id: data.id, error: errorData(e) });
    } finally {
      running.delete(data.id);
    }
  });
}
