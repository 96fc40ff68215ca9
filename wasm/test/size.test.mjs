// The size budget: fahras.wasm + fahras.mjs at most 70 KB gzipped (issue 13; the demo's first load,
// index included, must stay under 150 KB).
// SPDX-License-Identifier: MIT
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { wasmDir } from "./helpers.mjs";

const BUDGET = 70 * 1024;
// Measured as bench/run web measures it (bench/web/stats.mjs): the gzip program, -9 -n. Node's
// own zlib compresses fahras.wasm about 1 KB worse; it is reported too.
const gzip9 = (bytes) => execFileSync("gzip", ["-9", "-n", "-c"], { input: bytes, maxBuffer: 1 << 30 }).length;

it("fahras.wasm + fahras.mjs fit in 70 KB gzipped", (t) => {
  const files = ["fahras.wasm", "fahras.mjs"].map((name) => [name, readFileSync(join(wasmDir, name))]);
  // A Debug build (-O1, SAFE_HEAP, names) is megabytes: the budget is for optimized builds.
  if (files[0][1].length > 1024 * 1024) {
    t.skip(`not an optimized build (${files[0][1].length} bytes of wasm)`);
    return;
  }
  let total = 0;
  for (const [name, bytes] of files) {
    const gz9 = gzip9(bytes);
    const zlib9 = gzipSync(bytes, { level: 9 }).length;
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    t.diagnostic(`${name}: ${bytes.length} bytes, gzip -9 ${gz9}, Node zlib -9 ${zlib9}, brotli ${br}`);
    total += gz9;
  }
  t.diagnostic(`total gzip -9: ${total} bytes of ${BUDGET}`);
  assert.ok(total <= BUDGET, `${total} bytes gzipped exceed the budget of ${BUDGET}`);
});
