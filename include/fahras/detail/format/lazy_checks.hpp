// What a loaded index has checked since it was opened: a verdict per dictionary entry, each
// reached the first time a search looks the entry up, and the first damage found. Shared by
// the copies of one index and safe to use from concurrent searches.
// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>

#include "../../error.hpp"

namespace fahras::detail {

class lazy_checks {
 public:
  // Verdict bits of one entry. Its own lists (stem, docs) and the whole entry (a form checked
  // against its stem too) are two verdicts: a stem's lists are needed to check its forms.
  static constexpr std::uint8_t lists_checked = 1;
  static constexpr std::uint8_t lists_bad = 2;
  static constexpr std::uint8_t entry_checked = 4;
  static constexpr std::uint8_t entry_bad = 8;

  // Verdicts are kept in chunks allocated when first written: memory grows with the entries
  // used, not with the term count a header claims (a collection's root is small and cannot
  // vouch for its count).
  explicit lazy_checks(std::uint32_t term_count)
      : chunks_(new std::atomic<chunk*>[chunk_count(term_count)]), size_(term_count) {
    for (std::uint32_t i = 0; i < chunk_count(term_count); ++i)
      chunks_[i].store(nullptr, std::memory_order_relaxed);
  }
  ~lazy_checks() {
    for (std::uint32_t i = 0; i < chunk_count(size_); ++i)
      delete chunks_[i].load(std::memory_order_relaxed);
  }
  lazy_checks(const lazy_checks&) = delete;
  lazy_checks& operator=(const lazy_checks&) = delete;

  std::uint32_t size() const noexcept { return size_; }

  // Relaxed ordering is enough for a verdict: it is a pure function of the bytes, so two
  // threads that both check an entry reach the same one, and nothing else is published
  // through it. A chunk is published with release/acquire, its zeroed verdicts with it.
  std::uint8_t verdict(std::uint32_t ordinal) const noexcept {
    const chunk* c = chunks_[ordinal / chunk_terms].load(std::memory_order_acquire);
    return c ? c->verdicts[ordinal % chunk_terms].load(std::memory_order_relaxed) : 0;
  }
  void record(std::uint32_t ordinal, std::uint8_t bits) {
    std::atomic<chunk*>& slot = chunks_[ordinal / chunk_terms];
    chunk* c = slot.load(std::memory_order_acquire);
    if (c == nullptr) {
      auto fresh = std::make_unique<chunk>();
      if (slot.compare_exchange_strong(c, fresh.get(), std::memory_order_acq_rel))
        c = fresh.release();  // ours is in; otherwise `c` is the other thread's
    }
    c->verdicts[ordinal % chunk_terms].fetch_or(bits, std::memory_order_relaxed);
  }

  /// Keeps `e` if it is the first damage reported.
  void report(error e) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!first_) first_ = std::move(e);
  }

  /// The first damage reported, or an error with code `ok`.
  error first_damage() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return first_;
  }

 private:
  static constexpr std::uint32_t chunk_terms = 16384;  // 16 KB; at most 2^18 chunks
  struct chunk {
    chunk() {
      for (auto& v : verdicts) v.store(0, std::memory_order_relaxed);
    }
    std::atomic<std::uint8_t> verdicts[chunk_terms];
  };
  static std::uint32_t chunk_count(std::uint32_t terms) {
    return terms / chunk_terms + (terms % chunk_terms != 0);
  }

  std::unique_ptr<std::atomic<chunk*>[]> chunks_;
  std::uint32_t size_;
  mutable std::mutex mutex_;
  error first_;
};

}  // namespace fahras::detail
