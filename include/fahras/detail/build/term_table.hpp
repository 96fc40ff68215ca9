// The index builder's term table: string -> term number, open addressing, keys in one arena.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../hash_bytes.hpp"
#include "../hints.hpp"
#include "../huge_pages.hpp"
#include "slice_pool.hpp"

namespace fahras::detail {

/// A growable array that never moves its elements: chunks of fixed size, so growing never
/// copies (and never holds old and new copies at once, which would double peak memory).
///
/// Natively a chunk is about 2 MiB, aligned, and asked to be one huge page (huge_pages.hpp):
/// the builder's per-term arrays reach tens of megabytes, and were thousands of 4 KiB page
/// faults. Elements are constructed as they are added, so a chunk's memory is touched only as
/// far as it is used. WebAssembly, which has no huge pages, keeps chunks of 1024.
template <class T>
class chunked_vector {
  static_assert(std::is_trivially_destructible_v<T>, "chunks are freed without destructors");

 public:
#if defined(__EMSCRIPTEN__)
  static constexpr std::size_t chunk_bytes = 1024 * sizeof(T);
  static constexpr bool huge_chunks = false;
#else
  static constexpr std::size_t chunk_bytes = std::size_t{1} << 21;
  static constexpr bool huge_chunks = true;  // aligned to a huge page, and asked to be one
#endif
  // Elements a chunk: a power of two, so that finding one is a shift and a mask.
  static constexpr std::size_t chunk = [] {
    std::size_t n = 1;
    while (2 * n * sizeof(T) <= chunk_bytes) n *= 2;
    return n;
  }();

  std::size_t size() const noexcept { return size_; }
  T& operator[](std::size_t i) noexcept { return chunks_[i / chunk].get()[i % chunk]; }
  const T& operator[](std::size_t i) const noexcept { return chunks_[i / chunk].get()[i % chunk]; }
  T& emplace_back() {
    if (size_ % chunk == 0) chunks_.push_back(new_chunk());
    T* at = chunks_[size_ / chunk].get() + size_ % chunk;
    ++size_;
    return *new (at) T();
  }
  void clear() {
    chunks_.clear();
    size_ = 0;
  }

 private:
  static constexpr std::align_val_t huge_page{chunk_bytes};
  struct free_chunk {
    void operator()(T* p) const noexcept {
      if constexpr (huge_chunks)
        ::operator delete(static_cast<void*>(p), huge_page);
      else
        ::operator delete(static_cast<void*>(p));
    }
  };
  static std::unique_ptr<T, free_chunk> new_chunk() {
    void* p = nullptr;
    if constexpr (huge_chunks) {
      p = ::operator new(chunk_bytes, huge_page);
      advise_huge_pages(p, chunk_bytes);
    } else {
      p = ::operator new(chunk_bytes);
    }
    return std::unique_ptr<T, free_chunk>(static_cast<T*>(p));
  }

  std::vector<std::unique_ptr<T, free_chunk>> chunks_;
  std::size_t size_ = 0;
};

/// Byte records that never move, in blocks of 1 MiB: growing never copies what is there (nor
/// touches twice the memory, as a doubling string does), and a 32-bit address finds a record.
class record_arena {
 public:
  // Natively a block is a 2 MiB huge page (huge_pages.hpp): the global table's keys are
  // megabytes, faulted in 4 KiB at a time otherwise.
#if defined(__EMSCRIPTEN__)
  static constexpr std::uint32_t block_bits = 20;
  using block = std::unique_ptr<char[]>;
  static block new_block(std::size_t bytes) { return block(new char[bytes]); }
#else
  static constexpr std::uint32_t block_bits = 21;
  using block = huge_block;
  static block new_block(std::size_t bytes) { return new_huge_block(bytes); }
#endif

  char* at(std::uint32_t address) const noexcept {
    return blocks_[address >> block_bits].get() + (address & (block_size - 1));
  }

  /// Room for `n` bytes, in one piece; returns its address.
  std::uint32_t allocate(std::size_t n) {
    if (blocks_.empty() || used_ + n > block_size) {
      // A record larger than a block (never one of the builder's terms) gets a block of its
      // own, spanning the numbers of as many blocks as it covers.
      const std::size_t spans = n <= block_size ? 1 : (n + block_size - 1) / block_size;
      if (blocks_.size() + spans > (std::size_t{1} << (32 - block_bits))) out_of_addresses();
      if (spans == 1 && !spare_.empty()) {
        blocks_.push_back(std::move(spare_.back()));
        spare_.pop_back();
      } else {
        blocks_.push_back(new_block(spans * block_size));
        for (std::size_t i = 1; i < spans; ++i) blocks_.emplace_back();
      }
      used_ = n <= block_size ? 0 : block_size;  // a wide block takes no more records
      if (n > block_size) return static_cast<std::uint32_t>((blocks_.size() - spans) << block_bits);
    }
    const auto address = static_cast<std::uint32_t>((blocks_.size() - 1) << block_bits | used_);
    used_ += n;
    return address;
  }

  /// Forgets every record, keeping the blocks for the next ones: a table cleared for each
  /// batch would otherwise ask the system for the same memory again, and fault it in again.
  void clear() {
    for (std::size_t i = 0; i < blocks_.size(); ++i) {
      const bool wide = i + 1 < blocks_.size() && blocks_[i + 1] == nullptr;  // spans follow
      if (blocks_[i] != nullptr && !wide) spare_.push_back(std::move(blocks_[i]));
    }
    blocks_.clear();
    used_ = 0;
  }

 private:
  static constexpr std::size_t block_size = std::size_t{1} << block_bits;

  std::vector<block> blocks_;
  std::vector<block> spare_;  // blocks of cleared records, to use again
  std::size_t used_ = 0;
};

/// Maps each distinct string to a dense number 0, 1, 2, ... in order of first insertion.
class term_table {
 public:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;

  term_table() { rehash(1u << 12); }

  /// The term's number, inserting it if new; `inserted` tells which. `h` is hash_bytes(key),
  /// computed by the caller, who may have prefetched with it.
  std::uint32_t find_or_insert(std::string_view key, std::uint64_t h, bool& inserted) {
    const std::uint32_t tag = tag_of(h);
    std::size_t slot = tag & mask_;
    for (;;) {
      const std::uint64_t v = slots_[slot];
      if (v == empty) break;
      if (static_cast<std::uint32_t>(v >> 32) == tag) {
        const char* record = arena_.at(static_cast<std::uint32_t>(v));
        if (same(record, key)) {
          inserted = false;
          return read_u32(record);
        }
      }
      slot = (slot + 1) & mask_;
    }
    const auto id = static_cast<std::uint32_t>(records_.size());
    const std::uint32_t at = arena_.allocate(8 + key.size());
    records_.push_back(at);
    char* record = arena_.at(at);
    const auto length = static_cast<std::uint32_t>(key.size());
    std::memcpy(record, &id, 4);
    std::memcpy(record + 4, &length, 4);
    if (!key.empty()) std::memcpy(record + 8, key.data(), key.size());
    slots_[slot] = std::uint64_t{tag} << 32 | at;
    inserted = true;
    // Up to three quarters full: the tags keep longer probes cheap, and a table half as
    // large is half the memory the system must clear (its page faults cost more, here, than
    // the probes).
    if (records_.size() * 4 > slots_.size() * 3) rehash(slots_.size() * 2);
    return id;
  }

  /// Asks the CPU to fetch the slot where a key of hash `h` starts its probe. Lookups are
  /// cache misses once the table outgrows the cache; callers that know their next keys in
  /// advance hide much of that latency by prefetching a few lookups ahead.
  void prefetch(std::uint64_t h) const noexcept {
    detail::prefetch(slots_.data() + (tag_of(h) & mask_));
  }

  /// The second step of a lookup ahead, once `prefetch(h)` has brought the slot: fetches the
  /// key its probe compares first (likely the key itself), the other miss of a lookup.
  void prefetch_key(std::uint64_t h) const noexcept {
    const std::uint64_t v = slots_[tag_of(h) & mask_];
    if (v != empty) detail::prefetch(arena_.at(static_cast<std::uint32_t>(v)));
  }

  std::string_view key(std::uint32_t id) const noexcept {
    const char* record = arena_.at(records_[id]);
    return {record + 8, read_u32(record + 4)};
  }
  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(records_.size()); }

  /// Forgets every key, keeping the capacity.
  void clear() {
    std::fill(slots_.begin(), slots_.end(), empty);
    records_.clear();
    arena_.clear();
  }

  /// Frees the hash slots once no more lookups will come (keys stay readable).
  void drop_lookup() { std::vector<std::uint64_t>().swap(slots_); }

 private:
  // A slot holds the high 32 bits of the key's hash (whose low bits pick the slot; the rest
  // rule out most mismatches without touching the key) and where the key's record starts in
  // the arena: its number, its length and its bytes, so that a lookup misses the cache once
  // for the key, and growing the table never reads a key. All ones is empty.
  static constexpr std::uint64_t empty = ~std::uint64_t{0};

  static std::uint32_t tag_of(std::uint64_t h) noexcept {
    return static_cast<std::uint32_t>(h >> 32);
  }
  static std::uint32_t read_u32(const char* p) noexcept {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }

  static bool same(const char* record, std::string_view key) noexcept {
    return read_u32(record + 4) == key.size() &&
           std::memcmp(record + 8, key.data(), key.size()) == 0;
  }

  // Slots are moved in their order: a slot's entries go to the same or the next half of the
  // larger table, so the writes stream instead of scattering.
  void rehash(std::size_t capacity) {
    std::vector<std::uint64_t> old;
    old.reserve(capacity);
    advise_huge_pages(old.data(), capacity * sizeof(std::uint64_t));
    old.assign(capacity, empty);
    old.swap(slots_);
    mask_ = capacity - 1;
    for (const std::uint64_t v : old) {
      if (v == empty) continue;
      std::size_t slot = static_cast<std::uint32_t>(v >> 32) & mask_;
      while (slots_[slot] != empty) slot = (slot + 1) & mask_;
      slots_[slot] = v;
    }
  }

  std::vector<std::uint64_t> slots_;
  std::size_t mask_ = 0;
  std::vector<std::uint32_t> records_;  // where each term's record starts in arena_
  record_arena arena_;
};

}  // namespace fahras::detail
