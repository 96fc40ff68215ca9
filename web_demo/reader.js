// The reader: one article in a modal dialog, every match marked, next/previous match navigation.
// SPDX-License-Identifier: MIT

import { T, formatDate } from "./strings.js";
import { h, appendMarked } from "./marks.js";

const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");

/**
 * Wires the reader dialog. `onClose` is called when the user asks to close (button, Escape):
 * the app decides what happens to the history, then calls `hide()`.
 */
export function createReader(dialog, { onClose }) {
  const q = (sel) => dialog.querySelector(sel);
  const title = q("#reader-title");
  const meta = q(".meta");
  const body = q(".reader-text");
  const position = q(".position");
  const prevButton = q(".prev");
  const nextButton = q(".next");
  let marks = [];
  let current = -1;
  let opener = null;
  let shown = "";

  function go(i) {
    if (!marks.length) return;
    marks[current]?.mark.classList.remove("current");
    current = (i + marks.length) % marks.length;
    const { mark } = marks[current];
    mark.classList.add("current");
    mark.scrollIntoView({ block: "center", behavior: reducedMotion.matches ? "auto" : "smooth" });
    position.textContent = T.matchOf(current + 1, marks.length);
  }

  function renderText(text, spans) {
    // One paragraph per non-blank line: the articles are plain text with line breaks. Each
    // paragraph gets only the spans that overlap it (spans are ascending).
    const frag = document.createDocumentFragment();
    let k = 0;
    for (const line of text.matchAll(/[^\n]*\S[^\n]*/g)) {
      const start = line.index;
      const end = start + line[0].length;
      while (k < spans.length && spans[k][1] <= start) k++;
      let j = k;
      while (j < spans.length && spans[j][0] < end) j++;
      const p = h("p");
      marks.push(...appendMarked(p, line[0], spans.slice(k, j), start));
      frag.append(p);
    }
    body.replaceChildren(frag);
  }

  /** Shows `view` (from index.document), at the match nearest `focusOffset` if given. */
  function show(view, { key, focusOffset, from } = {}) {
    if (!dialog.open) opener = from ?? document.activeElement;
    shown = key;
    marks = [];
    current = -1;
    if (!view) {
      title.textContent = T.missingDoc;
      meta.replaceChildren();
      body.replaceChildren();
    } else {
      const f = view.fields;
      title.replaceChildren();
      appendMarked(title, f.title || view.id, view.titleHighlights);
      const link = /^https?:\/\//.test(f.url || "")
        ? h("a", { href: f.url, rel: "noopener", target: "_blank", text: T.original })
        : null;
      meta.replaceChildren(
        ...[f.source, f.date && h("time", { datetime: f.date, text: formatDate(f.date) }), link]
          .filter(Boolean)
          .flatMap((part, i) => (i ? [" · ", part] : [part])),
      );
      renderText(f.text || "", view.highlights);
    }
    position.textContent = T.matches(marks.length);
    prevButton.disabled = nextButton.disabled = marks.length === 0;
    if (!dialog.open) dialog.showModal();
    dialog.scrollTop = 0;
    title.focus();
    if (marks.length) {
      let first = 0;
      if (focusOffset != null) {
        const after = marks.findIndex((m) => m.start >= focusOffset);
        first = after < 0 ? marks.length - 1 : after;
      }
      go(first);
    }
  }

  function hide() {
    if (!dialog.open) return;
    dialog.close();
    shown = "";
    if (opener?.isConnected) opener.focus();
    opener = null;
  }

  prevButton.addEventListener("click", () => go(current - 1));
  nextButton.addEventListener("click", () => go(current + 1));
  q(".close").addEventListener("click", () => onClose());
  dialog.addEventListener("cancel", (e) => {
    e.preventDefault(); // Escape: let the app close it, so the history stays right
    onClose();
  });
  dialog.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    // e.code, not e.key: N and P work whatever the keyboard layout (Arabic included).
    if (e.code === "KeyN" || (e.key === "F3" && !e.shiftKey)) go(current + 1);
    else if (e.code === "KeyP" || (e.key === "F3" && e.shiftKey)) go(current - 1);
    else return;
    e.preventDefault();
  });

  return {
    show,
    hide,
    /** What is shown (the `key` given to show()), or "" when closed. */
    get key() {
      return dialog.open ? shown : "";
    },
  };
}
