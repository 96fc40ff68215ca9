// Budgets 2-4: the demo in headless Chromium: bytes before the first result, time to the first
// result (cold, fresh profile each run) and search time per keystroke.
// SPDX-License-Identifier: MIT
//
// Chromium is Debian's /usr/bin/chromium (or $CHROMIUM) driven by playwright-core, with the
// flags headless Chromium needs as root on a machine without outside network. The site is
// served by web_demo/serve.mjs on a free port of 127.0.0.1: no network latency or throttling, so
// the times are what the machine's CPU makes of the page, not of a download.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { gzipSize } from "./stats.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const VIEWPORT = { width: 1280, height: 900 };

export const FIRST_LOAD_BUDGET_KB = 100; // issue 13; tests/browser/budget.test.mjs holds the same
/** Typed right after load; "first result" is the first hit shown for all of it. */
export const FIRST_QUERY = "كوريا الشمالية";
/** Typed letter by letter on a loaded page, for the per-keystroke times. */
export const TYPED_QUERY = "العلاقات بين روسيا وكوريا الشمالية";
// The demo's search options (web_demo/app.js: PAGE, SNIPPET_WORDS, search as you type), used to
// time the same searches through the engine's API in the page.
const DEMO_SEARCH_OPTIONS = { prefix: true, limit: 20, snippetWords: 26 };

/**
 * Runs in the page before any of its scripts (addInitScript) and records, relative to the
 * navigation start (performance.now()):
 * - inputs: every input event of the search box (event timeStamp) and the value it left;
 * - commits: each history.replaceState/pushState: app.js calls it just before it renders, when
 *   the debounce of a keystroke has run out;
 * - renders: each change of the result list (#results), with the query in the URL at that
 *   moment, the number of hits, the status line, and `painted`: the time after the next frame
 *   (requestAnimationFrame, then a posted message, which runs once that frame is drawn);
 * - ready: when the engine and index are loaded (app.js sets data-ready on <html>);
 * - firstHit: the first render with a hit for `query`.
 */
function probe(query) {
  const b = (window.__webBench = { inputs: [], commits: [], renders: [], ready: null, firstHit: null });
  const afterNextPaint = (f) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => f(performance.now());
    channel.port2.postMessage(0);
  });
  document.addEventListener("input", (e) => {
    if (e.target.id === "q") b.inputs.push({ at: e.timeStamp, value: e.target.value });
  }, true);
  for (const name of ["replaceState", "pushState"]) {
    const original = history[name];
    history[name] = function (...args) {
      b.commits.push({ at: performance.now(), url: String(args[2]) });
      return original.apply(this, args);
    };
  }
  new MutationObserver((records) => {
    const now = performance.now();
    if (b.ready === null && document.documentElement.hasAttribute("data-ready")) b.ready = now;
    const results = document.getElementById("results");
    if (!results || !records.some((r) => r.target === results || results.contains(r.target))) return;
    const render = {
      q: new URLSearchParams(location.search).get("q") ?? "",
      at: now,
      hits: results.querySelectorAll("li.hit").length,
      status: document.getElementById("status")?.textContent ?? "",
      tookMs: document.getElementById("status")?.dataset.tookMs ?? null,
      painted: null,
    };
    b.renders.push(render);
    afterNextPaint((t) => (render.painted = t));
    if (b.firstHit === null && render.q === query && render.hits > 0) b.firstHit = render;
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-ready"] });
}

/** Serves `siteDir` with web_demo/serve.mjs on a free port; resolves to { url, stop() }. */
async function serve(siteDir) {
  const server = spawn(process.execPath, [path.join(REPO, "web_demo/serve.mjs"), siteDir], {
    env: { ...process.env, PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (found) resolve(found[0]);
    });
    server.on("exit", (code) => reject(new Error(`serve.mjs exited (${code}) before listening`)));
  });
  const stop = () => server.kill();
  process.once("exit", stop); // also when this process ends on an error
  return { url, stop };
}

/** A fresh Chromium with an empty profile; close() also deletes the profile. */
async function launch() {
  const profile = mkdtempSync(path.join(os.tmpdir(), "fahras-webbench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    viewport: VIEWPORT,
    locale: "ar",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console error: ${m.text()}`));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Records every finished request of the context, the page's and the service worker's, with the
 * epoch time its response ended. Nothing heavy happens during the run (no bodies over the
 * protocol, no gzip: both would take CPU and protocol time from the page being measured);
 * `sizes()` reads the bodies afterwards from the site folder, as the server sends files
 * unchanged, and checks each against the response's Content-Length.
 */
function recordResponses(context, siteDir, siteUrl) {
  const pending = [];
  let lost = 0;
  // A request can still finish while the context closes; its record is then dropped (null),
  // never left as a rejected promise that would end the process.
  context.on("requestfinished", (request) => pending.push((async () => {
    const seen = Date.now();
    const response = await request.response();
    const timing = request.timing();
    return {
      url: request.url(),
      type: request.resourceType(),
      byServiceWorker: Boolean(request.serviceWorker()),
      status: response?.status() ?? null,
      length: Number(response?.headers()["content-length"] ?? NaN),
      encoding: response?.headers()["content-encoding"] ?? "identity",
      request, // for its sizes once the run is over
      endedEpoch: timing.startTime > 0 && timing.responseEnd >= 0 ? timing.startTime + timing.responseEnd : seen,
    };
  })().catch(() => (lost++, null))));
  const body = (url) => {
    const u = new URL(url);
    let file = path.join(siteDir, decodeURIComponent(u.pathname));
    if (u.pathname.endsWith("/")) file = path.join(file, "index.html");
    return url.startsWith(siteUrl) && existsSync(file) ? readFileSync(file) : null;
  };
  const gzipped = new Map(); // url -> gzip size: the same file is often fetched twice
  const sizes = (list) => list.map(({ url, length, ...r }) => {
    const bytes = r.status === 200 ? body(url) : null;
    if (bytes && r.encoding === "identity" && Number.isFinite(length) && bytes.length !== length) {
      throw new Error(`${url}: the server sent ${length} bytes, the site folder has ${bytes.length}`);
    }
    if (bytes && !gzipped.has(url)) gzipped.set(url, gzipSize(bytes));
    const where = url.startsWith(siteUrl) ? url.slice(siteUrl.length - 1) : url;
    return { ...r, path: where, raw: bytes?.length ?? 0, gzip: bytes ? gzipped.get(url) : 0 };
  });
  // Body bytes that crossed the network, encoded, asked for after the run. A response from the
  // HTTP cache reports 0 or a negative size (headers only): counted as 0.
  const wire = async (request) => {
    const size = (await request.sizes().catch(() => null))?.responseBodySize;
    return size === undefined ? null : Math.max(0, size);
  };
  const all = async () => Promise.all((await Promise.all(pending)).filter(Boolean).map(async ({ request, ...r }) =>
    ({ ...r, wireBody: await wire(request) })));
  return { all, lost: () => lost, sizes };
}

const sum = (list, key) => list.reduce((n, x) => n + (x[key] ?? 0), 0);

/**
 * One cold run: fresh profile, navigate, focus the box and type FIRST_QUERY as soon as the DOM
 * is loaded, wait for its first hit to be painted. `entry` "keys" types key by key (keyboard
 * events, no delay); "insert" enters the whole query as one input event (as an IME or paste
 * does), which shows the page's own part without the automation's typing time.
 */
async function coldRun(site, siteDir, entry, screenshot) {
  const browser = await launch();
  try {
    const { context, page } = browser;
    const recorded = recordResponses(context, siteDir, site.url);
    await page.addInitScript(probe, FIRST_QUERY);
    await page.goto(site.url, { waitUntil: "domcontentloaded" });
    await page.evaluate(() => document.getElementById("q").focus());
    if (entry === "keys") await page.keyboard.type(FIRST_QUERY);
    else await page.keyboard.insertText(FIRST_QUERY);
    await page.waitForFunction(() => window.__webBench.firstHit?.painted != null, null, { timeout: 60000 });
    const b = await page.evaluate(() => ({
      ...window.__webBench,
      origin: performance.timeOrigin,
      domContentLoaded: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
      userAgent: navigator.userAgent,
    }));
    if (screenshot) await page.screenshot({ path: screenshot });
    const firstResultEpoch = b.origin + b.firstHit.painted;
    const ended = (await recorded.all()).filter((r) => r.endedEpoch <= firstResultEpoch);
    const before = recorded.sizes(ended).sort((x, y) => x.endedEpoch - y.endedEpoch);
    const fromPage = before.filter((r) => !r.byServiceWorker);
    const fromWorker = before.filter((r) => r.byServiceWorker);
    const inputs = b.inputs.filter((i) => FIRST_QUERY.startsWith(i.value) && i.value);
    return {
      entry,
      times: {
        domContentLoaded: b.domContentLoaded,
        ready: b.ready,
        typingStart: inputs[0]?.at ?? null,
        typingEnd: inputs.at(-1)?.at ?? null,
        firstResultInDom: b.firstHit.at,
        firstResultPainted: b.firstHit.painted,
      },
      firstResultHits: b.firstHit.hits,
      responses: before.map(({ url, endedEpoch, ...r }) => ({ ...r, endedMs: endedEpoch - b.origin })),
      page: { count: fromPage.length, raw: sum(fromPage, "raw"), gzip: sum(fromPage, "gzip"),
              wire: sum(fromPage, "wireBody") },
      serviceWorker: { count: fromWorker.length, raw: sum(fromWorker, "raw"), gzip: sum(fromWorker, "gzip"),
                       wire: sum(fromWorker, "wireBody") },
      unrecordedResponses: recorded.lost(), // records that failed (expected: 0)
      errors: browser.errors,
      browser: /(?:Headless)?Chrome\/[\d.]+/.exec(b.userAgent)?.[0] ?? b.userAgent,
    };
  } finally {
    await browser.close();
  }
}

/**
 * The search time of the demo's own search() call, in ms: from #status's data-took-ms (the page
 * no longer shows it to people), or read from the status line of an older page ("... في ٠٫٣١
 * ملّي ثانية").
 */
function statusMs(status, tookMs) {
  if (tookMs != null && tookMs !== "") return Number(tookMs);
  const found = /في\s+([\d\u0660-\u0669٫٬.,]+)\s+ملّي/.exec(status);
  if (!found) return null;
  const latin = found[1].replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/[٬,]/g, "").replace("٫", ".");
  return Number(latin);
}

/**
 * Types TYPED_QUERY letter by letter on a loaded page (service worker installed), waiting for
 * each keystroke's results to be painted before the next key, then 100 ms (a quick typist).
 * Per keystroke: input event -> results painted (this includes the demo's 60 ms debounce),
 * commit -> painted (search, DOM and paint: the debounce left out), the time the demo shows in
 * its status line, and the engine's own tookMs for the same query string (searched again in
 * the page, through a second instance of the module, `reps` times, with the demo's options).
 */
async function keystrokes(site, reps) {
  const browser = await launch();
  try {
    const { page } = browser;
    await page.addInitScript(probe, TYPED_QUERY);
    await page.goto(site.url);
    await page.waitForFunction(() => window.__webBench.ready !== null, null, { timeout: 60000 });
    await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(r, 10000))]));
    await page.evaluate(() => document.getElementById("q").focus());
    const strokes = [];
    for (let i = 0; i < TYPED_QUERY.length; i++) {
      const value = TYPED_QUERY.slice(0, i + 1);
      const seen = await page.evaluate(() => window.__webBench.renders.length);
      await page.keyboard.type(TYPED_QUERY[i]);
      await page.waitForFunction(({ seen, value }) => {
        const r = window.__webBench.renders;
        return r.length > seen && r.at(-1).q === value && r.at(-1).painted !== null;
      }, { seen, value }, { timeout: 30000 });
      const b = await page.evaluate(() => window.__webBench);
      const input = b.inputs.findLast((x) => x.value === value);
      const render = b.renders.findLast((x) => x.q === value);
      const commit = b.commits.findLast((x) => x.at >= input.at && x.at <= render.at);
      strokes.push({
        value,
        hits: render.hits,
        inputToPainted: render.painted - input.at,
        inputToDom: render.at - input.at,
        commitToPainted: commit ? render.painted - commit.at : null,
        statusMs: statusMs(render.status, render.tookMs),
      });
      await page.waitForTimeout(100);
    }
    const tookMs = await page.evaluate(async ({ values, options, reps }) => {
      // The page's own (versioned) URLs, from its preload links.
      const href = (selector) => {
        const link = document.querySelector(selector);
        if (!link) throw new Error(`the demo page has no ${selector} (index.html changed?)`);
        return link.href;
      };
      const moduleUrl = href('link[rel="modulepreload"][href*="fahras.mjs"]');
      const wasmUrl = href('link[rel="preload"][href*="fahras.wasm"]');
      const { default: createFahras } = await import(moduleUrl);
      const fahras = await createFahras({ locateFile: () => wasmUrl });
      // The page ships a built index (build-site.mjs --index) or builds one from the articles.
      const prebuilt = document.querySelector('link[rel="preload"][href*="articles.fahras"]');
      const index = prebuilt
        ? fahras.loadIndex(new Uint8Array(await (await fetch(prebuilt.href)).arrayBuffer()))
        : fahras.buildIndex(await (await fetch(href('link[rel="preload"][href*="articles.json"]'))).json());
      const took = values.map(() => []);
      for (let r = 0; r < reps; r++) values.forEach((q, i) => took[i].push(index.search(q, options).tookMs));
      index.dispose();
      return took;
    }, { values: strokes.map((s) => s.value), options: DEMO_SEARCH_OPTIONS, reps });
    strokes.forEach((s, i) => (s.engineTookMs = tookMs[i]));
    return { strokes, reps, errors: browser.errors };
  } finally {
    await browser.close();
  }
}

/**
 * Only the cold runs (fresh profile, query entered right after DOMContentLoaded), on a site
 * built around another index: the time to the first result for a large corpus.
 */
export async function measureFirstResult({ siteDir, runs }) {
  const site = await serve(path.resolve(siteDir));
  try {
    const cold = { keys: [], insert: [] };
    for (let i = 0; i < runs; i++) {
      cold.keys.push(await coldRun(site, siteDir, "keys", null));
      cold.insert.push(await coldRun(site, siteDir, "insert", null));
    }
    return { firstQuery: FIRST_QUERY, runs, cold };
  } finally {
    site.stop();
  }
}

/** Everything measured in the browser. */
export async function measureDemo({ siteDir, runs, reps = 5, screenshot }) {
  const site = await serve(path.resolve(siteDir));
  try {
    const cold = { keys: [], insert: [] };
    for (let i = 0; i < runs; i++) {
      cold.keys.push(await coldRun(site, siteDir, "keys", i === 0 ? screenshot : null));
      cold.insert.push(await coldRun(site, siteDir, "insert", null));
    }
    const typing = await keystrokes(site, reps);
    return { firstQuery: FIRST_QUERY, typedQuery: TYPED_QUERY, budgetKB: FIRST_LOAD_BUDGET_KB, runs, cold, typing, screenshot };
  } finally {
    site.stop();
  }
}
