// Accessibility: axe-core finds nothing in either colour scheme, on a phone and a desktop, in
// the search, reader and corpus views; matches are marked by more than colour, with contrast.
// SPDX-License-Identifier: MIT

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import { DESKTOP, openBrowser, openDemo, PHONE, screenshot, searchFor, startSite } from "./harness.mjs";
import { ARTICLES } from "./oracle.mjs";

let site;
before(async () => {
  site = await startSite();
});
after(() => site?.stop());

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PLACES = [
  ["home", ""],
  ["results", searchFor("كوريا الشمالبة")],
  ["empty", searchFor("غائبتمامالافيالمقالات")],
  ["reader", searchFor("روسيا", `&doc=${ARTICLES[3].id}`)],
  ["corpus", "?view=corpus&w=" + encodeURIComponent("الشراكة")],
];

for (const colorScheme of ["light", "dark"]) {
  for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    test(`axe finds no accessibility problem: ${colorScheme}, ${size}`, async (t) => {
      // axe is injected as a script: this test's browser does not apply the page's CSP.
      const { page, errors } = await openBrowser(t, { viewport, colorScheme, bypassCSP: true });
      for (const [name, place] of PLACES) {
        await openDemo(page, site.url, place);
        if (name === "reader") await page.waitForSelector("#reader[open]");
        await page.addScriptTag({ path: AXE });
        const { violations } = await page.evaluate(() =>
          window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }));
        assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [],
          `${name} (${colorScheme}, ${size})`);
        if (name === "reader") await screenshot(page, `${size}-${colorScheme}-reader`);
      }
      assert.deepEqual(errors, []);
    });
  }
}

/** WCAG contrast of two CSS colours (rgb() strings). */
function contrast(a, b) {
  const lum = (css) => {
    const [r, g, bl] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => v / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

for (const colorScheme of ["light", "dark"]) {
  test(`matches are marked by more than colour, with contrast; controls have visible edges (${colorScheme})`, async (t) => {
    const { page, errors } = await openBrowser(t, { colorScheme });
    await openDemo(page, site.url, searchFor("الشمالية", `&doc=${ARTICLES[0].id}`));
    await page.waitForSelector("#reader mark.current");
    const seen = await page.evaluate(() => {
      const style = (sel) => getComputedStyle(document.querySelector(sel));
      const mark = style("#reader mark:not(.current)");
      const current = style("#reader mark.current");
      return {
        page: getComputedStyle(document.getElementById("reader")).backgroundColor,
        mark: { bg: mark.backgroundColor, fg: mark.color, shadow: mark.boxShadow },
        current: { bg: current.backgroundColor, fg: current.color, outline: current.outlineStyle, outlineColor: current.outlineColor },
        input: style("#q").borderTopColor,
        inputBg: style("#q").backgroundColor,
        body: getComputedStyle(document.body).backgroundColor,
      };
    });
    const edge = seen.mark.shadow.match(/rgba?\([^)]*\)/)?.[0];
    assert.ok(edge && /inset/.test(seen.mark.shadow), `a match is underlined, not only coloured: ${seen.mark.shadow}`);
    assert.ok(contrast(edge, seen.page) >= 3, `the underline stands out from the page: ${contrast(edge, seen.page).toFixed(2)}`);
    assert.ok(contrast(seen.mark.fg, seen.mark.bg) >= 4.5, `text in a match: ${contrast(seen.mark.fg, seen.mark.bg).toFixed(2)}`);
    assert.ok(contrast(seen.current.fg, seen.current.bg) >= 4.5, `text in the current match: ${contrast(seen.current.fg, seen.current.bg).toFixed(2)}`);
    assert.notEqual(seen.current.outline, "none", "the current match has an outline too");
    assert.ok(contrast(seen.current.outlineColor, seen.page) >= 3, "its outline stands out");
    assert.ok(contrast(seen.input, seen.body) >= 3 && contrast(seen.input, seen.inputBg) >= 3, `the search box's edge: ${seen.input}`);
    assert.deepEqual(errors, []);
  });
}

test("the page runs under its Content-Security-Policy without a violation", async (t) => {
  const { page, errors } = await openBrowser(t);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await openDemo(page, site.url, searchFor("كوريا"));
  await page.locator("#results a[data-id]").first().click();
  await page.waitForSelector("#reader[open]");
  await page.keyboard.press("Escape");
  await openDemo(page, site.url, "?view=corpus&w=" + encodeURIComponent("روسيا"));
  await page.waitForSelector("#corpus-view .bars li");
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  // The policy is enforced: an inline script does not run.
  assert.equal(await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__inline = true";
    document.head.append(s);
    return window.__inline === true;
  }), false);
  assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
});
