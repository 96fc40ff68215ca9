// End-to-end tests of the web demo in headless Chromium: search, reader, URL, corpus, offline.
// SPDX-License-Identifier: MIT
//
//   FAHRAS_SITE_DIR=build/web_demo/site node --test tests/browser/
//
// Expectations come from oracle.mjs (a naive scan of the article files), never from the engine.
// Every test fails on any console error or uncaught page error.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openBrowser, PHONE, screenshot, startSite } from "./harness.mjs";
import { ARTICLES, articlesWithAll, corpusCount, fold, isWordChar, occurrences, words } from "./oracle.mjs";

let site;
before(async () => {
  site = await startSite();
});
after(() => site?.stop());

/** Opens the demo (with `search`, e.g. "?q=...") and waits until the index is loaded. */
async function open(page, search = "") {
  await page.goto(new URL(search, site.url).href);
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-ready") || !document.getElementById("error").hidden);
  assert.ok(await page.locator("#error").isHidden(), `the page failed to load: ${await page.locator("#error").textContent()}`);
}

/** Types `query` key by key into the search box and waits for its results. */
async function typeQuery(page, query) {
  await page.locator("#q").fill("");
  await page.locator("#q").pressSequentially(query, { delay: 15 });
  await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q, query);
}

/** The marks inside `selector` (first match): text and the characters just around each. */
function marksIn(page, selector) {
  return page.locator(selector).first().evaluate((root) =>
    [...root.querySelectorAll("mark")].map((mark) => ({
      text: mark.textContent,
      before: (mark.previousSibling?.textContent ?? "").slice(-1),
      after: (mark.nextSibling?.textContent ?? "").slice(0, 1),
      current: mark.classList.contains("current"),
    })));
}

const readerClosed = (page) => page.waitForFunction(() => !document.querySelector("#reader").open);
const hitIds = (page) => page.locator("#results a[data-id]").evaluateAll((links) => links.map((a) => a.dataset.id));

function assertWholeWords(marks, where) {
  for (const m of marks) {
    assert.ok(!isWordChar(m.before) && !isWordChar(m.after),
      `${where}: <mark>${m.text}</mark> cuts a word (before "${m.before}", after "${m.after}")`);
  }
}

/** Reads a number the page wrote in Latin or Arabic-Indic digits, with any grouping marks. */
const asNumber = (text) => Number(text.replace(/[\u0660-\u0669]/g, (d) => d.charCodeAt(0) - 0x660).replace(/\D/g, ""));

function assertNoErrors(errors) {
  assert.deepEqual(errors, [], "console or page errors");
}

test("queries typed with diacritics, tatweel or variant letters find the articles, words marked", async (t) => {
  const { page, errors } = await openBrowser(t);
  await open(page);
  for (const query of ["كوريا الشماليه", "الشَّمالية", "روســـيا", "ٱلشراكة"]) {
    await typeQuery(page, query);
    const expected = articlesWithAll(query);
    assert.ok(expected.length > 0, `oracle: some article contains ${query}`);
    const ids = await hitIds(page);
    for (const id of expected) assert.ok(ids.includes(id), `${query}: ${id} missing from ${ids}`);
    assert.match(await page.locator("#status").textContent(), /\S/);

    const snippetForms = new Set();
    for (const [i, id] of ids.entries()) {
      const hit = `#results li.hit >> nth=${i}`;
      const titleMarks = await marksIn(page, `${hit} >> h3`);
      const snippetMarks = await marksIn(page, `${hit} >> .snippet`);
      assertWholeWords(titleMarks, `${query}: title of ${id}`);
      assertWholeWords(snippetMarks, `${query}: snippet of ${id}`);
      snippetMarks.forEach((m) => snippetForms.add(fold(m.text)));
      const title = ARTICLES.find((a) => a.id === id).title;
      for (const word of words(query)) {
        if (!words(title).includes(word)) continue;
        assert.ok(titleMarks.some((m) => fold(m.text) === word),
          `${query}: "${word}" in the title of ${id} is not marked (${titleMarks.map((m) => m.text)})`);
      }
    }
    for (const word of words(query)) {
      assert.ok(snippetForms.has(word), `${query}: no snippet marks "${word}" (marked: ${[...snippetForms]})`);
    }
  }
  assertNoErrors(errors);
});

test("a result opens the reader with every occurrence marked; next and previous walk them", async (t) => {
  const { page, errors } = await openBrowser(t);
  await open(page);
  await typeQuery(page, "الشَّمالية");
  const first = page.locator("#results a[data-id]").first();
  const id = await first.getAttribute("data-id");
  await first.click();
  await page.waitForSelector("#reader[open]");
  assert.equal(new URL(page.url()).searchParams.get("doc"), id);

  const marks = await marksIn(page, "#reader .reader-text");
  assertWholeWords(marks, `reader of ${id}`);
  const exact = marks.filter((m) => fold(m.text) === fold("الشمالية")).length;
  assert.equal(exact, occurrences(id, "الشمالية"), "every occurrence of the exact form is marked");
  assert.ok(marks.length >= 3, "enough matches to walk");

  const currentIndex = async () => (await marksIn(page, "#reader .reader-text")).findIndex((m) => m.current);
  const currentVisible = () => page.waitForFunction(() => {
    const mark = document.querySelector("#reader mark.current");
    const bar = document.querySelector("#reader .reader-bar").getBoundingClientRect();
    const box = mark.getBoundingClientRect();
    return box.top >= bar.bottom && box.bottom <= innerHeight;
  });
  assert.equal(await currentIndex(), 0);
  await page.locator("#reader .next").click();
  assert.equal(await currentIndex(), 1);
  await page.keyboard.press("n");
  assert.equal(await currentIndex(), 2);
  await currentVisible();
  await page.keyboard.press("p");
  await page.locator("#reader .prev").click();
  assert.equal(await currentIndex(), 0);
  await page.keyboard.press("p"); // wraps to the last match
  assert.equal(await currentIndex(), marks.length - 1);
  await currentVisible();

  await page.keyboard.press("Escape");
  await readerClosed(page);
  assert.equal(new URL(page.url()).searchParams.get("doc"), null);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), id, "focus returns to the result");
  assertNoErrors(errors);
});

test("the URL keeps query, source and article; back and forward restore them", async (t) => {
  const { page, errors } = await openBrowser(t);
  await open(page);
  const menu = await page.locator("#source option").evaluateAll((options) => options.map((o) => o.value));
  assert.deepEqual(menu.slice(1).sort(), [...new Set(ARTICLES.map((a) => a.source))].sort(), "every source in the menu");

  await open(page, "?q=" + encodeURIComponent("روسيا"));
  assert.equal(await page.locator("#q").inputValue(), "روسيا");
  const sources = await page.locator("#results .meta").allTextContents();
  assert.ok(sources.length > 1, "several results");
  const source = ARTICLES.find((a) => sources[0].includes(a.source)).source;
  const withSource = sources.filter((s) => s.includes(source)).length;

  await page.locator("#source").selectOption(source);
  await page.waitForFunction((s) => new URLSearchParams(location.search).get("source") === s, source);
  const filtered = await page.locator("#results .meta").allTextContents();
  assert.equal(filtered.length, withSource);
  for (const meta of filtered) assert.ok(meta.includes(source));

  await page.locator("#results a[data-id]").first().click();
  await page.waitForSelector("#reader[open]");
  const withDoc = page.url();
  await page.goBack();
  await readerClosed(page);
  assert.equal(new URL(page.url()).searchParams.get("source"), source);
  await page.goForward();
  await page.waitForSelector("#reader[open]");

  // A shared link opens the reader at once; closing it keeps the rest of the state.
  await page.goto(withDoc);
  await page.waitForSelector("#reader[open]");
  assert.ok((await marksIn(page, "#reader .reader-text")).length > 0);
  await page.locator("#reader .close").click();
  await readerClosed(page);
  assert.equal(new URL(page.url()).searchParams.get("doc"), null);
  assert.equal(new URL(page.url()).searchParams.get("q"), "روسيا");
  assertNoErrors(errors);
});

test("a misspelt word is searched as its nearest words, with a visible note", async (t) => {
  const { page, errors } = await openBrowser(t);
  await open(page);
  await typeQuery(page, "الشمالبة كوريا");
  const note = page.locator("#notes li.typo");
  await note.waitFor();
  assert.match(await note.textContent(), /الشمالبة/);
  assert.ok((await hitIds(page)).length > 0, "the corrected query finds articles");
  assertNoErrors(errors);
});

// Opens the page on `q`, which no article matches in full, and checks that it says so first and
// then lists partial matches.
async function openOnlyPartial(page, q) {
  await open(page, "?q=" + encodeURIComponent(q));
  await page.locator("#partial-results a[data-id]").first().waitFor();
  assert.equal(await page.locator("#results a[data-id]").count(), 0, "no article has every word");
  assert.ok(await page.locator("#notes li.empty").isVisible(), "the empty state is still shown");
}

test("articles with only some of the words are listed apart, after «no results»", async (t) => {
  const { page, errors } = await openBrowser(t);
  // Two words the articles have and one found nowhere: no article has all three, so the page
  // says so first, then lists the articles with two of them under a heading of their own.
  await openOnlyPartial(page, "روسيا كوريا ظظظظظظ");
  assert.match(await page.locator("#status").textContent(), /لا نتائج/);
  assert.equal((await page.locator("#partial-heading").textContent()).trim(), "نتائج تضم بعض الكلمات");
  assert.ok(await page.locator("#notes li.partial").isVisible(), "a note points to them");
  const partial = await page.locator("#partial-results a[data-id]").evaluateAll((links) => links.map((a) => a.dataset.id));
  for (const id of articlesWithAll("روسيا كوريا")) assert.ok(partial.includes(id), `${id} has two of the three words`);
  // A query whose words all meet: nothing partial, the section stays hidden.
  await typeQuery(page, "روسيا كوريا الشمالية ");
  await page.waitForFunction(() => document.querySelectorAll("#results a[data-id]").length > 0);
  assert.ok(await page.locator("#partial").isHidden(), "no partial section without partial matches");
  for (const id of articlesWithAll("روسيا كوريا الشمالية")) assert.ok((await hitIds(page)).includes(id), id);
  assertNoErrors(errors);
});

test("words the articles have but never together are also searched a typo away, after «no results»", async (t) => {
  const { page, errors } = await openBrowser(t);
  // الجنود and عقابا are each in one article, never in the same one; الجنود is one letter from
  // الجهود and البنود, which do meet عقابا. (The last word is read as a prefix, never corrected.)
  await openOnlyPartial(page, "الجنود عقابا");
  assert.doesNotMatch(await page.locator("#notes li.empty").textContent(), /لم نجد شيئًا/, "not «nothing found»");
  const note = page.locator("#notes li.typo", { hasText: "«الجنود»" });
  assert.match(await note.textContent(), /^بحثنا أيضًا عن أقرب الكلمات إلى «الجنود»/);
  assertNoErrors(errors);
});

test("words past a query's share of typo corrections are named in a note", async (t) => {
  const { page, errors } = await openBrowser(t);
  // Ten words found nowhere, nor anything near them: the engine corrects the first eight and
  // searches the last two as typed (note "typo_skipped"); روسيا still finds articles.
  const nowhere = Array.from({ length: 10 }, (_, i) => "ظ".repeat(4 + i));
  await open(page, "?q=" + encodeURIComponent(["روسيا", ...nowhere].join(" OR ")));
  const note = page.locator("#notes li.typo_skipped");
  await note.waitFor();
  assert.equal(await note.count(), 1, "one note for every skipped word");
  const text = await note.textContent();
  const named = nowhere.filter((w) => text.includes(`«${w}»`));
  assert.deepEqual(named, nowhere.slice(8), "the note names the skipped words, not the corrected ones");
  assert.ok((await hitIds(page)).length > 0, "the other words still find articles");
  assertNoErrors(errors);
});

test("nothing above the results moves while typing; / focuses the search box", async (t) => {
  const { page, errors } = await openBrowser(t);
  await open(page);
  const boxes = () => page.evaluate(() => ["#q", "#source", "#status"].map((s) => {
    const r = document.querySelector(s).getBoundingClientRect();
    return [s, r.x, r.y, r.width, r.height].join(" ");
  }));
  const start = await boxes();
  await page.locator("#q").focus();
  for (const key of "كوريا الش") {
    await page.keyboard.insertText(key);
    await page.waitForTimeout(30);
    assert.deepEqual(await boxes(), start, `layout after typing "${key}"`);
  }
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "q");
  assertNoErrors(errors);
});

test("the corpus view draws frequency bars and a concordance aligned on the keyword", async (t) => {
  const { page, errors } = await openBrowser(t);
  await open(page);
  await page.locator('nav a[data-view="corpus"]').click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get("view") === "corpus");
  const bars = () => page.locator("#corpus-view .bars li").evaluateAll((items) => items.map((li) => ({
    term: li.querySelector(".term").textContent,
    count: li.querySelector(".count").textContent,
    width: li.querySelector(".bar").getBoundingClientRect().width,
  })));
  // The corpus view's module loads on first use: wait for its list rather than race it.
  await page.locator("#corpus-view .bars li").first().waitFor();
  // By default, the words as written, each counted exactly as written.
  const surface = await bars();
  assert.ok(surface.length >= 10, "a frequency list");
  const counts = surface.map((b) => asNumber(b.count));
  for (const [i, bar] of surface.entries()) {
    assert.ok(i === 0 || counts[i] <= counts[i - 1], "most frequent first");
    assert.ok(Math.abs(bar.width / surface[0].width - counts[i] / counts[0]) < 0.02, `bar ${bar.term} is as long as its count`);
  }
  const asWritten = (w) => ARTICLES.reduce((n, a) => n + [...`${a.title} ${a.text}`.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].filter((m) => m[0] === w).length, 0);
  for (const bar of surface.slice(0, 5)) assert.equal(asNumber(bar.count), asWritten(bar.term), `occurrences of ${bar.term} as written`);

  await page.locator('#corpus-view input[value="normalized"]').check();
  await page.waitForFunction(() => new URLSearchParams(location.search).get("by") === "normalized");
  const forms = await bars();
  assert.notDeepEqual(forms.map((b) => b.count), surface.map((b) => b.count), "another form, other counts");
  for (const bar of forms.slice(0, 10)) assert.equal(asNumber(bar.count), corpusCount(bar.term), `occurrences of ${bar.term}`);

  const word = "الشراكة";
  await page.locator("#kwic-q").fill(word);
  await page.locator("#kwic-q").press("Enter");
  await page.waitForFunction((w) => new URLSearchParams(location.search).get("w") === w, word);
  // The text shown, without the separators put where lines break.
  const lines = await page.locator("#corpus-view .kwic li:not(.from)").evaluateAll((items) => items.map((li) => ({
    before: (function shownText(el) { return [...el.childNodes].map((n) => (n.nodeType === 1 && n.classList.contains("sep") ? "" : n.nodeType === 1 ? shownText(n) : n.textContent)).join(""); })(li.querySelector(".before")),
    match: li.querySelector(".match").textContent,
    after: (function shownText(el) { return [...el.childNodes].map((n) => (n.nodeType === 1 && n.classList.contains("sep") ? "" : n.nodeType === 1 ? shownText(n) : n.textContent)).join(""); })(li.querySelector(".after")),
    id: li.querySelector(".match").dataset.id,
    box: li.querySelector(".match").getBoundingClientRect().toJSON(),
  })));
  assert.ok(lines.length > 0, "concordance lines");
  const total = ARTICLES.reduce((n, a) => n + occurrences(a.id, word), 0);
  const exact = lines.filter((l) => fold(l.match) === fold(word)).length;
  if (lines.length < 100) assert.equal(exact, total, "every occurrence of the exact form has a line");
  // Compared without spaces and markup: the line shows the text, not its line breaks or Markdown.
  const flat = (s) => s.replace(/\s+|#|\[|\]\([^)]*\)/g, "");
  for (const line of lines) {
    const text = flat(ARTICLES.find((a) => a.id === line.id).text);
    assert.ok(text.includes(flat(line.before + line.match + line.after)), `line is a slice of ${line.id}: ${line.match}`);
    assert.ok(Math.abs(line.box.x + line.box.width - (lines[0].box.x + lines[0].box.width)) < 1, "keywords share a column edge");
  }

  // A line opens its article with that very occurrence current.
  await page.locator("#corpus-view .kwic .match").nth(1).click();
  await page.waitForSelector("#reader[open]");
  const current = (await marksIn(page, "#reader .reader-text")).find((m) => m.current);
  assert.equal(current?.text, lines[1].match);
  assertNoErrors(errors);
});

test("the page is installable and, after one visit, searches offline from its own build only", async (t) => {
  const { context, page, errors } = await openBrowser(t);
  const requests = [];
  page.on("request", (r) => requests.push(r));
  await open(page);
  const build = await page.locator('meta[name="fahras-build"]').getAttribute("content");
  assert.notEqual(build, "dev", "an assembled site, not the sources");
  await page.evaluate(() => navigator.serviceWorker.ready);
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`fahras-${build}`]);
  const cdp = await context.newCDPSession(page);
  assert.deepEqual((await cdp.send("Page.getAppManifest")).errors, [], "the manifest parses cleanly");
  assert.deepEqual((await cdp.send("Page.getInstallabilityErrors")).installabilityErrors, [], "installable");
  for (const r of requests) {
    const url = new URL(r.url());
    if (url.origin !== new URL(site.url).origin || r.resourceType() === "document" || url.pathname.endsWith("/sw.js")) continue;
    assert.equal(url.searchParams.get("v"), build, `${url.pathname} is fetched with the build id`);
  }

  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("html[data-ready]", { state: "attached" });
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "served by the service worker");
  await typeQuery(page, "روسيا");
  assert.ok((await hitIds(page)).length > 0, "offline search finds articles");
  await page.locator("#results a[data-id]").first().click();
  await page.waitForSelector("#reader[open]");
  assertNoErrors(errors);
});

test("the engine warms up after the first result is shown, changing nothing on the page", async (t) => {
  const { page, errors } = await openBrowser(t);
  await page.addInitScript(() => {
    const seen = (window.__seen = {}); // when the first hit was shown, when the warm-up was over
    new MutationObserver(() => {
      const now = performance.now();
      if (seen.hit === undefined && document.querySelector("#results li.hit")) seen.hit = now;
      if (seen.warm === undefined && document.documentElement.hasAttribute("data-warm")) seen.warm = now;
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-warm"] });
  });
  const state = () => page.evaluate(() => ({
    url: location.href,
    entries: history.length,
    query: document.getElementById("q").value,
    status: document.getElementById("status").textContent,
    hits: [...document.querySelectorAll("#results a[data-id]")].map((a) => a.dataset.id),
    home: document.getElementById("home").hidden,
  }));
  await page.goto(new URL("?q=" + encodeURIComponent("روسيا"), site.url).href);
  await page.waitForSelector("#results li.hit");
  const shown = await state();
  await page.waitForSelector("html[data-warm]", { state: "attached" });
  const seen = await page.evaluate(() => window.__seen);
  assert.ok(seen.hit < seen.warm, `the first result (${seen.hit} ms) comes before the warm-up is over (${seen.warm} ms)`);
  assert.deepEqual(await state(), shown, "the warm-up searches change nothing the reader sees");
  assertNoErrors(errors);
});

test("articles that cannot be loaded show a clear error", async (t) => {
  const { page, errors } = await openBrowser(t, { serviceWorkers: "block" });
  await page.route(/articles\.json/, (route) => route.fulfill({ status: 200, body: "these are not articles" }));
  await page.goto(site.url);
  const error = page.locator("#error");
  await error.waitFor();
  assert.match(await error.textContent(), /تعذّر/);
  assert.ok(await error.locator("button").isVisible(), "a retry button");
  assertNoErrors(errors);
});

test("screenshots on a desktop and on a 360px phone, without sideways scrolling", async (t) => {
  for (const [name, viewport] of [["desktop", undefined], ["phone", PHONE]]) {
    const { page, errors } = await openBrowser(t, { viewport });
    const noSideScroll = async (what) =>
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${name} ${what} fits the width`);
    await open(page);
    await noSideScroll("home");
    await screenshot(page, `${name}-home`);
    await typeQuery(page, "كوريا الشماليه");
    await noSideScroll("results");
    await screenshot(page, `${name}-results`);
    await page.locator("#results a[data-id]").first().click();
    await page.waitForSelector("#reader[open]");
    await page.locator("#reader .next").click();
    await page.waitForTimeout(400); // smooth scrolling
    await screenshot(page, `${name}-reader`);
    await page.keyboard.press("Escape");
    await open(page, "?view=corpus&w=" + encodeURIComponent("الشراكة"));
    await noSideScroll("corpus");
    await screenshot(page, `${name}-corpus`);
    await page.locator("#corpus-view .kwic").scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-kwic`);
    assertNoErrors(errors);
  }
});
