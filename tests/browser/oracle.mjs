// A naive, independent reading of the bundled articles, to check the demo's results against.
// SPDX-License-Identifier: MIT
//
// It folds the way fahras documents its defaults (marks, tatweel, alef and hamza forms, alef
// maksura, teh marbuta) but with none of its code, and splits words at anything that is not a
// letter, mark or digit. No stemming: it only knows exact (folded) word forms, so tests use it
// for facts that hold whatever the stemmer adds: "this article has this word N times".

import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO } from "./harness.mjs";

export function fold(text) {
  return text
    .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F]/g, "")
    .replace(/[\u0622\u0623\u0625\u0671\u0672\u0673\u0675]/g, "\u0627")
    .replace(/[\u0624\u0676]/g, "\u0648")
    .replace(/[\u0626\u0678\u0649]/g, "\u064A")
    .replace(/\u0629/g, "\u0647")
    .toLowerCase();
}

/** The folded words of `text`, in order. */
export const words = (text) => (text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).map(fold);

/** True when `c` (one character, or "") belongs to a word. */
export const isWordChar = (c) => /[\p{L}\p{M}\p{N}]/u.test(c);

const DIR = path.join(REPO, "web_demo/articles");
/** The five articles: { id, title, source, date, url, text, words (of the text) }. */
export const ARTICLES = JSON.parse(readFileSync(path.join(DIR, "articles.json"), "utf8")).map((a) => {
  const text = readFileSync(path.join(DIR, a.file), "utf8");
  return { ...a, text, words: words(text) };
});

/** How many times the folded form `word` occurs in all titles and texts. */
export function corpusCount(word) {
  const target = fold(word);
  return ARTICLES.flatMap((a) => [...words(a.title), ...a.words]).filter((w) => w === target).length;
}

/** How many times the folded form `word` occurs as a whole word in article `id`. */
export function occurrences(id, word) {
  const target = fold(word);
  return ARTICLES.find((a) => a.id === id).words.filter((w) => w === target).length;
}

/** The ids of the articles containing every word of `query` (exact folded forms). */
export function articlesWithAll(query) {
  const wanted = words(query);
  return ARTICLES.filter((a) => wanted.every((w) => a.words.includes(w))).map((a) => a.id);
}
