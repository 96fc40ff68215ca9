// fahras.mjs's JavaScript API: appended to Emscripten's loader (createFahrasModule) at link.
// SPDX-License-Identifier: MIT
//
// fahras.d.ts documents the API. The other side of every call is bindings.cpp: strings go in as
// UTF-8 copied into WebAssembly memory, results come out as JSON text that bindings.cpp wrote,
// with offsets already in UTF-16 code units. Every failure reaches the caller as a FahrasError
// (an Error with `code`, and `offset` for index bytes), never as a trap or a bare number.

class FahrasError extends Error {
  constructor(message, code, offset) {
    super(message);
    this.name = "FahrasError";
    this.code = code;
    if (offset !== undefined) this.offset = offset;
  }
}

const fahrasModuleUrl = import.meta.url;

const invalidArgument = (message) => new FahrasError(`fahras: ${message}`, "invalid_argument");

const describe = (value) =>
  value === null ? "null" : Array.isArray(value) ? "an array" : `a value of type ${typeof value}`;

function checkString(value, what) {
  if (typeof value !== "string") throw invalidArgument(`${what} must be a string, not ${describe(value)}`);
  return value;
}

function checkOptions(options, what) {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw invalidArgument(`${what}: options must be an object, not ${describe(options)}`);
  }
  return options;
}

// A count option: a number >= 0 (fractions are floored), capped at `max`.
function checkCount(value, what, fallback, max) {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value >= 0)) {
    throw invalidArgument(`${what} must be a number >= 0, not ${typeof value === "number" ? value : describe(value)}`);
  }
  return Math.min(Math.floor(value), max);
}

function checkBoolean(value, what, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw invalidArgument(`${what} must be a boolean, not ${describe(value)}`);
  return value;
}

// bindings.cpp writes doubles as [m, e] meaning m * 2^e: exact (json_writer.hpp says why).
const exactNumber = (pair) => (pair === null ? NaN : pair[0] * 2 ** pair[1]);

const now = () => (typeof performance === "object" ? performance.now() : Date.now());

const errorText = (e) => String(e && e.message ? e.message : e);

const FREQUENCY_FORMS = { surface: 0, normalized: 1, stem: 2 };

// The arguments of search, document, kwic and frequencies, checked: the same for an index and
// a collection (collection.js).
function searchArguments(query, options) {
  checkString(query, "search: query");
  const o = checkOptions(options, "search");
  const filters = [];
  if (o.filters !== undefined) {
    if (o.filters === null || typeof o.filters !== "object" || Array.isArray(o.filters)) {
      throw invalidArgument(`search: filters must be an object, not ${describe(o.filters)}`);
    }
    for (const [field, value] of Object.entries(o.filters)) {
      filters.push(field, checkString(value, `search: filters.${field}`));
    }
  }
  return {
    limit: checkCount(o.limit, "search: limit", 10, 1000),
    offset: checkCount(o.offset, "search: offset", 0, 2 ** 31 - 1),
    prefix: checkBoolean(o.prefix, "search: prefix", false) ? 1 : 0,
    snippetWords: checkCount(o.snippetWords, "search: snippetWords", 30, 10000),
    filters,
  };
}

function searchResult(r, tookMs) {
  for (const hit of r.hits) hit.score = exactNumber(hit.score);
  return { total: r.total, tookMs, hits: r.hits, notes: r.notes };
}

function documentArguments(id, query) {
  checkString(id, "document: id");
  if (query === undefined || query === null) query = "";
  return { id, query: checkString(query, "document: query") };
}

function kwicArguments(query, options) {
  checkString(query, "kwic: query");
  const o = checkOptions(options, "kwic");
  return {
    width: checkCount(o.width, "kwic: width", 40, 100000),
    limit: checkCount(o.limit, "kwic: limit", 100, 2 ** 31 - 1),
  };
}

function frequencyArguments(options) {
  const o = checkOptions(options, "frequencies");
  const by = o.by === undefined ? "stem" : o.by;
  if (!Object.prototype.hasOwnProperty.call(FREQUENCY_FORMS, by)) {
    throw invalidArgument(`frequencies: by must be "surface", "normalized" or "stem", not ${typeof by === "string" ? JSON.stringify(by) : describe(by)}`);
  }
  return {
    by: FREQUENCY_FORMS[by],
    top: checkCount(o.top, "frequencies: top", 50, 1000000),
    skipStopwords: checkBoolean(o.skipStopwords, "frequencies: skipStopwords", true) ? 1 : 0,
  };
}

/** Instantiates the module; see fahras.d.ts. Each call makes a separate instance. */
export async function createFahras(options) {
  const { wasmBinary, locateFile } = checkOptions(options, "createFahras");
  if (locateFile !== undefined && typeof locateFile !== "function") {
    throw invalidArgument(`createFahras: locateFile must be a function, not ${describe(locateFile)}`);
  }
  const base = new URL(".", fahrasModuleUrl).href;  // the folder of fahras.mjs
  const messages = [];
  const config = {
    locateFile: (path) => (locateFile ? locateFile(path, base) : base + path),
    print: (text) => messages.push(text),
    printErr: (text) => messages.push(text),
  };
  if (wasmBinary !== undefined) {
    if (!(wasmBinary instanceof ArrayBuffer || ArrayBuffer.isView(wasmBinary))) {
      throw invalidArgument(`createFahras: wasmBinary must be an ArrayBuffer or a Uint8Array, not ${describe(wasmBinary)}`);
    }
    config.wasmBinary = wasmBinary;
  }
  let module;
  try {
    module = await createFahrasModule(config);
  } catch (e) {
    const where = wasmBinary === undefined ? ` from ${config.locateFile("fahras.wasm")}` : "";
    const inNode = typeof process === "object" && process !== null && process.versions && process.versions.node;
    const hint = wasmBinary === undefined && inNode ? " (in Node, pass { wasmBinary: the bytes of fahras.wasm })" : "";
    const error = new FahrasError(
      `fahras: could not instantiate fahras.wasm${where}${hint}: ${messages.concat(errorText(e)).join("; ")}`,
      "instantiate");
    error.cause = e;
    throw error;
  }
  return bindModule(module, config.locateFile);
}

export default createFahras;

function bindModule(M, locateFile) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const heap = () => M.HEAPU8;  // a new view after memory grows: never keep one across calls

  // Runs a WebAssembly export. A trap (out of memory, or a bug) becomes a FahrasError; the
  // stack pointer is put back, as the trap skipped the epilogues that would have done it.
  function call(fn, ...args) {
    if (typeof fn !== "function") {  // fahras-reader.mjs has no index functions (bindings.cpp)
      throw new FahrasError("fahras: fahras-reader.mjs only reads collections: build and load indexes with fahras.mjs", "unsupported");
    }
    const stack = M.stackSave();
    try {
      return fn(...args);
    } catch (e) {
      M.stackRestore(stack);
      const error = M._fh_out_of_memory()
        ? new FahrasError("fahras: out of WebAssembly memory", "out_of_memory")
        : new FahrasError(`fahras: internal error: ${errorText(e)}`, "internal");
      error.cause = e;
      throw error;
    }
  }

  function malloc(size) {
    const p = call(M._fh_malloc, size);
    if (!p) throw new FahrasError(`fahras: out of WebAssembly memory (allocating ${size} bytes)`, "out_of_memory");
    return p;
  }

  // Runs f(pointer, byteLength) on a UTF-8 copy of `text` in WebAssembly memory.
  function withString(text, f) {
    const room = text.length * 3;  // UTF-8 needs at most 3 bytes per UTF-16 unit
    const p = malloc(room);
    try {
      const { written } = encoder.encodeInto(text, heap().subarray(p, p + room));
      return f(p, written);
    } finally {
      M._fh_free(p);
    }
  }

  // Runs f(pointer, byteLength) on strings packed for bindings.cpp: u32 LE length, then bytes.
  function withPacked(strings, f) {
    let room = 0;
    for (const s of strings) room += 4 + s.length * 3;
    const p = malloc(room);
    try {
      const h = heap();
      let at = p;
      for (const s of strings) {
        const { written } = encoder.encodeInto(s, h.subarray(at + 4, p + room));
        h[at] = written;
        h[at + 1] = written >>> 8;
        h[at + 2] = written >>> 16;
        h[at + 3] = written >>> 24;
        at += 4 + written;
      }
      return f(p, at - p);
    } finally {
      M._fh_free(p);
    }
  }

  // The JSON text the last call left in the output buffer.
  function output() {
    const p = M._fh_out_data();
    return JSON.parse(decoder.decode(heap().subarray(p, p + M._fh_out_size())));
  }

  function outputError() {
    const e = output();
    return new FahrasError(e.message, e.code, e.offset);
  }

  const version = (() => {
    const h = heap();
    const p = M._fh_version();
    let end = p;
    while (h[end] !== 0) end++;
    return decoder.decode(h.subarray(p, end));
  })();

  // A forgotten index is freed when collected; dispose() is the way to free it on time.
  const registry = typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry((handle) => M._fh_index_free(handle)) : null;
  const handles = new WeakMap();  // FahrasIndex -> its index_handle in WebAssembly memory

  function live(index) {
    const handle = handles.get(index);
    if (!handle) throw new FahrasError("fahras: this index was disposed", "disposed");
    return handle;
  }

  class FahrasIndex {
    constructor(handle) {
      handles.set(this, handle);
      if (registry) registry.register(this, handle, this);
    }

    search(query, options) {
      const h = live(this);
      const a = searchArguments(query, options);
      let tookMs = 0;
      const ok = withString(query, (q, qn) => withPacked(a.filters, (f, fn) => {
        const start = now();
        const r = call(M._fh_search, h, q, qn, a.limit, a.offset, a.prefix, a.snippetWords, f, fn);
        tookMs = now() - start;
        return r;
      }));
      if (!ok) throw outputError();
      return searchResult(output(), tookMs);
    }

    document(id, query) {
      const h = live(this);
      const a = documentArguments(id, query);
      withString(a.id, (i, n) => withString(a.query, (q, qn) => call(M._fh_document, h, i, n, q, qn)));
      return output();
    }

    kwic(query, options) {
      const h = live(this);
      const a = kwicArguments(query, options);
      withString(query, (q, n) => call(M._fh_kwic, h, q, n, a.width, a.limit));
      return output();
    }

    frequencies(options) {
      const h = live(this);
      const a = frequencyArguments(options);
      call(M._fh_frequencies, h, a.by, a.top, a.skipStopwords);
      return output();
    }

    collocates(word, options) {
      const h = live(this);
      checkString(word, "collocates: word");
      const o = checkOptions(options, "collocates");
      const window = checkCount(o.window, "collocates: window", 4, 1000);
      const top = checkCount(o.top, "collocates: top", 20, 1000000);
      const minCount = checkCount(o.minCount, "collocates: minCount", 2, 2 ** 32 - 1);
      withString(word, (w, n) => call(M._fh_collocates, h, w, n, window, top, minCount));
      const r = output();
      for (const c of r) c.score = exactNumber(c.score);
      return r;
    }

    stats() {
      call(M._fh_stats, live(this));
      return output();
    }

    toBytes() {
      const h = live(this);
      const p = M._fh_index_data(h);
      return heap().slice(p, p + M._fh_index_size(h));  // a copy, never a view of the heap
    }

    dispose() {
      const handle = handles.get(this);
      if (!handle) return;
      if (registry) registry.unregister(this);
      handles.delete(this);
      M._fh_index_free(handle);
    }
  }

  let reader = null;  // fahras.mjs: the fahras-reader.mjs module its openCollection uses

  function documentStrings(doc, i, ids) {
    const what = `buildIndex: document ${i}`;
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
      throw invalidArgument(`${what} must be an object, not ${describe(doc)}`);
    }
    if (typeof doc.id !== "string" || doc.id === "") {
      throw invalidArgument(`${what} needs an id (a non-empty string), not ${typeof doc.id === "string" ? "\"\"" : describe(doc.id)}`);
    }
    if (ids.has(doc.id)) throw invalidArgument(`${what}: duplicate id ${JSON.stringify(doc.id)}`);
    ids.add(doc.id);
    const strings = [doc.id, "", ""];
    for (const [k, name] of [[1, "title"], [2, "text"]]) {
      if (doc[name] !== undefined) strings[k] = checkString(doc[name], `${what} (${JSON.stringify(doc.id)}): ${name}`);
    }
    for (const [name, value] of Object.entries(doc)) {
      if (name === "id" || name === "title" || name === "text" || value === undefined) continue;
      strings.push(name, checkString(value, `${what} (${JSON.stringify(doc.id)}): field ${JSON.stringify(name)}`));
    }
    return strings;
  }

  return {
    version,

    normalize(text) {
      checkString(text, "normalize: text");
      withString(text, (p, n) => call(M._fh_normalize, p, n));
      return output();
    },

    analyze(text) {
      checkString(text, "analyze: text");
      withString(text, (p, n) => call(M._fh_analyze, p, n));
      return output().map(([start, end, normalized, stem]) =>
        ({ text: text.slice(start, end), start, end, normalized, stem }));
    },

    buildIndex(docs, options) {
      if (!Array.isArray(docs)) throw invalidArgument(`buildIndex: docs must be an array of documents, not ${describe(docs)}`);
      const storeText = checkBoolean(checkOptions(options, "buildIndex").storeText, "buildIndex: storeText", true);
      const builder = call(M._fh_builder_new, storeText ? 1 : 0);
      try {
        const ids = new Set();
        for (let i = 0; i < docs.length; i++) {
          const added = withPacked(documentStrings(docs[i], i, ids), (p, n) => call(M._fh_builder_add, builder, p, n));
          if (!added) throw outputError();
        }
        const handle = call(M._fh_builder_build, builder);
        if (!handle) throw outputError();
        return new FahrasIndex(handle);
      } finally {
        M._fh_builder_free(builder);
      }
    },

    loadIndex(bytes) {
      if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
      else if (ArrayBuffer.isView(bytes)) bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      else throw invalidArgument(`loadIndex: bytes must be a Uint8Array, not ${describe(bytes)}`);
      const p = malloc(bytes.length);
      heap().set(bytes, p);
      const handle = call(M._fh_index_load, p, bytes.length);  // owns p from here on
      if (!handle) throw outputError();
      return new FahrasIndex(handle);
    },

    // A collection on a static host: read by fahras-reader.mjs's module (bindings.cpp) with the
    // code of fahras-collection.mjs (collection.js); fahras.mjs makes a reader on first use.
    openCollection(url, options) {
      if (typeof M._fh_collection_open !== "function") {
        const wasmBinary = options !== null && typeof options === "object" ? options.wasmBinary : undefined;
        reader = reader || import("./fahras-reader.mjs").then((m) => m.createFahras({ locateFile: (path) => locateFile(path), wasmBinary }));
        reader.catch(() => (reader = null));  // tried again by the next call
        return reader.then((r) => r.openCollection(url, options));
      }
      const api = { M, call, malloc, heap, withString, withPacked, output, outputError, FahrasError, invalidArgument, describe,
                    checkOptions, checkCount, now, searchArguments, searchResult, documentArguments, kwicArguments, frequencyArguments };
      return import("./fahras-collection.mjs").then((m) => m.openCollection(api, url, options));
    },
  };
}
