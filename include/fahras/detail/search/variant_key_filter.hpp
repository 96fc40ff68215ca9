// Variant key filter: hashes of a single-file index's spelling-variant keys, read once on the
// first search that asks, so that a query word whose keys the index does not hold (most words)
// costs no dictionary lookup for its siblings.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../compact_sort.hpp"
#include "../format/dictionary.hpp"
#include "../format/term_key.hpp"

namespace fahras::detail {

/// The variant terms' keys (they sort together, after the metadata terms), as sorted 64-bit
/// hashes: 8 bytes a variant term.
class variant_key_filter {
 public:
  /// The keys of `dict`, a single-file dictionary; nullopt if an entry does not decode (every
  /// key is then looked up).
  static std::optional<variant_key_filter> build(const dictionary_view& dict) {
    variant_key_filter f;
    if (dict.source() != nullptr) return std::nullopt;
    if (dict.term_count() == 0) return f;
    const std::string first(1, key_skeleton);
    dictionary_iterator it(dict, dict.find_block(first));
    it.skip_below(first);
    for (; it.valid() && is_variant_key(it.key()); it.next_key())
      f.hashes_.push_back(hash(it.key()));
    if (it.failed()) return std::nullopt;
    compact_sort(f.hashes_.begin(), f.hashes_.end());  // once, a few thousand: small code wins
    return f;
  }

  /// False when the dictionary has no term `key`; true when it may have one.
  bool may_hold(std::string_view key) const {
    return std::binary_search(hashes_.begin(), hashes_.end(), hash(key));
  }

 private:
  static std::uint64_t hash(std::string_view key) {  // FNV-1a
    std::uint64_t h = 0xcbf29ce484222325u;
    for (const char c : key) h = (h ^ static_cast<std::uint8_t>(c)) * 0x100000001b3u;
    return h;
  }

  std::vector<std::uint64_t> hashes_;
};

/// An index's variant key filter, built by the first search that asks for it; shared by the
/// copies of the index and safe to ask for from concurrent searches.
class lazy_variant_keys {
 public:
  const variant_key_filter* get(const dictionary_view& dict) const {
    std::call_once(once_, [&] { filter_ = variant_key_filter::build(dict); });
    return filter_ ? &*filter_ : nullptr;
  }

 private:
  mutable std::once_flag once_;
  mutable std::optional<variant_key_filter> filter_;
};

}  // namespace fahras::detail
