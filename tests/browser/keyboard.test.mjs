// The keyboard: shortcuts that work whatever the layout, arrows through the results, a reader
// whose controls come right after its title, and focus always visible.
// SPDX-License-Identifier: MIT

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openBrowser, openDemo, searchFor, startSite } from "./harness.mjs";

let site;
before(async () => {
  site = await startSite();
});
after(() => site?.stop());

const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el.id || el.dataset.id || el.className || el.tagName;
});

/** A key as an Arabic keyboard sends it: the layout's character in `key`, the key in `code`. */
const press = (page, init) => page.evaluate((init) => {
  (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init }));
}, init);

test("/ (ظ on an Arabic keyboard) and Ctrl+K or ⌘K go to the search box, from any view", async (t) => {
  const { page, errors } = await openBrowser(t);
  await openDemo(page, site.url);
  await page.locator("h1 a").focus();
  await press(page, { key: "ظ", code: "Slash" });
  assert.equal(await focused(page), "q", "the key / is, whatever it types");
  for (const modifier of [{ ctrlKey: true }, { metaKey: true }]) {
    await openDemo(page, site.url, "?view=corpus");
    await page.locator("#kwic-q").focus(); // even from another box: Ctrl+K is not typing
    await press(page, { key: "ل", code: "KeyK", ...modifier });
    assert.equal(await focused(page), "q", JSON.stringify(modifier));
    assert.equal(new URL(page.url()).searchParams.get("view"), null, "back to the search view");
  }
  // Typed into a box, / is a character, not a shortcut.
  await openDemo(page, site.url, "?view=corpus");
  await page.locator("#kwic-q").focus();
  await press(page, { key: "ظ", code: "Slash" });
  assert.equal(await focused(page), "kwic-q");
  assert.deepEqual(errors, []);
});

test("the arrow keys go from the box through the results and back", async (t) => {
  const { page, errors } = await openBrowser(t);
  await openDemo(page, site.url, searchFor("كوريا"));
  const ids = await page.locator("#results a[data-id]").evaluateAll((a) => a.map((x) => x.dataset.id));
  assert.ok(ids.length >= 3);
  await page.locator("#q").focus();
  await page.keyboard.press("ArrowDown");
  assert.equal(await focused(page), ids[0]);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await focused(page), ids[2]);
  await page.keyboard.press("End");
  assert.equal(await focused(page), ids.at(-1));
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowUp");
  assert.equal(await focused(page), "q", "up from the first result: the box");
  assert.deepEqual(errors, []);
});

test("in the reader, Tab goes from the title to its controls, never out of the dialog first", async (t) => {
  const { page, errors } = await openBrowser(t);
  await openDemo(page, site.url, searchFor("كوريا"));
  await page.locator("#results a[data-id]").first().click();
  await page.waitForSelector("#reader[open]");
  assert.equal(await focused(page), "reader-title");
  const order = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    order.push(await page.evaluate(() => {
      const el = document.activeElement;
      return el.closest("#reader .meta") ? "meta" : el.closest("#reader .reader-bar") ? el.className : `outside:${el.tagName}`;
    }));
  }
  // The meta line's link to the source (if any), then the controls: previous, next, close.
  assert.deepEqual(order.filter((c) => c !== "meta").slice(0, 3), ["prev", "next", "close"], `tab order: ${order}`);
  assert.deepEqual(errors, []);
});

test("focus is always visible: an outline of at least 2px on links, buttons and boxes", async (t) => {
  const { page, errors } = await openBrowser(t);
  await openDemo(page, site.url, searchFor("كوريا"));
  await page.locator("#q").focus();
  await page.keyboard.press("ArrowDown"); // keyboard focus, so :focus-visible applies
  const outline = () => page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  for (const step of [() => {}, () => page.keyboard.press("Tab"), () => page.keyboard.press("Tab")]) {
    await step();
    const o = await outline();
    assert.ok(o.style !== "none" && o.width >= 2, `${await focused(page)}: outline ${JSON.stringify(o)}`);
  }
  assert.deepEqual(errors, []);
});
