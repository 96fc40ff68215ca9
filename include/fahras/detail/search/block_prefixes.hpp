// Block prefixes: the first eight bytes of each dictionary block's first key, read once by the
// first lookup, so that finding a key's block searches one small array (22 K blocks, 178 KB for
// the 50 MB benchmark corpus) rather than a block index row and a key in a different place of
// the dictionary at each step, two cache misses each.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "../format/dictionary.hpp"
#include "../prefix_sort.hpp"

namespace fahras::detail {

/// key_prefix() of each block's first key of a single-file dictionary, in block order.
class block_prefixes {
 public:
  /// The prefixes of `dict`; nullopt for a collection, or when the first keys do not strictly
  /// ascend (a damaged dictionary: find_block() then searches it as it always has).
  static std::optional<block_prefixes> build(const dictionary_view& dict) {
    if (dict.source() != nullptr || dict.block_count() == 0) return std::nullopt;
    block_prefixes t;
    t.prefixes_.reserve(dict.block_count());
    std::string_view previous;
    for (std::uint32_t b = 0; b < dict.block_count(); ++b) {
      const std::string_view key = dict.first_key(b);
      if (key.empty() || (b > 0 && key <= previous)) return std::nullopt;
      t.prefixes_.push_back(key_prefix(key));
      previous = key;
    }
    return t;
  }

  /// dict.find_block(key), the same block: the blocks whose first key's prefix is below the
  /// key's have first keys below it, those whose prefix is above have first keys above it;
  /// only the blocks of an equal prefix compare their whole first key.
  std::uint32_t find_block(const dictionary_view& dict, std::string_view key) const {
    const std::uint64_t p = key_prefix(key);
    const auto below = std::lower_bound(prefixes_.begin(), prefixes_.end(), p);
    const auto above = std::upper_bound(below, prefixes_.end(), p);
    const auto first = static_cast<std::uint32_t>(below - prefixes_.begin());
    std::uint32_t lo = first > 0 ? first - 1 : 0;
    auto hi = static_cast<std::uint32_t>(above - prefixes_.begin());
    while (hi - lo > 1) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      if (dict.first_key(mid) <= key)
        lo = mid;
      else
        hi = mid;
    }
    return lo;
  }

 private:
  std::vector<std::uint64_t> prefixes_;
};

}  // namespace fahras::detail
