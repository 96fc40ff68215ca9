// The index builder's term table: string -> term number, open addressing, keys in one arena.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::detail {

/// 64-bit hash of a short byte string (terms are under 256 bytes): 8 bytes at a time, mixed
/// with multiplications, finished as in splitmix64.
inline std::uint64_t hash_bytes(std::string_view s) noexcept {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * 0x94D049BB133111EBull;
  }
  h ^= h >> 31;
  h *= 0xD6E8FEB86659FD93ull;
  h ^= h >> 32;
  return h;
}

/// Maps each distinct string to a dense number 0, 1, 2, ... in order of first insertion.
class term_table {
 public:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;

  term_table() { rehash(1u << 12); }

  /// The term's number, inserting it if new; `inserted` tells which.
  std::uint32_t find_or_insert(std::string_view key, bool& inserted) {
    const std::uint64_t h = hash_bytes(key);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    std::size_t slot = static_cast<std::size_t>(h) & mask_;
    for (;;) {
      const std::uint32_t id = slots_[slot];
      if (id == none) break;
      if (tags_[slot] == tag && this->key(id) == key) {
        inserted = false;
        return id;
      }
      slot = (slot + 1) & mask_;
    }
    const auto id = static_cast<std::uint32_t>(offsets_.size());
    offsets_.push_back(static_cast<std::uint32_t>(arena_.size()));
    lengths_.push_back(static_cast<std::uint16_t>(key.size()));
    arena_.append(key);
    slots_[slot] = id;
    tags_[slot] = tag;
    inserted = true;
    if (offsets_.size() * 2 > slots_.size()) rehash(slots_.size() * 2);
    return id;
  }

  std::uint32_t find(std::string_view key) const {
    const std::uint64_t h = hash_bytes(key);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    std::size_t slot = static_cast<std::size_t>(h) & mask_;
    for (;;) {
      const std::uint32_t id = slots_[slot];
      if (id == none) return none;
      if (tags_[slot] == tag && this->key(id) == key) return id;
      slot = (slot + 1) & mask_;
    }
  }

  std::string_view key(std::uint32_t id) const noexcept {
    return {arena_.data() + offsets_[id], lengths_[id]};
  }
  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(offsets_.size()); }

  /// Forgets every key, keeping the capacity.
  void clear() {
    std::fill(slots_.begin(), slots_.end(), none);
    offsets_.clear();
    lengths_.clear();
    arena_.clear();
  }

  /// Frees the hash slots once no more lookups will come (keys stay readable).
  void drop_lookup() {
    std::vector<std::uint32_t>().swap(slots_);
    std::vector<std::uint32_t>().swap(tags_);
  }

 private:
  void rehash(std::size_t capacity) {
    slots_.assign(capacity, none);
    tags_.assign(capacity, 0);
    mask_ = capacity - 1;
    for (std::uint32_t id = 0; id < offsets_.size(); ++id) {
      const std::uint64_t h = hash_bytes(key(id));
      std::size_t slot = static_cast<std::size_t>(h) & mask_;
      while (slots_[slot] != none) slot = (slot + 1) & mask_;
      slots_[slot] = id;
      tags_[slot] = static_cast<std::uint32_t>(h >> 32);
    }
  }

  std::vector<std::uint32_t> slots_;
  std::vector<std::uint32_t> tags_;
  std::size_t mask_ = 0;
  std::vector<std::uint32_t> offsets_;
  std::vector<std::uint16_t> lengths_;
  std::string arena_;
};

}  // namespace fahras::detail
