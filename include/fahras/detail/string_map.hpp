// A small hash map from strings to values, for tallies (frequency lists, collocates, written
// forms): its entries in a vector, found through a slot_table that every value type shares.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "function_ref.hpp"
#include "hash_bytes.hpp"
#include "slot_table.hpp"

namespace fahras::detail {

/// string_map's lookups apart from its entries' type: one copy of them serves every string_map
/// (a copy per type cost about 170 bytes gzipped in fahras.wasm).
class string_slots {
 protected:
  using key_of = function_ref<std::string_view(std::uint32_t)>;

  /// The number of the entry whose key is `key` (`keys` gives the keys of entries 0 .. `count` -
  /// 1), or `count` after reserving a slot for it: the caller then adds it as entry `count`.
  std::uint32_t find_or_add(std::string_view key, std::uint32_t count, key_of keys) {
    return slots_.find_or_add(
        hash_bytes(key), count, [&](std::uint32_t i) { return keys(i) == key; },
        [&](std::uint32_t i) { return hash_bytes(keys(i)); });
  }

  /// The number of the entry whose key is `key`, or `count` if there is none.
  std::uint32_t find(std::string_view key, std::uint32_t count, key_of keys) const {
    return slots_.find(hash_bytes(key), count, [&](std::uint32_t i) { return keys(i) == key; });
  }

  void clear_slots() noexcept { slots_.clear(); }

 private:
  slot_table slots_;
};

/// Maps strings to values; `Key` is std::string (owned) or std::string_view (the caller keeps
/// the bytes alive). Iterates in order of first insertion, as (key, value) pairs.
template <class Key, class Value>
class string_map : string_slots {
 public:
  /// The value of `key`, added as `Value{}` if new.
  Value& operator[](std::string_view key) {
    const auto count = static_cast<std::uint32_t>(entries_.size());
    const std::uint32_t at = find_or_add(key, count, [this](std::uint32_t i) { return key_at(i); });
    if (at == count) entries_.emplace_back(Key(key), Value{});
    return entries_[at].second;
  }

  /// The value of `key`, or null if it has none.
  const Value* find(std::string_view key) const {
    const auto count = static_cast<std::uint32_t>(entries_.size());
    const std::uint32_t at =
        string_slots::find(key, count, [this](std::uint32_t i) { return key_at(i); });
    return at == count ? nullptr : &entries_[at].second;
  }

  void clear() noexcept {
    entries_.clear();
    clear_slots();
  }

  bool empty() const noexcept { return entries_.empty(); }
  std::size_t size() const noexcept { return entries_.size(); }
  auto begin() const noexcept { return entries_.begin(); }
  auto end() const noexcept { return entries_.end(); }
  auto begin() noexcept { return entries_.begin(); }
  auto end() noexcept { return entries_.end(); }

 private:
  std::string_view key_at(std::uint32_t i) const { return entries_[i].first; }

  std::vector<std::pair<Key, Value>> entries_;
};

}  // namespace fahras::detail
