// Figure 5: fahras.wasm against MiniSearch and FlexSearch in Node, each in its own process.
// SPDX-License-Identifier: MIT

import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** fahras first (the ratios are against it); fahras+text is the demo's setup, for reference. */
export const ENGINES = ["fahras", "minisearch", "flexsearch", "fahras+text"];

/**
 * Runs engine-process.mjs for each engine, one after the other (one core busy at a time), and
 * returns their results. Each process writes `<out>/node-<engine>.json` and the hits of every
 * query to `<out>/node-<engine>-hits.jsonl`, to compare the engines' answers.
 */
export function compareEngines({ corpus, queries, kinds, passes, k = 10, wasmDir, out, engines = ENGINES }) {
  const results = [];
  for (const engine of engines) {
    const file = engine.replace(/\W/g, "-");
    process.stderr.write(`== node: ${engine}\n`);
    const stdout = execFileSync(process.execPath, [
      "--expose-gc", path.join(HERE, "engine-process.mjs"),
      "--engine", engine, "--corpus", corpus, "--queries", queries, ...(kinds ? ["--kinds", kinds] : []),
      "--k", String(k), "--passes", String(passes), "--wasm-dir", wasmDir,
      "--json", path.join(out, `node-${file}.json`), "--hits", path.join(out, `node-${file}-hits.jsonl`),
    ], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 });
    results.push(JSON.parse(stdout.trim().split("\n").at(-1)));
  }
  return results;
}
