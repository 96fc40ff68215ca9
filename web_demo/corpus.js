// The corpus view: the most frequent words (as the articles write them) as a bar chart, and a
// keyword-in-context concordance grouped by article.
// SPDX-License-Identifier: MIT

import { articles, count, num } from "./strings.js";
import { h } from "./marks.js";
import { appendExcerpt } from "./article-text.js";

/** The corpus view's messages (Arabic); its headings and labels are in strings.js (data-t). */
const T = {
  freqItem: (term, n, docs) =>
    `${term}: ${count(n, { one: "مرّة واحدة", two: "مرّتان", few: "# مرّات", other: "# مرّة" })} في ${count(docs, { one: "مقال واحد", two: "مقالين", few: "# مقالات", other: "# مقالًا" })}`,
  kwicCount: (n, word, more) =>
    more ? `أول ${num(n)} سياق لـ«${word}»، وفي المقالات المزيد.`
    : `${count(n, { zero: "لا سياقات", one: "سياق واحد", two: "سياقان", few: "# سياقات", other: "# سياقًا" })} لـ«${word}»`,
  kwicOpen: (title) => `افتح «${title}» عند هذا الموضع`,
  collocates: (word) => `كلمات تجاور «${word}» أكثر من المتوقّع:`,
  stats: (s) =>
    `${articles(s.documents)} · ${count(s.tokens, { few: "# كلمات", other: "# كلمة" })} · ` +
    `${count(s.vocabulary.normalized, { few: "# صيغ", other: "# صيغة" })} · ` +
    `${count(s.vocabulary.stem, { few: "# جذوع", many: "# جذعًا", other: "# جذع" })}`,
};

const TOP = 30;
const KWIC_WIDTH = 48;
const KWIC_LINES = 100;

/**
 * Wires the corpus section. `onWord(word, from)` asks the app to show a word's contexts,
 * `onBy(by)` to count by another form, `onLine(line, from)` to open a line's article at it.
 * `linkTo(changes)` gives the URL of the state with `changes`, for real, shareable links;
 * `titleOf(id)` an article's title, `layoutOf(id)` its layout; `announce` the live region.
 */
export function createCorpus(section, { onWord, onBy, onLine, linkTo, titleOf, layoutOf, announce }) {
  const q = (sel) => section.querySelector(sel);
  const stats = q(".stats");
  const bars = q(".bars");
  const form = q("form");
  const input = form.querySelector("input");
  const status = q(".kwic-status");
  const lines = q(".kwic");
  const collocates = q(".collocates");
  let shownBy = "";
  let shownWord = null;

  function renderBars(index, by) {
    // Every word as the articles write it; the count is of its stem or form when so chosen.
    const entries = index.frequencies({ by, top: TOP });
    const max = entries[0]?.count || 1;
    bars.replaceChildren(
      ...entries.map((e) => {
        const bar = h("span", { class: "bar" });
        bar.style.setProperty("--share", String(e.count / max));
        return h("li", {},
          h("a", { href: linkTo({ w: e.written, doc: "" }), class: "term", "data-word": e.written,
                   "aria-label": T.freqItem(e.written, e.count, e.docs), text: e.written }),
          h("span", { class: "track", "aria-hidden": "true" }, bar, h("span", { class: "count", text: num(e.count) })));
      }),
    );
  }

  function kwicLine(line) {
    const layout = layoutOf(line.id);
    const before = h("span", {});
    appendExcerpt(before, line.left, line.start - line.left.length, [], layout);
    const after = h("span", { class: "after" });
    appendExcerpt(after, line.right, line.end, [], layout);
    const match = h("mark", {});
    appendExcerpt(match, line.match, line.start, [], layout);
    return h("li", {},
      // `left` is the text before the match: in RTL it sits on the right, flush to it.
      h("span", { class: "before" }, before),
      h("a", { href: linkTo({ doc: line.id, at: String(line.start) }), class: "match",
               "data-id": line.id, "data-at": line.start, title: T.kwicOpen(titleOf(line.id)) }, match),
      after);
  }

  function renderKwic(index, word) {
    input.value = word;
    if (!word.trim()) {
      status.textContent = "";
      lines.replaceChildren();
      collocates.replaceChildren();
      return;
    }
    // One line more than shown tells whether there are more.
    const found = index.kwic(word, { width: KWIC_WIDTH, limit: KWIC_LINES + 1 });
    const more = found.length > KWIC_LINES;
    if (more) found.pop();
    status.textContent = T.kwicCount(found.length, word, more);
    announce.later(status.textContent);
    // The lines in document order, under the title of their article.
    const items = [];
    found.forEach((line, i) => {
      if (i === 0 || found[i - 1].id !== line.id) items.push(h("li", { class: "from", text: titleOf(line.id) }));
      items.push(kwicLine(line));
    });
    lines.replaceChildren(...items);
    const near = found.length ? index.collocates(word, { top: 12 }) : [];
    collocates.replaceChildren(
      ...(near.length ? [T.collocates(word), " "] : []),
      ...near.flatMap((c, i) => [
        i ? "، " : "",
        h("a", { href: linkTo({ w: c.written, doc: "" }), "data-word": c.written, text: c.written }),
      ]),
    );
  }

  /** Brings the section up to date with `state` (by, w); cheap when nothing changed. */
  function render(index, state) {
    if (!stats.textContent) stats.textContent = T.stats(index.stats());
    for (const radio of section.querySelectorAll('input[name="by"]')) radio.checked = radio.value === state.by;
    if (state.by !== shownBy) {
      shownBy = state.by;
      renderBars(index, state.by);
    }
    if (state.w !== shownWord) {
      shownWord = state.w;
      renderKwic(index, state.w);
    }
    // Keep the links' URLs in step with the rest of the state (query, view).
    for (const a of section.querySelectorAll("a[data-word]")) a.href = linkTo({ w: a.dataset.word, doc: "" });
  }

  const plainClick = (e) => !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button);
  section.addEventListener("click", (e) => {
    const a = e.target.closest("a[data-word], a[data-id]");
    if (!a || !plainClick(e)) return;
    e.preventDefault();
    if (a.dataset.word) onWord(a.dataset.word, a);
    else onLine({ id: a.dataset.id, start: a.dataset.at }, a);
  });
  section.addEventListener("change", (e) => {
    if (e.target.name === "by") onBy(e.target.value);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    onWord(input.value.trim(), null);
  });

  return { render, focusResults: () => status.focus() };
}
