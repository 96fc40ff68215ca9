// Small numeric and size helpers shared by the web benchmarks.
// SPDX-License-Identifier: MIT

import { execFileSync } from "node:child_process";

/**
 * Bytes after `gzip -9 -n` (the gzip program itself, so the figure is the one a shell gives;
 * zlib's level 9, which build-site.mjs reports, differs by a few hundred bytes on the wasm):
 * what a static server with compression sends for these bytes.
 */
export const gzipSize = (bytes) => execFileSync("gzip", ["-9", "-n", "-c"], { input: bytes, maxBuffer: 1 << 30 }).length;

/** The q-quantile (0..1) of the numbers, nearest rank on the sorted values; NaN when empty. */
export function quantile(values, q) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (values) => quantile(values, 0.5);
export const max = (values) => (values.length ? Math.max(...values) : NaN);

/** KiB with one decimal, the unit of every size in the tables ("KB"). */
export const kb = (bytes) => (bytes / 1024).toFixed(1);
/** MiB with one decimal ("MB"), as in bench/README.md. */
export const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
/** Milliseconds with a precision that suits their size. */
export const ms = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
