// The typo oracle: edit distance with a bound over a sorted dictionary, as the search scanned
// every key before the automaton walk (detail/search/typo_candidates.hpp) replaced it.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::detail {

/// Levenshtein distance from a fixed target to many keys given in sorted order, over bytes of
/// term_key-encoded keys (one byte per Arabic letter). Distances above `max` come back as
/// max + 1 without finishing the computation.
class bounded_levenshtein {
 public:
  bounded_levenshtein(std::string target, std::size_t max)
      : target_(std::move(target)),
        max_(max),
        rows_(1, std::vector<std::size_t>(target_.size() + 1)) {
    for (std::size_t j = 0; j <= target_.size(); ++j) rows_[0][j] = j;
  }

  std::size_t distance(std::string_view key) {
    const std::size_t m = target_.size();
    if (key.size() > m + max_ || key.size() + max_ < m) return max_ + 1;
    std::size_t shared = 0;
    const std::size_t limit = std::min({key.size(), key_.size(), valid_});
    while (shared < limit && key[shared] == key_[shared]) ++shared;
    key_.assign(key);
    valid_ = shared;
    if (rows_.size() < key.size() + 1)
      rows_.resize(key.size() + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = shared + 1; i <= key.size(); ++i) {
      const auto& up = rows_[i - 1];
      auto& row = rows_[i];
      row[0] = i;
      std::size_t best = row[0];
      for (std::size_t j = 1; j <= m; ++j) {
        const std::size_t subst = up[j - 1] + (key[i - 1] != target_[j - 1] ? 1 : 0);
        row[j] = std::min({up[j] + 1, row[j - 1] + 1, subst});
        best = std::min(best, row[j]);
      }
      valid_ = i;
      if (best > max_) return max_ + 1;  // every longer key sharing this prefix is too far
    }
    return rows_[key.size()][m];
  }

 private:
  std::string target_;
  std::size_t max_;
  std::vector<std::vector<std::size_t>> rows_;
  std::string key_;        // the previous key
  std::size_t valid_ = 0;  // rows 1..valid_ hold its prefix
};

}  // namespace fahras::detail
