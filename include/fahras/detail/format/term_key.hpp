// Compact dictionary keys: normalized Arabic letters take one byte instead of two.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../unicode/utf8.hpp"

namespace fahras::detail {

// Key encoding, character by character (so a prefix of a word encodes to a prefix of its key):
//   ASCII U+0000–U+007F   -> the byte itself
//   U+0621–U+064A         -> 0x80 + (cp - 0x0621)        (the letters left after folding)
//   anything else         -> 0xFF followed by its UTF-8 bytes
// Keys of metadata terms start with a control byte and a field name (see index_format.hpp).
inline constexpr char32_t key_letters_first = 0x0621;
inline constexpr char32_t key_letters_last = 0x064A;
inline constexpr std::uint8_t key_escape = 0xFF;

/// Encodes valid UTF-8 `word` as a dictionary key, appending to `out`.
inline void encode_key(std::string_view word, std::string& out) {
  for (std::size_t i = 0; i < word.size();) {
    char32_t cp;
    std::size_t len = decode_at(word, i, cp);
    if (len == 0) {  // never produced by the analyzer; keep the byte escaped, losslessly
      out.push_back(static_cast<char>(key_escape));
      out.push_back(word[i]);
      ++i;
      continue;
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp >= key_letters_first && cp <= key_letters_last) {
      out.push_back(static_cast<char>(0x80 + (cp - key_letters_first)));
    } else {
      out.push_back(static_cast<char>(key_escape));
      out.append(word.data() + i, len);
    }
    i += len;
  }
}

inline std::string encode_key(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  encode_key(word, out);
  return out;
}

/// Decodes a key back to UTF-8. Returns false on bytes no encoder produces.
inline bool decode_key(std::string_view key, std::string& out) {
  for (std::size_t i = 0; i < key.size();) {
    const auto b = static_cast<std::uint8_t>(key[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
      ++i;
    } else if (b <= 0x80 + (key_letters_last - key_letters_first)) {
      append_utf8(out, key_letters_first + (b - 0x80u));
      ++i;
    } else if (b == key_escape && i + 1 < key.size()) {
      char32_t cp;
      const std::size_t len = decode_at(key, i + 1, cp);
      const std::size_t n = len == 0 ? 1 : len;
      out.append(key.data() + i + 1, n);
      i += 1 + n;
    } else {
      return false;
    }
  }
  return true;
}

inline std::string decode_key(std::string_view key) {
  std::string out;
  out.reserve(key.size() * 2);
  decode_key(key, out);
  return out;
}

/// Number of characters a key stands for (for edit distances and length rules).
inline std::size_t key_length(std::string_view key) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < key.size(); ++n) {
    if (static_cast<std::uint8_t>(key[i]) == key_escape && i + 1 < key.size()) {
      char32_t cp;
      const std::size_t len = decode_at(key, i + 1, cp);
      i += 1 + (len == 0 ? 1 : len);
    } else {
      ++i;
    }
  }
  return n;
}

}  // namespace fahras::detail
