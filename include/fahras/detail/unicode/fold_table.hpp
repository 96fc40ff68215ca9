// The fold table: how each code point is classified and folded. Single source of truth for the
// README's normalization table.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "../hints.hpp"
#include "presentation_forms.hpp"
#include "utf8.hpp"

namespace fahras::detail {

/// One bit per switch of `normalize_options`, in declaration order.
namespace fold {
inline constexpr std::uint16_t marks = 1u << 0;
inline constexpr std::uint16_t tatweel = 1u << 1;
inline constexpr std::uint16_t format_controls = 1u << 2;
inline constexpr std::uint16_t alef = 1u << 3;
inline constexpr std::uint16_t hamza_carriers = 1u << 4;
inline constexpr std::uint16_t alef_maksura = 1u << 5;
inline constexpr std::uint16_t teh_marbuta = 1u << 6;
inline constexpr std::uint16_t persian = 1u << 7;
inline constexpr std::uint16_t presentation_forms = 1u << 8;
inline constexpr std::uint16_t digits = 1u << 9;
inline constexpr std::uint16_t latin_case = 1u << 10;
inline constexpr std::uint16_t all = (1u << 11) - 1;
}  // namespace fold

enum class char_kind : std::uint8_t {
  separator,    ///< ends a token (space, punctuation, symbols)
  letter,       ///< letter or digit: part of a token, emitted folded
  ignorable,    ///< deleted by a fold, never splits a word (harakat, tatweel, ZWNJ, ...)
  dagger_alef,  ///< superscript alef U+0670, deleted like a mark; the tokenizer also indexes
                ///< the spelling with a full alef (مَٰلِك -> ملك and مالك)
  kept_mark,    ///< kept, never splits a word (marks and controls whose fold is switched off)
  expansion,    ///< presentation form: stands for the base letters of its decomposition
  invalid,      ///< a byte that is not valid UTF-8: a separator, normalized to U+FFFD
};

/// The classification of one code point. For `letter`, `cp` is the folded code point; for
/// `expansion`, `offset`/`length` locate the base letters in `presentation_pool`.
struct char_fold {
  char_kind kind = char_kind::separator;
  char32_t cp = 0;
  std::uint16_t offset = 0;
  std::uint8_t length = 0;
};

inline constexpr bool in(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

/// Arabic block U+0600–U+06FF.
inline char_fold classify_arabic(char32_t cp, std::uint16_t bits) noexcept {
  const auto letter = [](char32_t c) { return char_fold{char_kind::letter, c}; };
  const auto folds = [&](std::uint16_t bit, char32_t to) { return letter((bits & bit) ? to : cp); };
  const auto removable = [&](std::uint16_t bit) {
    return char_fold{(bits & bit) ? char_kind::ignorable : char_kind::kept_mark, cp};
  };
  constexpr char32_t alef = 0x0627, waw = 0x0648, yeh = 0x064A, heh = 0x0647, kaf = 0x0643;
  switch (cp) {
    case 0x0622:
    case 0x0623:
    case 0x0625:
    case 0x0671:
    case 0x0672:
    case 0x0673:
    case 0x0675: return folds(fold::alef, alef);
    case 0x0624:
    case 0x0676: return folds(fold::hamza_carriers, waw);
    case 0x0626:
    case 0x0678: return folds(fold::hamza_carriers, yeh);
    case 0x0629: return folds(fold::teh_marbuta, heh);
    case 0x0649: return folds(fold::alef_maksura, yeh);
    case 0x06A9:
    case 0x06AA: return folds(fold::persian, kaf);
    case 0x06CC:
    case 0x06D2:
    case 0x06D3: return folds(fold::persian, yeh);
    case 0x06C0:
    case 0x06C1:
    case 0x06C2:
    case 0x06C3:
    case 0x06D5:
    case 0x06BE: return folds(fold::persian, heh);
    case 0x0640: return (bits & fold::tatweel) ? char_fold{char_kind::ignorable, cp} : letter(cp);
    case 0x061C: return removable(fold::format_controls);  // ARABIC LETTER MARK
    case 0x0670:                                           // superscript alef
      return char_fold{(bits & fold::marks) ? char_kind::dagger_alef : char_kind::kept_mark, cp};
    default: break;
  }
  if (in(cp, 0x0610, 0x061A) || in(cp, 0x064B, 0x065F) || in(cp, 0x06D6, 0x06ED))
    return removable(fold::marks);
  if (in(cp, 0x0660, 0x0669)) return folds(fold::digits, cp - 0x0660 + '0');
  if (in(cp, 0x06F0, 0x06F9)) return folds(fold::digits, cp - 0x06F0 + '0');
  // Letters; everything else in the block is punctuation or a sign: ، ؛ ؟ ٪ ٫ ٬ ٭ ۔ ...
  if (in(cp, 0x0620, 0x064A) || in(cp, 0x066E, 0x066F) || in(cp, 0x0671, 0x06D3) || cp == 0x06D5 ||
      in(cp, 0x06EE, 0x06EF) || in(cp, 0x06FA, 0x06FC) || cp == 0x06FF)
    return letter(cp);
  return {};
}

/// Classifies `cp` under the fold switches `bits`. Below U+0800 results are cached in
/// `fold_table`; everything a fold produces is below U+0800.
inline char_fold classify(char32_t cp, std::uint16_t bits) noexcept {
  const auto letter = [](char32_t c) { return char_fold{char_kind::letter, c}; };
  const auto mark = [cp] { return char_fold{char_kind::kept_mark, cp}; };
  const auto removable = [&](std::uint16_t bit) {
    return char_fold{(bits & bit) ? char_kind::ignorable : char_kind::kept_mark, cp};
  };
  const bool lower = (bits & fold::latin_case) != 0;

  if (cp < 0x80) {
    if (in(cp, '0', '9') || in(cp, 'a', 'z')) return letter(cp);
    if (in(cp, 'A', 'Z')) return letter(lower ? cp + 32 : cp);
    return {};
  }
  if (cp < 0x100) {
    if (cp == 0xAD) return removable(fold::format_controls);  // soft hyphen
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA) return letter(cp);
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return {};
    if (cp <= 0xDE) return letter(lower ? cp + 0x20 : cp);
    return letter(cp);
  }
  if (cp < 0x180) {  // Latin Extended-A: mostly upper/lower pairs
    if (!lower) return letter(cp);
    if (cp == 0x130) return letter('i');
    if (cp == 0x178) return letter(0xFF);
    const bool even_upper = in(cp, 0x100, 0x137) || in(cp, 0x14A, 0x177);
    const bool odd_upper = in(cp, 0x139, 0x148) || in(cp, 0x179, 0x17E);
    if ((even_upper && cp % 2 == 0) || (odd_upper && cp % 2 == 1)) return letter(cp + 1);
    return letter(cp);
  }
  if (cp < 0x300) return letter(cp);
  if (cp < 0x370) return mark();  // combining diacritical marks
  if (cp < 0x600) {
    if (cp == 0x37E || cp == 0x387 || in(cp, 0x55A, 0x55F) || in(cp, 0x589, 0x58A) || cp == 0x5BE ||
        cp == 0x5C0 || cp == 0x5C3 || cp == 0x5C6 || in(cp, 0x5F3, 0x5F4))
      return {};
    if (in(cp, 0x483, 0x489) || in(cp, 0x591, 0x5C7)) return mark();
    return letter(cp);
  }
  if (cp < 0x700) return classify_arabic(cp, bits);
  if (cp < 0x800) {
    if (in(cp, 0x700, 0x70D) || in(cp, 0x7F6, 0x7F9) || in(cp, 0x7FE, 0x7FF)) return {};
    if (cp == 0x70F || in(cp, 0x730, 0x74A) || in(cp, 0x7A6, 0x7B0) || in(cp, 0x7EB, 0x7F3) ||
        cp == 0x7FD)
      return mark();
    return letter(cp);
  }
  if (cp < 0x900) {  // Samaritan, Mandaic, Syriac supplement, Arabic Extended-B and -A
    if (in(cp, 0x898, 0x89F) || in(cp, 0x8CA, 0x8FF)) return removable(fold::marks);
    if (cp == 0x888 || in(cp, 0x890, 0x891) || in(cp, 0x830, 0x83E) || cp == 0x85E) return {};
    return letter(cp);
  }
  if (cp < 0x2000) {
    if (cp == 0x1680 || cp == 0x180E) return {};
    if (in(cp, 0x1AB0, 0x1AFF) || in(cp, 0x1DC0, 0x1DFF)) return mark();
    return letter(cp);
  }
  if (cp < 0x2070) {  // General Punctuation
    if (in(cp, 0x200B, 0x200F) || in(cp, 0x202A, 0x202E) || cp == 0x2060 || in(cp, 0x2066, 0x206F))
      return removable(fold::format_controls);
    return {};
  }
  if (cp < 0x20A0) return letter(cp);  // superscripts and subscripts
  if (in(cp, 0x20D0, 0x20FF) || in(cp, 0x2DE0, 0x2DFF)) return mark();
  if (cp < 0x2C00) return {};  // currency, letterlike, arrows, math, shapes, dingbats
  if (cp < 0x2E00) return letter(cp);
  if (cp < 0x2E80) return {};  // supplemental punctuation
  if (cp < 0x3000) return letter(cp);
  if (cp < 0x3040) return in(cp, 0x3005, 0x3007) ? letter(cp) : char_fold{};
  if (cp < 0xE000) return letter(cp);  // kana, CJK, Yi, Hangul (surrogates never decode)
  if (cp < 0xF900) return {};          // private use
  if (cp < 0xFB50) return letter(cp);  // CJK compatibility, Latin/Armenian/Hebrew forms
  if (cp < 0xFE00 || in(cp, 0xFE70, 0xFEFF)) {
    if (cp == 0xFEFF) return removable(fold::format_controls);  // BOM / ZWNBSP
    const std::uint16_t packed =
        cp < 0xFE00 ? presentation_fb50[cp - 0xFB50] : presentation_fe70[cp - 0xFE70];
    if (packed == 0) return {};  // ornate parentheses, symbols, unassigned
    if (!(bits & fold::presentation_forms)) return letter(cp);
    char_fold f{char_kind::expansion, cp};
    f.offset = static_cast<std::uint16_t>(packed >> 5);
    f.length = static_cast<std::uint8_t>(packed & 31u);
    return f;
  }
  if (cp < 0xFE10 || in(cp, 0xFE20, 0xFE2F)) return mark();  // variation selectors, half marks
  if (cp < 0xFF00) return {};  // vertical, CJK compatibility and small form punctuation
  if (in(cp, 0xFF10, 0xFF19) || in(cp, 0xFF21, 0xFF3A) || in(cp, 0xFF41, 0xFF5A) ||
      in(cp, 0xFF66, 0xFFDC))
    return letter(cp);
  if (cp < 0x10000) return {};
  if (in(cp, 0x1F000, 0x1FAFF) || in(cp, 0xE0000, 0xE007F) || cp >= 0xF0000) return {};
  if (in(cp, 0xE0100, 0xE01EF)) return mark();
  return letter(cp);
}

/// One folded character as the hot loops see it. `bytes` is its UTF-8 in normalized text:
/// the folded letter, or the character itself for a kept mark or a separator; empty for the
/// other kinds.
struct folded_char {
  char_kind kind = char_kind::separator;
  std::uint8_t length = 0;
  char bytes[4] = {0, 0, 0, 0};
};

inline folded_char to_folded(const char_fold& f, char32_t original) noexcept {
  folded_char c;
  c.kind = f.kind;
  if (f.kind == char_kind::letter)
    c.length = static_cast<std::uint8_t>(encode_utf8(f.cp, c.bytes));
  else if (f.kind == char_kind::kept_mark || f.kind == char_kind::separator)
    c.length = static_cast<std::uint8_t>(encode_utf8(original, c.bytes));
  return c;
}

/// Whether `each_token` (tokenize.hpp) folds runs of plain letters in one tight loop
/// (`fold_table::fold_letters`): natively, where it runs about half the instructions per
/// character. Not in WebAssembly, whose size budget has no room for a second loop (nor its
/// table, 8 KB a fold table).
#ifdef __EMSCRIPTEN__
inline constexpr bool fast_letter_runs = false;
#else
inline constexpr bool fast_letter_runs = true;
#endif

/// The fold table resolved for one set of switches: a direct table for U+0000–U+07FF (ASCII,
/// Latin and all of Arabic's main block, where the hot loops live), `classify` for the rest.
class fold_table {
 public:
  static constexpr char32_t small_size = 0x800;

  explicit fold_table(std::uint16_t bits) : bits_(bits) {
    for (char32_t cp = 0; cp < small_size; ++cp) small_[cp] = to_folded(classify(cp, bits), cp);
    if constexpr (fast_letter_runs)
      for (char32_t cp = 0; cp < small_size; ++cp) {
        const folded_char& c = small_[cp];
        const unsigned char bytes[4] = {static_cast<unsigned char>(c.bytes[0]),
                                        static_cast<unsigned char>(c.bytes[1]), 0, c.length};
        letter_bytes_[cp] = 0;
        if (c.kind == char_kind::letter && c.length <= (cp < 0x80 ? 1 : 2))
          std::memcpy(&letter_bytes_[cp], bytes, 4);
      }
  }

  /// The shared table for `bits`; the default switches' table is built once per process.
  static std::shared_ptr<const fold_table> get(std::uint16_t bits) {
    static const std::shared_ptr<const fold_table> defaults =
        std::make_shared<const fold_table>(fold::all);
    if (bits == fold::all) return defaults;
    return std::make_shared<const fold_table>(bits);
  }

  /// Calls `emit(const folded_char&, begin, end)` for every character of `text` in order, with
  /// the byte range [begin, end) of the original character. A presentation form emits each of
  /// its base letters with the same range. An invalid byte emits `invalid` for that one byte:
  /// every later offset stays exact.
  template <class Emit>
  FAHRAS_FLATTEN void for_each(std::string_view text, Emit&& emit) const {
    // One call site for `emit`, inlined with the decoder into this loop.
    folded_char expanded[32];
    for (std::size_t i = 0; i < text.size();) i += fold_one(text, i, expanded, emit);
  }

  /// `for_each` for the one character at text[i] (i < text.size()); returns its length in
  /// bytes. `expanded` has room for 32.
  template <class Emit>
  std::size_t fold_one(std::string_view text, std::size_t i, folded_char* expanded,
                       Emit& emit) const {
    const folded_char* chars;
    std::size_t count = 1, len = 1;
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      chars = &small_[byte];
    } else {
      char32_t cp;
      len = decode_at(text, i, cp);
      if (len == 0) {
        static constexpr folded_char invalid{char_kind::invalid, 0, {0, 0, 0, 0}};
        chars = &invalid;
        len = 1;
      } else if (cp < small_size) {
        chars = &small_[cp];
      } else {
        count = fold_large(cp, expanded);
        chars = expanded;
      }
    }
    for (std::size_t k = 0; k < count; ++k) emit(chars[k], i, i + len);
    return len;
  }

  /// Appends to `key` (from `length`, which it advances) the folded letters from text[i] on
  /// (i < text.size()) while they are one- or two-byte characters of kind `letter` and `length`
  /// is at most `limit` - 2 before each; counts them in `letters`. `key` needs 4 bytes of room
  /// past `limit`. Returns where it stopped, before the last byte at the latest. The same keys
  /// as `for_each` character by character, in a loop for the runs of plain letters that make
  /// most of a text's bytes (every Arabic letter of the main block is two bytes).
  std::size_t fold_letters(std::string_view text, std::size_t i, char* key, std::size_t& length,
                           std::size_t& letters, std::size_t limit) const noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t used = length, count = letters;
    if (!fast_letter_runs || used + 2 > limit) return i;  // no table: nothing folded here
    // No letter here folds to more bytes than it has (see the constructor): the key grows by
    // at most what i advances, so below `stop` it stays at most limit - 2.
    const std::size_t stop = std::min(text.size() - 1, i + (limit - 2 - used) + 1);
    while (i < stop) {
      const unsigned lead = p[i];
      std::uint32_t folded;
      if (lead < 0x80) {
        folded = letter_bytes_[lead];
        if (folded == 0) break;
        ++i;
      } else {
        // As decode_at: a lead C2..DF and a trail 80..BF (as signed char, below -0x40).
        const int trail = static_cast<signed char>(p[i + 1]);
        if (lead - 0xC2u >= 0x1Eu || trail >= -0x40) break;
        folded = letter_bytes_[static_cast<int>(lead << 6) + trail - 0x2F80];
        if (folded == 0) break;
        i += 2;
      }
      std::memcpy(key + used, &folded, 4);  // its bytes, then 0 and its length
      used += static_cast<unsigned char>(key[used + 3]);
      ++count;
    }
    length = used;
    letters = count;
    return i;
  }

  /// Folds a code point at or above U+0800 into `out` (room for 32); returns how many
  /// characters it stands for: one, or the base letters of a presentation form.
  FAHRAS_NOINLINE std::size_t fold_large(char32_t cp, folded_char* out) const noexcept {
    const char_fold f = classify(cp, bits_);
    if (f.kind != char_kind::expansion) {
      out[0] = to_folded(f, cp);
      return 1;
    }
    for (std::size_t k = 0; k < f.length; ++k) out[k] = small_[presentation_pool[f.offset + k]];
    return f.length;
  }
  std::uint16_t bits() const noexcept { return bits_; }

  /// How a code point below `small_size` folds: what `for_each` emits for it.
  const folded_char& small(char32_t cp) const noexcept { return small_[cp]; }

 private:
  std::uint16_t bits_;
  folded_char small_[small_size];
  // For fold_letters: a plain letter's folded bytes in memory order, padded to 2, then its
  // length; 0 for every other kind. Empty without fast_letter_runs.
  std::uint32_t letter_bytes_[fast_letter_runs ? small_size : 1];
};

}  // namespace fahras::detail
