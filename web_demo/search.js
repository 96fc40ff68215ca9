// Runs a query as the search box means it, and says what came of it: the page of hits, the
// counts per source, and the notes a reader needs (a correction, an empty state and why).
// SPDX-License-Identifier: MIT

import { T } from "./strings.js";

export const PAGE = 20;
export const SNIPPET_WORDS = 26;

// The end of a query still being typed that is syntax waiting for its word: "-" or "-wor" (an
// exclusion, applied once its word is complete), "O", "OR" or "|" (an OR still without its
// second word). Applied now they would empty the results at every keystroke.
const PENDING = /(?:^|\s)(?:-\S*|OR?|\|)$/u;
const OPERATOR = /(?:^|\s)(?:OR|\|)(?=\s|$)|[*"-]/gu;
const LATIN_ONLY = /^[\p{Script=Latin}\p{N}\s*"'|:-]+$/u;

/** The chunks of a query that exclude: "-word" or -"a phrase". */
const exclusions = (q) => [...q.matchAll(/(?:^|\s)-("[^"]*"?|\S+)/gu)].map((m) => m[1]);

/**
 * Searches `q` (untrimmed: a final space ends the last word, which is then no prefix) with the
 * source filter `source`. `typing`: the query is being typed, so its last word is completed
 * but not yet corrected (a half-typed word would be "corrected"), and syntax still waiting for
 * its word is left out (`pending`). Returns { q, query, page, counts, notes, empty, correctable,
 * pending }: `correctable` and `pending` ask to search again, not typing, after a pause.
 */
export function runSearch(engine, q, source, { typing = false, offset = 0 } = {}) {
  const { fahras, index } = engine;
  const pending = typing && PENDING.test(q);
  const query = pending ? q.replace(PENDING, "") : q;
  const read = { prefix: true, typoFallback: !typing };
  const filters = source ? { source } : undefined;
  const page = index.search(query, { ...read, limit: PAGE, offset, filters, snippetWords: SNIPPET_WORDS });
  // Counts per source for the menu: every match of the query, whatever source is chosen.
  const counts = index.facets(query, { ...read, fields: ["source"] }).source;
  const outcome = { q, query, page, counts, notes: [], empty: "", correctable: false, pending };

  // The word being typed completes to nothing: after a pause it is corrected as a typo.
  const last = page.notes.findLast((n) => n.kind === "prefix");
  outcome.correctable = typing && page.total === 0 && last !== undefined && last.expansions.length === 0;

  const typos = page.notes.filter((n) => n.kind === "typo");
  for (const n of page.notes) {
    // With no full match, a typo note may come from the partial matches' search, which also
    // corrects words the articles have (اصحاب for بأصحاب): it says only what was searched.
    if (n.kind === "typo" && (page.total > 0 || page.partial > 0))
      outcome.notes.push({ kind: "typo", text: page.total > 0 ? T.typo(n.word, n.written) : T.typoNear(n.word, n.written) });
    else if (n.kind === "stopword") outcome.notes.push({ kind: "stopword", text: T.stopword(n.word) });
    else if (n.kind === "truncated") outcome.notes.push({ kind: "truncated", text: T.truncated });
    else if (n.kind === "partial") outcome.notes.push({ kind: "partial", text: T.partial(page.partial) });
  }
  // Words past the query's share of typo corrections, searched as typed: one note for them all.
  const skipped = page.notes.filter((n) => n.kind === "typo_skipped").map((n) => n.word);
  if (skipped.length) outcome.notes.push({ kind: "typo_skipped", text: T.typoSkipped(skipped) });
  if (pending && query.trim()) outcome.notes.push({ kind: "pending", text: T.pending });
  if (page.total === 0 && !outcome.correctable && query.trim())
    outcome.empty = whyEmpty(engine, query, page.partial > 0 ? [] : typos, filters);
  return outcome;
}

/** The message for a query that found nothing: what in it made it so. */
function whyEmpty({ fahras, index }, query, typos, filters) {
  if (fahras.analyze(query.replace(OPERATOR, " ")).length === 0) {
    return new RegExp(OPERATOR.source, "u").test(query) ? T.onlyOperators : T.noWords;
  }
  const excluded = exclusions(query);
  if (excluded.length) {
    const rest = query.replace(/(?:^|\s)-("[^"]*"?|\S+)/gu, " ");
    if (!rest.trim() || fahras.analyze(rest.replace(OPERATOR, " ")).length === 0) return T.onlyExclusions(excluded);
    const without = index.search(rest, { prefix: true, limit: 0, snippetWords: 0, filters }).total;
    if (without > 0) return T.excludedAll(excluded, without);
  }
  if (typos.length) return T.typoNothing(typos.map((n) => n.word));
  if (LATIN_ONLY.test(query)) return T.latin(query.trim());
  return T.noResults(query.trim());
}
