// A sort for the index builder's large arrays whose order starts with a 64-bit number (a key's
// first eight bytes): a radix sort on that number, then a comparison sort of each run of equal
// numbers, which is short. About twice as fast as std::sort on them.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "huge_pages.hpp"

namespace fahras::detail {

/// The first eight bytes of `key` as a big-endian number, zero-padded: ordered as the keys are.
inline std::uint64_t key_prefix(std::string_view key) noexcept {
  const auto* k = reinterpret_cast<const unsigned char*>(key.data());
  std::uint64_t p = 0;
  if (key.size() >= 8) {  // a fixed count: one load, which compilers byte-swap
    for (std::size_t b = 0; b < 8; ++b) p = p << 8 | k[b];
    return p;
  }
  for (std::size_t b = 0; b < key.size(); ++b) p = p << 8 | k[b];
  return key.empty() ? 0 : p << (8 * (8 - key.size()));
}

/// Sorts `items` by `less`, a strict weak order whose first criterion is `prefix(item)`, a
/// std::uint64_t (ascending); `scratch` is room the size of `items` (kept by the caller, or
/// made here). Not stable among items `less` leaves equal: `less` must be a total order, or
/// the caller must not depend on the order of equal items.
template <class T, class Prefix, class Less>
void prefix_sort(std::vector<T>& items, std::vector<T>& scratch, Prefix prefix, Less less) {
  const std::size_t n = items.size();
  if (n < 64) {
    std::sort(items.begin(), items.end(), less);
    return;
  }
  // Least significant byte first, each pass stable; a byte all items share needs no pass.
  std::vector<std::size_t> counts(8 * 256, 0);
  for (const T& item : items) {
    const std::uint64_t p = prefix(item);
    for (unsigned b = 0; b < 8; ++b) ++counts[b * 256 + (p >> (8 * b) & 0xFF)];
  }
  reserve_huge(scratch, n);
  scratch.resize(n);
  for (unsigned b = 0; b < 8; ++b) {
    std::size_t* const count = counts.data() + b * 256;
    if (count[prefix(items[0]) >> (8 * b) & 0xFF] == n) continue;
    for (std::size_t i = 0, at = 0; i < 256; ++i) {
      const std::size_t c = count[i];
      count[i] = at;
      at += c;
    }
    for (const T& item : items) scratch[count[prefix(item) >> (8 * b) & 0xFF]++] = item;
    items.swap(scratch);
  }
  // Items with the same prefix: ordered by `less` in full.
  for (std::size_t i = 0, j = 0; i < n; i = j) {
    const std::uint64_t p = prefix(items[i]);
    for (j = i + 1; j < n && prefix(items[j]) == p;) ++j;
    if (j - i > 1)
      std::sort(items.begin() + static_cast<std::ptrdiff_t>(i),
                items.begin() + static_cast<std::ptrdiff_t>(j), less);
  }
}

}  // namespace fahras::detail
