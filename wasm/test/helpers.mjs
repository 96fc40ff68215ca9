// Shared helpers of the WebAssembly module's Node tests: the built module, fixtures, offsets.
// SPDX-License-Identifier: MIT
//
// The module is read from $FAHRAS_WASM_DIR (default: build-wasm/wasm in the repository), where
// `emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=MinSizeRel && cmake --build build-wasm`
// puts fahras.mjs and fahras.wasm.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const wasmDir = resolve(process.env.FAHRAS_WASM_DIR || join(repoRoot, "build-wasm/wasm"));
export const moduleUrl = pathToFileURL(join(wasmDir, "fahras.mjs")).href;

/** The ES module fahras.mjs itself: { default, createFahras }. */
export async function importModule() {
  for (const file of ["fahras.mjs", "fahras.wasm"]) {
    if (!existsSync(join(wasmDir, file))) {
      throw new Error(`${join(wasmDir, file)} is missing: build the module ` +
        "(emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=MinSizeRel && " +
        "cmake --build build-wasm) or point FAHRAS_WASM_DIR at it");
    }
  }
  return import(moduleUrl);
}

export const wasmBinary = () => readFileSync(join(wasmDir, "fahras.wasm"));

/** A fresh instance of the module, as Node code uses it. */
export async function loadFahras() {
  const { default: createFahras } = await importModule();
  return createFahras({ wasmBinary: wasmBinary() });
}

/** The five bundled articles as buildIndex documents: id, title, text, source, date, url. */
export function articles() {
  const dir = join(repoRoot, "web_demo/articles");
  return JSON.parse(readFileSync(join(dir, "articles.json"), "utf8")).map(({ file, ...meta }) => ({
    id: meta.id,
    title: meta.title,
    text: readFileSync(join(dir, file), "utf8"),
    source: meta.source,
    date: meta.date,
    url: meta.url,
  }));
}

/**
 * The UTF-16 offset of byte offset `byte` of `text`'s UTF-8 form, by Node's own decoder: an
 * independent check of the conversion bindings.cpp does.
 */
export function utf16Offset(text, byte) {
  return Buffer.from(text, "utf8").subarray(0, byte).toString("utf8").length;
}

/** [[begin, end], ...] byte spans of `text` to UTF-16 spans. */
export function utf16Spans(text, spans) {
  return spans.map(([b, e]) => [utf16Offset(text, b), utf16Offset(text, e)]);
}

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** CRC-32 (IEEE, as zlib and the index footer). */
export function crc32(bytes) {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return ~crc >>> 0;
}

/** Rewrites the checksum of index bytes in place (it covers [12, size - 4)). */
export function fixChecksum(bytes) {
  const crc = crc32(bytes.subarray(12, bytes.length - 4));
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(bytes.length - 4, crc, true);
  return bytes;
}

/** Asserts `e` is a FahrasError as fahras.d.ts describes it. */
export function isFahrasError(e, code) {
  return e instanceof Error && e.name === "FahrasError" && typeof e.message === "string" &&
    e.message.startsWith("fahras: ") && typeof e.code === "string" && (code === undefined || e.code === code);
}
