// The first visit in headless Chromium, counted at the server: each file of the build crosses
// the network once (the service worker precaches from the HTTP cache), gzipped where it shrinks,
// and after that one visit the page searches offline.
// SPDX-License-Identifier: MIT
//
// Needs FAHRAS_SITE_DIR: it reads the server's log (web_demo/serve.mjs --log).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { openBrowser, startSite } from "./harness.mjs";

const SITE = process.env.FAHRAS_SITE_DIR;

/** The build id and the asset URLs sw.js precaches (build-site.mjs writes its BUILD line). */
function precacheList() {
  const found = /^const BUILD = (\{.*\});$/m.exec(readFileSync(path.join(SITE, "sw.js"), "utf8"));
  assert.ok(found, "sw.js has a BUILD line");
  return JSON.parse(found[1]);
}

const duplicates = (list) => [...new Set(list.filter((x, i) => list.indexOf(x) !== i))];

const skip = !SITE && "needs FAHRAS_SITE_DIR";

test("a first visit downloads each file once, gzipped, and the next visit works offline", { skip }, async (t) => {
  const site = await startSite({ log: true });
  t.after(() => site.stop());
  const { context, page, errors } = await openBrowser(t);
  const warnings = [];
  page.on("console", (message) => message.type() === "warning" && warnings.push(message.text()));
  const asked = []; // what the page itself asks for (the service worker's requests are not here)
  page.on("request", (request) => asked.push(request.url()));

  await page.goto(site.url);
  await page.waitForSelector("html[data-ready]", { state: "attached" });
  await page.evaluate(() => navigator.serviceWorker.ready); // installed: the precache is complete
  const { id, assets } = precacheList();
  const paths = assets.map((asset) => {
    const url = new URL(asset, site.url);
    return url.pathname + url.search;
  });
  // The log is read from the server's stdout: wait until it shows every asset, then a little
  // longer, so that a late second download would be seen too.
  const deadline = Date.now() + 10000;
  while (!paths.every((p) => site.log.some((r) => r.url === p)) && Date.now() < deadline) await page.waitForTimeout(50);
  await page.waitForTimeout(500);

  assert.deepEqual(await page.evaluate(() => caches.keys()), [`fahras-${id}`]);
  const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, `fahras-${id}`);
  assert.equal(cached, assets.length, "every asset precached");
  for (const p of paths) {
    const statuses = site.log.filter((r) => r.url === p).map((r) => r.status);
    if (p === "/") {
      // The page is no-cache: the service worker revalidates it, and gets no body again.
      assert.equal(statuses.filter((s) => s === 200).length, 1, `${p} sent once: ${statuses}`);
      assert.ok(statuses.every((s) => s === 200 || s === 304), `${p}: ${statuses}`);
    } else {
      assert.deepEqual(statuses, [200], `${p} is requested from the server exactly once`);
    }
  }
  const downloads = site.log.filter((r) => r.status === 200);
  assert.deepEqual(duplicates(downloads.map((r) => r.url)), [], "no URL is downloaded twice");
  for (const r of downloads) {
    assert.equal(r.encoding, r.url.includes(".png?") ? "identity" : "gzip", `${r.url} is sent ${r.encoding}`);
  }
  assert.deepEqual(duplicates(asked), [], "the page asks for no URL twice");
  // Also catches "wasm streaming compile failed" (the module must compile from the gzipped
  // response as it arrives) and a preload that went unused (fetched twice by the page).
  assert.deepEqual(warnings, [], "console warnings");

  const before = site.log.length;
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("html[data-ready]", { state: "attached" });
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "served by the service worker");
  await page.locator("#q").fill("روسيا");
  await page.waitForSelector("#results li.hit");
  assert.equal(site.log.length, before, "offline: nothing reached the server");
  assert.deepEqual(errors, [], "console or page errors");
});
