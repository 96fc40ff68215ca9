// Dictionary keys (doc/format.md, "Keys"): normalized Arabic letters take one byte instead of
// two; metadata terms, and the field names filters accept.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../unicode/utf8.hpp"

namespace fahras::detail {

// Character by character, so that a prefix of a word encodes to a prefix of its key.
inline constexpr char32_t key_letters_first = 0x0621;
inline constexpr char32_t key_letters_last = 0x064A;
inline constexpr std::uint8_t key_escape = 0xFF;

/// Encodes valid UTF-8 `word` as a dictionary key, appending to `out`.
inline void encode_key(std::string_view word, std::string& out) {
#ifndef __EMSCRIPTEN__
  // Natively the builder encodes every term: into a buffer (no check per byte) appended once,
  // with the two-byte letters decoded here. A key takes at most two bytes per byte of `word`.
  char buffer[1024];
  const std::size_t start = out.size();
  const bool long_word = 2 * word.size() > sizeof buffer;
  if (long_word) out.resize(start + 2 * word.size());
  char* const first = long_word ? &out[start] : buffer;
  char* o = first;
  const auto* w = reinterpret_cast<const unsigned char*>(word.data());
  for (std::size_t i = 0; i < word.size();) {
    const unsigned char b = w[i];
    if (b < 0x80) {
      *o++ = static_cast<char>(b);
      ++i;
      continue;
    }
    char32_t cp = 0;
    std::size_t len = 0;
    if (b >= 0xC2 && b < 0xE0 && i + 1 < word.size() && (w[i + 1] & 0xC0) == 0x80) {
      cp = static_cast<char32_t>((b & 0x1Fu) << 6 | (w[i + 1] & 0x3Fu));
      len = 2;
    } else {
      len = decode_at(word, i, cp);
    }
    if (len == 0) {
      *o++ = static_cast<char>(key_escape);
      *o++ = static_cast<char>(b);
      ++i;
    } else if (cp >= key_letters_first && cp <= key_letters_last) {
      *o++ = static_cast<char>(0x80 + (cp - key_letters_first));
      i += len;
    } else {
      *o++ = static_cast<char>(key_escape);
      for (std::size_t k = 0; k < len; ++k) *o++ = static_cast<char>(w[i + k]);
      i += len;
    }
  }
  if (long_word)
    out.resize(start + static_cast<std::size_t>(o - first));
  else
    out.append(buffer, static_cast<std::size_t>(o - first));
#else
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
#endif
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

// --- metadata terms ---------------------------------------------------------------------

// A metadata term: key_meta, the field name, key_meta_separator, the stem of one word of the
// field's value. Control bytes keep them apart from (and before) all words.
inline constexpr char key_meta = '\x01';
inline constexpr char key_meta_separator = '\x1F';

/// The term of one word of a metadata field's value, unencoded (as the builder's term table
/// keeps terms): its key is `encode_key(meta_term(field, stem))`.
inline void append_meta_term(std::string& out, std::string_view field, std::string_view stem) {
  out.push_back(key_meta);
  out.append(field);
  out.push_back(key_meta_separator);
  out.append(stem);
}

/// The dictionary key of a metadata term.
inline std::string meta_key(std::string_view field, std::string_view stem) {
  std::string term;
  append_meta_term(term, field, stem);
  return encode_key(term);
}

inline bool is_meta_key(std::string_view key) { return !key.empty() && key[0] == key_meta; }

// --- spelling-variant terms (doc/variants.md, section 3) --------------------------------

// A variant term: one of these bytes, then a variant key (stem of a skeleton or of a
// transliteration key), encoded. They sort after metadata terms and before every word.
inline constexpr char key_skeleton = '\x02';
inline constexpr char key_transliteration = '\x03';

inline bool is_variant_key(std::string_view key) {
  return !key.empty() && (key[0] == key_skeleton || key[0] == key_transliteration);
}

// Every word key starts at or above this byte; control keys below it.
inline constexpr char first_word_byte = '\x04';

/// Keys whose entry has a `docs`-coded list (of documents or, for variant terms, of term
/// ordinals) and no word lists: every key that is not a word.
inline bool is_control_key(std::string_view key) {
  return !key.empty() && static_cast<unsigned char>(key[0]) < first_word_byte;
}

/// A field name usable in `field:value` filters: ASCII letters, digits, '_', '-', '.', lowered;
/// empty when the name has other characters or more than 64 of them.
inline std::string filter_field_name(std::string_view name) {
  std::string out;
  if (name.empty() || name.size() > 64) return out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok) return {};
    out.push_back(c);
  }
  return out;
}

}  // namespace fahras::detail
