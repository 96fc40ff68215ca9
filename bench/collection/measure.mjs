#!/usr/bin/env node
// Measures a fahras collection and Pagefind on the same corpus in headless Chromium: bytes and
// requests at startup and per query, and the time from typing to painted results.
// SPDX-License-Identifier: MIT
//
//   node measure.mjs --site DIR --out DIR [--runs N] [--engines fahras,pagefind]
//
// DIR holds one folder per engine (made by bench/collection/run): fahras/ and pagefind/, each
// with index.html (page/index.html), bench-page.js, <engine>-engine.js and the engine's files.
// web_demo/serve.mjs serves it with gzip, as the demo is served, and logs every response (URL,
// encoding, body bytes): the bytes here are the response bodies as sent, gzipped where the
// server compressed them (Pagefind's own files come gzipped already), without HTTP headers.
//
// Each run is a fresh Chromium profile (nothing cached): open the engine's page and wait until
// it can search (startup), type one query (cold), clear the box and type it again (warm: what
// the engine keeps in memory is reused). Medians over --runs runs (default 3) per query kind.
// Writes measure.json to --out and prints markdown.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../..");
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The query kinds of issue 11, with one query each on the generated corpus. */
export const QUERIES = [
  { kind: "1 word (frequent)", query: "الحكومة" },           // in ~77% of the documents
  { kind: "3 words", query: "وزير الخارجية الروسي" },
  { kind: "phrase", query: "\"الرئيس الروسي\"" },             // two frequent words, in order
  // Mistyped words, as users type them: و for its keyboard neighbour ز, and a dropped ي in a
  // word long enough for two edits. Pagefind has no typo tolerance: it finds nothing for them.
  { kind: "1 word, mistyped", query: "الحكزمة" },
  { kind: "long word, mistyped", query: "الاستراتجية" },
];
/** The files of the page itself, the same for both engines: not counted as the engine's. */
const SHELL = /\/(index\.html|bench-page\.js|[a-z]+-engine\.js)?$/;
const QUIET_MS = 400; // the network is idle when the server logged nothing for this long

const { values: args } = parseArgs({
  options: {
    site: { type: "string" },
    out: { type: "string" },
    runs: { type: "string", default: "3" },
    engines: { type: "string", default: "fahras,pagefind" },
  },
});
if (!args.site || !args.out) {
  console.error("usage: node measure.mjs --site DIR --out DIR [--runs N] [--engines fahras,pagefind]");
  process.exit(2);
}
const runs = Number(args.runs);
const engines = args.engines.split(",");

/** serve.mjs --log on a free port: { url, log, stop() }; `log` fills with { url, bytes }. */
async function serve(dir) {
  const server = spawn(process.execPath, [path.join(REPO, "web_demo/serve.mjs"), dir, "--log"], {
    env: { ...process.env, PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.once("exit", () => server.kill());
  const log = [];
  let lastAt = 0;
  const url = await new Promise((resolve, reject) => {
    let pending = "";
    server.stdout.on("data", (chunk) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop();
      for (const line of lines) {
        const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(line);
        if (found) resolve(found[0]);
        else if (line) {
          const [method, url, status, encoding, length] = line.split(" ");
          log.push({ method, url, status: Number(status), encoding, bytes: Number(length) });
          lastAt = performance.now();
        }
      }
    });
    server.on("exit", (code) => reject(new Error(`serve.mjs exited (${code}) before listening`)));
  });
  const quiet = async () => {
    do await new Promise((r) => setTimeout(r, 50));
    while (performance.now() - lastAt < QUIET_MS);
  };
  return { url, log, quiet, stop: () => server.kill() };
}

async function launch() {
  const profile = mkdtempSync(path.join(os.tmpdir(), "fahras-collection-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    locale: "ar",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console error: ${m.text()}`));
  return {
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const sum = (entries) => ({
  bytes: entries.reduce((n, e) => n + e.bytes, 0),
  requests: entries.length,
  files: entries.map((e) => `${e.url} ${e.bytes}`),
});

/** Types `query` into the box (one input event) and waits for the painted run it causes. */
async function type(page, query) {
  const before = await page.evaluate(() => window.__bench.runs.length);
  await page.fill("#q", query);
  await page.waitForFunction((n) => window.__bench.runs.length > n || window.__bench.errors.length, before, { timeout: 120000 });
  const bench = await page.evaluate(() => window.__bench);
  if (bench.errors.length) throw new Error(bench.errors.join("\n"));
  return bench.runs[bench.runs.length - 1];
}

async function measureOnce(server, engine, { query }) {
  const browser = await launch();
  try {
    const { page } = browser;
    const start = server.log.length;
    await page.goto(`${server.url}${engine}/`);
    await page.waitForFunction(() => window.__bench?.ready, null, { timeout: 120000 });
    await server.quiet();
    const loaded = server.log.slice(start);
    const startup = sum(loaded.filter((e) => !SHELL.test(new URL(e.url, server.url).pathname)));

    const coldFrom = server.log.length;
    const cold = await type(page, query);
    await server.quiet();
    const fetched = sum(server.log.slice(coldFrom));

    await page.fill("#q", "");
    const warmFrom = server.log.length;
    const warm = await type(page, query);
    await server.quiet();
    const refetched = sum(server.log.slice(warmFrom));
    if (browser.errors.length) throw new Error(`${browser.errors.join("\n")}\n${server.log.slice(start).filter((e) => e.status >= 400).map((e) => `${e.status} ${e.url}`).join("\n")}`);
    return { startup, query: fetched, coldMs: cold.ms, warmMs: warm.ms, warmRequests: refetched.requests, total: cold.total, shown: cold.shown };
  } finally {
    await browser.close();
  }
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server = await serve(path.resolve(args.site));
const results = {};
try {
  for (const engine of engines) {
    results[engine] = {};
    for (const q of QUERIES) {
      const samples = [];
      for (let i = 0; i < runs; i++) {
        process.stderr.write(`== ${engine}: ${q.kind}, run ${i + 1} of ${runs}\n`);
        samples.push(await measureOnce(server, engine, q));
      }
      results[engine][q.kind] = {
        query: q.query,
        samples,
        startupBytes: median(samples.map((s) => s.startup.bytes)),
        startupRequests: median(samples.map((s) => s.startup.requests)),
        bytes: median(samples.map((s) => s.query.bytes)),
        requests: median(samples.map((s) => s.query.requests)),
        coldMs: median(samples.map((s) => s.coldMs)),
        warmMs: median(samples.map((s) => s.warmMs)),
        total: samples[0].total,
      };
    }
  }
} finally {
  server.stop();
}
writeFileSync(path.join(args.out, "measure.json"), `${JSON.stringify(results, null, 1)}\n`);

// --- markdown -----------------------------------------------------------------------------------
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (v) => `${v.toFixed(0)} ms`;
const rows = [];
rows.push(`| | ${engines.join(" | ")}${engines.length === 2 ? " | ratio" : ""} |`);
rows.push(`|---|${engines.map(() => "---:|").join("")}${engines.length === 2 ? "---:|" : ""}`);
const row = (label, value, format) => {
  const values = engines.map((e) => value(results[e]));
  const ratio = engines.length === 2 && values[0] > 0 ? ` | ${(values[1] / values[0]).toFixed(1)}x` : engines.length === 2 ? " | " : "";
  rows.push(`| ${label} | ${values.map(format).join(" | ")}${ratio} |`);
};
const first = QUERIES[0].kind;
row("startup: engine + root, gzipped", (r) => r[first].startupBytes, kb);
row("startup: requests", (r) => r[first].startupRequests, String);
for (const { kind } of QUERIES) {
  row(`${kind}: bytes`, (r) => r[kind].bytes, kb);
  row(`${kind}: requests`, (r) => r[kind].requests, String);
}
for (const { kind } of QUERIES) {
  row(`${kind}: typing to painted, cold`, (r) => r[kind].coldMs, ms);
  row(`${kind}: typing to painted, warm`, (r) => r[kind].warmMs, ms);
}
for (const { kind } of QUERIES) row(`${kind}: matching documents`, (r) => r[kind].total, String);
console.log(`Queries: ${QUERIES.map((q) => `${q.kind} \`${q.query}\``).join(", ")}; medians of ${runs} cold runs (fresh profile each); ratio = ${engines[1] ?? ""} / ${engines[0]}.\n`);
console.log(rows.join("\n"));
