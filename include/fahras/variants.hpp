// Spelling variants: the orthographic skeleton (Uthmani vs modern spelling) and the
// transliteration key (foreign names), as keys on normalized words. Design: doc/variants.md.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/unicode/utf8.hpp"

namespace fahras {

/// Which spelling siblings a search adds to each word (doc/variants.md, section 3): none; the
/// words sharing its skeleton key (السموات for السماوات, weight 0.8); or also those sharing its
/// transliteration key (بيونج for بيونغ, weight 0.7).
enum class spelling_variants : unsigned char { none, skeleton, skeleton_and_transliteration };

/// The rules of `skeleton`; each can be switched off (doc/variants.md has their measured cost).
struct skeleton_options {
  /// Hamza on the line ء inside a word is dropped (قرءان → قران, ءامنوا → امنوا, جاءو → جاو);
  /// a final ء stays (ماء ≠ ما, شيء ≠ شي).
  bool drop_inline_hamza = true;
  /// The Uthmani words that write a long ā as و or ى take one key with their modern spelling:
  /// صلوة/صلاة, زكوة/زكاة, حيوة/حياة, مشكوة/مشكاة, منوة/مناة, نجوة/نجاة, غدوة/غداة, تورىة/توراة,
  /// ربوا/ربا. A closed list: a general و→ā rule would merge غزوة with غزة, خطوة with خطة.
  bool waw_for_alef_words = true;
  /// ا inside a word, from its third letter on (the article ال not counted), and not last, is
  /// dropped: السماوات, السموات, السموت → السموت; إبراهيم → ابرهيم; سليمان → سليمن.
  bool drop_inner_alef = true;
  /// Also drop ا right after the first letter (مالك → ملك, العالمين → العلمين). Off: it merges
  /// common words with their roots' other forms (عالم/علم, كاتب/كتب, مالك/ملك).
  bool drop_second_letter_alef = false;
  /// وو → و (داوود → داود, مسؤول → مسوول → مسول, يؤوده → يوده).
  bool collapse_double_waw = true;
  /// The silent alef after a final plural و is dropped (جاءوا → جاو, like Uthmani جاءو).
  bool drop_plural_alef = true;
  /// After the article, يل is keyed as ليل: Uthmani writes the article's lam and the word's own
  /// as one (ٱلَّيۡل, وَٱلَّيۡلِ), modern spelling writes both (الليل). Only after the article:
  /// ويل, فيل, كيل are words of their own.
  bool one_lam_layl = true;
};

/// The rules of `transliteration_key`, applied after the skeleton.
struct transliteration_options {
  skeleton_options skeleton;
  /// گ ڭ ڨ (g), ڤ (v), پ (p), چ (ch), ژ (zh) → غ ف ب ج ز, in every word; these letters are used
  /// only for foreign sounds.
  bool fold_foreign_letters = true;
  /// A final ن followed by غ or ج (the -ng of بيونغ/بيونج, يانغ/يانج, جونغ/جونج) → نغ, in every
  /// word. Not ك or ق: منك, عنك, عنق, بنك are Arabic.
  bool fold_final_ng = true;
  /// Words with at least this many letters (after the skeleton, the article ال not counted)
  /// count as long: the rules below would merge too many shorter Arabic words (الروسية with
  /// الرئيسي, قرب/غرب/جرب). 0: no word is long.
  std::size_t long_word_letters = 6;
  /// غ ج ق ك → غ, the letters that write /g/ (إنجلترا/إنكلترا, الكونغرس/الكونجرس), in long
  /// words and in words with two or more of them (غوغل, جوجل, قوقل).
  bool fold_g_letters = true;
  /// Long words: و and ي inside the word (not first, not last) are dropped (أمريكية/أميركية,
  /// ميدفيديف/ميدفيدف, زيلينسكي/زيلنسكي).
  bool drop_inner_vowel_letters = true;
  /// Long words: a final يا → يه (جورجيا/جورجية).
  bool fold_final_ya = true;
};

namespace detail {

// Code points (stem.hpp names two-byte codes like these; these are char32_t).
namespace letter {
inline constexpr char32_t hamza = 0x0621, alef = 0x0627, beh = 0x0628, jeem = 0x062C, zain = 0x0632,
                          ghain = 0x063A, feh = 0x0641, qaf = 0x0642, kaf = 0x0643, lam = 0x0644,
                          noon = 0x0646, heh = 0x0647, waw = 0x0648, yeh = 0x064A;
}  // namespace letter

// A word as code points (a skeleton rule sees letters, not bytes), in a fixed buffer: keys are
// made of tokens, at most 255 bytes, so as many letters. No allocation, and little code.
class letter_buffer {
 public:
  static constexpr std::size_t capacity = 255;

  // False when `word` has more letters than fit. A byte that is not UTF-8 is one U+FFFD.
  bool assign(std::string_view word) {
    n_ = 0;
    for (std::size_t i = 0; i < word.size();) {
      if (n_ == capacity) return false;
      char32_t cp = 0;
      const std::size_t n = decode_at(word, i, cp);
      c_[n_++] = n == 0 ? char32_t{0xFFFD} : cp;
      i += n == 0 ? 1 : n;
    }
    return true;
  }

  std::size_t size() const { return n_; }
  char32_t& operator[](std::size_t i) { return c_[i]; }
  char32_t operator[](std::size_t i) const { return c_[i]; }
  char32_t& back() { return c_[n_ - 1]; }
  char32_t back() const { return c_[n_ - 1]; }
  const char32_t* data() const { return c_; }
  char32_t* begin() { return c_; }
  char32_t* end() { return c_ + n_; }
  void pop_back() { --n_; }
  void erase(std::size_t i) {
    for (--n_; i < n_; ++i) c_[i] = c_[i + 1];
  }

  // Whether the letters from `at` on are `word` (Arabic letters fit in 16 bits).
  bool tail_is(std::size_t at, std::u16string_view word) const {
    if (n_ - at != word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
      if (c_[at + i] != word[i]) return false;
    return true;
  }
  void set_tail(std::size_t at, std::u16string_view word) {
    n_ = at;
    for (const char16_t c : word) c_[n_++] = c;
  }

  // Letters [from, to) in UTF-8, written to `bytes` (room for capacity * 4); returns how many.
  std::size_t encode(std::size_t from, std::size_t to, char* bytes) const {
    std::size_t n = 0;
    for (std::size_t i = from; i < to; ++i) n += encode_utf8(c_[i], bytes + n);
    return n;
  }
  std::string utf8(std::size_t from, std::size_t to) const {
    char bytes[capacity * 4];  // encoded here, then copied once
    return std::string(bytes, encode(from, to, bytes));
  }
  std::string utf8() const { return utf8(0, n_); }

 private:
  char32_t c_[capacity];
  std::size_t n_ = 0;
};

inline bool is_arabic_letter(char32_t c) { return c >= 0x0620 && c <= 0x06FF; }

// The keys only rewrite Arabic words; anything else (Latin, digits, bytes that are not UTF-8)
// comes back as it was.
inline bool starts_arabic(std::string_view word) {
  char32_t first = 0;
  return !word.empty() && decode_at(word, 0, first) != 0 && is_arabic_letter(first);
}

// The article and what may stand before it (وال، فال، بال، كال، لل): kept as typed, so that
// the rest is measured from its own first letter and a stemmer still sees the article.
inline std::size_t article_length(const letter_buffer& w) {
#ifndef __EMSCRIPTEN__
  // Natively (the index builder keys every word): every article starts with ا ل و ف ب or ك.
  if (w.size() < 4 || (w[0] != letter::alef && w[0] != letter::lam && w[0] != letter::waw &&
                       w[0] != letter::feh && w[0] != letter::beh && w[0] != letter::kaf))
    return 0;
#endif
  static constexpr std::u16string_view articles[] = {
      u"\u0648\u0627\u0644", u"\u0641\u0627\u0644", u"\u0628\u0627\u0644", u"\u0643\u0627\u0644",
      u"\u0648\u0644\u0644", u"\u0641\u0644\u0644", u"\u0627\u0644",       u"\u0644\u0644"};
  for (const std::u16string_view a : articles)
    if (w.size() >= a.size() + 2 && std::equal(a.begin(), a.end(), w.data())) return a.size();
  return 0;
}

// Uthmani spellings with و or ى for a long ā, and their modern spellings, mapped to one form
// (the Uthmani one). Matched after the article or a one-letter proclitic (و ف ب ك ل).
struct waw_alef_word {
  std::u16string_view uthmani, modern;
};
inline constexpr waw_alef_word waw_alef_words[] = {
    {u"\u0635\u0644\u0648\u0647", u"\u0635\u0644\u0627\u0647"},              // صلوة صلاة
    {u"\u0632\u0643\u0648\u0647", u"\u0632\u0643\u0627\u0647"},              // زكوة زكاة
    {u"\u062D\u064A\u0648\u0647", u"\u062D\u064A\u0627\u0647"},              // حيوة حياة
    {u"\u0645\u0634\u0643\u0648\u0647", u"\u0645\u0634\u0643\u0627\u0647"},  // مشكوة مشكاة
    {u"\u0645\u0646\u0648\u0647", u"\u0645\u0646\u0627\u0647"},              // منوة مناة
    {u"\u0646\u062C\u0648\u0647", u"\u0646\u062C\u0627\u0647"},              // نجوة نجاة
    {u"\u063A\u062F\u0648\u0647", u"\u063A\u062F\u0627\u0647"},              // غدوة غداة
    {u"\u062A\u0648\u0631\u064A\u0647", u"\u062A\u0648\u0631\u0627\u0647"},  // تورىة توراة
    {u"\u0631\u0628\u0648\u0627", u"\u0631\u0628\u0627"},                    // ربوا ربا
};

// The canonical spelling of a closed-list word in `w` from `from`, or false.
inline bool replace_waw_alef_word(letter_buffer& w, std::size_t from) {
#ifndef __EMSCRIPTEN__
  // Natively (the index builder keys every word): every listed spelling ends in ه or ا.
  if (w.size() == 0 || (w.back() != letter::heh && w.back() != letter::alef)) return false;
#endif
  const auto try_at = [&](std::size_t at) {
    for (const waw_alef_word& e : waw_alef_words) {
      if (w.tail_is(at, e.uthmani)) return true;
      if (w.tail_is(at, e.modern)) {
        w.set_tail(at, e.uthmani);
        return true;
      }
    }
    return false;
  };
  if (try_at(from)) return true;
  const bool proclitic = from < w.size() && (w[from] == letter::waw || w[from] == letter::feh ||
                                             w[from] == letter::beh || w[from] == letter::kaf ||
                                             w[from] == letter::lam);
  return proclitic && from == 0 && try_at(1);  // بالصلوة is handled by the article group
}

// One pass of the skeleton rules over w[from..]; returns whether anything changed.
inline bool skeleton_pass(letter_buffer& w, std::size_t from, const skeleton_options& o) {
  const std::size_t before = w.size();  // every rule here drops letters
  if (o.drop_inline_hamza)              // every ء but a final one
    for (std::size_t i = w.size() - 1; i-- > from;)
      if (w[i] == letter::hamza) w.erase(i);
  if (o.drop_plural_alef && w.size() >= from + 3 && w.back() == letter::alef &&
      w[w.size() - 2] == letter::waw)
    w.pop_back();
  // ا from the rest's second letter on, never the last one (a final ا is a case ending or
  // part of the word: روسيا, كوريا, الربا).
  for (std::size_t i = w.size() - 1; i-- > from + 1;) {
    const bool second_letter = i == from + 1;
    if (w[i] == letter::alef && (second_letter ? o.drop_second_letter_alef : o.drop_inner_alef))
      w.erase(i);
  }
  if (o.collapse_double_waw)
    for (std::size_t i = w.size(); i-- > from + 1;)
      if (w[i] == letter::waw && w[i - 1] == letter::waw) w.erase(i);
  return w.size() != before;
}

// Where the word proper starts: after the article group, or after a conjunction و that a
// light stemmer would strip too (four letters or more), so that وجاءو is keyed as و + جاءو.
inline std::size_t word_start(const letter_buffer& w) {
  const std::size_t article = article_length(w);
  if (article > 0) return article;
  return w.size() >= 4 && w[0] == letter::waw ? 1 : 0;
}

// The rules until nothing changes; the start is found again each time (a word can shrink
// below the article's or the و's condition), which makes the result a fixed point.
inline void skeleton_letters(letter_buffer& w, const skeleton_options& o) {
  for (;;) {
    // اا is no spelling; the tokenizer's full-alef alternate of ربوٰا (الربواا) has one.
    bool changed = false;
    for (std::size_t i = w.size(); i-- > 1;)
      if (w[i] == letter::alef && w[i - 1] == letter::alef) {
        w.erase(i);
        changed = true;
      }
    const std::size_t from = word_start(w);
    // A rest of two letters with from > 0 follows the article (after a conjunction و, 3 or more).
    if (o.one_lam_layl && from > 0 && w.tail_is(from, u"\u064A\u0644"))
      w.set_tail(from, u"\u0644\u064A\u0644");
    if (o.waw_for_alef_words && replace_waw_alef_word(w, from)) return;
    if (!skeleton_pass(w, from, o) && !changed) return;
  }
}

inline bool is_g_letter(char32_t c) {
  return c == letter::ghain || c == letter::jeem || c == letter::qaf || c == letter::kaf;
}

inline char32_t fold_foreign_letter(char32_t c) {
  switch (c) {
    case 0x06AF:
    case 0x06AD:
    case 0x06A8: return letter::ghain;  // گ ڭ ڨ
    case 0x06A4: return letter::feh;    // ڤ
    case 0x067E: return letter::beh;    // پ
    case 0x0686: return letter::jeem;   // چ
    case 0x0698: return letter::zain;   // ژ
    default: return c;
  }
}

// The transliteration rules once over `w`, a skeleton; returns whether anything changed.
inline bool transliteration_rules(letter_buffer& w, const transliteration_options& o) {
  const std::size_t size = w.size();
  bool changed = false;
  // Sets a letter, noting a change (the size says whether a rule dropped any).
  const auto set = [&](char32_t& c, char32_t to) {
    changed = changed || c != to;
    c = to;
  };
  const std::size_t from = word_start(w);
  if (o.fold_foreign_letters)
    for (char32_t& c : w) set(c, fold_foreign_letter(c));
  if (o.fold_final_ng && w.size() >= from + 3 && w[w.size() - 2] == letter::noon &&
      (w.back() == letter::ghain || w.back() == letter::jeem))
    set(w.back(), letter::ghain);
  const std::size_t letters = w.size() - from;
  const bool long_word = o.long_word_letters > 0 && letters >= o.long_word_letters;
  if (o.fold_g_letters && (long_word || std::count_if(w.begin() + static_cast<std::ptrdiff_t>(from),
                                                      w.end(), is_g_letter) >= 2))
    for (std::size_t i = from; i < w.size(); ++i)
      if (is_g_letter(w[i])) set(w[i], letter::ghain);
  if (long_word && o.fold_final_ya && w[w.size() - 2] == letter::yeh && w.back() == letter::alef)
    set(w.back(), letter::heh);
  if (long_word && o.drop_inner_vowel_letters)
    for (std::size_t i = w.size() - 1; i-- > from + 1;)
      if (w[i] == letter::waw || w[i] == letter::yeh) w.erase(i);
  return changed || w.size() != size;
}

inline bool transliteration_pass(letter_buffer& w, const transliteration_options& o) {
  skeleton_letters(w, o.skeleton);
  return transliteration_rules(w, o);
}

}  // namespace detail

/// The orthographic skeleton of a normalized word: a key shared by its classical (Uthmani) and
/// modern spellings, for search as a lower-weighted fallback next to the form and the stem.
///
/// `normalized` is a word as `fahras::normalize` gives it (marks removed, أ إ آ ٱ → ا, ى → ي,
/// ة → ه, ؤ → و, ئ → ي). The rules (see `skeleton_options` and doc/variants.md) drop or unify
/// letters of the word proper, after the article ال (with و ف ب ك before it, or لل) or a
/// conjunction و (words of 4+ letters), which are kept as typed: inner ء, ا from the third letter
/// on (not last), اا and وو → one, final وا → و, and the closed list of و/ى-for-ā words; and
/// one gives a letter back, the lam of Uthmani ٱلَّيۡل (الليل). A word
/// that does not start with an Arabic letter, or of more than 255 letters (no token is), comes
/// back unchanged. Idempotent, never empty for a non-empty word; allocates its result.
///
/// **Example**: `skeleton("السماوات") == skeleton("السموات") == "السموت"`,
/// `skeleton("الحيوه") == skeleton("الحياه")`, `skeleton("قرءان") == skeleton("قران") == "قرن"`.
inline std::string skeleton(std::string_view normalized, const skeleton_options& options = {}) {
  detail::letter_buffer w;
  if (!detail::starts_arabic(normalized) || !w.assign(normalized)) return std::string(normalized);
  detail::skeleton_letters(w, options);
  return w.utf8();
}

/// The transliteration key of a normalized word: its skeleton, with the letters that foreign
/// names are written with in several ways unified (see `transliteration_options`): گ ڭ ڨ ڤ پ چ ژ
/// and a final نج/نغ in every word; غ ج ق ك as one letter in words of 6+ letters and in words
/// with two of them; in words of 6+ letters also inner و and ي dropped and a final يا as يه. Meant
/// as a second, lower-weighted key for names and loanwords; for short Arabic words it equals
/// `skeleton`. Idempotent, never empty for a non-empty word.
///
/// **Example**: `transliteration_key("بيونج") == transliteration_key("بيونغ")`,
/// `transliteration_key("امريكيه") == transliteration_key("اميركيه")`.
inline std::string transliteration_key(std::string_view normalized,
                                       const transliteration_options& options = {}) {
  detail::letter_buffer w;
  if (!detail::starts_arabic(normalized) || !w.assign(normalized)) return std::string(normalized);
  // A few passes reach the fixed point. The cap is for options that undo the closed list: with
  // long_word_letters 4, ربوا loses its inner و (ربا) and the list gives it back, forever.
  for (int pass = 0; pass < 8 && detail::transliteration_pass(w, options); ++pass) {
  }
  return w.utf8();
}

/// A compound name written as one word (بيونغيانغ) may be written as two (بيونغ يانغ): the
/// ways to cut `normalized` into two parts of at least `min_letters` letters each, left part
/// first, for the caller to look up (both parts in the index, as a phrase). The joined form of
/// two typed words is simply their concatenation.
///
/// **Example**: `compound_splits("بيونغيانغ")` holds {"بيونغ", "يانغ"}.
inline std::vector<std::pair<std::string, std::string>> compound_splits(
    std::string_view normalized, std::size_t min_letters = 3) {
  std::vector<std::pair<std::string, std::string>> out;
  detail::letter_buffer w;
  if (!detail::starts_arabic(normalized) || min_letters == 0 || !w.assign(normalized)) return out;
  for (std::size_t cut = min_letters; cut + min_letters <= w.size(); ++cut)
    out.emplace_back(w.utf8(0, cut), w.utf8(cut, w.size()));
  return out;
}

}  // namespace fahras
