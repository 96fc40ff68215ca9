// Unsigned integers in decimal, for error messages and the WebAssembly JSON writer.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>

namespace fahras::detail {

/// Appends `n` in decimal to `out`. Used instead of std::to_string, which brings libc++'s
/// to_chars and its digit-pair table into the WebAssembly module (about 490 B gzipped).
inline void append_decimal(std::string& out, std::uint64_t n) {
  char digits[20];
  std::size_t first = sizeof digits;
  do {
    digits[--first] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  out.append(digits + first, sizeof digits - first);
}

/// `n` in decimal.
inline std::string decimal(std::uint64_t n) {
  std::string out;
  append_decimal(out, n);
  return out;
}

}  // namespace fahras::detail
