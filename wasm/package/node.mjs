// fahras in Node: createFahras() reads fahras.wasm from this package's folder itself.
// SPDX-License-Identifier: MIT
//
// In a browser (or through a bundler) the package's entry is fahras.mjs, which fetches
// fahras.wasm next to itself. Node's fetch() cannot read files, so here the bytes are read
// from disk and passed as wasmBinary, unless the caller passes its own.
import { readFile } from "node:fs/promises";
import { createFahras as instantiate, FahrasError } from "./fahras.mjs";

export { FahrasError };

/** As fahras.mjs's createFahras (see fahras.d.ts); `wasmBinary` defaults to this package's. */
export async function createFahras(options) {
  if (options !== undefined && (options === null || typeof options !== "object")) return instantiate(options);
  if (options?.wasmBinary !== undefined || options?.locateFile !== undefined) return instantiate(options);
  return instantiate({ ...options, wasmBinary: await readFile(new URL("./fahras.wasm", import.meta.url)) });
}

export default createFahras;
