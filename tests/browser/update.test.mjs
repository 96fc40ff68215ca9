// The service worker across builds: a broken build is never half-installed, a good one replaces
// the old one whole after the user agrees, and the old build's cache is deleted. Precaching goes
// through the HTTP cache, yet never takes the page of another build, nor an old file the HTTP
// cache kept under the new build's id.
// SPDX-License-Identifier: MIT
//
// Needs FAHRAS_SITE_DIR: it serves a copy of the site and turns the copy into "the next build"
// by giving it another build id, as build-site.mjs would for changed inputs.

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { openBrowser } from "./harness.mjs";

const SITE = process.env.FAHRAS_SITE_DIR;

/** Serves `dir` with web_demo/serve.mjs, like harness.startSite does for the real site. */
async function serveCopy(t) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fahras-site-"));
  cpSync(SITE, dir, { recursive: true });
  const saved = process.env.FAHRAS_SITE_DIR;
  process.env.FAHRAS_SITE_DIR = dir;
  const { startSite } = await import("./harness.mjs");
  const served = await startSite();
  process.env.FAHRAS_SITE_DIR = saved;
  t.after(() => {
    served.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, url: served.url };
}

/**
 * Turns the copy into build `to`, as build-site.mjs would for changed inputs: the build id in the
 * page, sw.js and the modules' imports (rewritten from the first build's, `pristine`), and in
 * the folder's marker. `files`: only these; `extraAsset`: one more URL for sw.js to precache.
 */
function rebuild(dir, pristine, to, { files = Object.keys(pristine.files), extraAsset } = {}) {
  for (const name of files) {
    let text = pristine.files[name].replaceAll(pristine.id, to);
    if (name === "sw.js" && extraAsset) text = text.replace('"assets":["./",', `"assets":["./","${extraAsset}",`);
    writeFileSync(path.join(dir, name), text);
  }
  writeFileSync(path.join(dir, ".fahras-site"), `${to}\n`);
}

/** Asks the browser to check for a new service worker; resolves to its final install state. */
const checkForUpdate = (page) => page.evaluate(async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  await registration.update();
  const worker = registration.installing ?? registration.waiting;
  if (!worker) return "none";
  if (worker.state === "installed") return "installed";
  return new Promise((resolve) => worker.addEventListener("statechange", () => {
    if (worker.state === "installed" || worker.state === "redundant") resolve(worker.state);
  }));
});

test("a new build installs all or nothing and replaces the old one whole", { skip: !SITE && "needs FAHRAS_SITE_DIR" }, async (t) => {
  const { dir, url } = await serveCopy(t);
  const { page, errors } = await openBrowser(t);
  await page.goto(url);
  await page.waitForSelector("html[data-ready]", { state: "attached" });
  const old = await page.locator('meta[name="fahras-build"]').getAttribute("content");
  const names = ["index.html", ...readdirSync(dir).filter((name) => /\.m?js$/.test(name))];
  const files = Object.fromEntries(names.map((name) => [name, readFileSync(path.join(dir, name), "utf8")]));
  const pristine = { id: old, files };
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload(); // now controlled by the service worker of build `old`
  await page.waitForSelector("html[data-ready]", { state: "attached" });

  // A build with a file that cannot be fetched never gets a cache, and nothing changes.
  rebuild(dir, pristine, "broken00000", { extraAsset: "./missing.js?v=broken00000" });
  assert.equal(await checkForUpdate(page), "redundant");
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`fahras-${old}`]);
  assert.ok(await page.locator("#update").isHidden());

  // Nor does a service worker whose page on the server is of another build (say, sw.js deployed
  // before the page): it would cache that page with its own files.
  rebuild(dir, pristine, "stale000000", { files: ["sw.js"] });
  assert.equal(await checkForUpdate(page), "redundant");
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`fahras-${old}`]);

  // The browser fetches a URL of the next build before its files are in place (a deploy in
  // progress): the HTTP cache then holds the old app.js under the new build id. The service
  // worker precaches through the HTTP cache, and must still get the next build's app.js.
  // (serve.mjs answers 404 for a build id it does not serve, so nothing is kept at all.)
  assert.equal(await page.evaluate(() => fetch("./app.js?v=next0000000").then((r) => r.status)), 404);
  await page.waitForFunction(() => true, null, { timeout: 1000 }).then(() => page.waitForTimeout(300));
  const refused = errors.findIndex((e) => e.includes("404") && e.includes("app.js?v=next0000000"));
  assert.ok(refused >= 0, "the browser logged the refusal");
  errors.splice(refused, 1); // expected, not a fault of the page
  pristine.files["app.js"] += "\ndocument.documentElement.dataset.fromBuild = \"BUILD\";\n".replace("BUILD", old);

  // A good build waits until the user agrees; the open page keeps its own build meanwhile.
  rebuild(dir, pristine, "next0000000");
  assert.equal(await checkForUpdate(page), "installed");
  await page.locator("#update").waitFor();
  assert.deepEqual((await page.evaluate(() => caches.keys())).sort(), [`fahras-${old}`, "fahras-next0000000"].sort());
  assert.equal(await page.locator('meta[name="fahras-build"]').getAttribute("content"), old);

  await page.locator("#update-button").click();
  await page.waitForFunction(() => document.querySelector('meta[name="fahras-build"]').content === "next0000000");
  await page.waitForSelector("html[data-ready]", { state: "attached" });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.fromBuild), "next0000000", "the next build's app.js runs");
  await page.waitForFunction(async () => (await caches.keys()).join() === "fahras-next0000000");
  assert.deepEqual(errors, [], "console or page errors");
});
