// UTF-8 decoding and encoding on top of utfcpp, shaped for the analysis loops.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// utfcpp's core and unchecked parts only: its checked API throws, and fahras builds without
// exceptions too.
#include <utf8/core.h>
#include <utf8/unchecked.h>

#include "../hints.hpp"

namespace fahras::detail {

/// Decodes the character at text[i]. Returns its length in bytes and sets `cp`; returns 0 when
/// the bytes at i are not valid UTF-8 (the caller then skips one byte and treats it as a
/// separator, which keeps every later offset exact). utfcpp does the validation: overlong
/// forms, surrogates and truncated sequences are all rejected.
inline std::size_t decode_at(std::string_view text, std::size_t i, char32_t& cp) noexcept {
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data()) + i;
  const auto* end = reinterpret_cast<const unsigned char*>(text.data()) + text.size();
  if (*begin < 0x80) {
    cp = *begin;
    return 1;
  }
  const auto* it = begin;
  std::uint32_t value = 0;
  if (utf8::internal::validate_next(it, end, value) != utf8::internal::UTF8_OK) return 0;
  cp = static_cast<char32_t>(value);
  return static_cast<std::size_t>(it - begin);
}

/// Writes the UTF-8 form of `cp` (a valid scalar value) to `out`; returns the byte count.
inline std::size_t encode_utf8(char32_t cp, char* out) noexcept {
  auto* end = utf8::unchecked::append(static_cast<std::uint32_t>(cp), out);
  return static_cast<std::size_t>(end - out);
}

inline void append_utf8(std::string& s, char32_t cp) {
  char buf[4];
  s.append(buf, encode_utf8(cp, buf));
}

/// Number of code points in valid UTF-8 (bytes that do not continue a sequence).
inline std::size_t count_code_points(std::string_view s) noexcept {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// Length in UTF-16 code units, for handing offsets to JavaScript. An invalid byte counts as
/// one unit: callers that pass text to JavaScript first replace each invalid byte by U+FFFD.
inline std::size_t utf16_length(std::string_view s) noexcept {
  std::size_t units = 0;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    std::size_t len = decode_at(s, i, cp);
    if (len == 0) { ++units; ++i; continue; }
    units += cp >= 0x10000 ? 2 : 1;
    i += len;
  }
  return units;
}

}  // namespace fahras::detail
