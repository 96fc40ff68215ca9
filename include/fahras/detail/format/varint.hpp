// LEB128 variable-length unsigned integers (doc/format.md, "Conventions"): writing and reading.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "../hints.hpp"

namespace fahras::detail {

/// Longest encoding of a 32-bit value; readers reject anything longer or overflowing.
inline constexpr std::size_t max_varint_bytes = 5;

inline void put_varint(std::string& out, std::uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

/// Writes v to `out` (room for 5 bytes); returns the byte count.
inline std::size_t put_varint(std::uint8_t* out, std::uint32_t v) noexcept {
  std::size_t n = 0;
  while (v >= 0x80) {
    out[n++] = static_cast<std::uint8_t>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out[n++] = static_cast<std::uint8_t>(v);
  return n;
}

/// Decodes a varint from [p, end). Returns the bytes consumed, or 0 if the input ends first,
/// runs past five bytes, or overflows 32 bits.
inline std::size_t get_varint_slow(const std::uint8_t* p, const std::uint8_t* end,
                                   std::uint32_t& value) noexcept {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < max_varint_bytes; ++i) {
    if (p + i >= end) return 0;
    const std::uint8_t byte = p[i];
    if (i == max_varint_bytes - 1 && byte > 0x0F) return 0;  // would overflow 32 bits
    v |= static_cast<std::uint32_t>(byte & 0x7F) << (7 * i);
    if (byte < 0x80) {
      value = v;
      return i + 1;
    }
  }
  return 0;
}

/// get_varint_slow with the one-byte case (most of them) inline in the caller.
FAHRAS_ALWAYS_INLINE std::size_t get_varint(const std::uint8_t* p, const std::uint8_t* end,
                                            std::uint32_t& value) noexcept {
  if (p < end && *p < 0x80) {
    value = *p;
    return 1;
  }
  return get_varint_slow(p, end, value);
}

}  // namespace fahras::detail
