// The index builder's term table: string -> term number, open addressing, keys in one arena.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "../hints.hpp"

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

/// A growable array that never moves its elements: chunks of fixed size, so growing never
/// copies (and never holds old and new copies at once, which would double peak memory).
template <class T>
class chunked_vector {
 public:
  static constexpr std::size_t chunk = 1024;
  std::size_t size() const noexcept { return size_; }
  T& operator[](std::size_t i) noexcept { return chunks_[i / chunk][i % chunk]; }
  const T& operator[](std::size_t i) const noexcept { return chunks_[i / chunk][i % chunk]; }
  T& emplace_back() {
    if (size_ % chunk == 0) chunks_.emplace_back(new T[chunk]());
    return (*this)[size_++];
  }
  void clear() {
    chunks_.clear();
    size_ = 0;
  }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  std::size_t size_ = 0;
};

/// Maps each distinct string to a dense number 0, 1, 2, ... in order of first insertion.
class term_table {
 public:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;

  term_table() { rehash(1u << 12); }

  /// The term's number, inserting it if new; `inserted` tells which. `h` is hash_bytes(key),
  /// computed by the caller, who may have prefetched with it.
  std::uint32_t find_or_insert(std::string_view key, std::uint64_t h, bool& inserted) {
    const std::uint64_t tag = h & tag_mask;
    std::size_t slot = static_cast<std::size_t>(h) & mask_;
    for (;;) {
      const std::uint64_t v = slots_[slot];
      if (v == empty) break;
      if ((v & tag_mask) == tag && same(static_cast<std::uint32_t>(v), key)) {
        inserted = false;
        return static_cast<std::uint32_t>(v);
      }
      slot = (slot + 1) & mask_;
    }
    const auto id = static_cast<std::uint32_t>(spans_.size());
    spans_.push_back(
        {static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(key.size())});
    arena_.append(key);
    slots_[slot] = tag | id;
    inserted = true;
    if (spans_.size() * 2 > slots_.size()) rehash(slots_.size() * 2);
    return id;
  }

  /// Asks the CPU to fetch the slot where a key of hash `h` starts its probe. Lookups are
  /// cache misses once the table outgrows the cache; callers that know their next keys in
  /// advance hide much of that latency by prefetching a few lookups ahead.
  void prefetch(std::uint64_t h) const noexcept {
    detail::prefetch(slots_.data() + (static_cast<std::size_t>(h) & mask_));
  }

  std::string_view key(std::uint32_t id) const noexcept {
    return {arena_.data() + spans_[id].offset, spans_[id].length};
  }
  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(spans_.size()); }

  /// Forgets every key, keeping the capacity.
  void clear() {
    std::fill(slots_.begin(), slots_.end(), empty);
    spans_.clear();
    arena_.clear();
  }

  /// Frees the hash slots once no more lookups will come (keys stay readable).
  void drop_lookup() { std::vector<std::uint64_t>().swap(slots_); }

 private:
  // A slot holds the high 32 bits of the key's hash (a tag that rules out most mismatches
  // without touching the key) and the term number; all ones is empty.
  static constexpr std::uint64_t tag_mask = 0xFFFFFFFF00000000ull;
  static constexpr std::uint64_t empty = ~std::uint64_t{0};

  struct span {
    std::uint32_t offset, length;  // in arena_
  };

  bool same(std::uint32_t id, std::string_view key) const noexcept {
    if (spans_[id].length != key.size()) return false;
    const char* a = arena_.data() + spans_[id].offset;
    for (std::size_t i = 0; i < key.size(); ++i)
      if (a[i] != key[i]) return false;
    return true;
  }

  void rehash(std::size_t capacity) {
    slots_.assign(capacity, empty);
    mask_ = capacity - 1;
    for (std::uint32_t id = 0; id < spans_.size(); ++id) {
      const std::uint64_t h = hash_bytes(key(id));
      std::size_t slot = static_cast<std::size_t>(h) & mask_;
      while (slots_[slot] != empty) slot = (slot + 1) & mask_;
      slots_[slot] = (h & tag_mask) | id;
    }
  }

  std::vector<std::uint64_t> slots_;
  std::size_t mask_ = 0;
  std::vector<span> spans_;  // of each term's key
  std::string arena_;
};

}  // namespace fahras::detail
