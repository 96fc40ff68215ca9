// fahras's WebAssembly module (fahras.mjs + fahras.wasm) as a benchmark engine in Node.
// SPDX-License-Identifier: MIT

import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * `storeText: false` keeps only what answering a query needs (ids and titles are always stored),
 * like the peers, which store nothing; `storeText: true` is the demo's configuration, with
 * 30-word snippets computed for every hit.
 */
export async function createEngine({ wasmDir, storeText = false }) {
  // The module does not expose its WebAssembly memory; catch the instance as it is made, to
  // read the memory's size (it only grows: after the build it is the build's peak).
  let memory = null;
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async function (...args) {
    const result = await instantiate.apply(this, args);
    const exports = (result.instance ?? result).exports;
    memory = Object.values(exports).find((e) => e instanceof WebAssembly.Memory) ?? null;
    return result;
  };
  let fahras;
  try {
    const { default: createFahras } = await import(pathToFileURL(path.join(wasmDir, "fahras.mjs")).href);
    fahras = await createFahras({ wasmBinary: readFileSync(path.join(wasmDir, "fahras.wasm")) });
  } finally {
    WebAssembly.instantiate = instantiate;
  }
  // Ids only leaves the stored fields out, as the native harness does (stored_fields off).
  const searchOptions = (k) => (storeText ? { limit: k, snippetWords: 30 } : { limit: k, snippetWords: 0, fields: false });
  return {
    name: storeText ? "fahras+text" : "fahras",
    version: fahras.version,
    config: storeText
      ? "fahras.wasm, buildIndex(docs) storing the text, search(q, { limit: 10 }) with 30-word snippets (the demo's setup)"
      : "fahras.wasm, buildIndex(docs, { storeText: false }), search(q, { limit: 10, snippetWords: 0, fields: false }): " +
        "normalization + light10 stems, AND of the words, BM25F over title and text, positions kept for phrases",
    build: (docs) => fahras.buildIndex(docs, { storeText }),
    search(index, query, k) {
      const result = index.search(query, searchOptions(k));
      // tookMs: the time inside the module's search export, without the JavaScript around it.
      return {
        ids: result.hits.map((hit) => hit.id),
        total: result.total,
        tookMs: result.tookMs,
        // a query word matched nothing, so similar index words were searched (fahras's notes)
        expanded: result.notes.some((note) => note.kind === "typo"),
      };
    },
    wasmMemoryBytes: () => memory?.buffer.byteLength ?? null,
    indexBytes: (index) => index.stats().bytes.total,
  };
}
