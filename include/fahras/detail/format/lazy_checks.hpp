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

  explicit lazy_checks(std::uint32_t term_count)
      : verdicts_(new std::atomic<std::uint8_t>[term_count]), size_(term_count) {
    for (std::uint32_t i = 0; i < term_count; ++i) verdicts_[i].store(0, std::memory_order_relaxed);
  }

  std::uint32_t size() const noexcept { return size_; }

  // Relaxed ordering is enough: a verdict is a pure function of the bytes, so two threads that
  // both check an entry reach the same one, and nothing else is published through it.
  std::uint8_t verdict(std::uint32_t ordinal) const noexcept {
    return verdicts_[ordinal].load(std::memory_order_relaxed);
  }
  void record(std::uint32_t ordinal, std::uint8_t bits) noexcept {
    verdicts_[ordinal].fetch_or(bits, std::memory_order_relaxed);
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
  std::unique_ptr<std::atomic<std::uint8_t>[]> verdicts_;
  std::uint32_t size_;
  mutable std::mutex mutex_;
  error first_;
};

}  // namespace fahras::detail
