// A structure built from an index's dictionary by the first search that asks for it, or that
// has paid for it (the typo key table, the variant key filter): shared by the copies of the
// index and safe to ask for from concurrent searches.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>

#include "../format/dictionary.hpp"

namespace fahras::detail {

/// Holds `T::build(from...)` (a std::optional<T>; `from` is the dictionary, for all but the
/// length norm tables), built once on the first get(); get() gives null when the build gave
/// nothing.
template <class T>
class built_once {
 public:
  template <class... From>
  const T* get(const From&... from) const {
    std::call_once(once_, [&] { value_ = T::build(from...); });
    return value_ ? &*value_ : nullptr;
  }

 private:
  mutable std::once_flag once_;
  mutable std::optional<T> value_;
};

/// A built_once that searches use only once they have paid for it (ski rental). Until the
/// dictionary entries they read without it (each call of pay()) reach what its build costs in
/// such entries (`T::build_reads(dict)`: the whole dictionary for the typo key table, twice the
/// variant keys for the variant key filter), paid_for() gives null and the search does without.
/// So the first searches of a freshly loaded index do not wait for the build, and all searches
/// together read at most about twice the entries that the better choice in hindsight reads.
/// get() builds it at once.
template <class T>
class rented_once {
 public:
  const T* get(const dictionary_view& dict) const { return built_.get(dict); }
  const T* paid_for(const dictionary_view& dict) const {
    std::uint64_t rent = rent_.load(std::memory_order_relaxed);
    if (rent == 0) {  // reckoned on first use (two threads at once reckon the same)
      rent = std::max<std::uint64_t>(T::build_reads(dict), 1);
      rent_.store(rent, std::memory_order_relaxed);
    }
    return paid_.load(std::memory_order_relaxed) >= rent ? built_.get(dict) : nullptr;
  }
  void pay(std::size_t entries) const { paid_.fetch_add(entries, std::memory_order_relaxed); }

 private:
  built_once<T> built_;
  mutable std::atomic<std::uint64_t> paid_{0};
  mutable std::atomic<std::uint64_t> rent_{0};  // build_reads, once reckoned
};

}  // namespace fahras::detail
