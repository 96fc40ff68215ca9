// The layout of a scraped article's verbatim text, for showing it as an article: where its
// headings, links, page furniture (asides) and lost element breaks are. Node, for build-site.mjs.
// SPDX-License-Identifier: MIT
//
// The text itself is never changed (it is what the index holds, and every highlight points into
// it): the layout only says how to show it, as UTF-16 offsets into the text, the unit the
// engine's JavaScript API uses. The page (article-text.js) hides the `hidden` ranges (markup
// characters), shows `links` as links, `headings` as headings, `asides` apart, and breaks the
// line at each of `breaks`.
//
// Headings are recognised: a Markdown heading (`## ...`), or a short line of the article that
// does not end as a sentence does, with a longer paragraph after it. Asides and breaks are
// given by hand in articles/layout.json (a scraper cannot tell a menu from a sentence).

const SENTENCE_END = /[.،,؛;:!…]$/u;
const HEADING_MAX = 90; // characters: a longer line is a paragraph
const LINK = /\[([^\]\n]+)\]\(((?:https?:\/\/|mailto:)[^)\s]+)\)/gu;
const MARKDOWN_HEADING = /^(#{1,6}) +/u;
const BULLET = /^\s*• */u;

/** [{ start, end, text }] of every line (without its \n), blank ones included. */
function linesOf(text) {
  const lines = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf("\n", start);
    lines.push({ start, end: end < 0 ? text.length : end, text: text.slice(start, end < 0 ? undefined : end) });
    if (end < 0) return lines;
    start = end + 1;
  }
}

/** "3-9" -> [3, 9]; "12" -> [12, 12] (1-based, inclusive). */
function lineRange(spec, count, where) {
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec);
  if (!m) throw new Error(`${where}: "${spec}" is not a line range like "3-9"`);
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (from < 1 || to < from || to > count) throw new Error(`${where}: lines ${spec} are not within 1-${count}`);
  return [from, to];
}

/**
 * The layout of `text` given its hand-made marks `{ aside: ["1-3"], breaks: ["a|b"] }`;
 * `where` names the article in error messages.
 */
export function articleLayout(text, marks = {}, where = "article") {
  const lines = linesOf(text);
  const asides = (marks.aside ?? []).map((spec) => {
    const [from, to] = lineRange(spec, lines.length, where);
    return [lines[from - 1].start, lines[to - 1].end];
  });
  const inAside = (offset) => asides.some(([s, e]) => offset >= s && offset <= e);

  const breaks = [];
  for (const spec of marks.breaks ?? []) {
    const bar = spec.indexOf("|");
    if (bar <= 0 || bar === spec.length - 1) throw new Error(`${where}: break "${spec}" must be two words joined by |`);
    const joined = spec.slice(0, bar) + spec.slice(bar + 1);
    let at = text.indexOf(joined);
    if (at < 0) throw new Error(`${where}: the text has no "${joined}" for the break "${spec}"`);
    for (; at >= 0; at = text.indexOf(joined, at + 1)) breaks.push(at + bar);
  }

  const hidden = [];
  const headings = [];
  const links = [];
  const nextText = (i) => lines.slice(i + 1).find((l) => l.text.trim())?.text.trim() ?? "";
  lines.forEach((line, i) => {
    const trimmed = line.text.trim();
    if (!trimmed) return;
    const markdown = MARKDOWN_HEADING.exec(line.text);
    const bullet = BULLET.exec(line.text);
    if (markdown) {
      hidden.push([line.start, line.start + markdown[0].length]);
      headings.push([line.start, line.end]);
    } else if (bullet && bullet[0].trim()) {
      hidden.push([line.start, line.start + bullet[0].length]);
    } else if (!inAside(line.start) && trimmed.length >= 3 && trimmed.length <= HEADING_MAX &&
               !SENTENCE_END.test(trimmed) && nextText(i).length >= 2 * trimmed.length) {
      headings.push([line.start, line.end]);
    }
    for (const m of line.text.matchAll(LINK)) {
      const start = line.start + m.index;
      const textEnd = start + 1 + m[1].length;
      hidden.push([start, start + 1], [textEnd, start + m[0].length]);
      links.push([start + 1, textEnd, m[2]]);
    }
  });
  hidden.sort((a, b) => a[0] - b[0]);
  breaks.sort((a, b) => a - b);
  return { asides, headings, hidden, links, breaks };
}
