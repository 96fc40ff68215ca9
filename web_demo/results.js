// The result list: a hit per article (title, source and date, a snippet with its matches
// marked), more on demand, and arrow keys to move through them. Hits with only some of the
// query's words (soft AND: after every hit with all of them) go to a list of their own.
// SPDX-License-Identifier: MIT

import { formatDate } from "./strings.js";
import { h, appendMarked } from "./marks.js";
import { appendExcerpt } from "./article-text.js";

/**
 * Wires the lists: `list` for the hits with every word, `partialList` (in a section hidden
 * while it is empty) for the others. `linkTo(changes)` gives a state's URL; `layoutOf(id)` an article's layout;
 * `onOpen(id, link)` opens an article; `onMore()` gives the next page of hits, or null.
 */
export function createResults(list, partialList, moreButton, { linkTo, layoutOf, onOpen, onMore, backToBox }) {
  const plainClick = (e) => !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button);
  let shown = 0;

  function hitItem(hit) {
    const link = h("a", { href: linkTo({ doc: hit.id, at: "" }), "data-id": hit.id });
    appendMarked(link, hit.fields.title || hit.id, hit.titleHighlights);
    const snippet = h("p", { class: "snippet" });
    const s = hit.snippet;
    const spans = s.highlights.map(([a, b]) => [a + s.start, b + s.start]); // in the article
    appendExcerpt(snippet, s.text, s.start, spans, layoutOf(hit.id), { before: s.wordsBefore, after: s.wordsAfter });
    return h("li", { class: "hit" }, h("h3", {}, link), metaLine(hit.fields), snippet);
  }

  function metaLine(fields) {
    const date = fields.date && h("time", { datetime: fields.date, text: formatDate(fields.date) });
    return h("p", { class: "meta" }, fields.source ?? "", fields.source && date ? " · " : "", date);
  }

  const links = () => [...list.querySelectorAll("a[data-id]"), ...partialList.querySelectorAll("a[data-id]")];

  // Appends the hits of `page` that follow the `shown` first: those past the page's `total`
  // have only some of the words.
  function place(page) {
    const items = page.hits.map(hitItem);
    const full = Math.max(0, page.total - shown);
    list.append(...items.slice(0, full));
    partialList.append(...items.slice(full));
    partialList.parentElement.hidden = !partialList.firstChild;
    shown += items.length;
    moreButton.hidden = shown >= page.total + page.partial;
    return items;
  }

  const lists = [list, partialList];
  for (const l of lists) l.addEventListener("click", (e) => {
    const link = e.target.closest("a[data-id]");
    if (link && plainClick(e)) {
      e.preventDefault();
      onOpen(link.dataset.id, link);
    }
  });
  // Up and down move from hit to hit; up from the first goes back to the search box.
  for (const l of lists) l.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const all = links();
    const at = all.indexOf(e.target);
    if (at < 0) return;
    if (e.key === "ArrowDown" && at + 1 < all.length) all[at + 1].focus();
    else if (e.key === "ArrowUp" && at > 0) all[at - 1].focus();
    else if (e.key === "ArrowUp") backToBox();
    else if (e.key === "Home") all[0].focus();
    else if (e.key === "End") all.at(-1).focus();
    else return;
    e.preventDefault();
  });
  moreButton.addEventListener("click", () => {
    const page = onMore(shown);
    if (!page) return;
    place(page)[0]?.querySelector("a").focus();
  });

  return {
    /** Shows the first page of hits (none: an empty list). */
    show(page) {
      list.replaceChildren();
      partialList.replaceChildren();
      shown = 0;
      if (page) place(page);
      else moreButton.hidden = partialList.parentElement.hidden = true;
    },
    /** Focuses the first hit; false when there is none. */
    focusFirst() {
      const first = links()[0];
      first?.focus();
      return Boolean(first);
    },
  };
}
