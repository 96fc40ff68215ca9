// The markdown report of the web benchmarks, from the results measure.mjs gathers.
// SPDX-License-Identifier: MIT

import { kb, max, mb, median, ms } from "./stats.mjs";

const verdict = (bytes, budgetKB) => (bytes <= budgetKB * 1024 ? `within ${budgetKB} KB` : `**over ${budgetKB} KB**`);
const ratio = (value, base) => (value == null || base == null || !base ? "" : `${(value / base).toFixed(2)}`);
const row = (cells) => `| ${cells.join(" | ")} |`;

function engineSize(size) {
  const lines = [`### Engine size: fahras.wasm + fahras.mjs (budget ${size.budgetKB} KB gzipped)`, ""];
  lines.push(row(["file", "raw KB", "gzip -9 KB"]), row(["---", "---:", "---:"]));
  for (const [name, f] of Object.entries(size.files)) lines.push(row([name, kb(f.raw), kb(f.gzip)]));
  lines.push(row(["**sum**", kb(size.raw), `**${kb(size.gzip)}** (${verdict(size.gzip, size.budgetKB)})`]));
  return lines;
}

function firstLoad(demo) {
  const first = demo.cold.keys[0];
  const lines = [`### The demo's first load, before the first result (budget ${demo.budgetKB} KB gzipped)`, ""];
  lines.push("Every response of a cold run (fresh profile; query typed key by key right after " +
    "DOMContentLoaded) that ended before the first result was painted, in the order they ended (run 1):", "");
  lines.push(row(["response", "by", "raw KB", "gzip -9 KB", "on the wire KB", "ended at ms"]),
             row(["---", "---", "---:", "---:", "---:", "---:"]));
  for (const r of first.responses) {
    lines.push(row([`\`${r.path.replace(/\?v=\w+/, "")}\``, r.byServiceWorker ? "service worker" : "page",
                    kb(r.raw), kb(r.gzip), kb(r.wireBody ?? 0), ms(r.endedMs)]));
  }
  lines.push(row([`**page** (${first.page.count} responses)`, "", kb(first.page.raw),
                  `**${kb(first.page.gzip)}** (${verdict(first.page.gzip, demo.budgetKB)})`, kb(first.page.wire ?? 0), ""]));
  lines.push(row([`service worker precache (${first.serviceWorker.count} responses)`, "", kb(first.serviceWorker.raw),
                  kb(first.serviceWorker.gzip), kb(first.serviceWorker.wire ?? 0), ""]));
  // What was downloaded: network bytes as sent (gzip from serve.mjs); responses the service
  // worker took from the HTTP cache cost none.
  const wire = (first.page.wire ?? 0) + (first.serviceWorker.wire ?? 0);
  lines.push(row(["**downloaded** (page + service worker, network bytes)", "", "", "",
                  `**${kb(wire)}** (${verdict(wire, demo.budgetKB)})`, ""]));
  lines.push("");
  const all = [...demo.cold.keys, ...demo.cold.insert];
  const range = (values) => (Math.min(...values) === Math.max(...values) ? kb(values[0]) : `${kb(Math.min(...values))}–${kb(Math.max(...values))}`);
  lines.push(`Over all ${all.length} cold runs: the page's own responses ${range(all.map((r) => r.page.gzip))} KB gzipped; ` +
    `downloaded before the first result, service worker included, ${range(all.map((r) => (r.page.wire ?? 0) + (r.serviceWorker.wire ?? 0)))} KB ` +
    "(the service worker precaches through the HTTP cache once the page is idle: what it takes from there costs no network bytes).");
  return lines;
}

function timeToFirstResult(demo, title = "Time to the first result") {
  const lines = [`### ${title} (${demo.runs} cold runs per row, fresh profile each)`, ""];
  lines.push(`Milliseconds from navigation start (performance.timeOrigin). Query «${demo.firstQuery}» entered as soon as ` +
    "DOMContentLoaded has fired and the box has focus. **First result** = the first `#results li.hit` shown for the whole " +
    "query: inserted into the DOM, then painted (the next frame after insertion). Medians; the site is served from " +
    "127.0.0.1, so no network time is included.", "");
  lines.push(row(["query entered", "DOMContentLoaded", "engine + index ready", "typing start", "typing end", "first result in DOM", "**first result painted**", "each run (painted)"]));
  lines.push(row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---"]));
  const names = { keys: "typed key by key", insert: "one input event (IME/paste)" };
  for (const [entry, runs] of Object.entries(demo.cold)) {
    const t = (key) => ms(median(runs.map((r) => r.times[key])));
    lines.push(row([names[entry], t("domContentLoaded"), t("ready"), t("typingStart"), t("typingEnd"), t("firstResultInDom"),
      `**${t("firstResultPainted")}**`, runs.map((r) => ms(r.times.firstResultPainted)).join(", ")]));
  }
  return lines;
}

function perKeystroke(demo) {
  const s = demo.typing.strokes;
  const took = s.flatMap((x) => x.engineTookMs);
  const stat = (values) => [ms(median(values)), ms(max(values))];
  const lines = [`### Per keystroke: «${demo.typedQuery}» typed letter by letter (${s.length} keystrokes)`, ""];
  lines.push("On the loaded page (service worker installed), each key waits for its results to be painted, then 100 ms.", "");
  lines.push(row(["measure", "median ms", "max ms"]), row(["---", "---:", "---:"]));
  lines.push(row(["input event → results painted (includes the demo's 60 ms debounce)", ...stat(s.map((x) => x.inputToPainted))]));
  lines.push(row(["debounce over (app commits the query) → results painted: search + DOM + paint", ...stat(s.map((x) => x.commitToPainted).filter((x) => x != null))]));
  lines.push(row(["search time of the demo's search() call (#status data-took-ms)", ...stat(s.map((x) => x.statusMs).filter((x) => x != null))]));
  lines.push(row([`engine tookMs, the same ${s.length} queries searched again in the page (${demo.typing.reps}× each, warm)`, ...stat(took)]));
  return lines;
}

function nodeEngines(results, queryCount) {
  const base = results.find((r) => r.engine === "fahras");
  const memory = (r) => r.memory.heapUsed + r.memory.external;
  const first = results[0];
  const lines = [`### Node: fahras.wasm against MiniSearch and FlexSearch (${first.documents} documents, ${mb(first.rawBytes)} MB of title+text)`, ""];
  lines.push(`${queryCount} queries from the generator, top ${first.k}, ${first.passes} timed passes after one warm-up pass; each engine in its own ` +
    `process (Node ${first.node}, --expose-gc). **memory** = growth of heapUsed + external after the build, the documents ` +
    "dropped and a full GC (external holds the WebAssembly memory, which never shrinks: for fahras it is the build's peak; " +
    "the live index is the \"index MB\" column). p50/p99: wall time per query; CPU: the process's CPU time during the query, " +
    "which other processes on the machine cannot stretch (the wall p99 of a busy machine is mostly waiting for a core). " +
    "Ratios are engine / fahras: above 1, fahras is faster or smaller.", "");
  lines.push(row(["engine", "version", "build s", "build MB/s", "memory MB", "index MB", "p50 µs", "p99 µs", "CPU p50 µs", "CPU p99 µs",
    "queries with hits", "mean matches", "build ×", "memory ×", "p50 ×", "p99 ×", "CPU p99 ×"]));
  lines.push(row(["---", "---", ...Array(15).fill("---:")]));
  for (const r of results) {
    lines.push(row([r.engine, r.version, (r.buildMs / 1000).toFixed(2), r.buildMBps.toFixed(2), mb(memory(r)),
      r.memory.indexBytes == null ? "" : mb(r.memory.indexBytes), r.latencyUs.p50.toFixed(0), r.latencyUs.p99.toFixed(0),
      r.cpuUs.p50.toFixed(0), r.cpuUs.p99.toFixed(0), `${r.withHits}/${r.queries}`, r.meanTotal == null ? "n/a" : r.meanTotal.toFixed(0),
      ratio(r.buildMs, base?.buildMs), ratio(memory(r), base && memory(base)), ratio(r.latencyUs.p50, base?.latencyUs.p50),
      ratio(r.latencyUs.p99, base?.latencyUs.p99), ratio(r.cpuUs.p99, base?.cpuUs.p99)]));
  }
  lines.push("");
  for (const r of results) {
    if (r.engineLatencyUs) {
      lines.push(`- ${r.engine}: inside the WebAssembly search call (tookMs) p50 ${r.engineLatencyUs.p50.toFixed(0)} µs, ` +
        `p99 ${r.engineLatencyUs.p99.toFixed(0)} µs; WebAssembly memory ${mb(r.memory.wasmMemory)} MB ` +
        `(+${mb(r.memory.wasmMemoryGrowth)} MB over the empty module).`);
    }
  }
  for (const r of results) lines.push(`- ${r.engine}: ${r.config}`);
  return lines;
}

/** Microseconds as the latency tables show them: µs below 10 ms, else ms with a unit. */
const micros = (us) => (us >= 10000 ? `${(us / 1000).toFixed(1)} ms` : us.toFixed(0));
/** A duration with its unit, for the targets. */
const duration = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(0)} µs`);

/** The groups of queries the latency tables split by, and their headers. */
const GROUPS = [["all", "all queries"], ["exact", "no typo"], ["typo", "mistyped word"], ["typo non-word", "... a non-word"],
  ["expanded", "typo expansion (fahras's notes)"], ["not expanded", "no typo expansion"]];

/**
 * Latency by kind of query, wall time (`cpu` false) or CPU time: the engines in Node, then
 * native fahras (bench_fahras, engine_harness.cpp) on the same corpus and queries.
 */
function latencyByKind(results, native, cpu) {
  const nativeModes = native?.search.modes ?? {};
  const count = (key) => results.find((r) => r.groups?.[key])?.groups[key].queries ?? nativeModes.ids?.latency[key]?.queries;
  const shown = GROUPS.filter(([key]) => count(key) !== undefined);
  const lines = [cpu ? "### Query CPU time by kind of query: p50 / p95 / p99 in µs" : "### Query latency by kind of query: p50 / p95 / p99 in µs", ""];
  lines.push(cpu
    ? "The process's CPU time during each query (what a busy machine cannot stretch)."
    : "Wall time per query, as the caller waits for it (for fahras.wasm: UTF-8 in, results as JavaScript objects out). " +
      "Kinds from the generator's side file; typo expansion from fahras's own notes. **native** = `bench_fahras` " +
      "(C++, Release) on the same corpus and queries, timed by the engine harness.", "");
  lines.push(row(["engine", "results", ...shown.map(([key, header]) => `${header} (${count(key)})`)]));
  lines.push(row(["---", "---", ...shown.map(() => "---:")]));
  const cell = (p) => (p ? `${micros(p.p50)} / ${micros(p.p95)} / ${micros(p.p99)}` : "");
  for (const r of results) {
    const what = r.engine === "fahras+text" ? "30-word snippets" : "ids";
    lines.push(row([r.engine === "fahras" || r.engine === "fahras+text" ? `${r.engine} (wasm)` : r.engine, what,
      ...shown.map(([key]) => cell(r.groups?.[key]?.[cpu ? "cpuUs" : "latencyUs"]))]));
  }
  for (const [mode, what] of [["ids", "ids"], ["snippets", "30-word snippets"]]) {
    if (!nativeModes[mode]) continue;
    const stat = (g, name) => g[`${cpu ? "cpu_" : ""}${name}_us`];
    lines.push(row(["fahras native", what, ...shown.map(([key]) => {
      const g = nativeModes[mode].latency[key];
      return g ? cell({ p50: stat(g, "p50"), p95: stat(g, "p95"), p99: stat(g, "p99") }) : "";
    })]));
  }
  return lines;
}

/** Issue 10's web targets, measured in this run. */
function webTargets(results) {
  const lines = ["### Issue 10 targets, web (this run; see bench/README.md for which corpus each is for)", ""];
  lines.push(row(["target", "measured", "met"]), row(["---", "---", "---"]));
  const yes = (met) => (met ? "yes" : "**no**");
  const find = (name) => results.nodeEngines?.find((r) => r.engine === name);
  const wasm = find("fahras"), text = find("fahras+text"), mini = find("minisearch");
  const native = results.native?.search.modes;
  if (text) {
    lines.push(row(["fahras.wasm in Node, 10 hits with 30-word snippets: p95 ≤ 5 ms (5 MB)",
      `${duration(text.latencyUs.p95)} (CPU ${duration(text.cpuUs.p95)})`, yes(text.latencyUs.p95 <= 5000)]));
  }
  if (wasm && mini) {
    lines.push(row(["fahras.wasm ids-only p50 ≤ MiniSearch's", `${duration(wasm.latencyUs.p50)} vs ${duration(mini.latencyUs.p50)} ` +
      `(${(wasm.latencyUs.p50 / mini.latencyUs.p50).toFixed(2)}x; CPU ${(wasm.cpuUs.p50 / mini.cpuUs.p50).toFixed(2)}x)`,
      yes(wasm.latencyUs.p50 <= mini.latencyUs.p50)]));
  }
  if (wasm && native?.ids) {
    const all = native.ids.latency.all;
    lines.push(row(["fahras.wasm ids-only within 2x of native, same corpus and queries (p50)",
      `${duration(wasm.latencyUs.p50)} vs ${duration(all.p50_us)}: ${(wasm.latencyUs.p50 / all.p50_us).toFixed(2)}x ` +
      `(CPU ${(wasm.cpuUs.p50 / all.cpu_p50_us).toFixed(2)}x; p99 ${(wasm.latencyUs.p99 / all.p99_us).toFixed(2)}x)`,
      yes(wasm.latencyUs.p50 <= 2 * all.p50_us)]));
  }
  if (text && native?.snippets) {
    const all = native.snippets.latency.all;
    lines.push(row(["fahras.wasm with snippets / native with snippets (reported)",
      `p50 ${(text.latencyUs.p50 / all.p50_us).toFixed(2)}x, p95 ${(text.latencyUs.p95 / all.p95_us).toFixed(2)}x`, "-"]));
  }
  if (results.large) {
    const painted = (entry) => median(results.large.cold[entry].map((r) => r.times.firstResultPainted));
    lines.push(row([`time to the first result in the browser, ${mb(results.large.rawBytes)} MB corpus (reported)`,
      `${ms(painted("insert"))} ms (typed key by key: ${ms(painted("keys"))} ms)`, "-"]));
  }
  const size = results.engineSize;
  lines.push(row([`fahras.wasm + fahras.mjs ≤ ${size.budgetKB} KB gzipped`, `${kb(size.gzip)} KB`, yes(size.withinBudget)]));
  return lines;
}

/** The whole report. Sections whose part was skipped are left out. */
export function markdownReport(results) {
  const lines = ["## Web: the WebAssembly module and the demo", ""];
  lines.push(`- machine: ${results.machine.os}, ${results.machine.cpus} cores, ${results.machine.cpu}; ` +
    `load average ${results.machine.load.map((x) => x.toFixed(1)).join(" ")} at the start, ` +
    `${results.machine.loadAfter.map((x) => x.toFixed(1)).join(" ")} at the end`);
  const browser = results.demo?.cold.keys[0]?.browser;
  lines.push(`- module: ${results.wasmDir} (MinSizeRel); Node ${results.nodeVersion}${browser ? `; ${browser} (/usr/bin/chromium, headless)` : ""}`);
  lines.push("- sizes: KB = 1024 bytes; gzip -9 = `gzip -9 -n` of each file or response body, what a static server " +
    "with compression would send (web_demo/serve.mjs sends gzip -9)");
  if (results.demo?.screenshot) lines.push(`- screenshot after the first result: ${results.demo.screenshot}`);
  lines.push("", ...engineSize(results.engineSize), "");
  if (results.demo) {
    lines.push(...firstLoad(results.demo), "", ...timeToFirstResult(results.demo), "", ...perKeystroke(results.demo), "");
    const errors = [...results.demo.cold.keys, ...results.demo.cold.insert, results.demo.typing].flatMap((r) => r.errors);
    if (errors.length) lines.push(`Console or page errors seen: ${[...new Set(errors)].join("; ")}`, "");
  }
  if (results.large) {
    const large = results.large;
    lines.push(...timeToFirstResult(large, `Time to the first result on a ${mb(large.rawBytes)} MB corpus (title + text), ` +
      `${large.documents} documents, index ${mb(large.indexBytes)} MB with the text`), "");
  }
  if (results.nodeEngines) {
    lines.push(...nodeEngines(results.nodeEngines, results.queryCount), "");
    lines.push(...latencyByKind(results.nodeEngines, results.native, false), "");
    lines.push(...latencyByKind(results.nodeEngines, results.native, true), "");
  }
  lines.push(...webTargets(results), "");
  return lines.join("\n") + "\n";
}
