// The smaller things a reader meets: page titles, Back through earlier queries, no developer
// figures, honest link labels, explained examples, what the reader's counts count, the corpus
// tab's name, and being told when the page works offline.
// SPDX-License-Identifier: MIT

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openBrowser, openDemo, searchFor, startSite, typeInto } from "./harness.mjs";
import { ARTICLES } from "./oracle.mjs";

let site;
before(async () => {
  site = await startSite();
});
after(() => site?.stop());

test("the page title follows the query, the article and the view", async (t) => {
  const { page, errors } = await openBrowser(t);
  await openDemo(page, site.url, searchFor("كوريا"));
  assert.match(await page.title(), /^كوريا — فهرس$/);
  await page.locator("#results a[data-id]").first().click();
  await page.waitForSelector("#reader[open]");
  const title = await page.locator("#reader-title").textContent();
  assert.equal(await page.title(), `${title} — فهرس`);
  await openDemo(page, site.url, "?view=corpus");
  assert.match(await page.title(), /كلمات المقالات — فهرس/);
  assert.deepEqual(errors, []);
});

test("Back returns to an earlier query: a query typed after a pause gets its own history entry", async (t) => {
  const { page, errors } = await openBrowser(t);
  await openDemo(page, site.url);
  await typeInto(page, "روسيا");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "روسيا");
  await page.waitForTimeout(1800); // a pause: the query is read
  await typeInto(page, "كوريا");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "كوريا");
  await page.goBack();
  await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "روسيا");
  assert.equal(await page.locator("#q").inputValue(), "روسيا");
  assert.ok(await page.locator("#results li.hit").count() > 0);
  assert.deepEqual(errors, []);
});

test("no developer figures: no milliseconds in the status, no kilobytes in the corpus view", async (t) => {
  const { page, errors } = await openBrowser(t);
  await openDemo(page, site.url, searchFor("كوريا"));
  assert.doesNotMatch(await page.locator("#status").textContent(), /ثانية|ms/);
  await openDemo(page, site.url, "?view=corpus");
  assert.doesNotMatch(await page.locator("#corpus-view .stats").textContent(), /ك\.ب|KB|الفهرس/);
  assert.notEqual((await page.locator('nav a[data-view="corpus"]').textContent()).trim(), "المدوّنة", "not 'the blog'");
  assert.deepEqual(errors, []);
});

test("the reader names what it counts, and its link says where it leads", async (t) => {
  const { page, errors } = await openBrowser(t);
  const home = ARTICLES.find((a) => /^https?:\/\/[^/]+\/?$/.test(a.url));
  await openDemo(page, site.url, searchFor("روسيا", `&doc=${home.id}`));
  await page.waitForSelector("#reader[open]");
  assert.match(await page.locator("#reader .position").textContent(), /^المطابقة \S+ من \S+$/);
  assert.equal(await page.locator("#reader .prev").getAttribute("aria-label"), "المطابقة السابقة");
  assert.equal(await page.locator("#reader .next").getAttribute("aria-label"), "المطابقة التالية");
  const link = page.locator("#reader .meta a");
  assert.equal(await link.textContent(), `موقع ${home.source}`, "a link to a site's home page says so");
  assert.deepEqual(errors, []);
});

test("example queries that look misspelt say why they are so", async (t) => {
  const { page, errors } = await openBrowser(t);
  await openDemo(page, site.url);
  const chips = await page.locator("#examples .chip").evaluateAll((cs) => cs.map((c) => ({ q: c.dataset.q, why: c.querySelector(".why")?.textContent })));
  assert.ok(chips.length >= 4);
  for (const c of chips) assert.ok(c.why && c.why.trim(), `${c.q} comes with its reason`);
  assert.match(chips.find((c) => c.q.includes("ـ")).why, /تطويل/);
  assert.deepEqual(errors, []);
});

test("the page says when it is ready to work offline", async (t) => {
  const { page, errors } = await openBrowser(t);
  await openDemo(page, site.url);
  await page.locator("#offline").waitFor({ timeout: 20000 });
  assert.match(await page.locator("#offline").textContent(), /دون اتصال/);
  assert.deepEqual(errors, []);
});
