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
  double score;
};

/// Every matching document with its BM25F score, in document order.
inline std::vector<scored_doc> execute(const index& idx, const query_plan& plan,
                                       const scoring_params& params) {
  std::vector<scored_doc> out;
  if (plan.impossible) return out;
  std::vector<std::unique_ptr<matcher>> required, excluded;
  for (const clause_plan& c : plan.clauses)
    (c.negated ? excluded : required).push_back(make_clause_matcher(idx, c));
  for (const auto& g : plan.filters) required.push_back(make_group_matcher(g));
  for (const auto& g : plan.excluded_filters) excluded.push_back(make_group_matcher(g));
  if (required.empty()) return out;  // only exclusions: nothing to show

  std::unique_ptr<matcher> all = required.size() == 1
                                     ? std::move(required[0])
                                     : std::make_unique<all_matcher>(std::move(required));
  const scorer s(idx, params);
  out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(all->cost(), idx.doc_count())));
  for (auto& e : excluded) e->next();
  while (all->next()) {
    const doc_id d = all->doc();
    bool skip = false;
    for (auto& e : excluded) {
      if (e->doc() < d) e->advance(d);
      if (e->doc() == d) skip = true;
    }
    if (!skip) out.push_back({d, all->score(s)});
  }
  return out;
}

}  // namespace fahras::detail
