// fahras.mjs: loads fahras.wasm and gives it a JavaScript API (the build minifies this file).
// SPDX-License-Identifier: MIT
//
// fahras.d.ts documents the API. The other side of every call is bindings.cpp: strings go in as
// UTF-8 copied into WebAssembly memory, results come out as JSON text that bindings.cpp wrote,
// with offsets already in UTF-16 code units. Every failure reaches the caller as a FahrasError
// (an Error with `code`, and `offset` for index bytes), never as a trap or a bare number.

/** Every failure of the API: an Error with a stable `code` (and `offset` for index bytes). */
export class FahrasError extends Error {
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

const now = () => (typeof performance === "object" ? performance.now() : Date.now());

const errorText = (e) => String(e && e.message ? e.message : e);

const FREQUENCY_FORMS = { surface: 0, normalized: 1, stem: 2 };

// The engine reads the first MAX_QUERY_BYTES bytes of a query (UTF-8) and cuts there (query.hpp).
// It needs one byte more to see that the query goes on: so MAX_QUERY_BYTES + 1 UTF-16 units
// always suffice (a unit is at least one byte), plus the second half of a surrogate pair cut
// in two. A long query is cut here, before it is copied into WebAssembly memory.
const MAX_QUERY_BYTES = 2048;
function queryPart(query) {
  let keep = MAX_QUERY_BYTES + 1;
  if (query.length <= keep) return query;
  if ((query.charCodeAt(keep - 1) & 0xfc00) === 0xd800) keep++;
  return query.slice(0, keep);
}

function checkQuery(value, what) {
  return queryPart(checkString(value, what));
}

// The flags of a query as bindings.cpp reads them: bit 0 prefix, bit 1 typo fallback.
function queryFlags(o, what) {
  const prefix = checkBoolean(o.prefix, `${what}: prefix`, false);
  const typoFallback = checkBoolean(o.typoFallback, `${what}: typoFallback`, true);
  return (prefix ? 1 : 0) | (typoFallback ? 2 : 0);
}

// Metadata filters as packed (field, value) strings.
function filterStrings(filters, what) {
  const out = [];
  if (filters === undefined) return out;
  if (filters === null || typeof filters !== "object" || Array.isArray(filters)) {
    throw invalidArgument(`${what}: filters must be an object, not ${describe(filters)}`);
  }
  for (const [field, value] of Object.entries(filters)) out.push(field, checkString(value, `${what}: filters.${field}`));
  return out;
}

// The arguments of search, document, kwic and frequencies, checked: the same for an index and
// a collection (collection.js).
function searchArguments(query, options) {
  query = checkQuery(query, "search: query");
  const o = checkOptions(options, "search");
  return {
    query,
    limit: checkCount(o.limit, "search: limit", 10, 1000),
    offset: checkCount(o.offset, "search: offset", 0, 2 ** 31 - 1),
    flags:
      queryFlags(o, "search") |
      (checkBoolean(o.softAnd, "search: softAnd", true) ? 4 : 0) |
      (checkBoolean(o.fields, "search: fields", true) ? 8 : 0),
    snippetWords: checkCount(o.snippetWords, "search: snippetWords", 30, 10000),
    filters: filterStrings(o.filters, "search"),
  };
}

// `numbers`: the exact doubles of the same output (numbers()), which the JSON holds by index.
function searchResult(r, tookMs, numbers) {
  for (const hit of r.hits) {
    hit.score = numbers[hit.score];
    // No fields (a search with fields: false) come as nothing (bindings.cpp).
    if (!hit.fields) hit.fields = {};
    // An empty snippet without title highlights comes as nothing (bindings.cpp).
    if (!hit.snippet) {
      hit.snippet = { text: "", start: 0, wordsBefore: false, wordsAfter: false, highlights: [] };
      hit.titleHighlights = [];
    }
  }
  return { total: r.total, partial: r.partial, tookMs, hits: r.hits, notes: r.notes };
}

function documentArguments(id, query, options) {
  checkString(id, "document: id");
  query = query === undefined || query === null ? "" : checkQuery(query, "document: query");
  const prefix = checkBoolean(checkOptions(options, "document").prefix, "document: prefix", false);
  return { id, query, prefix: prefix ? 1 : 0 };
}

function kwicArguments(query, options) {
  query = checkQuery(query, "kwic: query");
  const o = checkOptions(options, "kwic");
  return {
    query,
    // The engine caps the width (kwic_options::max_width in stats.hpp).
    width: checkCount(o.width, "kwic: width", 40, 2 ** 32 - 1),
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

// An ArrayBuffer or a view of one as a Uint8Array of the same bytes (no copy).
function bytesOf(bytes, what) {
  const buffer = ArrayBuffer.isView(bytes) ? bytes.buffer : bytes;
  if (!(buffer instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && buffer instanceof SharedArrayBuffer))) {
    throw invalidArgument(`${what} must be an ArrayBuffer or a view of one (a Uint8Array, say), not ${describe(bytes)}`);
  }
  try {
    return ArrayBuffer.isView(bytes) ? new Uint8Array(buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(buffer);
  } catch (e) {
    // A detached buffer (transferred to a worker, say) cannot be read: say so, as a FahrasError.
    const error = invalidArgument(`${what}: the ArrayBuffer is detached (it was transferred), so its bytes are gone`);
    error.cause = e;
    throw error;
  }
}

// --- Loading fahras.wasm or fahras-reader.wasm ------------------------------------------------
// Two builds of bindings.cpp: fahras.wasm (indexes) and fahras-reader.wasm (collections), which
// this same file loads and binds. The module needs little from JavaScript: a few imports (abort, and growing the memory for
// malloc) and a call to its static constructors. This loader does that itself rather than ship
// Emscripten's generic runtime (about 3 KB gzipped): bindings.cpp is the whole interface.

const WASM_PAGE = 65536;

// The imports, for a module of `memory()`. An import this loader does not know would be a new
// dependency of the C++ code: it fails loudly the first time it is called.
function imports(module, memory) {
  const env = {
    abort() {
      throw new Error("abort() called");
    },
    // The high half of a 64-bit result, for JavaScript that cannot take one: none here reads it.
    setTempRet0() {},
    // malloc asks for `requested` bytes of memory in all. Grow by at least a fifth (as
    // Emscripten does), so that a growing heap is not copied at every step, up to the 2 GiB
    // the module allows; false when even `requested` is impossible.
    emscripten_resize_heap(requested) {
      requested >>>= 0;
      const old = memory().buffer.byteLength;
      const max = 2 ** 31;
      if (requested > max) return 0;
      for (let cutDown = 1; cutDown <= 4; cutDown *= 2) {
        const overGrown = Math.min(old * (1 + 0.2 / cutDown), requested + 100663296);
        const size = Math.min(max, Math.ceil(Math.max(requested, overGrown) / WASM_PAGE) * WASM_PAGE);
        try {
          memory().grow((size - old) / WASM_PAGE);
          return 1;
        } catch (e) {
          // Try a smaller step.
        }
      }
      return 0;
    },
  };
  const all = {};
  for (const { module: name, name: field, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== "function") continue;
    all[name] = all[name] || {};
    all[name][field] = env[field] || (() => {
      throw new Error(`fahras.wasm called ${name}.${field}, which fahras.mjs does not provide`);
    });
  }
  return all;
}

// Compiles the module: from `wasmBinary`, or from its URL, while it downloads when the server
// says application/wasm (streaming compilation needs that type), else once it is all there.
async function compile(wasmBinary, url) {
  if (wasmBinary !== undefined) return WebAssembly.compile(wasmBinary);
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  const type = response.headers.get("content-type") || "";
  if (typeof WebAssembly.compileStreaming === "function" && /^application\/wasm\b/i.test(type)) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

// Instantiates `file` (fahras.wasm or fahras-reader.wasm) and binds the API to it.
async function instantiate(file, options, what) {
  const { wasmBinary, locateFile } = checkOptions(options, what);
  if (locateFile !== undefined && typeof locateFile !== "function") {
    throw invalidArgument(`${what}: locateFile must be a function, not ${describe(locateFile)}`);
  }
  if (wasmBinary !== undefined && !(wasmBinary instanceof ArrayBuffer || ArrayBuffer.isView(wasmBinary))) {
    throw invalidArgument(`${what}: wasmBinary must be an ArrayBuffer or a Uint8Array, not ${describe(wasmBinary)}`);
  }
  const base = new URL(".", fahrasModuleUrl).href;  // the folder of fahras.mjs
  const url = locateFile ? locateFile(file, base) : `${base}${file}`;
  let exports;
  try {
    const module = await compile(wasmBinary, url);
    let memory = null;
    const instance = await WebAssembly.instantiate(module, imports(module, () => memory));
    exports = instance.exports;
    memory = exports.memory;
    exports.__wasm_call_ctors();
  } catch (e) {
    const where = wasmBinary === undefined ? ` from ${url}` : "";
    const inNode = typeof process === "object" && process !== null && process.versions && process.versions.node;
    const hint = wasmBinary === undefined && inNode ? ` (in Node, pass { wasmBinary: the bytes of ${file} })` : "";
    const error = new FahrasError(`fahras: could not instantiate ${file}${where}${hint}: ${errorText(e)}`, "instantiate");
    error.cause = e;
    throw error;
  }
  return bindModule(exports, locateFile);
}

/** Instantiates the module; see fahras.d.ts. Each call makes a separate instance. */
export function createFahras(options) {
  return instantiate("fahras.wasm", options, "createFahras");
}

/** Instantiates the collection reader, fahras-reader.wasm; see fahras.d.ts. */
export function createFahrasReader(options) {
  return instantiate("fahras-reader.wasm", options, "createFahrasReader");
}

export default createFahras;

function bindModule(M, locateFile) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  // A view of the memory, made again after the memory grew (which detaches the old buffer):
  // ask heap() each time, never keep a view across calls.
  let view = new Uint8Array(M.memory.buffer);
  const heap = () => (view.buffer === M.memory.buffer ? view : (view = new Uint8Array(M.memory.buffer)));

  // fahras-reader.wasm has no index functions (bindings.cpp): calling one is "unsupported".
  function needs(fn) {
    if (typeof fn !== "function") {
      throw new FahrasError("fahras: the collection reader (createFahrasReader) only reads collections: build and load indexes with createFahras", "unsupported");
    }
  }

  // Runs a WebAssembly export. A trap (out of memory, or a bug) becomes a FahrasError; the
  // stack pointer is put back, as the trap skipped the epilogues that would have done it.
  function call(fn, ...args) {
    needs(fn);
    const stack = M.stackSave();
    try {
      return fn(...args);
    } catch (e) {
      M.stackRestore(stack);
      const error = M.fh_out_of_memory()
        ? new FahrasError("fahras: out of WebAssembly memory", "out_of_memory")
        : new FahrasError(`fahras: internal error: ${errorText(e)}`, "internal");
      error.cause = e;
      throw error;
    }
  }

  function malloc(size) {
    // fh_malloc's size is 32 bits: a larger one would wrap around to a small block.
    const p = size < 2 ** 31 && call(M.fh_malloc, size);
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
      M.fh_free(p);
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
      M.fh_free(p);
    }
  }

  // The JSON text the last call left in the output buffer.
  function output() {
    const p = M.fh_out_data();
    return JSON.parse(decoder.decode(heap().subarray(p, p + M.fh_out_size())));
  }

  // The exact doubles the last output refers to by index (bindings.cpp, json_writer.hpp): read
  // them right after output(), before any other call.
  function numbers() {
    return new Float64Array(M.memory.buffer, M.fh_out_numbers(), M.fh_out_number_count());
  }

  function outputError() {
    const e = output();
    return new FahrasError(e.message, e.code, e.offset);
  }

  const version = (() => {
    const h = heap();
    const p = M.fh_version();
    let end = p;
    while (h[end] !== 0) end++;
    return decoder.decode(h.subarray(p, end));
  })();

  // A forgotten index is freed when collected; dispose() is the way to free it on time.
  const registry = typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry((handle) => M.fh_index_free(handle)) : null;
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
      const a = searchArguments(query, options);
      const h = live(this);  // after the options: a getter of theirs may have disposed the index
      let tookMs = 0;
      const ok = withString(a.query, (q, qn) => withPacked(a.filters, (f, fn) => {
        const start = now();
        const r = call(M.fh_search, h, q, qn, a.limit, a.offset, a.flags, a.snippetWords, f, fn);
        tookMs = now() - start;
        return r;
      }));
      if (!ok) throw outputError();
      return searchResult(output(), tookMs, numbers());
    }

    document(id, query, options) {
      const a = documentArguments(id, query, options);
      const h = live(this);
      withString(a.id, (i, n) => withString(a.query, (q, qn) => call(M.fh_document, h, i, n, q, qn, a.prefix)));
      return output();
    }

    facets(query, options) {
      query = query === undefined || query === null ? "" : checkQuery(query, "facets: query");
      const o = checkOptions(options, "facets");
      const flags = queryFlags(o, "facets");
      const filters = filterStrings(o.filters, "facets");
      let fields = [];
      if (o.fields !== undefined) {
        if (!Array.isArray(o.fields)) throw invalidArgument(`facets: fields must be an array of field names, not ${describe(o.fields)}`);
        fields = o.fields.map((name, i) => checkString(name, `facets: fields[${i}]`));
      }
      const h = live(this);
      const ok = withString(query, (q, qn) => withPacked(filters, (f, fn) =>
        withPacked(fields, (n, nn) => call(M.fh_facets, h, q, qn, flags, f, fn, n, nn))));
      if (!ok) throw outputError();
      return output();
    }

    kwic(query, options) {
      const a = kwicArguments(query, options);
      const h = live(this);
      withString(a.query, (q, n) => call(M.fh_kwic, h, q, n, a.width, a.limit));
      return output();
    }

    frequencies(options) {
      const a = frequencyArguments(options);
      const h = live(this);
      call(M.fh_frequencies, h, a.by, a.top, a.skipStopwords);
      return output();
    }

    collocates(word, options) {
      word = checkQuery(word, "collocates: word");
      const o = checkOptions(options, "collocates");
      // The engine caps the window (collocate_options::max_window in stats.hpp).
      const window = checkCount(o.window, "collocates: window", 4, 2 ** 32 - 1);
      const top = checkCount(o.top, "collocates: top", 20, 1000000);
      const minCount = checkCount(o.minCount, "collocates: minCount", 2, 2 ** 32 - 1);
      const h = live(this);
      withString(word, (w, n) => call(M.fh_collocates, h, w, n, window, top, minCount));
      const r = output();
      const n = numbers();
      for (const c of r) c.score = n[c.score];
      return r;
    }

    stats() {
      call(M.fh_stats, live(this));
      const r = output();
      const n = numbers();
      r.averageLength.title = n[r.averageLength.title];
      r.averageLength.text = n[r.averageLength.text];
      return r;
    }

    // A damaged list or record reads as empty: this says so (null while nothing is wrong).
    damage() {
      return call(M.fh_index_damage, live(this)) ? null : outputError();
    }

    toBytes() {
      const h = live(this);
      const p = M.fh_index_data(h);
      return heap().slice(p, p + M.fh_index_size(h));  // a copy, never a view of the heap
    }

    dispose() {
      const handle = handles.get(this);
      if (!handle) return;
      if (registry) registry.unregister(this);
      handles.delete(this);
      M.fh_index_free(handle);
    }
  }
  // `using index = fahras.loadIndex(bytes)` disposes of it at the end of the block.
  if (typeof Symbol.dispose === "symbol") FahrasIndex.prototype[Symbol.dispose] = FahrasIndex.prototype.dispose;

  let reader = null;  // fahras.wasm's module: the fahras-reader.wasm module openCollection uses

  // Whether `s` is new to `seen`, compared as the engine gets it: in UTF-8, where a lone
  // surrogate becomes U+FFFD. Adds it.
  const unique = (seen, s) => {
    const key = s.replace(/\p{Cs}/gu, "\ufffd");
    return !seen.has(key) && seen.add(key);
  };

  function documentStrings(doc, i, ids) {
    const what = `buildIndex: document ${i}`;
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
      throw invalidArgument(`${what} must be an object, not ${describe(doc)}`);
    }
    const id = doc.id;  // read once: a getter may answer differently each time
    if (typeof id !== "string" || id === "") {
      throw invalidArgument(`${what} needs an id (a non-empty string), not ${typeof id === "string" ? "\"\"" : describe(id)}`);
    }
    if (!unique(ids, id)) throw invalidArgument(`${what}: duplicate id ${JSON.stringify(id)}`);
    const strings = [id, "", ""];
    for (const [k, name] of [[1, "title"], [2, "text"]]) {
      if (doc[name] !== undefined) strings[k] = checkString(doc[name], `${what} (${JSON.stringify(id)}): ${name}`);
    }
    const names = new Set();
    for (const [name, value] of Object.entries(doc)) {
      if (name === "id" || name === "title" || name === "text" || value === undefined) continue;
      if (!unique(names, name)) throw invalidArgument(`${what}: duplicate field ${JSON.stringify(name)}`);
      strings.push(name, checkString(value, `${what} (${JSON.stringify(id)}): field ${JSON.stringify(name)}`));
    }
    return strings;
  }

  return {
    version,

    normalize(text) {
      checkString(text, "normalize: text");
      withString(text, (p, n) => call(M.fh_normalize, p, n));
      return output();
    },

    analyze(text) {
      checkString(text, "analyze: text");
      withString(text, (p, n) => call(M.fh_analyze, p, n));
      return output().map(([start, end, normalized, stem]) =>
        ({ text: text.slice(start, end), start, end, normalized, stem }));
    },

    buildIndex(docs, options) {
      if (!Array.isArray(docs)) throw invalidArgument(`buildIndex: docs must be an array of documents, not ${describe(docs)}`);
      const storeText = checkBoolean(checkOptions(options, "buildIndex").storeText, "buildIndex: storeText", true);
      const builder = call(M.fh_builder_new, storeText ? 1 : 0);
      try {
        const ids = new Set();
        for (let i = 0; i < docs.length; i++) {
          const added = withPacked(documentStrings(docs[i], i, ids), (p, n) => call(M.fh_builder_add, builder, p, n));
          if (!added) throw outputError();
        }
        const handle = call(M.fh_builder_build, builder);
        if (!handle) throw outputError();
        return new FahrasIndex(handle);
      } finally {
        M.fh_builder_free(builder);
      }
    },

    loadIndex(bytes) {
      bytes = bytesOf(bytes, "loadIndex: bytes");
      needs(M.fh_index_load);
      const p = malloc(bytes.length);
      heap().set(bytes, p);
      const handle = call(M.fh_index_load, p, bytes.length);  // owns p from here on
      if (!handle) throw outputError();
      return new FahrasIndex(handle);
    },

    // A collection on a static host: read by fahras-reader.wasm's module (bindings.cpp) with the
    // code of fahras-collection.mjs (collection.js); fahras.wasm's module makes a reader on first use.
    openCollection(url, options) {
      if (typeof M.fh_collection_open !== "function") {
        const wasmBinary = options !== null && typeof options === "object" ? options.wasmBinary : undefined;
        reader = reader || createFahrasReader({ locateFile, wasmBinary });
        reader.catch(() => (reader = null));  // tried again by the next call
        return reader.then((r) => r.openCollection(url, options));
      }
      const api = { M, call, malloc, heap, withString, withPacked, output, numbers, outputError, FahrasError, invalidArgument, describe,
                    checkOptions, checkCount, now, searchArguments, searchResult, documentArguments, kwicArguments, frequencyArguments };
      return import("./fahras-collection.mjs").then((m) => m.openCollection(api, url, options));
    },
  };
}
