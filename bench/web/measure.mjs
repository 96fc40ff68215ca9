#!/usr/bin/env node
// Runs the web benchmarks in order and writes web.json; prints the markdown report on stdout.
// SPDX-License-Identifier: MIT
//
//   node bench/web/measure.mjs --site DIR --wasm-dir DIR --corpus FILE --queries FILE --out DIR
//                              [--kinds FILE] [--native FILE.json] [--large-site DIR
//                              --large-corpus FILE] [--passes 5] [--runs 5] [--skip browser,node]
//
// --native: bench_fahras's results on the same corpus and queries (bench/run web makes it),
// for the ratio WebAssembly / native. --large-site: the demo site built around the index of
// --large-corpus, for the time to the first result on a large corpus.
// bench/web/run builds the inputs and calls this. One part at a time, so that no two
// measurements share the machine's two cores.

import { readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { measureDemo, measureFirstResult } from "./demo-browser.mjs";
import { measureEngineSize } from "./engine-size.mjs";
import { compareEngines } from "./node-engines.mjs";
import { markdownReport } from "./report.mjs";

const { values: args } = parseArgs({
  options: {
    site: { type: "string" },
    "wasm-dir": { type: "string" },
    corpus: { type: "string" },
    queries: { type: "string" },
    kinds: { type: "string" },
    native: { type: "string" },
    "large-site": { type: "string" },
    "large-corpus": { type: "string" },
    out: { type: "string" },
    passes: { type: "string", default: "5" },
    runs: { type: "string", default: "5" },
    skip: { type: "string", default: "" },
  },
});
for (const name of ["site", "wasm-dir", "corpus", "queries", "out"]) {
  if (!args[name]) {
    console.error(`measure: --${name} is required (see the top of ${path.basename(process.argv[1])})`);
    process.exit(2);
  }
}
const skip = new Set(args.skip.split(",").filter(Boolean));

const results = {
  date: new Date().toISOString(),
  machine: { os: `${os.type()} ${os.release()} ${os.arch()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, load: os.loadavg() },
  nodeVersion: process.version,
  wasmDir: path.resolve(args["wasm-dir"]),
  site: path.resolve(args.site),
  corpus: path.resolve(args.corpus),
  queries: path.resolve(args.queries),
  queryCount: readFileSync(args.queries, "utf8").split("\n").filter((l) => l.trim()).length,
  // bench_fahras on the same corpus and queries, natively (engine_harness.cpp's JSON)
  native: args.native ? JSON.parse(readFileSync(args.native, "utf8")) : null,
};

process.stderr.write("== web: engine size\n");
results.engineSize = measureEngineSize(args["wasm-dir"]);

if (!skip.has("browser")) {
  process.stderr.write(`== web: the demo in headless Chromium (${args.runs} cold runs per entry, then typing)\n`);
  results.demo = await measureDemo({
    siteDir: args.site,
    runs: Number(args.runs),
    screenshot: path.join(path.resolve(args.out), "demo-first-result.png"),
  });
}

if (!skip.has("browser") && args["large-site"]) {
  const runs = Math.min(3, Number(args.runs));
  process.stderr.write(`== web: time to the first result on ${args["large-corpus"]} (${runs} cold runs per entry)\n`);
  const docs = readFileSync(args["large-corpus"], "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  results.large = {
    corpus: path.resolve(args["large-corpus"]),
    documents: docs.length,
    rawBytes: docs.reduce((n, d) => n + Buffer.byteLength(d.title) + Buffer.byteLength(d.text), 0), // title + text
    indexBytes: statSync(path.join(args["large-site"], "data/articles.fahras")).size,
    ...(await measureFirstResult({ siteDir: args["large-site"], runs })),
  };
}

if (!skip.has("node")) {
  results.nodeEngines = compareEngines({
    corpus: args.corpus,
    queries: args.queries,
    kinds: args.kinds,
    passes: Number(args.passes),
    wasmDir: args["wasm-dir"],
    out: args.out,
  });
}

results.machine.loadAfter = os.loadavg();
writeFileSync(path.join(args.out, "web.json"), JSON.stringify(results, null, 2) + "\n");
process.stdout.write(markdownReport(results));
process.stderr.write(`web: ${path.join(args.out, "web.json")}\n`);
