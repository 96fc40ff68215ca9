// The large-collection page (web_demo/large/, in FAHRAS_SITE_DIR/large/ with a small generated
// collection): search in the Web Worker, cancelled fetches, the offline download, and the
// network budgets of issue 11, counted at the server.
// SPDX-License-Identifier: MIT
//
// Needs FAHRAS_SITE_DIR (./dev test browser builds it, with the 8 MiB collection of
// web_demo/CMakeLists.txt): most tests read the server's log (web_demo/serve.mjs --log).

import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { openBrowser, screenshot, startSite } from "./harness.mjs";

const SITE = process.env.FAHRAS_SITE_DIR;
const skip = (!SITE || !existsSync(path.join(SITE, "large/collection/root.fahras"))) && "needs FAHRAS_SITE_DIR with large/ (./dev test browser)";
const KB = 1024;

// The shards, without the gzipped copies beside them (web_demo/precompress.mjs).
const shardFiles = () => readdirSync(path.join(SITE, "large/collection/shards")).filter((n) => !n.endsWith(".gz"));
const shardName = (url) => /\/shards\/([^/?]+)$/.exec(new URL(url, "http://x").pathname)?.[1];

/** Opens /large/ in a fresh browser; resolves once the collection's root is loaded. */
async function openLarge(t, site, options) {
  const browser = await openBrowser(t, options);
  await browser.page.goto(`${site.url}large/`);
  await browser.page.waitForSelector("html[data-ready]", { state: "attached" });
  return browser;
}

/** Types a query and waits for its results (or its "no results" note). */
async function search(page, q) {
  await page.locator("#q").fill(q);
  await page.waitForFunction((q) => document.querySelector("#results").dataset.q === q, q);
  return page.locator("#results li.hit").count();
}

/** Resolves once the server's log has been quiet for `ms`. */
async function settle(site, ms = 400) {
  let length = -1;
  while (length !== site.log.length) {
    length = site.log.length;
    await new Promise((r) => setTimeout(r, ms));
  }
}

test("serves shards gzipped and cached for good, the root revalidated", { skip }, async (t) => {
  const site = await startSite();
  t.after(() => site.stop());
  const get = (file) => fetch(new URL(`large/collection/${file}`, site.url), { headers: { "Accept-Encoding": "gzip" } });
  const shard = await get(`shards/${shardFiles().find((n) => n.startsWith("dict-"))}`);
  assert.equal(shard.headers.get("content-encoding"), "gzip");
  assert.equal(shard.headers.get("content-type"), "application/octet-stream");
  assert.match(shard.headers.get("cache-control"), /immutable/);
  const root = await get("root.fahras");
  assert.equal(root.headers.get("cache-control"), "no-cache");
});

test("searches the collection in a Web Worker: the page itself loads no WebAssembly", { skip }, async (t) => {
  const site = await startSite();
  t.after(() => site.stop());
  const { page, errors } = await openLarge(t, site);
  assert.ok((await search(page, "الحكومة")) > 0, "hits");
  assert.ok(await page.locator("#results mark").count() > 0, "highlighted");
  const [worker] = page.workers();
  assert.match(worker?.url() ?? "", /\/large\/fahras-worker\.mjs$/);
  const loaded = (scope) => scope.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));
  const inWorker = await loaded(worker);
  const inPage = await loaded(page);
  assert.ok(inWorker.some((p) => p.endsWith("/fahras-reader.wasm")), `the worker loads the engine: ${inWorker}`);
  assert.ok(inWorker.some((p) => p.includes("/shards/")), "and the shards");
  assert.ok(!inPage.some((p) => p.endsWith(".wasm") || p.includes("/collection/")), `the page does not: ${inPage}`);

  // The reader opens a hit with every match marked.
  await page.locator("#results li.hit a").first().click();
  await page.waitForSelector("#reader[open] .reader-text mark");
  await screenshot(page, "large-reader");
  assert.deepEqual(errors, []);
});

test("the reader dialog is the five-article page's markup, not a copy of it", { skip }, async (t) => {
  // reader.js drives the same dialog on both pages; large/build.mjs takes it from ../index.html.
  const site = await startSite();
  t.after(() => site.stop());
  const dialogOf = async (page) => {
    const html = await (await fetch(new URL(page, site.url))).text();
    const dialogs = html.match(/<dialog\b[^]*?<\/dialog>/g) ?? [];
    assert.equal(dialogs.length, 1, `${page} has one dialog`);
    return dialogs[0];
  };
  const demo = await dialogOf("./");
  assert.match(demo, /<dialog id="reader"[^]*class="prev"[^]*class="next"[^]*class="close"[^]*class="reader-text"/);
  assert.equal(await dialogOf("large/"), demo);
});

test("fahras-worker.mjs also loads a single-file index, and passes errors on", { skip }, async (t) => {
  const site = await startSite();
  t.after(() => site.stop());
  const { page, errors } = await openLarge(t, site);
  const r = await page.evaluate(async () => {
    const { createFahrasWorker } = await import("./fahras-worker.mjs");
    const { default: createFahras } = await import("./fahras.mjs");
    const docs = await (await fetch("../data/articles.json")).json();
    const bytes = (await createFahras()).buildIndex(docs).toBytes();
    const fahras = createFahrasWorker();
    const index = await fahras.loadIndex(bytes);
    const found = await index.search("كوريا", { limit: 3 });
    const bad = await fahras.loadIndex(new Uint8Array([1, 2, 3])).catch((e) => ({ name: e.name, code: e.code }));
    const disposed = await index.dispose().then(() => index.search("كوريا")).catch((e) => e.code);
    fahras.terminate();
    return { total: found.total, hits: found.hits.length, bad, disposed };
  });
  assert.ok(r.total > 0 && r.hits === 3, JSON.stringify(r));
  assert.deepEqual(r.bad, { name: "FahrasError", code: "bad_magic" });
  assert.equal(r.disposed, "disposed");
  assert.deepEqual(errors, []);
});

test("a keystroke cancels the fetches of the search it replaces", { skip }, async (t) => {
  const site = await startSite({ log: true });
  t.after(() => site.stop());
  // What the last query needs, alone.
  const alone = await openLarge(t, site);
  const from = site.log.length;
  await search(alone.page, "الحكومة");
  await settle(site);
  const needed = new Set(site.log.slice(from).map((r) => shardName(r.url)).filter(Boolean));
  assert.ok(needed.size > 0);

  // Each shard request waits until the test lets it go; the first query's wait forever.
  const { context, page, errors } = await openLarge(t, site);
  const held = [];
  const aborted = [];
  await context.route("**/shards/**", (route) => held.push(route));
  page.on("requestfailed", (r) => shardName(r.url()) && aborted.push(shardName(r.url())));
  const before = site.log.length;
  await page.locator("#q").fill("وزير الخارجية");
  while (held.length === 0) await page.waitForTimeout(20);
  await page.locator("#q").fill("الحكومة");
  await page.waitForTimeout(300); // the worker aborts the stale fetches
  const releasing = setInterval(() => held.splice(0).forEach((route) => route.continue().catch(() => {})), 20);
  t.after(() => clearInterval(releasing));
  assert.ok(await search(page, "الحكومة") > 0);
  await settle(site);

  assert.ok(aborted.length > 0, "the stale search's fetches were aborted");
  const served = site.log.slice(before).map((r) => shardName(r.url)).filter(Boolean);
  const extra = served.filter((name) => !needed.has(name));
  assert.deepEqual(extra, [], `the server sent only shards of the last query (${served.length} requests)`);
  assert.deepEqual(errors, []);
});

test("downloads the whole collection, resumably, then searches and reloads offline", { skip }, async (t) => {
  const site = await startSite({ log: true });
  t.after(() => site.stop());
  const { context, page, errors } = await openLarge(t, site);
  await page.evaluate(() => navigator.serviceWorker.ready);

  // Stop after a few files, then go on: nothing stored is fetched twice.
  await page.locator("#offline-start").click();
  await page.waitForFunction(() => Number(document.querySelector("#offline-progress").value) >= 10);
  await page.locator("#offline-stop").click();
  await page.waitForFunction(() => !document.querySelector("#offline-start").hidden);
  assert.equal(await page.evaluate(() => document.querySelector("#offline-remove").hidden), true, "not complete yet");
  await page.locator("#offline-start").click();
  await page.waitForFunction(() => !document.querySelector("#offline-remove").hidden, null, { timeout: 120000 });
  await settle(site);
  const progress = await page.evaluate(() => [document.querySelector("#offline-progress").value, document.querySelector("#offline-progress").max]);
  const files = shardFiles();
  assert.equal(progress[0], progress[1], "the progress bar is full");
  assert.equal(progress[1], files.length + 1, "every shard and the root");
  const stored = await page.evaluate(async () => {
    const names = (await caches.keys()).filter((n) => n.startsWith("fahras:collection:"));
    const cache = await caches.open(names[0]);
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  assert.equal(stored.filter((p) => p.includes("/shards/")).length, files.length);
  const fetched = site.log.filter((r) => r.status === 200 && shardName(r.url)).map((r) => shardName(r.url));
  const twice = fetched.filter((name, i) => fetched.indexOf(name) !== i);
  assert.ok(twice.length <= 6, `at most the fetches in flight at the stop are repeated: ${twice.length}`);

  // The network off (the server stopped too): queries never searched before, and a reload.
  site.stop();
  await context.setOffline(true);
  const status = () => page.locator("#status").textContent();
  assert.ok(await search(page, "وزير الخارجية الروسي") > 0, "offline");
  const found = (await status()).split("·")[0];
  assert.ok(await search(page, "\"الرئيس الروسي\"") > 0, "a phrase, offline");
  await page.reload();
  await page.waitForSelector("html[data-ready]", { state: "attached" });
  assert.ok(await search(page, "وزير الخارجية الروسي") > 0, "after an offline reload");
  assert.equal((await status()).split("·")[0], found, "the same total");
  assert.ok(await page.evaluate(() => !document.querySelector("#offline-remove").hidden), "shown as saved");
  await screenshot(page, "large-offline");
  assert.deepEqual(errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("Failed to fetch")), []);
});

test("stays within issue 11's network budgets (a small collection)", { skip }, async (t) => {
  const site = await startSite({ log: true });
  t.after(() => site.stop());
  // The page's own files; the rest is the engine, the root and the shards.
  const shell = /\/large\/(index\.html|app\.js|large\.css|sw\.js)?$|\/(style\.css|views\.css|icon\.svg)$/;
  const sum = (entries) => entries.reduce((n, r) => n + r.length, 0);
  const report = (entries) => entries.map((r) => `${r.url} ${r.length}`).join(", ");

  const budgets = [
    { q: "الحكومة", bytes: 100 * KB, requests: 6 },
    { q: "وزير الخارجية الروسي", bytes: 250 * KB },
    { q: "\"الرئيس الروسي\"", bytes: 400 * KB },
  ];
  for (const { q, bytes, requests } of budgets) {
    const { page } = await openLarge(t, site);
    await settle(site);
    const loaded = site.log.filter((r) => !shell.test(new URL(r.url, site.url).pathname));
    assert.ok(sum(loaded) <= 100 * KB, `startup (engine + root) ${sum(loaded)} bytes: ${report(loaded)}`);
    assert.ok(loaded.every((r) => r.encoding === "gzip" || r.length === 0), "sent gzipped");

    const from = site.log.length;
    const hits = await search(page, q);
    await settle(site);
    const query = site.log.slice(from);
    assert.ok(sum(query) <= bytes, `${q}: ${sum(query)} bytes: ${report(query)}`);
    if (requests) {
      // Issue 11 asks for 6 requests in all; the stored packs of the hits shown come on top
      // (one request per hit at most: see the report).
      const packs = query.filter((r) => /\/store-/.test(r.url));
      assert.ok(query.length - packs.length <= requests, `${q}: ${query.length - packs.length} requests besides stored packs: ${report(query)}`);
      assert.ok(packs.length <= hits, `${q}: ${packs.length} packs for ${hits} hits`);
    }
    site.log.length = 0;
  }
});
