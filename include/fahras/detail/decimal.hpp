// Unsigned integers in decimal, for error messages and the WebAssembly JSON writer.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace fahras::detail {

/// Room for any std::uint64_t in decimal.
inline constexpr std::size_t max_decimal_digits = 20;

/// Writes `n` in decimal at the end of `digits`; returns where it starts. Used instead of
/// std::to_string, which brings libc++'s to_chars and its digit-pair table into the
/// WebAssembly module (about 490 B gzipped).
inline std::size_t decimal_digits(std::uint64_t n, char (&digits)[max_decimal_digits]) {
  std::size_t first = max_decimal_digits;
  do {
    digits[--first] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  return first;
}

/// Appends `n` in decimal to `out`.
inline void append_decimal(std::string& out, std::uint64_t n) {
  char digits[max_decimal_digits];
  const std::size_t first = decimal_digits(n, digits);
  out.append(digits + first, max_decimal_digits - first);
}

/// `n` in decimal.
inline std::string decimal(std::uint64_t n) {
  std::string out;
  append_decimal(out, n);
  return out;
}

}  // namespace fahras::detail
