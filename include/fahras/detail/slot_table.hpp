// Open addressing over entry numbers, apart from the entries: the hash maps that keep their
// entries in a vector (string_map, the collection reader's shard cache) share this code for
// probing, growing and rebuilding. They replaced std::unordered_map, which brought about
// 1-1.8 KB gzipped into each WebAssembly module.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "function_ref.hpp"

namespace fahras::detail {

/// The slots of a map whose entries are numbered 0 .. count - 1 by their owner. A slot holds an
/// entry's number + 1, 0 is empty; at most half the slots are used, so every probe ends.
class slot_table {
 public:
  /// An entry's hash, by its number. Called only to rebuild, so one non-template copy of that
  /// serves every owner.
  using hash_of = function_ref<std::uint64_t(std::uint32_t)>;

  // `match` takes an entry's number and tells whether it is the entry sought. It is a template
  // parameter, as the probe is hot; each owner instantiates it once (string_map through
  // string_slots).

  /// The entry of hash `hash` for which `match` holds, or `count` if there is none.
  template <class IsKey>
  std::uint32_t find(std::uint64_t hash, std::uint32_t count, const IsKey& match) const {
    if (slots_.empty()) return count;
    const std::uint32_t s = slots_[probe(hash, match)];
    return s == 0 ? count : s - 1;
  }

  /// As find; if there is none, a slot is reserved for entry `count`, which the caller then adds.
  template <class IsKey>
  std::uint32_t find_or_add(std::uint64_t hash, std::uint32_t count, const IsKey& match,
                            hash_of hashes) {
    if (std::size_t{count} * 2 >= slots_.size()) rebuild(count, hashes);
    const std::size_t slot = probe(hash, match);
    if (slots_[slot] == 0) slots_[slot] = count + 1;
    return slots_[slot] - 1;
  }

  /// Reserves a slot for entry `count`, whose key no entry has.
  void add(std::uint64_t hash, std::uint32_t count, hash_of hashes) {
    find_or_add(hash, count, none{}, hashes);
  }

  /// Puts entries 0 .. count - 1 back into slots sized for them and one more (after the owner
  /// grew or dropped entries).
  void rebuild(std::uint32_t count, hash_of hashes) {
    std::size_t size = 8;
    while (size <= std::size_t{count} * 2) size *= 2;
    slots_.assign(size, 0);
    for (std::uint32_t i = 0; i < count; ++i) slots_[probe(hashes(i), none{})] = i + 1;
  }

  void clear() noexcept { slots_.clear(); }

 private:
  struct none {  // matches no entry: the probe stops at an empty slot
    bool operator()(std::uint32_t) const { return false; }
  };

  // The slot of the entry of hash `hash` that `match` accepts, or the empty slot that ends the
  // probe; the slots must not be empty.
  template <class IsKey>
  std::size_t probe(std::uint64_t hash, const IsKey& match) const {
    const std::size_t mask = slots_.size() - 1;
    auto slot = static_cast<std::size_t>(hash & mask);
    while (slots_[slot] != 0 && !match(slots_[slot] - 1)) slot = (slot + 1) & mask;
    return slot;
  }

  std::vector<std::uint32_t> slots_;
};

}  // namespace fahras::detail
