// The size budgets, gzipped. fahras.wasm + fahras.mjs: issue 13 asks 70 KB; issue 10's ceiling
// was 80 KB, which the module had nearly reached (81.6 KB of it). Cutting code, not features
// (the CRC tables computed at first use, one tokenizer loop for every caller in wasm, no
// iostreams, compact sorts, tallies in a small hash map of our own instead of
// std::unordered_map, a word's positions merged rather than sorted), brought it to 68.9 KB with
// soft AND and the key-only typo walk (69.5 KB with the typo note's bounded reading). What a
// collection's visitor loads before the root (fahras-worker.mjs, fahras.mjs +
// fahras-reader.wasm, fahras-collection.mjs): at most 77 KB (76.9 KB with the typo table's
// lookups), so that startup stays under issue 11's 100 KB with a root of up to 23 KB (11.4 KB
// for 100 MB of text).
// SPDX-License-Identifier: MIT
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { wasmDir } from "./helpers.mjs";

const BUDGET = 70 * 1024;
const COLLECTION_BUDGET = 77 * 1024;
// Measured as bench/run web measures it (bench/web/stats.mjs): the gzip program, -9 -n. Node's
// own zlib compresses fahras.wasm about 1 KB worse; it is reported too.
const gzip9 = (bytes) => execFileSync("gzip", ["-9", "-n", "-c"], { input: bytes, maxBuffer: 1 << 30 }).length;

// The gzipped size of the files `names` (the first a .wasm), or null for a Debug build.
function gzippedTotal(t, names) {
  const files = names.map((name) => [name, readFileSync(join(wasmDir, name))]);
  // A Debug build (-O1, SAFE_HEAP, names) is megabytes: the budget is for optimized builds.
  if (files[0][1].length > 1024 * 1024) {
    t.skip(`not an optimized build (${files[0][1].length} bytes of wasm)`);
    return null;
  }
  let total = 0;
  for (const [name, bytes] of files) {
    const gz9 = gzip9(bytes);
    const zlib9 = gzipSync(bytes, { level: 9 }).length;
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    t.diagnostic(`${name}: ${bytes.length} bytes, gzip -9 ${gz9}, Node zlib -9 ${zlib9}, brotli ${br}`);
    total += gz9;
  }
  return total;
}

it("fahras.wasm + fahras.mjs fit in 70 KB gzipped", (t) => {
  const total = gzippedTotal(t, ["fahras.wasm", "fahras.mjs"]);
  if (total === null) return;
  t.diagnostic(`total gzip -9: ${total} bytes of ${BUDGET}`);
  assert.ok(total <= BUDGET, `${total} bytes gzipped exceed the budget of ${BUDGET}`);
});

it("a collection's runtime (worker, loader, reader, collection code) fits in 77 KB gzipped", (t) => {
  const total = gzippedTotal(t, ["fahras-reader.wasm", "fahras.mjs", "fahras-collection.mjs", "fahras-worker.mjs"]);
  if (total === null) return;
  t.diagnostic(`total gzip -9: ${total} bytes of ${COLLECTION_BUDGET}`);
  assert.ok(total <= COLLECTION_BUDGET, `${total} bytes gzipped exceed the budget of ${COLLECTION_BUDGET}`);
});
