// The reader: one article in a modal dialog, shown as an article, every match marked, with
// next/previous match navigation.
// SPDX-License-Identifier: MIT

import { applyStrings, count, formatDate, num } from "./strings.js";
import { h, appendMarked } from "./marks.js";
import { renderArticle } from "./article-text.js";

const matches = (n) => count(n, { zero: "لا مطابقات", one: "مطابقة واحدة", two: "مطابقتان", few: "# مطابقات", other: "# مطابقة" });
/** The reader's strings (Arabic): data-t keys of its dialog, and its messages. */
const T = {
  close: "إغلاق",
  closeHint: "إغلاق (Esc)",
  prev: "السابقة",
  next: "التالية",
  prevLabel: "المطابقة السابقة",
  nextLabel: "المطابقة التالية",
  prevHint: "المطابقة السابقة (P)",
  nextHint: "المطابقة التالية (N)",
  matchOf: (i, n) => `المطابقة ${num(i)} من ${num(n)}`,
  matches,
  opened: (title, n) => `${title}: ${matches(n)}`,
  missingDoc: "لم نجد هذا المقال في الفهرس.",
  original: "المقال في موقعه الأصلي",
  sourceSite: (source) => `موقع ${source}`,
};

const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");

/** A link to the article: to its page, or, when the URL names only the site, to the site. */
function originalLink(url, source) {
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!/^https?:$/.test(parsed.protocol)) return null;
  const home = parsed.pathname === "/" && !parsed.search;
  return h("a", { href: parsed.href, rel: "noopener noreferrer", target: "_blank", text: home ? T.sourceSite(source || parsed.hostname) : T.original });
}

/**
 * Wires the reader dialog. `onClose` is called when the user asks to close (button, Escape):
 * the app decides what happens to the history, then calls `hide()`. `announce` is the page's
 * live region, which moves into the dialog while it is open.
 */
export function createReader(dialog, { onClose, announce }) {
  applyStrings(dialog, T);
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
  let shownTitle = "";

  function go(i) {
    if (!marks.length) return;
    marks[current]?.mark.classList.remove("current");
    current = (i + marks.length) % marks.length;
    const { mark } = marks[current];
    mark.classList.add("current");
    const aside = mark.closest("details");
    if (aside) aside.open = true; // a match in the page's furniture: show it
    mark.scrollIntoView({ block: "center", behavior: reducedMotion.matches ? "auto" : "smooth" });
    position.textContent = T.matchOf(current + 1, marks.length);
  }

  /** Shows `view` (from index.document) with its `layout`, at the match nearest `focusOffset`. */
  function show(view, layout, { key, focusOffset, from } = {}) {
    if (!dialog.open) opener = from ?? document.activeElement;
    shown = key;
    marks = [];
    current = -1;
    if (!view) {
      title.textContent = T.missingDoc;
      shownTitle = "";
      meta.replaceChildren();
      body.replaceChildren();
    } else {
      const f = view.fields;
      shownTitle = f.title || view.id;
      title.replaceChildren();
      appendMarked(title, shownTitle, view.titleHighlights);
      meta.replaceChildren(
        ...[f.source, f.date && h("time", { datetime: f.date, text: formatDate(f.date) }), f.url && originalLink(f.url, f.source)]
          .filter(Boolean)
          .flatMap((part, i) => (i ? [" · ", part] : [part])),
      );
      marks = renderArticle(body, f.text || "", view.highlights, layout);
    }
    position.textContent = T.matches(marks.length);
    prevButton.disabled = nextButton.disabled = marks.length === 0;
    if (!dialog.open) {
      dialog.showModal();
      announce.moveTo(dialog);
    }
    announce.now(view ? T.opened(shownTitle, marks.length) : T.missingDoc);
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
    announce.moveTo();
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
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest("input, textarea")) return;
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
    /** The title of the article shown, or "" when closed. */
    get title() {
      return dialog.open ? shownTitle : "";
    },
  };
}
