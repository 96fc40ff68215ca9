// A small hash map from strings to values, for tallies (frequency lists, collocates, written
// forms): open addressing over the entries' numbers, the probing code shared by every value type.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "function_ref.hpp"
#include "hash_bytes.hpp"

namespace fahras::detail {

/// The slots of a string_map, apart from its entries: one copy of this code serves them all
/// (std::unordered_map brought about 1.8 KB gzipped into the WebAssembly module).
class string_slots {
 protected:
  using key_of = function_ref<std::string_view(std::uint32_t)>;

  /// The number of the entry whose key is `key` (`keys` gives the keys of entries 0 .. `count` -
  /// 1), or `count` after reserving a slot for it: the caller then adds it as entry `count`.
  std::uint32_t find_or_add(std::string_view key, std::uint32_t count, key_of keys) {
    if (std::size_t{count} * 2 >= slots_.size()) grow(count, keys);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash_bytes(key) & mask;; slot = (slot + 1) & mask) {
      const std::uint32_t s = slots_[slot];
      if (s == 0) {
        slots_[slot] = count + 1;
        return count;
      }
      if (keys(s - 1) == key) return s - 1;
    }
  }

  /// The number of the entry whose key is `key`, or `count` if there is none.
  std::uint32_t find(std::string_view key, std::uint32_t count, key_of keys) const {
    if (slots_.empty()) return count;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash_bytes(key) & mask;; slot = (slot + 1) & mask) {
      const std::uint32_t s = slots_[slot];
      if (s == 0) return count;
      if (keys(s - 1) == key) return s - 1;
    }
  }

  void clear_slots() noexcept { slots_.clear(); }

 private:
  // Doubles the slots (8 at first) and puts entries 0 .. count - 1 back.
  void grow(std::uint32_t count, key_of keys) {
    slots_.assign(slots_.empty() ? 8 : slots_.size() * 2, 0);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t i = 0; i < count; ++i) {
      std::size_t slot = hash_bytes(keys(i)) & mask;
      while (slots_[slot] != 0) slot = (slot + 1) & mask;
      slots_[slot] = i + 1;
    }
  }

  std::vector<std::uint32_t> slots_;  // an entry's number + 1; 0 is empty
};

/// Maps strings to values; `Key` is std::string (owned) or std::string_view (the caller keeps
/// the bytes alive). Iterates in order of first insertion, as (key, value) pairs.
template <class Key, class Value>
class string_map : string_slots {
 public:
  /// The value of `key`, added as `Value{}` if new.
  Value& operator[](std::string_view key) {
    const auto count = static_cast<std::uint32_t>(entries_.size());
    const std::uint32_t at = find_or_add(
        key, count, [this](std::uint32_t i) { return std::string_view(entries_[i].first); });
    if (at == count) entries_.emplace_back(Key(key), Value{});
    return entries_[at].second;
  }

  /// The value of `key`, or null if it has none.
  const Value* find(std::string_view key) const {
    const auto count = static_cast<std::uint32_t>(entries_.size());
    const std::uint32_t at = string_slots::find(
        key, count, [this](std::uint32_t i) { return std::string_view(entries_[i].first); });
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
  std::vector<std::pair<Key, Value>> entries_;
};

}  // namespace fahras::detail
