// One row of a banded Levenshtein table over bytes: the step that levenshtein_rows (the typo
// walk's automaton) and levenshtein_dfa (the same automaton made into a table) share.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fahras::detail {

/// Writes row i of the table of lev(path, target[0..j)) from row i - 1 (`up`) and the path's
/// i-th byte, keeping the band of cells j = i - k .. i + k, a byte each (cell b is
/// j = i - k + b; up[b + 1] is row i - 1's cell j, up[b] its cell j - 1), capped at `cap`
/// (k + 1). Only the cells of j within 0..target size are written: the caller keeps the others
/// at `cap`, and up[2k + 1] must be `cap` too. Returns the row's smallest cell. Needs
/// i <= target size + k.
inline unsigned levenshtein_band_row(const std::uint8_t* up, std::uint8_t* out, std::size_t i,
                                     std::string_view target, std::size_t k, unsigned cap,
                                     std::uint8_t byte) {
  // Members of the callers come in as locals: a store through `out` (bytes) could change any
  // member, as far as the compiler knows, and would make it reload them every cell.
  const std::size_t m = target.size();
  std::size_t b = i < k ? k - i : 0;
  const std::size_t last = std::min(2 * k, m + k - i);
  unsigned left = cap;
  if (i <= k) {  // j == 0: i deletions
    left = static_cast<unsigned>(i);
    out[b++] = static_cast<std::uint8_t>(i);
  }
  unsigned best = left;
  const auto* t = reinterpret_cast<const unsigned char*>(target.data());
  const std::size_t shift = i - k - 1;  // modulo 2^N: t[b + shift] is target[j - 1], j >= 1
  for (; b <= last; ++b) {
    unsigned v = up[b] + unsigned{t[b + shift] != byte};
    v = std::min(v, up[b + 1] + 1u);
    left = std::min(std::min(v, left + 1u), cap);
    out[b] = static_cast<std::uint8_t>(left);
    best = std::min(best, left);
  }
  return best;
}

}  // namespace fahras::detail
