// Shows an article's verbatim text as an article: headings, paragraphs, links, the scraped
// page's furniture set apart, no markup characters; and excerpts of it (snippets, concordance
// contexts) on one line. Matches are marked by offset, as everywhere (marks.js).
// SPDX-License-Identifier: MIT
//
// `layout` is an article's entry of data/layout.json (build-site.mjs writes it with
// article-layout.mjs): UTF-16 ranges of the whole text. `text` may be a slice of the article
// starting at offset `base` (a snippet); every range and span is in whole-article offsets.

import { T } from "./strings.js";
import { h, appendMarked } from "./marks.js";

export const NO_LAYOUT = { asides: [], headings: [], hidden: [], links: [], breaks: [] };

/**
 * Cuts [from, to) of the article into what is shown: [{ start, end, link? }] runs of visible
 * text, and { start: o, end: o, cut: true } where a line or a lost element break separates two
 * runs. Hidden markup ranges are left out.
 */
function runs(text, base, from, to, layout) {
  const stops = [];
  for (const [s, e] of layout.hidden) if (e > from && s < to) stops.push({ at: Math.max(s, from), skip: Math.min(e, to) });
  for (const o of layout.breaks) if (o > from && o < to) stops.push({ at: o, skip: o, cut: true });
  for (let i = text.indexOf("\n", from - base); i >= 0 && i + base < to; i = text.indexOf("\n", i + 1)) {
    stops.push({ at: i + base, skip: i + base + 1, cut: true });
  }
  stops.sort((a, b) => a.at - b.at || a.skip - b.skip);
  const out = [];
  let at = from;
  const push = (start, end) => {
    if (end <= start) return;
    // A link's text is one run of its own.
    for (const [s, e, url] of layout.links) {
      if (e <= start || s >= end) continue;
      if (s > start) out.push({ start, end: s });
      out.push({ start: Math.max(s, start), end: Math.min(e, end), link: url });
      start = Math.min(e, end);
    }
    if (end > start) out.push({ start, end });
  };
  for (const stop of stops) {
    if (stop.at < at) {
      at = Math.max(at, stop.skip);
      continue;
    }
    push(at, stop.at);
    if (stop.cut) out.push({ start: stop.at, end: stop.at, cut: true });
    at = Math.max(at, stop.skip);
  }
  push(at, to);
  return out;
}

/**
 * A match that runs across a lost element break (a prefix matching "يانغالمصدر", two words the
 * page showed apart) is marked up to the break only: the word typed is the first of the two.
 */
function clipAtBreaks(spans, breaks) {
  if (!breaks.length) return spans;
  return spans.map(([s, e]) => [s, breaks.find((o) => o > s && o < e) ?? e]);
}

/** Appends runs to `parent`; a cut becomes `onCut()`'s node (a separator or a line break). */
function appendRuns(parent, text, base, list, spans, { links, onCut }) {
  const marks = [];
  for (const run of list) {
    if (run.cut) {
      if (parent.lastChild && !parent.lastChild.isSeparator) parent.append(onCut());
      continue;
    }
    const slice = text.slice(run.start - base, run.end - base);
    if (run.link && links) {
      const a = h("a", { href: run.link, rel: "noopener noreferrer", target: "_blank", dir: "ltr" });
      marks.push(...appendMarked(a, slice, spans, run.start));
      parent.append(a);
    } else {
      marks.push(...appendMarked(parent, slice, spans, run.start));
    }
  }
  return marks;
}

const separator = () => {
  const node = h("span", { class: "sep", "aria-hidden": "true", text: " · " });
  node.isSeparator = true;
  return node;
};

/**
 * Appends an excerpt, one line: `text` (a slice starting at `base`) with its markup left out,
 * line breaks as a separator, "…" where the article goes on. Returns the marks.
 */
export function appendExcerpt(parent, text, base, spans, layout = NO_LAYOUT, { before = false, after = false } = {}) {
  if (before) parent.append(h("span", { class: "ellipsis", "aria-hidden": "true", text: "… " }));
  const marks = appendRuns(parent, text, base, runs(text, base, base, base + text.length, layout), clipAtBreaks(spans, layout.breaks), {
    links: false,
    onCut: separator,
  });
  while (parent.lastChild?.isSeparator) parent.lastChild.remove();
  if (after) parent.append(h("span", { class: "ellipsis", "aria-hidden": "true", text: " …" }));
  return marks;
}

/**
 * Fills `container` with the whole article: a heading or paragraph per line, links, the page's
 * furniture in closed <details> blocks. Returns the marks with their offsets, in text order.
 */
export function renderArticle(container, text, spans, layout = NO_LAYOUT) {
  spans = clipAtBreaks(spans, layout.breaks);
  const frag = document.createDocumentFragment();
  const marks = [];
  let aside = null; // the <details> collecting the current run of aside lines
  let asideLines = 0;
  const closeAside = () => {
    if (aside) aside.querySelector("summary").textContent = T.asideSummary(asideLines);
    aside = null;
    asideLines = 0;
  };
  for (const line of text.matchAll(/[^\n]*\S[^\n]*/g)) {
    const start = line.index;
    const end = start + line[0].length;
    const inAside = layout.asides.some(([s, e]) => start >= s && start <= e);
    const heading = layout.headings.some(([s, e]) => s <= start && end <= e);
    const block = h(heading ? "h3" : "p", heading ? { class: "heading" } : {});
    // Lost element breaks split a line into lines of their own.
    marks.push(...appendRuns(block, text, 0, runs(text, 0, start, end, layout), spans, { links: true, onCut: () => h("br") }));
    if (!block.textContent.trim()) continue; // only markup
    if (inAside) {
      if (!aside) {
        aside = h("details", { class: "aside" }, h("summary"));
        frag.append(aside);
      }
      aside.append(block);
      asideLines++;
    } else {
      closeAside();
      frag.append(block);
    }
  }
  closeAside();
  container.replaceChildren(frag);
  return marks;
}
