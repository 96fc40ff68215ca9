// fahras's adapter for bench-page.js: a collection opened in fahras-worker.mjs's Web Worker.
// SPDX-License-Identifier: MIT
import { RESULTS, run } from "./bench-page.js";
import { createFahrasWorker } from "./fahras-worker.mjs";

let collection;
let pending = null; // the search a newer input cancels
run({
  async start() {
    const fahras = createFahrasWorker();
    collection = await fahras.openCollection(new URL("./collection/", location.href).href);
  },
  async search(query) {
    pending?.abort();
    const controller = (pending = new AbortController());
    const r = await collection.search(query, { limit: RESULTS, signal: controller.signal });
    return { total: r.total, hits: r.hits.map((h) => ({ title: h.fields.title, excerpt: h.snippet.text })) };
  },
});
