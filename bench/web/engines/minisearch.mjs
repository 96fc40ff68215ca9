// MiniSearch (npm minisearch) as a benchmark engine: a peer, never part of the product.
// SPDX-License-Identifier: MIT

import { readFileSync } from "node:fs";
import MiniSearch from "minisearch";

const { version } = JSON.parse(readFileSync(new URL("../node_modules/minisearch/package.json", import.meta.url)));

/**
 * Set up as MiniSearch's README shows: fields title and text, nothing stored, and
 * `combineWith: "AND"` so that a document must contain every word. Its default tokenizer splits
 * on Unicode spaces and punctuation (Arabic included) and its default processTerm lowercases;
 * it offers no Arabic stemmer or normalizer, so none is used. Prefix and fuzzy search stay off.
 */
export async function createEngine() {
  return {
    name: "minisearch",
    version,
    config: 'new MiniSearch({ fields: ["title", "text"], searchOptions: { combineWith: "AND" } }), addAll(docs); ' +
      "search(q) sorted by BM25, first 10 kept; default tokenizer and processTerm (lowercase), no stemming",
    build(docs) {
      const index = new MiniSearch({ fields: ["title", "text"], searchOptions: { combineWith: "AND" } });
      index.addAll(docs);
      return index;
    },
    search(index, query, k) {
      const results = index.search(query);
      return { ids: results.slice(0, k).map((r) => r.id), total: results.length };
    },
  };
}
