// UTF-8 decoding and encoding, shaped for the analysis loops.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// utfcpp's unchecked part only: its checked API throws, and fahras builds without exceptions
// too. Decoding validates here, in one pass the analysis loops inline.
#include <utf8/unchecked.h>

namespace fahras::detail {

/// Decodes the character at text[i]. Returns its length in bytes and sets `cp`; returns 0 when
/// the bytes at i are not valid UTF-8 (the caller then skips one byte and treats it as a
/// separator, which keeps every later offset exact). Valid means what Unicode (and utfcpp)
/// call valid: no overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence.
inline std::size_t decode_at(std::string_view text, std::size_t i, char32_t& cp) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + i;
  const std::size_t left = text.size() - i;
  const char32_t lead = p[0];
  if (lead < 0x80) {
    cp = lead;
    return 1;
  }
  const auto trail = [p](std::size_t k) { return (p[k] & 0xC0) == 0x80; };
  if (lead < 0xC2) return 0;  // a continuation byte, or the lead of an overlong pair
  if (lead < 0xE0) {
    if (left < 2 || !trail(1)) return 0;
    cp = (lead & 0x1F) << 6 | (p[1] & 0x3Fu);
    return 2;
  }
  if (lead < 0xF0) {
    if (left < 3 || !trail(1) || !trail(2)) return 0;
    const char32_t c = (lead & 0x0F) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
    if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    cp = c;
    return 3;
  }
  if (lead < 0xF5) {
    if (left < 4 || !trail(1) || !trail(2) || !trail(3)) return 0;
    const char32_t c =
        (lead & 0x07) << 18 | (p[1] & 0x3Fu) << 12 | (p[2] & 0x3Fu) << 6 | (p[3] & 0x3Fu);
    if (c < 0x10000 || c > 0x10FFFF) return 0;
    cp = c;
    return 4;
  }
  return 0;
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

}  // namespace fahras::detail
