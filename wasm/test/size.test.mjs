// The size budget of fahras.wasm + fahras.mjs, gzipped. Issue 13 asks for 70 KB, which the demo
// branch met before merging main; the restructure (issue 8), the typo automaton (issue 10) and the
// bounded query work add about 4.9 KB, and lazy loading (per-entry checks at first use) 3.3 KB
// more: 78.1 KB. The budget is issue 10's ceiling, 80 KB; issue 13's 70 KB is not met.
// SPDX-License-Identifier: MIT
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { wasmDir } from "./helpers.mjs";

const BUDGET = 80 * 1024;
// Measured as bench/run web measures it (bench/web/stats.mjs): the gzip program, -9 -n. Node's
// own zlib compresses fahras.wasm about 1 KB worse; it is reported too.
const gzip9 = (bytes) => execFileSync("gzip", ["-9", "-n", "-c"], { input: bytes, maxBuffer: 1 << 30 }).length;

it("fahras.wasm + fahras.mjs fit in 80 KB gzipped", (t) => {
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
