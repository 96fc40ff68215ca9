// fahras in Node: createFahras() and createFahrasReader() read fahras.wasm and
// fahras-reader.wasm from this package's folder themselves.
// SPDX-License-Identifier: MIT
//
// In a browser (or through a bundler) the package's entry is fahras.mjs, which fetches
// fahras.wasm next to itself. Node's fetch() cannot read files, so here the bytes are read
// from disk and passed as wasmBinary, unless the caller passes its own.
import { readFile } from "node:fs/promises";
import { createFahras as instantiate, createFahrasReader as instantiateReader, FahrasError } from "./fahras.mjs";

export { FahrasError };

// `create` with options, `wasmBinary` defaulting to the bytes of this package's `file`.
async function withOwnWasm(create, file, options) {
  if (options !== undefined && (options === null || typeof options !== "object")) return create(options);
  if (options?.wasmBinary !== undefined || options?.locateFile !== undefined) return create(options);
  return create({ ...options, wasmBinary: await readFile(new URL(`./${file}`, import.meta.url)) });
}

/** As fahras.mjs's createFahras (see fahras.d.ts); `wasmBinary` defaults to this package's. */
export function createFahras(options) {
  return withOwnWasm(instantiate, "fahras.wasm", options);
}

/** As fahras.mjs's createFahrasReader; `wasmBinary` defaults to this package's. */
export function createFahrasReader(options) {
  return withOwnWasm(instantiateReader, "fahras-reader.wasm", options);
}

export default createFahras;
