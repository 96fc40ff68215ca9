// Light stemming of normalized Arabic words (Larkey's light10, as Lucene's ArabicStemmer).
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "detail/unicode/utf8.hpp"

namespace fahras {

enum class stemmer : std::uint8_t {
  none = 0,  ///< the normalized form is the stem
  light10 = 1,  ///< light10 as Lucene's ArabicStemmer has it: one prefix (وبالتالي -> بالتال)
  /// light10 as Larkey, Ballesteros & Connell published it: a و comes off before the article,
  /// so وبالتالي -> تال like التالي. Indexes made with `light10` keep it.
  light10_larkey = 2,
  /// light10_larkey, and أليس keeps its alef and lam, which are the question's أ and the ل of
  /// ليس, not the article (light10 leaves يس, the sura Ya-Sin). The default. Each stemmer an
  /// index records is kept as it was, so an index is always searched as it was built: a later
  /// exception will be a new value.
  light10_fahras = 3,
};

namespace detail {
// Affixes in Lucene's order: the first matching prefix is removed, then every matching suffix
// in turn. All their letters are two-byte UTF-8, compared as 16-bit codes.
struct light10_affix {
  std::uint16_t first;   // code of the first letter (prefixes) or the next-to-last (suffixes)
  std::uint16_t second;  // code of the second letter (prefixes) or the last letter (suffixes)
  std::uint16_t third;   // third letter of three-letter prefixes, 0 otherwise
  std::uint8_t letters;
};

// Two UTF-8 bytes as one code: 'ا' (D8 A7) -> 0xD8A7.
inline constexpr std::uint16_t letter_code(unsigned char lead, unsigned char trail) {
  return static_cast<std::uint16_t>(lead << 8 | trail);
}
inline constexpr std::uint16_t alef = 0xD8A7, beh = 0xD8A8, teh_marbuta = 0xD8A9, teh = 0xD8AA,
                               feh = 0xD981, kaf = 0xD983, lam = 0xD984, noon = 0xD986,
                               heh = 0xD987, waw = 0xD988, yeh = 0xD98A;

inline constexpr light10_affix light10_prefixes[] = {
    {alef, lam, 0, 2},    // ال
    {waw, alef, lam, 3},  // وال
    {beh, alef, lam, 3},  // بال
    {kaf, alef, lam, 3},  // كال
    {feh, alef, lam, 3},  // فال
    {lam, lam, 0, 2},     // لل
    {waw, 0, 0, 1},       // و
};
inline constexpr light10_affix light10_suffixes[] = {
    {heh, alef, 0, 2},         // ها
    {alef, noon, 0, 2},        // ان
    {alef, teh, 0, 2},         // ات
    {waw, noon, 0, 2},         // ون
    {yeh, noon, 0, 2},         // ين
    {yeh, heh, 0, 2},          // يه
    {yeh, teh_marbuta, 0, 2},  // ية
    {0, heh, 0, 1},            // ه
    {0, teh_marbuta, 0, 1},    // ة
    {0, yeh, 0, 1},            // ي
};

inline std::uint16_t code_at(std::string_view w, std::size_t i) noexcept {
  return letter_code(static_cast<unsigned char>(w[i]), static_cast<unsigned char>(w[i + 1]));
}

}  // namespace detail

/// Light10 stem of one word, given with its length in code points (`letters`): removes one prefix
/// (ال وال بال كال فال لل, or و when the word has at least four letters) leaving at least two
/// letters, then each of the suffixes ها ان ات ون ين يه ية ه ة ي in that order, each leaving at
/// least two letters. The result is a substring of `word` (no allocation). Non-Arabic words come
/// back unchanged.
///
/// **Example**: `fahras::stem_light10("والحسن") == "حسن"`, `stem_light10("ساهدهات") == "ساهد"`
inline std::string_view stem_light10(std::string_view word, std::size_t letters,
                                     bool waw_then_article = false) noexcept {
  using namespace detail;
  // Every affix letter is two bytes; a word of fewer than three letters keeps its form.
  if (word.size() < 6 || letters < 3) return word;
  // Larkey's order: a و comes off first, so that an article after it comes off too.
  if (waw_then_article && code_at(word, 0) == waw && letters >= 4) {
    word.remove_prefix(2);
    --letters;
  }
  const std::uint16_t c0 = code_at(word, 0);
  for (const light10_affix& p : light10_prefixes) {
    if (p.first != c0 || letters < (p.letters == 1 ? 4u : p.letters + 2u)) continue;
    if (p.letters >= 2 && code_at(word, 2) != p.second) continue;
    if (p.letters == 3 && code_at(word, 4) != p.third) continue;
    word.remove_prefix(2u * p.letters);
    letters -= p.letters;
    break;
  }
  std::uint16_t last = code_at(word, word.size() - 2);
  for (const light10_affix& s : light10_suffixes) {
    if (last != s.second || letters < s.letters + 2u) continue;
    if (s.letters == 2 && code_at(word, word.size() - 4) != s.first) continue;
    word.remove_suffix(2u * s.letters);
    letters -= s.letters;
    last = code_at(word, word.size() - 2);
  }
  return word;
}

namespace detail {
// Words light10 gets wrong in a way that hurts search. The name of God and its clitic forms
// would stem to له ("to him"), merging with one of the commonest words of the language: they
// stem to الله. And (light10_fahras only: the last entry) أليس would stem to يس, the sura
// Ya-Sin, when its alef and lam are the question's أ and the ل of ليس: it stays whole.
inline constexpr std::string_view stem_exceptions[] = {
    "\xD8\xA7\xD9\x84\xD9\x84\xD9\x87",          // الله
    "\xD8\xA7\xD9\x84\xD9\x84\xD9\x87\xD9\x85",  // اللهم
    "\xD8\xA8\xD8\xA7\xD9\x84\xD9\x84\xD9\x87",  // بالله
    "\xD8\xAA\xD8\xA7\xD9\x84\xD9\x84\xD9\x87",  // تالله
    "\xD9\x81\xD8\xA7\xD9\x84\xD9\x84\xD9\x87",  // فالله
    "\xD9\x81\xD9\x84\xD9\x84\xD9\x87",          // فلله
    "\xD9\x84\xD9\x84\xD9\x87",                  // لله
    "\xD9\x88\xD8\xA7\xD9\x84\xD9\x84\xD9\x87",  // والله
    "\xD9\x88\xD9\x84\xD9\x84\xD9\x87",          // ولله
    "\xD8\xA7\xD9\x84\xD9\x8A\xD8\xB3",          // اليس
};
inline constexpr std::size_t allah_form_count = std::size(stem_exceptions) - 1;  // not اليس
}  // namespace detail

/// The stem fahras uses: light10, except that الله and its clitic forms (والله بالله لله ...)
/// all stem to الله, and, with `keep_alaysa`, أليس stays whole.
inline std::string_view stem_arabic(std::string_view word, std::size_t letters,
                                    bool waw_then_article = false,
                                    bool keep_alaysa = false) noexcept {
  if (word.size() >= 6 && word.size() <= 10)
    for (std::size_t i = 0; i < std::size(detail::stem_exceptions); ++i)
      if (word == detail::stem_exceptions[i]) {
        if (i < detail::allah_form_count) return detail::stem_exceptions[0];
        if (keep_alaysa) return word;
      }
  return stem_light10(word, letters, waw_then_article);
}

/// `stem_light10` of a word given with its length in code points.
inline std::string_view stem_light10(std::string_view word) noexcept {
  return stem_light10(word, detail::count_code_points(word));
}

/// The stem of a normalized word of `letters` code points under `s` (light10 with the الله
/// exception, and light10_fahras's).
inline std::string_view stem(std::string_view word, std::size_t letters, stemmer s) noexcept {
  if (s == stemmer::none) return word;
  return stem_arabic(word, letters, s != stemmer::light10, s == stemmer::light10_fahras);
}

/// The stem of a normalized word under `s`.
inline std::string_view stem(std::string_view word, stemmer s = stemmer::light10_fahras) noexcept {
  return stem(word, detail::count_code_points(word), s);
}

}  // namespace fahras
