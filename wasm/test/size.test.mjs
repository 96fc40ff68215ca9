// The size budgets: fahras.wasm + fahras.mjs at most 80 KB gzipped (the demo's first load,
// index included, must stay under 150 KB); what a collection's visitor loads before the root
// (fahras-worker.mjs, fahras-reader.mjs + .wasm, fahras-collection.mjs) at most 85 KB, so that
// startup stays under issue 11's 100 KB with a root of up to 15 KB.
// SPDX-License-Identifier: MIT
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { wasmDir } from "./helpers.mjs";

const BUDGET = 80 * 1024;
const COLLECTION_BUDGET = 85 * 1024;

function gzippedTotal(t, names) {
  const files = names.map((name) => [name, readFileSync(join(wasmDir, name))]);
  // A Debug build (-O1, SAFE_HEAP, names) is megabytes: the budget is for optimized builds.
  if (files[0][1].length > 1024 * 1024) {
    t.skip(`not an optimized build (${files[0][1].length} bytes of wasm)`);
    return null;
  }
  let total = 0;
  for (const [name, bytes] of files) {
    const gz9 = gzipSync(bytes, { level: 9 }).length;
    const gz6 = gzipSync(bytes, { level: 6 }).length;
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    t.diagnostic(`${name}: ${bytes.length} bytes, gzip -9 ${gz9}, gzip -6 ${gz6}, brotli ${br}`);
    total += gz9;
  }
  return total;
}

it("fahras.wasm + fahras.mjs fit in 80 KB gzipped", (t) => {
  const total = gzippedTotal(t, ["fahras.wasm", "fahras.mjs"]);
  if (total === null) return;
  t.diagnostic(`total gzip -9: ${total} bytes of ${BUDGET}`);
  assert.ok(total <= BUDGET, `${total} bytes gzipped exceed the budget of ${BUDGET}`);
});

it("a collection's runtime (worker, reader, collection code) fits in 85 KB gzipped", (t) => {
  const total = gzippedTotal(t, ["fahras-reader.wasm", "fahras-reader.mjs", "fahras-collection.mjs", "fahras-worker.mjs"]);
  if (total === null) return;
  t.diagnostic(`total gzip -9: ${total} bytes of ${COLLECTION_BUDGET}`);
  assert.ok(total <= COLLECTION_BUDGET, `${total} bytes gzipped exceed the budget of ${COLLECTION_BUDGET}`);
});
