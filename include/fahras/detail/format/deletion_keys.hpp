// One-edit neighbourhoods (SymSpell's deletion keys): two keys at most one edit apart share a key
// made by deleting at most one byte of each, so a table of words under their deletion keys finds
// the words near a query word by lookups instead of a walk (a collection's typo shards).
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace fahras::detail {

/// Calls `f(std::string_view k, std::uint32_t place)` for `key` itself (place 0) and for each
/// distinct key made by deleting one byte of it (place p + 1: byte p deleted; of a run of equal
/// bytes only the first, as deleting any of them gives the same key).
template <class F>
void for_each_deletion(std::string_view key, F&& f) {
  f(key, std::uint32_t{0});
  std::string k;
  for (std::size_t p = 0; p < key.size(); ++p) {
    if (p > 0 && key[p] == key[p - 1]) continue;
    k.assign(key.data(), p);
    k.append(key.substr(p + 1));
    f(std::string_view(k), static_cast<std::uint32_t>(p + 1));
  }
}

/// Whether `a` and `b` are at most one edit apart: Levenshtein over bytes (insert, delete or
/// substitute one byte), as the typo walk measures.
inline bool within_one_edit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or b is a with one byte appended
  return a.size() == b.size() ? a.substr(i + 1) == b.substr(i + 1) : a.substr(i) == b.substr(i + 1);
}

}  // namespace fahras::detail
