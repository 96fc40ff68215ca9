// Builds DOM from untrusted text: text nodes, and <mark> elements placed by UTF-16 offsets.
// SPDX-License-Identifier: MIT
//
// Article and query text never goes through innerHTML: every string lands in a text node.

/** Creates an element with properties (`class`, `text`, attributes) and children. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : value);
  }
  el.append(...children.filter((c) => c != null));
  return el;
}

/**
 * Appends `text` to `parent`, wrapping each highlight span in <mark>.
 *
 * `spans` are [start, end) UTF-16 offsets, ascending, relative to the string `text` is a slice
 * of; `base` is where `text` starts in that string. Spans outside `text` are clipped, so the
 * caller can pass the spans of a whole document to each paragraph. Returns the marks with the
 * document offset each starts at.
 */
export function appendMarked(parent, text, spans = [], base = 0) {
  const marks = [];
  let at = 0;
  for (const [s, e] of spans) {
    const start = Math.max(s - base, at);
    const end = Math.min(e - base, text.length);
    if (end <= start) continue;
    if (start > at) parent.append(text.slice(at, start));
    const mark = h("mark", { text: text.slice(start, end) });
    parent.append(mark);
    marks.push({ mark, start: start + base });
    at = end;
  }
  if (at < text.length) parent.append(text.slice(at));
  return marks;
}
