// Small vocabulary types shared by the public headers.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>

namespace fahras {

/// A document number: 0 .. doc_count()-1, in the order documents were added.
using doc_id = std::uint32_t;

/// A token position: counts tokens of one field from 0.
using term_pos = std::uint32_t;

/// A half-open range of byte offsets [begin, end) into a UTF-8 string.
struct byte_span {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const byte_span& a, const byte_span& b) {
    return a.begin == b.begin && a.end == b.end;
  }
  friend bool operator!=(const byte_span& a, const byte_span& b) { return !(a == b); }
};

}  // namespace fahras
