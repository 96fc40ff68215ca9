// Phrase matching over word positions, shared by the phrase matcher of searches and by the
// highlights that find phrases again in a stored text.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <vector>

#include "../../types.hpp"

namespace fahras::detail {

/// Calls `match(p)` for each position p of `positions[0]` where a phrase of `words` words
/// stands: each list `positions[k]` holds p + k (the words in order, next to each other). Each
/// list is ascending.
template <class Match>
void for_each_phrase(const std::vector<term_pos>* positions, std::size_t words, Match&& match) {
  if (words == 0) return;
  std::vector<std::size_t> at(words, 0);
  for (term_pos p : positions[0]) {
    bool all = true;
    for (std::size_t k = 1; k < words && all; ++k) {
      const std::vector<term_pos>& pk = positions[k];
      while (at[k] < pk.size() && pk[at[k]] < p + k) ++at[k];
      all = at[k] < pk.size() && pk[at[k]] == p + k;
    }
    if (all) match(p);
  }
}

}  // namespace fahras::detail
