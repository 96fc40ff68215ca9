// Ranking: the best matches in order, the closest together among the first ones moved up (the
// proximity bonus).
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "../../score.hpp"
#include "../../types.hpp"
#include "../compact_sort.hpp"
#include "../format/postings.hpp"
#include "execute.hpp"
#include "matchers.hpp"
#include "plan.hpp"

namespace fahras::detail {

// Smallest span of positions holding one position from each list; 0 if a list is empty.
inline std::uint32_t min_span(const std::vector<std::vector<term_pos>>& lists) {
  std::vector<std::size_t> at(lists.size(), 0);
  for (const auto& l : lists)
    if (l.empty()) return 0;
  std::uint32_t best = ~0u;
  for (;;) {
    term_pos lo = ~0u, hi = 0;
    std::size_t lo_list = 0;
    for (std::size_t i = 0; i < lists.size(); ++i) {
      const term_pos p = lists[i][at[i]];
      if (p < lo) {
        lo = p;
        lo_list = i;
      }
      hi = std::max(hi, p);
    }
    best = std::min(best, hi - lo + 1);
    if (++at[lo_list] >= lists[lo_list].size()) return best;
  }
}

#ifndef __EMSCRIPTEN__
// Where a word stands in the documents the rerank visits, in document order: its lists'
// cursors alone. A word_matcher would also open the exact-form bonus's list and compute idfs,
// which only scoring needs. Natively only: the WebAssembly module has no room for the code.
class word_positions {
 public:
  explicit word_positions(const word_plan& w) : cursors_(w.lists.begin(), w.lists.end()) {}
  // The word's positions in document `d` (at or after the previous one asked), ascending, in
  // `out`; false, with `out` empty, when the word is not in it.
  bool at(doc_id d, std::vector<term_pos>& out) {
    out.clear();
    bool found = false;
    for (postings_cursor& c : cursors_)
      if (c.advance(d) && c.doc() == d) {
        c.positions(out);
        found = true;
      }
    if (cursors_.size() > 1) std::sort(out.begin(), out.end());
    return found;
  }

 private:
  std::vector<postings_cursor> cursors_;
};
#endif

inline bool better(const scored_doc& a, const scored_doc& b) {
  return a.score != b.score ? a.score > b.score : a.doc < b.doc;
}

// better() as a type of its own, which std::partial_sort inlines into its scan of every match
// (a function pointer it calls for each).
struct better_order {
  bool operator()(const scored_doc& a, const scored_doc& b) const { return better(a, b); }
};

/// Orders `matches` so that its first `want` entries are the best, in order. Among the best
/// `rerank_depth`, documents where the query's words stand close together gain a bonus.
inline void rank(const query_plan& plan, const scoring_params& params, std::uint32_t doc_count,
                 std::vector<scored_doc>& matches, std::size_t want) {
  const std::size_t depth = std::min(matches.size(), std::max(want, params.rerank_depth));
#ifdef __EMSCRIPTEN__
  // The function pointer's sorting code is rank_partial's too: the module stays small.
  std::partial_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(depth),
                    matches.end(), better);
#else
  std::partial_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(depth),
                    matches.end(), better_order{});
#endif
  // Proximity: one word of each positive clause (its first atom's first word).
  std::vector<const word_plan*> words;
  for (const clause_plan& c : plan.clauses)
    if (!c.negated && !c.atoms.empty() && !c.atoms[0].words.empty())
      words.push_back(&c.atoms[0].words[0]);
  if (words.size() >= 2 && depth > 0 && params.proximity_weight > 0) {
    std::vector<std::size_t> by_doc(depth);
    for (std::size_t i = 0; i < depth; ++i) by_doc[i] = i;
    compact_sort(by_doc.begin(), by_doc.end(),
                 [&](std::size_t a, std::size_t b) { return matches[a].doc < matches[b].doc; });
#ifdef __EMSCRIPTEN__
    std::vector<std::unique_ptr<word_matcher>> ms;
    for (const word_plan* w : words) ms.push_back(std::make_unique<word_matcher>(*w, doc_count));
#else
    (void)doc_count;
    std::vector<word_positions> ms;
    ms.reserve(words.size());
    for (const word_plan* w : words) ms.emplace_back(*w);
#endif
    std::vector<std::vector<term_pos>> positions(words.size());
    for (std::size_t i : by_doc) {
      const doc_id d = matches[i].doc;
      bool all = true;
      for (std::size_t k = 0; k < ms.size(); ++k) {
#ifdef __EMSCRIPTEN__
        all = ms[k]->advance(d) && ms[k]->doc() == d && all;
        if (ms[k]->doc() == d)
          ms[k]->positions(positions[k]);
        else
          positions[k].clear();
#else
        all = ms[k].at(d, positions[k]) && all;
#endif
      }
      if (!all) continue;
      const std::uint32_t span = min_span(positions);
      if (span == 0) continue;
      // Words that share positions (a word typed twice) can make the span shorter than the
      // word count: adjacent is as close as it gets.
      const double closeness =
          span < words.size() ? 1.0 : double(words.size() - 1) / double(span - 1);
      matches[i].score *= 1.0 + params.proximity_weight * closeness;
    }
    // The rerank depth, a hundred or so; better() is a total order.
    total_order_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(depth), better);
  }
}

// For soft AND's partial matches: more of the query's words first, then `better`.
inline bool better_partial(const scored_doc& a, const scored_doc& b) {
  return a.matched != b.matched ? a.matched > b.matched : better(a, b);
}

/// Orders soft AND's partial matches so that the first `want` are the best (better_partial).
/// A comparator of `better`'s type shares rank()'s sorting code: the WebAssembly stays small.
inline void rank_partial(std::vector<scored_doc>& partial, std::size_t want) {
  want = std::min(want, partial.size());
  std::partial_sort(partial.begin(), partial.begin() + static_cast<std::ptrdiff_t>(want),
                    partial.end(), better_partial);
}

}  // namespace fahras::detail
