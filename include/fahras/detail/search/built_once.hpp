// A structure built from an index's dictionary by the first search that asks for it, or that
// has paid for it (the typo key table, the variant key filter): shared by the copies of the
// index and safe to ask for from concurrent searches.
// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>

#include "../format/dictionary.hpp"

namespace fahras::detail {

/// Holds `T::build(dict)` (a std::optional<T>), built once on the first get(); get() gives null
/// when the build gave nothing.
template <class T>
class built_once {
 public:
  const T* get(const dictionary_view& dict) const {
    std::call_once(once_, [&] { value_ = T::build(dict); });
    return value_ ? &*value_ : nullptr;
  }

 private:
  mutable std::once_flag once_;
  mutable std::optional<T> value_;
};

/// A built_once that searches use only once they have paid for it (ski rental). Until the
/// dictionary entries they read without it (each call of pay()) reach the dictionary's term
/// count, about what the build reads, paid_for() gives null and the search does without. So
/// the first searches of a freshly loaded index do not wait for a build that decodes the whole
/// dictionary, and all searches together read at most about twice the entries that the better
/// choice in hindsight reads. get() builds it at once.
template <class T>
class rented_once {
 public:
  const T* get(const dictionary_view& dict) const { return built_.get(dict); }
  const T* paid_for(const dictionary_view& dict) const {
    return paid_.load(std::memory_order_relaxed) >= dict.term_count() ? built_.get(dict) : nullptr;
  }
  void pay(std::size_t entries) const { paid_.fetch_add(entries, std::memory_order_relaxed); }

 private:
  built_once<T> built_;
  mutable std::atomic<std::uint64_t> paid_{0};
};

}  // namespace fahras::detail
