#!/usr/bin/env node
// One engine in its own Node process: build time, heap, query latency on the generated corpus.
// SPDX-License-Identifier: MIT
//
//   node --expose-gc engine-process.mjs --engine fahras|fahras+text|minisearch|flexsearch \
//     --corpus corpus.jsonl --queries queries.txt [--kinds kinds.jsonl] [--k 10] [--passes 5] \
//     [--wasm-dir DIR] [--json out.json] [--hits hits.jsonl]
//
// Order of work, so that each figure measures one thing:
//   1. load the engine's code (and, for fahras, instantiate the module); GC; baseline memory
//   2. parse the corpus into {id, title, text} objects (not timed)
//   3. build: from those objects to a searchable index (timed)
//   4. drop the documents, GC twice, memory again: heap = what the index keeps alive
//   5. one untimed pass over the queries (warm-up; its hits are written to --hits), then
//      --passes timed passes, each query timed alone with process.hrtime (what the caller
//      waits for, results as JavaScript objects included) and process.cpuUsage; percentiles
//      over all queries and, with --kinds (the generator's side file), over exact queries and
//      those with a mistyped word, and for fahras over the queries its notes say it expanded
// Prints the result as JSON on stdout (and writes it to --json).

import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string" },
    corpus: { type: "string" },
    queries: { type: "string" },
    kinds: { type: "string" },
    k: { type: "string", default: "10" },
    passes: { type: "string", default: "5" },
    "wasm-dir": { type: "string" },
    json: { type: "string" },
    hits: { type: "string" },
  },
});
if (!args.engine || !args.corpus || !args.queries) {
  console.error("usage: node --expose-gc engine-process.mjs --engine NAME --corpus FILE --queries FILE [--kinds FILE] [--k N] [--passes N] [--wasm-dir DIR] [--json FILE] [--hits FILE]");
  process.exit(2);
}
if (typeof globalThis.gc !== "function") {
  console.error("engine-process: run node with --expose-gc (the heap is measured after a full GC)");
  process.exit(2);
}
const k = Number(args.k);
const passes = Number(args.passes);

const engines = {
  fahras: async () => (await import("./engines/fahras.mjs")).createEngine({ wasmDir: args["wasm-dir"], storeText: false }),
  "fahras+text": async () => (await import("./engines/fahras.mjs")).createEngine({ wasmDir: args["wasm-dir"], storeText: true }),
  minisearch: async () => (await import("./engines/minisearch.mjs")).createEngine(),
  flexsearch: async () => (await import("./engines/flexsearch.mjs")).createEngine(),
};
if (!engines[args.engine]) {
  console.error(`engine-process: unknown engine ${args.engine} (${Object.keys(engines).join(", ")})`);
  process.exit(2);
}
if (args.engine.startsWith("fahras") && !args["wasm-dir"]) {
  console.error("engine-process: --wasm-dir (the folder of fahras.mjs and fahras.wasm) is needed for fahras");
  process.exit(2);
}

function collect() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage();
}

// --- 1. engine code, baseline
const engine = await engines[args.engine]();
const queries = readFileSync(args.queries, "utf8").split("\n").filter((line) => line.trim() !== "");
// The groups of each query: "exact", or "typo" and "typo <class>" from the generator's side
// file; "expanded" or "not expanded" from fahras's notes are added after the warm-up pass.
const groups = queries.map(() => []);
if (args.kinds) {
  const kinds = readFileSync(args.kinds, "utf8").split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line));
  if (kinds.length !== queries.length || kinds.some((kind, i) => kind.query !== queries[i])) {
    console.error(`engine-process: ${args.kinds} does not describe the queries of ${args.queries} line by line`);
    process.exit(2);
  }
  kinds.forEach((kind, i) => groups[i].push(kind.kind, ...(kind.kind === "typo" ? [`typo ${kind.class}`] : [])));
}
const baseline = collect();
const wasmBaseline = engine.wasmMemoryBytes?.() ?? null;

// --- 2. documents in memory
let docs = readFileSync(args.corpus, "utf8").split("\n").filter(Boolean).map((line) => {
  const { id, title, text } = JSON.parse(line);
  return { id, title, text };
});
const documents = docs.length;
const rawBytes = docs.reduce((n, d) => n + Buffer.byteLength(d.title) + Buffer.byteLength(d.text), 0);
collect();

// --- 3. build
const buildStart = process.hrtime.bigint();
const index = engine.build(docs);
const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;

// --- 4. memory the index keeps
docs = null;
const after = collect();
const memory = {
  heapUsed: after.heapUsed - baseline.heapUsed,
  external: after.external - baseline.external,
  arrayBuffers: after.arrayBuffers - baseline.arrayBuffers,
  rss: after.rss - baseline.rss,
  wasmMemory: engine.wasmMemoryBytes?.() ?? null,
  wasmMemoryGrowth: wasmBaseline === null ? null : engine.wasmMemoryBytes() - wasmBaseline,
  indexBytes: engine.indexBytes?.(index) ?? null,
};

// --- 5. queries
const hitLines = [];
let withHits = 0;
let totalHits = 0;
let totalKnown = true; // FlexSearch returns a page of hits, not the number of matches
queries.forEach((query, q) => {
  const { ids, total, expanded } = engine.search(index, query, k);
  if (ids.length) withHits++;
  if (total === null) totalKnown = false;
  else totalHits += total;
  if (expanded !== undefined) groups[q].push(expanded ? "expanded" : "not expanded");
  hitLines.push(JSON.stringify({ query, total, ids }));
});
const samples = new Float64Array(queries.length * passes); // pass after pass, query by query
// CPU time of the process around each query: unlike the wall time, it does not grow when other
// processes take the core away, which on a busy machine decides the tail (p99).
const cpu = new Float64Array(queries.length * passes);
const inside = new Float64Array(queries.length * passes); // the engine's own time, if it says
let n = 0;
let reportsInside = true;
for (let pass = 0; pass < passes; pass++) {
  for (const query of queries) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const { tookMs } = engine.search(index, query, k);
    samples[n] = Number(process.hrtime.bigint() - start) / 1e3;
    const used = process.cpuUsage(cpuStart);
    cpu[n] = used.user + used.system;
    if (tookMs === undefined) reportsInside = false;
    else inside[n] = tookMs * 1e3;
    n++;
  }
}
function percentiles(values) {
  values = Float64Array.from(values).sort();
  const at = (q) => values[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))];
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: values[values.length - 1], mean };
}

/** The same figures for every group of queries ("all" first), as the native harness gives them. */
function byGroup() {
  const names = ["all", ...new Set(groups.flat())];
  const out = {};
  for (const name of names) {
    const member = (q) => name === "all" || groups[q].includes(name);
    const pick = (values) => values.filter((_, i) => member(i % queries.length));
    out[name] = {
      queries: queries.filter((_, q) => member(q)).length,
      latencyUs: percentiles(pick(samples)),
      cpuUs: percentiles(pick(cpu)),
      engineLatencyUs: reportsInside ? percentiles(pick(inside)) : null,
    };
  }
  return out;
}

const result = {
  engine: engine.name,
  version: engine.version,
  config: engine.config,
  node: process.version,
  documents,
  rawBytes,
  buildMs,
  buildMBps: rawBytes / 2 ** 20 / (buildMs / 1000),
  memory,
  queries: queries.length,
  passes,
  k,
  withHits,
  meanTotal: totalKnown ? totalHits / queries.length : null,
  latencyUs: percentiles(samples),
  cpuUs: percentiles(cpu),
  // fahras: tookMs, the time inside the WebAssembly search call (the rest is the JavaScript
  // wrapper: UTF-8 in, JSON out)
  engineLatencyUs: reportsInside ? percentiles(inside) : null,
  groups: byGroup(),
};
if (args.hits) writeFileSync(args.hits, hitLines.join("\n") + "\n");
if (args.json) writeFileSync(args.json, JSON.stringify(result, null, 2) + "\n");
console.log(JSON.stringify(result));
