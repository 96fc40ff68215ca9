// Budget 1: the size of the WebAssembly module (fahras.wasm + fahras.mjs), raw and gzip -9.
// SPDX-License-Identifier: MIT

import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSize } from "./stats.mjs";

export const ENGINE_BUDGET_KB = 70; // issue 13 (wasm/test/size.test.mjs holds the same)

/** Sizes of fahras.wasm and fahras.mjs in `dir`, their gzipped sum and the budget verdict. */
export function measureEngineSize(dir) {
  const files = {};
  for (const name of ["fahras.wasm", "fahras.mjs"]) {
    const bytes = readFileSync(path.join(dir, name));
    files[name] = { raw: bytes.length, gzip: gzipSize(bytes) };
  }
  const gzip = Object.values(files).reduce((n, f) => n + f.gzip, 0);
  const raw = Object.values(files).reduce((n, f) => n + f.raw, 0);
  return { files, raw, gzip, budgetKB: ENGINE_BUDGET_KB, withinBudget: gzip <= ENGINE_BUDGET_KB * 1024 };
}
