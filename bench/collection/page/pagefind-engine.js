// Pagefind's adapter for bench-page.js: its own JavaScript API, as its default UI uses it.
// SPDX-License-Identifier: MIT
import { RESULTS, run } from "./bench-page.js";

let pagefind;
run({
  async start() {
    pagefind = await import("./pagefind/pagefind.js");
    await pagefind.init();
  },
  async search(query) {
    const search = await pagefind.search(query);
    const data = await Promise.all(search.results.slice(0, RESULTS).map((r) => r.data()));
    // The excerpt is HTML with <mark>s; the text is what gets painted.
    const text = (html) => new DOMParser().parseFromString(html, "text/html").body.textContent;
    return { total: search.results.length, hits: data.map((d) => ({ title: d.meta.title, excerpt: text(d.excerpt) })) };
  },
});
