// Running a query plan: its matchers combined (required clauses and filters, exclusions) and
// every matching document scored.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "../../index.hpp"
#include "../../score.hpp"
#include "../../types.hpp"
#include "matchers.hpp"
#include "plan.hpp"
#include "scorer.hpp"

namespace fahras::detail {

struct scored_doc {
  doc_id doc;
  std::uint32_t matched;  // soft AND's words the document has (0 for a full match)
  double score;
};

// Soft AND: a query of at least this many plain words may fill its page with documents that
// have some of them.
inline constexpr std::size_t soft_and_min_words = 2;

// A clause soft AND may leave unmatched: one plain word, with its compound cuts if any (not a
// phrase, an OR group or an exclusion, which keep their strict meaning).
inline bool soft_clause(const clause_plan& c) {
  return !c.negated && (c.atoms.size() == 1 || c.compound) && c.atoms[0].words.size() == 1;
}

// Which documents execute() returns: every full match, or soft AND's partial matches, those
// with `most` of the query's plain words (more than half: 2 of 3, 3 of 4 or 5, 4 of 6) or, when
// no document has most of them, those with `some`: two of 4 or more words, either of two.
enum class which_matches { full, most, some };

// The words a partial match must have of `n`; 0 when that stage has nothing to add (`most` of
// two words is both, `some` of three is `most`).
inline std::size_t soft_and_least(std::size_t n, which_matches m) {
  if (m == which_matches::most) return n < 3 ? 0 : n / 2 + 1;
  return n == 2 ? 1 : n == 3 ? 0 : 2;
}

// Whether an exclusion (a negated clause or field value) has document `d`; the documents asked
// about ascend, and each exclusion moves on to them (started with next() beforehand).
inline bool excluded_at(std::vector<std::unique_ptr<matcher>>& excluded, doc_id d) {
  bool found = false;
  for (auto& e : excluded) {
    if (e->doc() < d) e->advance(d);
    if (e->doc() == d) found = true;
  }
  return found;
}

#ifndef __EMSCRIPTEN__
/// Soft AND's "either word" stage (two plain words, nothing else required): the documents with
/// exactly one of `words` (word matchers), scored as the union matcher of execute() scores
/// them. Each word is walked once on its own and the two walks merged, not a union stepped
/// document by document through virtual calls: every document of both words is visited either
/// way, and this visits each for about two thirds of the instructions (callgrind: 345 -> 225).
/// Natively only (no room in the module).
inline std::vector<scored_doc> either_word(std::vector<std::unique_ptr<matcher>>& words,
                                           std::vector<std::unique_ptr<matcher>>& excluded,
                                           const scorer& s) {
  struct doc_score {
    doc_id doc;
    double score;
  };
  std::vector<doc_score> of[2];
  for (std::size_t i = 0; i < 2; ++i) {
    auto& w = static_cast<word_matcher&>(*words[i]);  // a plain word's clause matcher
    of[i].reserve(static_cast<std::size_t>(w.cost()));
    while (w.next()) of[i].push_back({w.doc(), w.score(s)});
  }
  std::vector<scored_doc> out;
  out.reserve(of[0].size() + of[1].size());
  for (auto& e : excluded) e->next();
  std::size_t a = 0, b = 0;
  while (a < of[0].size() || b < of[1].size()) {
    const doc_id da = a < of[0].size() ? of[0][a].doc : no_doc;
    const doc_id db = b < of[1].size() ? of[1][b].doc : no_doc;
    if (da == db) {  // both words: a full match, not a partial one
      ++a;
      ++b;
      continue;
    }
    const doc_id d = std::min(da, db);
    const double score = da < db ? of[0][a++].score : of[1][b++].score;
    if (!excluded_at(excluded, d)) out.push_back({d, 1, score});
  }
  return out;
}
#endif

/// Every matching document with its BM25F score, in document order. `partial`: instead, soft
/// AND's partial matches: documents with some but not all of the query's plain words
/// (soft_clause) and everything else it requires, none if it has fewer than
/// soft_and_min_words of them.
inline std::vector<scored_doc> execute(const index& idx, const query_plan& plan,
                                       const scoring_params& params,
                                       which_matches partial = which_matches::full) {
  std::vector<scored_doc> out;
  if (plan.impossible) return out;
  // Soft AND's plain words and how many a partial match needs: a stage with nothing to add
  // returns before it makes any matcher.
  const bool soft_stage = partial != which_matches::full;
  const auto n = soft_stage ? static_cast<std::size_t>(std::count_if(
                                  plan.clauses.begin(), plan.clauses.end(), soft_clause))
                            : std::size_t{0};
  const std::size_t least = soft_stage ? soft_and_least(n, partial) : 0;
  if (soft_stage && (n < soft_and_min_words || least == 0)) return out;
  std::vector<std::unique_ptr<matcher>> required, excluded, soft;
  for (const clause_plan& c : plan.clauses)
    (c.negated                      ? excluded
     : soft_stage && soft_clause(c) ? soft
                                    : required)
        .push_back(make_clause_matcher(idx, c));
  for (const auto& g : plan.excluded_filters) excluded.push_back(make_group_matcher(g));
  any_matcher* counted = nullptr;
  if (soft_stage) {  // soft holds the n plain words
#ifndef __EMSCRIPTEN__
    if (least == 1 && n == 2 && required.empty() && plan.filters.empty() &&
        std::all_of(plan.clauses.begin(), plan.clauses.end(),
                    [](const clause_plan& c) { return c.negated || c.atoms.size() == 1; }))
      return either_word(soft, excluded, scorer(idx, params));
#endif
    auto some = std::make_unique<any_matcher>(std::move(soft), least, n - 1);
    counted = some.get();
    required.push_back(std::move(some));
  }
  for (const auto& g : plan.filters) required.push_back(make_group_matcher(g));
  if (required.empty()) return out;  // only exclusions: nothing to show

  std::unique_ptr<matcher> all = required.size() == 1
                                     ? std::move(required[0])
                                     : std::make_unique<all_matcher>(std::move(required));
  const scorer s(idx, params);
  out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(all->cost(), idx.doc_count())));
  for (auto& e : excluded) e->next();
  while (all->next()) {
    const doc_id d = all->doc();
    if (!excluded_at(excluded, d))
      out.push_back(
          {d, counted ? static_cast<std::uint32_t>(counted->matched()) : 0, all->score(s)});
  }
  return out;
}

}  // namespace fahras::detail
