// Article text that reads as an article (headings, links, the scraped page's furniture set
// apart, no markup characters anywhere, glued words split), and every word shown to a person
// written as the articles write it, never as a search key or a bare stem.
// SPDX-License-Identifier: MIT

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { openBrowser, openDemo, REPO, searchFor, startSite } from "./harness.mjs";
import { ARTICLES, isWordChar } from "./oracle.mjs";

let site;
before(async () => {
  site = await startSite();
});
after(() => site?.stop());

const MARKUP = /[#[\]]|\]\(|https?:\/\//u;
const byId = (id) => ARTICLES.find((a) => a.id === id);
/** Every word of the articles (titles included) exactly as written. */
const WRITTEN = new Set(ARTICLES.flatMap((a) => `${a.title} ${a.text}`.match(/[\p{L}\p{M}\p{N}]+/gu)));

/** The reader's text as shown (asides opened), and its parts. */
async function readerParts(page) {
  return page.evaluate(() => {
    const body = document.querySelector("#reader .reader-text");
    for (const d of body.querySelectorAll("details")) d.open = true;
    const outside = [...body.children].filter((el) => !el.matches("details")).map((el) => el.innerText).join("\n");
    return {
      all: body.innerText,
      outside,
      asides: [...body.querySelectorAll("details.aside")].map((d) => d.innerText),
      headings: [...body.querySelectorAll(".heading")].map((h) => h.textContent),
      links: [...body.querySelectorAll("a")].map((a) => ({ text: a.textContent, href: a.href })),
      marks: [...body.querySelectorAll("mark")].map((m) => ({
        text: m.textContent,
        before: (m.previousSibling?.textContent ?? "").slice(-1),
        after: (m.nextSibling?.textContent ?? "").slice(0, 1),
      })),
    };
  });
}

test("the reader shows an article: headings, links as links, page furniture apart, no markup", async (t) => {
  const { page, errors } = await openBrowser(t);
  for (const a of ARTICLES) {
    await openDemo(page, site.url, `?doc=${a.id}`);
    await page.waitForSelector("#reader[open]");
    const r = await readerParts(page);
    assert.doesNotMatch(r.all, MARKUP, `${a.id}: no markup characters`);
    if (a.id === "hammurabi-treaty") {
      assert.ok(r.links.some((l) => l.text === "www.hcrsiraq.net" && l.href === "http://www.hcrsiraq.net/"), "a Markdown link is a link");
      assert.ok(r.headings.some((h) => h.startsWith("معاهدة الشراكة")), "a Markdown heading is a heading");
      assert.ok(r.asides.some((x) => x.includes("hcrsiraq@yahoo.com")), "the contact block is set apart");
    }
    if (a.id === "eurasia-shadow-alliance") {
      assert.ok(r.headings.includes("الاستنتاجات"), "a short line before a paragraph is a heading");
      assert.ok(!r.outside.includes("شارك الموضوع") && r.asides.some((x) => x.includes("شارك الموضوع")), "share buttons set apart");
    }
    if (a.id === "erem-support-network") {
      assert.ok(!r.outside.includes("logo") && r.asides.some((x) => x.includes("جميع الحقوق محفوظة")), "logo and footer set apart");
      assert.doesNotMatch(r.all, /يانغالمصدر/, "the caption's credit is not glued to the last word");
      assert.match(r.all, /يانغ\nالمصدر/);
    }
    if (a.id === "alhal-asia-tension") assert.ok(!r.outside.includes("Inline Feedbacks"), "the comment box set apart");
  }
  // The furniture starts closed; a match inside it opens it when reached.
  await openDemo(page, site.url, "?doc=alhal-asia-tension");
  await page.waitForSelector("#reader[open]");
  assert.ok(await page.evaluate(() => [...document.querySelectorAll("#reader details.aside")].every((d) => !d.open)));
  assert.deepEqual(errors, []);
});

test("highlights stay exact: whole words, and a match across a lost break marks the word typed", async (t) => {
  const { page, errors } = await openBrowser(t);
  await openDemo(page, site.url, searchFor("بيونغ يانغ", "&doc=erem-support-network"));
  await page.waitForSelector("#reader[open]");
  const { marks } = await readerParts(page);
  assert.ok(marks.length > 4);
  for (const m of marks) {
    // Whole words whose stem is searched (وبيونغ too), never the credit glued to يانغ.
    assert.match(m.text, /(بيونغ|يانغ)$/u, `only the words searched are marked, not "${m.text}"`);
    assert.ok(!isWordChar(m.before) && !isWordChar(m.after), `<mark>${m.text}</mark> is a whole word`);
  }
  assert.deepEqual(errors, []);
});

test("snippets and concordance lines show text, not markup, with … where the text goes on", async (t) => {
  const { page, errors } = await openBrowser(t);
  for (const q of ["حمورابي", "كوريا", "يانغ", "الشراكة"]) {
    await openDemo(page, site.url, searchFor(q));
    const snippets = await page.locator("#results .snippet").evaluateAll((ps) => ps.map((p) => p.textContent));
    assert.ok(snippets.length > 0);
    for (const s of snippets) {
      assert.doesNotMatch(s, MARKUP, `${q}: ${s}`);
      assert.doesNotMatch(s, /يانغالمصدر/, `${q}: a glued word is split in a snippet too`);
    }
  }
  // … where the article goes on: not before a snippet that opens the article, after it yes.
  const snippetOf = async (q, id) => {
    await openDemo(page, site.url, searchFor(q));
    return page.locator(`#results li.hit:has(a[data-id="${id}"]) .snippet`).textContent();
  };
  const opening = await snippetOf("يأتي التوقيع", "partnership-challenge");
  assert.ok(!opening.startsWith("…") && opening.endsWith("…"), opening);
  const deep = await snippetOf("الاستنتاجات", "eurasia-shadow-alliance");
  assert.ok(deep.startsWith("…") && deep.endsWith("…"), deep);
  await openDemo(page, site.url, "?view=corpus&w=" + encodeURIComponent("حمورابي"));
  const lines = await page.locator("#corpus-view .kwic li:not(.from)").evaluateAll((items) => items.map((li) => li.textContent));
  assert.ok(lines.length > 3);
  for (const l of lines) {
    assert.doesNotMatch(l, MARKUP, l);
    assert.doesNotMatch(l.trim(), /^\p{M}/u, `a line starts with a whole word, not a stray mark: ${l}`);
  }
  // Each article's lines come under its title, shown, not only on hover.
  const groups = await page.locator("#corpus-view .kwic li.from").allTextContents();
  assert.ok(groups.length >= 1 && groups.every((g) => ARTICLES.some((a) => a.title === g)), `titles: ${groups}`);
  assert.deepEqual(errors, []);
});

test("words shown to people are written as the articles write them: notes, lists, collocates", async (t) => {
  const { page, errors } = await openBrowser(t);
  await openDemo(page, site.url, searchFor("الشراحة"));  // ح for ك: a typo
  const note = await page.locator("#notes li.typo").textContent();
  const offered = [...note.matchAll(/«([^»]+)»/g)].map((m) => m[1]).slice(1);
  assert.ok(offered.includes("الشراكة"), note);
  for (const w of offered) assert.ok(WRITTEN.has(w), `«${w}» is written so in the articles (${note})`);

  await openDemo(page, site.url, "?view=corpus");
  assert.equal(await page.locator('#corpus-view input[value="surface"]').isChecked(), true, "the list as written is the default");
  for (const by of ["surface", "normalized", "stem"]) {
    await page.locator(`#corpus-view input[value="${by}"]`).check();
    await page.waitForFunction((by) => by === "surface" || new URLSearchParams(location.search).get("by") === by, by);
    const terms = await page.locator("#corpus-view .bars .term").allTextContents();
    assert.ok(terms.length >= 10);
    for (const w of terms) assert.ok(WRITTEN.has(w), `${by}: «${w}» is a word of the articles`);
  }
  await openDemo(page, site.url, "?view=corpus&w=" + encodeURIComponent("روسيا"));
  const near = await page.locator("#corpus-view .collocates a").allTextContents();
  assert.ok(near.length > 3);
  for (const w of near) assert.ok(WRITTEN.has(w), `collocate «${w}» is a word of the articles`);
  assert.deepEqual(errors, []);
});

test("the articles stay verbatim: the index holds the files, the layout only says how to show them", () => {
  const dir = path.join(REPO, "web_demo/articles");
  for (const a of JSON.parse(readFileSync(path.join(dir, "articles.json"), "utf8"))) {
    assert.equal(byId(a.id).text, readFileSync(path.join(dir, a.file), "utf8"));
  }
  const layout = JSON.parse(readFileSync(path.join(process.env.FAHRAS_SITE_DIR, "data/layout.json"), "utf8"));
  assert.deepEqual(Object.keys(layout).sort(), ARTICLES.map((a) => a.id).sort());
  for (const [id, l] of Object.entries(layout)) {
    const text = byId(id).text;
    for (const [s, e] of l.hidden) assert.match(text.slice(s, e), /^(#+ +|\[|\]\([^)]*\)|\s*• *)$/u, `${id}: hides only markup`);
  }
});
