// A structure built from an index's dictionary by the first search that asks for it (the typo
// key table, the variant key filter): shared by the copies of the index and safe to ask for
// from concurrent searches.
// SPDX-License-Identifier: MIT
#pragma once

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

}  // namespace fahras::detail
