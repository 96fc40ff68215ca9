// Arabic-aware normalization: the fold table that turns text into search keys.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "detail/unicode/fold_table.hpp"

namespace fahras {

/// The folds `normalize` applies; every one can be switched off. The defaults serve search:
/// variants that readers consider the same word give the same key. The README's fold table
/// lists what each switch covers; `detail::classify` is its single definition.
struct normalize_options {
  /// Delete Arabic combining marks: harakat and tanwin U+064B–U+065F, superscript alef
  /// U+0670, U+0610–U+061A, Quranic annotation signs U+06D6–U+06ED, U+0898–U+089F and
  /// U+08CA–U+08FF. Off: the marks stay (and still never split a word).
  bool remove_marks = true;
  /// Delete tatweel U+0640 (الرحـــمن → الرحمن).
  bool remove_tatweel = true;
  /// Delete ZWSP, ZWNJ, ZWJ, LRM, RLM (U+200B–U+200F), the bidi embeddings and overrides
  /// U+202A–U+202E, word joiner U+2060, isolates U+2066–U+2069, deprecated format controls
  /// U+206A–U+206F, ALM U+061C, soft hyphen U+00AD and BOM U+FEFF.
  bool remove_format_controls = true;
  /// أ إ آ ٱ ٲ ٳ ٵ → ا.
  bool fold_alef = true;
  /// ؤ ٶ → و and ئ ٸ → ي.
  bool fold_hamza_carriers = true;
  /// ى → ي.
  bool fold_alef_maksura = true;
  /// ة → ه.
  bool fold_teh_marbuta = true;
  /// Persian and Urdu letters: ک ڪ → ك; ی ے ۓ → ي; ۀ ہ ۂ ۃ ە ھ → ه.
  bool fold_persian = true;
  /// Arabic presentation forms U+FB50–U+FDFF and U+FE70–U+FEFF → base letters, by their
  /// Unicode compatibility decomposition: ﻻ → لا, ﷲ → الله, ﷺ → صلى الله عليه وسلم.
  bool fold_presentation_forms = true;
  /// Arabic-Indic and Extended Arabic-Indic digits ٠–٩ ۰–۹ → 0–9.
  bool fold_digits = true;
  /// Lowercase Latin letters (ASCII, Latin-1 and Latin Extended-A).
  bool lowercase_latin = true;

  /// The switches as a bit mask (declaration order), e.g. to store in an index.
  std::uint16_t bits() const noexcept {
    const bool flags[] = {remove_marks,     remove_tatweel,      remove_format_controls,
                          fold_alef,        fold_hamza_carriers, fold_alef_maksura,
                          fold_teh_marbuta, fold_persian,        fold_presentation_forms,
                          fold_digits,      lowercase_latin};
    unsigned mask = 0;
    for (unsigned i = 0; i < sizeof flags / sizeof flags[0]; ++i)
      if (flags[i]) mask |= 1u << i;
    return static_cast<std::uint16_t>(mask);
  }

  static normalize_options from_bits(std::uint16_t mask) noexcept {
    const auto bit = [mask](unsigned i) { return (static_cast<unsigned>(mask) >> i & 1u) != 0; };
    normalize_options o;
    bool* flags[] = {&o.remove_marks,     &o.remove_tatweel,      &o.remove_format_controls,
                     &o.fold_alef,        &o.fold_hamza_carriers, &o.fold_alef_maksura,
                     &o.fold_teh_marbuta, &o.fold_persian,        &o.fold_presentation_forms,
                     &o.fold_digits,      &o.lowercase_latin};
    for (unsigned i = 0; i < sizeof flags / sizeof flags[0]; ++i) *flags[i] = bit(i);
    return o;
  }
};

/// Folded text plus, for each of its bytes, the byte offset in the original text of the
/// character it came from; `source_offsets` has one more entry: the original length.
struct normalized_text {
  std::string text;
  std::vector<std::size_t> source_offsets;
};

/// A reusable normalizer: builds its fold table once. `normalize()` is the one-off form.
class normalizer {
 public:
  explicit normalizer(const normalize_options& options = {})
      : table_(detail::fold_table::get(options.bits())) {}

  /// See `fahras::normalize`.
  std::string operator()(std::string_view text) const {
    // Output is at most as long as the input except after expansions (ﷺ) and invalid bytes
    // (U+FFFD is three bytes): write through a pointer and grow only when room runs short.
    std::string out(text.size() + 64, '\0');
    std::size_t n = 0;
    table_->for_each(text, [&](const detail::folded_char& c, std::size_t, std::size_t e) {
      if (out.size() - n < 8) out.resize(out.size() + (text.size() - e) + 64);
      if (c.kind == detail::char_kind::invalid) {
        std::memcpy(&out[n], "\xEF\xBF\xBD", 3);  // U+FFFD
        n += 3;
      } else {
        std::memcpy(&out[n], c.bytes, 4);  // copies 4, counts c.length
        n += c.length;
      }
    });
    out.resize(n);
    return out;
  }

  /// See `fahras::normalize_with_offsets`.
  normalized_text with_offsets(std::string_view text) const {
    normalized_text r;
    r.text.reserve(text.size());
    r.source_offsets.reserve(text.size() + 1);
    table_->for_each(text, [&](const detail::folded_char& c, std::size_t b, std::size_t) {
      append(r.text, c);
      r.source_offsets.resize(r.text.size(), b);
    });
    r.source_offsets.push_back(text.size());
    return r;
  }

 private:
  static void append(std::string& out, const detail::folded_char& c) {
    if (c.kind == detail::char_kind::invalid)
      out.append("\xEF\xBF\xBD", 3);  // U+FFFD
    else
      out.append(c.bytes, c.length);
  }

  std::shared_ptr<const detail::fold_table> table_;
};

/// Folds `text` for search: every character goes through the fold table; separators and
/// punctuation stay as they are. Invalid UTF-8 bytes become U+FFFD, so the result is always
/// valid UTF-8. Idempotent: normalize(normalize(t)) == normalize(t).
///
/// **Example**: `fahras::normalize("ٱلرَّحۡمَٰنِ") == "الرحمن"`
inline std::string normalize(std::string_view text, const normalize_options& options = {}) {
  return normalizer(options)(text);
}

/// Like `normalize`, keeping for each output byte the offset of its source character.
///
/// **Example**: `normalize_with_offsets("بَيت").source_offsets` is {0,0,4,4,6,6,8}: the fatha
/// (bytes 2–3) left no output byte.
inline normalized_text normalize_with_offsets(std::string_view text,
                                              const normalize_options& options = {}) {
  return normalizer(options).with_offsets(text);
}

}  // namespace fahras
