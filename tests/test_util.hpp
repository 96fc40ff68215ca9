// Helpers shared by the tests: random text generators and small formatting aids.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

#include <utf8.h>

namespace fahras::test {

/// Hex dump of a byte string, for CAPTURE on inputs that may not print.
inline std::string hex(std::string_view s) {
  std::string out;
  char buf[4];
  for (char c : s) {
    std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned char>(c));
    out += buf;
    out += ' ';
  }
  return out;
}

inline bool is_valid_utf8(std::string_view s) { return utf8::is_valid(s.begin(), s.end()); }

inline std::string random_bytes(std::mt19937& rng, std::size_t max_len) {
  std::uniform_int_distribution<std::size_t> len(0, max_len);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string s(len(rng), '\0');
  for (char& c : s) c = static_cast<char>(byte(rng));
  return s;
}

/// Random text over the characters the analyzer treats specially: Arabic letters and their
/// variants, marks, tatweel, format controls, presentation forms, digits, punctuation,
/// spaces, Latin, and the odd invalid byte.
inline std::string random_arabicish(std::mt19937& rng, std::size_t max_chars) {
  static const char32_t alphabet[] = {
      0x0627, 0x0628, 0x062A, 0x0644, 0x0645, 0x0646,  0x0647, 0x0648, 0x064A, 0x0629, 0x0649,
      0x0623, 0x0625, 0x0622, 0x0671, 0x0624, 0x0626,  0x0621, 0x06A9, 0x06CC, 0x06C1, 0x064E,
      0x064F, 0x0650, 0x0651, 0x0652, 0x064B, 0x0670,  0x06E1, 0x06DA, 0x0640, 0x200C, 0x200D,
      0x200F, 0x202B, 0xFEFB, 0xFDF2, 0xFDFA, 0xFE8D,  0xFEDF, 0x0660, 0x0665, 0x06F4, '1',
      '9',    ' ',    ' ',    '\n',   0x060C, 0x061F,  0x066B, 0x00AB, 0x00BB, '"',    '.',
      '-',    'A',    'b',    0x00C9, 0x4E2D, 0x1F600, 0xFFFD};
  std::uniform_int_distribution<std::size_t> len(0, max_chars);
  std::uniform_int_distribution<std::size_t> pick(0, sizeof alphabet / sizeof alphabet[0]);
  std::string s;
  const std::size_t n = len(rng);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t k = pick(rng);
    if (k == sizeof alphabet / sizeof alphabet[0]) {
      s += static_cast<char>(0x80 + static_cast<int>(rng() % 0x7F));  // invalid byte
    } else {
      utf8::append(static_cast<std::uint32_t>(alphabet[k]), std::back_inserter(s));
    }
  }
  return s;
}

/// A letter of normalized Arabic (U+0621..U+063A, U+0641..U+064A), as a code point.
inline char32_t random_arabic_letter(std::mt19937& rng) {
  const auto i = static_cast<char32_t>(rng() % 36);
  return i < 26 ? 0x0621 + i : 0x0641 + (i - 26);
}

/// Valid UTF-8 `word` as someone might mistype it: one letter changed, added or dropped; two
/// such edits half the time from 8 letters on (the typo rules: 1 edit from 4, 2 from 8).
inline std::string mistype(std::mt19937& rng, std::string_view word) {
  std::u32string letters;
  utf8::utf8to32(word.begin(), word.end(), std::back_inserter(letters));
  const std::size_t edits = letters.size() >= 8 && rng() % 2 ? 2 : 1;
  for (std::size_t e = 0; e < edits && !letters.empty(); ++e) {
    const std::size_t at = rng() % letters.size();
    switch (rng() % 3) {
      case 0: letters[at] = random_arabic_letter(rng); break;
      case 1:
        letters.insert(letters.begin() + static_cast<std::ptrdiff_t>(at),
                       random_arabic_letter(rng));
        break;
      default: letters.erase(at, 1);
    }
  }
  std::string out;
  utf8::utf32to8(letters.begin(), letters.end(), std::back_inserter(out));
  return out;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace fahras::test
