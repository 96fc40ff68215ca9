// Typing in the demo: a misspelt word being typed is corrected after a pause, syntax still
// waiting for its word does not empty the results, every empty state says why, and one polite
// live region says what changed, once.
// SPDX-License-Identifier: MIT

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openBrowser, openDemo, searchFor, startSite, typeInto } from "./harness.mjs";
import { ARTICLES, articlesWithAll, fold } from "./oracle.mjs";

let site;
before(async () => {
  site = await startSite();
});
after(() => site?.stop());

const hits = (page) => page.locator("#results li.hit").count();
const notes = (page) => page.locator("#notes li").evaluateAll((items) => items.map((li) => ({ kind: li.className, text: li.textContent })));

/** Waits until the page shows hits for the URL's query (the correction included). */
const settled = (page, q) => page.waitForFunction((q) =>
  new URLSearchParams(location.search).get("q") === q && document.querySelectorAll("#results li.hit").length > 0 &&
  document.getElementById("status").textContent !== "…", q, { timeout: 5000 });

test("a misspelt word still being typed is corrected after a pause, with the note a finished word gets", async (t) => {
  const { page, errors } = await openBrowser(t);
  await openDemo(page, site.url);
  for (const [typo, right] of [["روسبا", "روسيا"], ["الشمالبة", "الشمالية"], ["بيونع", "بيونغ"]]) {
    await typeInto(page, typo);
    await settled(page, typo);
    const ids = await page.locator("#results a[data-id]").evaluateAll((a) => a.map((x) => x.dataset.id));
    for (const id of articlesWithAll(right)) assert.ok(ids.includes(id), `${typo}: ${id}, which has ${right}`);
    const typed = await notes(page);
    assert.deepEqual(typed.map((n) => n.kind), ["typo"], `${typo}: one note`);
    assert.match(typed[0].text, new RegExp(`«${typo}».*«${right}»`), `${typo} is corrected to ${right}, as written`);
    // The same query loaded from a link, and finished with a space: the same words.
    await openDemo(page, site.url, searchFor(typo));
    assert.deepEqual(await notes(page), typed, `${typo} from a link`);
    await openDemo(page, site.url, searchFor(`${typo} `));
    assert.deepEqual(await notes(page), typed, `${typo} finished`);
  }
  errorsFree(errors);
});

test("two corrected words find what both find, and the page never says both 'corrected' and 'nothing found'", async (t) => {
  const { page, errors } = await openBrowser(t);
  await openDemo(page, site.url);
  await typeInto(page, "بيونج يانج");
  await settled(page, "بيونج يانج");
  assert.deepEqual(await page.locator("#results a[data-id]").evaluateAll((a) => a.map((x) => x.dataset.id)).then((ids) => ids.sort()),
    articlesWithAll("بيونغ يانغ").sort());
  const shown = await notes(page);
  assert.deepEqual(shown.map((n) => n.kind), ["typo", "typo"]);
  assert.ok(!shown.some((n) => n.kind === "empty"), "no empty state under the corrections");
  errorsFree(errors);
});

test("typing an exclusion or OR never empties the results; the exclusion applies when typing pauses", async (t) => {
  const { page, errors } = await openBrowser(t);
  await page.addInitScript(() => {
    window.__counts = []; // the number of hits after each change of the list while typing
    new MutationObserver(() => {
      const list = document.getElementById("results");
      if (list) window.__counts.push(list.querySelectorAll("li.hit").length);
    }).observe(document, { subtree: true, childList: true });
  });
  await openDemo(page, site.url);
  for (const q of ["روسيا -أوكرانيا", "بوتين OR كيم"]) {
    await typeInto(page, q.split(" ")[0] + " ");
    await page.waitForSelector("#results li.hit");
    await page.evaluate(() => (window.__counts = []));
    await page.locator("#q").pressSequentially(q.slice(q.indexOf(" ") + 1), { delay: 30 });
    await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q, q);
    await page.waitForTimeout(800); // the pause
    const counts = await page.evaluate(() => window.__counts);
    assert.ok(counts.length > 0 && counts.every((n) => n > 0), `${q}: the results stayed while typing (${counts})`);
  }
  // Settled: the exclusion applies.
  await typeInto(page, "روسيا -أوكرانيا");
  await page.waitForTimeout(1000);
  const withUkraine = ARTICLES.filter((a) => a.words.includes(fold("أوكرانيا"))).map((a) => a.id);
  assert.ok(withUkraine.length > 0, "oracle: some article has أوكرانيا");
  const ids = await page.locator("#results a[data-id]").evaluateAll((a) => a.map((x) => x.dataset.id));
  for (const id of withUkraine) assert.ok(!ids.includes(id), `${id} (with أوكرانيا) is excluded`);
  errorsFree(errors);
});

test("each empty state says what made it empty", async (t) => {
  const { page, errors } = await openBrowser(t);
  const cases = [
    ["ًٌٍَُ", /التشكيل/],                         // marks only
    ["،؟!…", /التشكيل وعلامات الترقيم/],          // punctuation only
    ["*", /OR والنجمة/],
    ["OR", /OR والنجمة/],
    ["-أوكرانيا", /«أوكرانيا» تُستبعد/],           // an exclusion alone
    ["روسيا -روسيا", /استبعدت «روسيا» النتائج كلّها/], // an exclusion that removes everything
    ["putin", /المقالات عربية/],                  // a Latin word
    ["غائبتمامالافيالمقالات", /لا شيء في المقالات يطابق «غائبتمامالافيالمقالات»/],
  ];
  const seen = new Set();
  for (const [q, expected] of cases) {
    await openDemo(page, site.url, searchFor(q));
    const shown = await notes(page);
    const empty = shown.find((n) => n.kind === "empty");
    assert.ok(empty, `${q}: an empty state (${JSON.stringify(shown)})`);
    assert.match(empty.text, expected, q);
    seen.add(empty.text);
  }
  assert.equal(seen.size, cases.length - 2, "a message of its own for each kind of query");
  // An exclusion that removes everything gives the count without it.
  await openDemo(page, site.url, searchFor("روسيا -روسيا"));
  assert.match((await notes(page)).at(-1).text, new RegExp(`دونها ${articlesWithAll("روسيا").length}|دونها \\S+ نتائج`));
  // A query too long for the engine says its end was not read, and still finds.
  await openDemo(page, site.url, searchFor("كوريا ".repeat(1000)));
  assert.ok((await notes(page)).some((n) => n.kind === "truncated"), "the truncated note");
  assert.ok(await hits(page) > 0);
  errorsFree(errors);
});

test("one polite live region announces each settled result once, and the notes with it", async (t) => {
  const { page, errors } = await openBrowser(t);
  await page.addInitScript(() => {
    window.__said = [];
    new MutationObserver(() => {
      const region = document.getElementById("announcer");
      const text = region?.textContent;
      if (text) window.__said.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await openDemo(page, site.url);
  const regions = await page.evaluate(() => document.querySelectorAll("[aria-live], [role=status], [role=log]").length);
  assert.equal(regions, 1, "one live region in the page");
  assert.equal(await page.locator("#announcer").getAttribute("aria-live"), "polite");
  await page.evaluate(() => (window.__said = []));
  await typeInto(page, "كوريا الشمالية", 40);
  await page.waitForTimeout(1500);
  const said = await page.evaluate(() => window.__said);
  assert.equal(said.length, 1, `one announcement for one settled query: ${JSON.stringify(said)}`);
  assert.match(said[0], /كوريا الشمالية/);
  assert.doesNotMatch(said[0], /ثانية|ms/, "no timings");
  assert.equal(await page.locator("#status").getAttribute("aria-live"), null, "the status line is not read at every key");

  await page.evaluate(() => (window.__said = []));
  await typeInto(page, "الشمالبة ");
  await page.waitForTimeout(1500);
  assert.match((await page.evaluate(() => window.__said)).join(" "), /الشمالبة.*«الشمالية»/, "the correction is read out");

  // The reader is a modal dialog: the region goes with it, and says what opened.
  await page.locator("#results a[data-id]").first().click();
  await page.waitForSelector("#reader[open]");
  assert.ok(await page.evaluate(() => document.getElementById("reader").contains(document.getElementById("announcer"))));
  await page.waitForFunction(() => document.getElementById("announcer").textContent.length > 0);
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.getElementById("reader").open);
  assert.ok(await page.evaluate(() => !document.getElementById("reader").contains(document.getElementById("announcer"))));
  errorsFree(errors);
});

function errorsFree(errors) {
  assert.deepEqual(errors, [], "console or page errors");
}
