// FlexSearch (npm flexsearch) as a benchmark engine: a peer, never part of the product.
// SPDX-License-Identifier: MIT

import { readFileSync } from "node:fs";
import { Document, Encoder } from "flexsearch";

const { version } = JSON.parse(readFileSync(new URL("../node_modules/flexsearch/package.json", import.meta.url)));

/**
 * A Document index over title and text, whole-word terms (tokenize "strict", the default), and
 * an encoder for Unicode text that leaves Arabic letters alone: lowercase (for Latin words),
 * terms split on anything that is not a letter, combining mark or digit, as Unicode word
 * boundaries do. Not Charset.Default, FlexSearch's universal encoder: its NFKD splits أ إ آ ؤ ئ
 * into a bare letter and a combining hamza or madda, and its split (letters and digits only)
 * then cuts the word in two (إظلام becomes ا + ظلام), and its letter dedupe merges لل into ل.
 * FlexSearch has no Arabic stemmer, so none is used. A multi-word query intersects its words
 * within each field (suggest off, the default); `merge: true` unites the fields' results, so a
 * document matches when its title or its text holds every word (FlexSearch does not AND words
 * across fields, as its own source notes).
 */
export async function createEngine() {
  const encoder = () => new Encoder({
    normalize: (text) => text.toLowerCase(),
    split: /[^\p{L}\p{M}\p{N}]+/u,
    dedupe: false,
  });
  return {
    name: "flexsearch",
    version,
    config: 'new Document({ document: { id: "id", index: ["title", "text"] }, tokenize: "strict", ' +
      "encoder: new Encoder({ normalize: lowercase, split: /[^\\p{L}\\p{M}\\p{N}]+/u, dedupe: false }) }), add(doc) each; " +
      "search(q, { limit: 10, merge: true }): words intersected per field, fields united; no stemming",
    build(docs) {
      const index = new Document({
        document: { id: "id", index: ["title", "text"] },
        tokenize: "strict",
        encoder: encoder(),
      });
      for (const doc of docs) index.add(doc);
      return index;
    },
    search(index, query, k) {
      const results = index.search(query, { limit: k, merge: true });
      return { ids: results.slice(0, k).map((r) => r.id), total: null };
    },
  };
}
