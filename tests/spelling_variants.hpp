// One sentence typed many ways (marks, tatweel, alef forms, ة/ه, ى/ي, presentation forms,
// invisible characters, Persian letters, digits, superscript alef), for invariance tests.
// SPDX-License-Identifier: MIT
#pragma once

// Each variant is written from its own character tables, never with fahras::normalize: a test
// that makes its inputs with the code under test would only check that code against itself.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <utf8.h>

namespace fahras::test {

/// One way of typing a sentence: what changed, and the text.
struct typed_variant {
  std::string how;
  std::string text;
};

namespace spelling {

inline std::u32string letters(std::string_view s) {
  std::u32string out;
  utf8::utf8to32(s.begin(), s.end(), std::back_inserter(out));
  return out;
}

inline std::string text(const std::u32string& s) {
  std::string out;
  utf8::utf32to8(s.begin(), s.end(), std::back_inserter(out));
  return out;
}

inline bool is_arabic_letter(char32_t c) {
  return (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A) || c == 0x0671 ||
         (c >= 0x067E && c <= 0x06D3);
}

inline bool is_mark(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x0610 && c <= 0x061A) ||
         (c >= 0x06D6 && c <= 0x06ED);
}

// Letters that join the next one (not ا د ذ ر ز و ة ى ء and their variants).
inline bool joins_forward(char32_t c) {
  switch (c) {
    case 0x0621:
    case 0x0622:
    case 0x0623:
    case 0x0624:
    case 0x0625:
    case 0x0627:
    case 0x0629:
    case 0x062F:
    case 0x0630:
    case 0x0631:
    case 0x0632:
    case 0x0648:
    case 0x0649:
    case 0x0671: return false;
    default: return is_arabic_letter(c);
  }
}

inline bool word_end(const std::u32string& s, std::size_t i) {
  std::size_t j = i + 1;
  while (j < s.size() && is_mark(s[j])) ++j;
  return j == s.size() || !is_arabic_letter(s[j]);
}

inline bool word_start(const std::u32string& s, std::size_t i) {
  return i == 0 || !(is_arabic_letter(s[i - 1]) || is_mark(s[i - 1]) || s[i - 1] == 0x0640);
}

// Replaces each character for which `f` gives a non-empty string.
template <class F>
std::string map_chars(std::string_view in, F f) {
  const std::u32string s = letters(in);
  std::u32string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::u32string r = f(s, i);
    out += r.empty() ? std::u32string(1, s[i]) : r;
  }
  return text(out);
}

// The isolated presentation form of a letter (Arabic Presentation Forms-B), or 0.
inline char32_t isolated_form(char32_t c) {
  struct pair {
    char32_t letter, form;
  };
  static constexpr pair table[] = {
      {0x0621, 0xFE80}, {0x0622, 0xFE81}, {0x0623, 0xFE83}, {0x0624, 0xFE85}, {0x0625, 0xFE87},
      {0x0626, 0xFE89}, {0x0627, 0xFE8D}, {0x0628, 0xFE8F}, {0x0629, 0xFE93}, {0x062A, 0xFE95},
      {0x062B, 0xFE99}, {0x062C, 0xFE9D}, {0x062D, 0xFEA1}, {0x062E, 0xFEA5}, {0x062F, 0xFEA9},
      {0x0630, 0xFEAB}, {0x0631, 0xFEAD}, {0x0632, 0xFEAF}, {0x0633, 0xFEB1}, {0x0634, 0xFEB5},
      {0x0635, 0xFEB9}, {0x0636, 0xFEBD}, {0x0637, 0xFEC1}, {0x0638, 0xFEC5}, {0x0639, 0xFEC9},
      {0x063A, 0xFECD}, {0x0641, 0xFED1}, {0x0642, 0xFED5}, {0x0643, 0xFED9}, {0x0644, 0xFEDD},
      {0x0645, 0xFEE1}, {0x0646, 0xFEE5}, {0x0647, 0xFEE9}, {0x0648, 0xFEED}, {0x0649, 0xFEEF},
      {0x064A, 0xFEF1}};
  for (const pair& p : table)
    if (p.letter == c) return p.form;
  return 0;
}

}  // namespace spelling

/// Harakat, tanween, shadda, sukun, the superscript alef and the Quranic marks removed, as a
/// reader types a vocalized or Uthmani text.
inline std::string without_marks(std::string_view s) {
  const std::u32string in = spelling::letters(s);
  std::u32string out;
  for (char32_t c : in)
    if (!spelling::is_mark(c)) out += c;
  return spelling::text(out);
}

/// A haraka after every Arabic letter that has none (fatha, kasra, damma, sukun in turn).
inline std::string with_harakat(std::string_view s) {
  static constexpr char32_t harakat[] = {0x064E, 0x0650, 0x064F, 0x0652};
  const std::u32string in = spelling::letters(s);
  std::u32string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    out += in[i];
    const bool marked = i + 1 < in.size() && spelling::is_mark(in[i + 1]);
    if (spelling::is_arabic_letter(in[i]) && !marked) out += harakat[n++ % 4];
  }
  return spelling::text(out);
}

/// Uthmani encodings: sukun as U+06E1, the madda sign as U+06E4, and a pause mark ۚ after
/// every third word.
inline std::string with_uthmani_marks(std::string_view s) {
  const std::u32string in = spelling::letters(s);
  std::u32string out;
  std::size_t words = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    out += in[i] == 0x0652 ? char32_t{0x06E1} : in[i] == 0x0653 ? char32_t{0x06E4} : in[i];
    if ((spelling::is_arabic_letter(in[i]) || spelling::is_mark(in[i])) &&
        spelling::word_end(in, i) && !(i + 1 < in.size() && spelling::is_mark(in[i + 1])) &&
        ++words % 3 == 0)
      out += char32_t{0x06DA};
  }
  return spelling::text(out);
}

/// A tatweel after every letter that joins the next one inside a word.
inline std::string with_tatweel(std::string_view s) {
  return spelling::map_chars(s, [](const std::u32string& in, std::size_t i) {
    return spelling::joins_forward(in[i]) && !spelling::word_end(in, i)
               ? std::u32string{in[i], 0x0640}
               : std::u32string();
  });
}

/// أ إ آ ٱ typed as a bare ا.
inline std::string with_bare_alefs(std::string_view s) {
  return spelling::map_chars(s, [](const std::u32string& in, std::size_t i) {
    const char32_t c = in[i];
    return c == 0x0623 || c == 0x0625 || c == 0x0622 || c == 0x0671 ? std::u32string(1, 0x0627)
                                                                    : std::u32string();
  });
}

/// A word-initial bare ا typed as أ (not the article's: الاكل stays).
inline std::string with_hamza_alefs(std::string_view s) {
  return spelling::map_chars(s, [](const std::u32string& in, std::size_t i) {
    const bool article = i + 1 < in.size() && in[i + 1] == 0x0644;
    return in[i] == 0x0627 && spelling::word_start(in, i) && !spelling::word_end(in, i) && !article
               ? std::u32string(1, 0x0623)
               : std::u32string();
  });
}

/// A final ة typed as ه, or a final ه as ة (`to_heh` false).
inline std::string with_final_heh(std::string_view s, bool to_heh = true) {
  const char32_t from = to_heh ? 0x0629 : 0x0647, to = to_heh ? 0x0647 : 0x0629;
  return spelling::map_chars(s, [=](const std::u32string& in, std::size_t i) {
    return in[i] == from && spelling::word_end(in, i) && !spelling::word_start(in, i)
               ? std::u32string(1, to)
               : std::u32string();
  });
}

/// A final ي typed as ى, or a final ى as ي (`to_maksura` false).
inline std::string with_final_yeh(std::string_view s, bool to_maksura = true) {
  const char32_t from = to_maksura ? 0x064A : 0x0649, to = to_maksura ? 0x0649 : 0x064A;
  return spelling::map_chars(s, [=](const std::u32string& in, std::size_t i) {
    return in[i] == from && spelling::word_end(in, i) && !spelling::word_start(in, i)
               ? std::u32string(1, to)
               : std::u32string();
  });
}

/// Every letter in its isolated presentation form, لا and its hamza forms as one ligature.
inline std::string with_presentation_forms(std::string_view s) {
  const std::u32string in = spelling::letters(s);
  std::u32string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == 0x0644 && i + 1 < in.size()) {
      const char32_t next = in[i + 1];
      const char32_t lam_alef = next == 0x0627   ? 0xFEFB
                                : next == 0x0623 ? 0xFEF7
                                : next == 0x0625 ? 0xFEF9
                                : next == 0x0622 ? 0xFEF5
                                                 : 0;
      if (lam_alef != 0) {
        out += lam_alef;
        ++i;
        continue;
      }
    }
    const char32_t form = spelling::isolated_form(in[i]);
    out += form != 0 ? form : in[i];
  }
  return spelling::text(out);
}

/// An invisible character inside every word of three letters or more, after its first letter:
/// ZWNJ U+200C, ZWJ U+200D or RLM U+200F.
inline std::string with_invisible(std::string_view s, char32_t invisible) {
  const std::u32string in = spelling::letters(s);
  std::u32string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    out += in[i];
    if (!spelling::is_arabic_letter(in[i]) || !spelling::word_start(in, i)) continue;
    std::size_t word_letters = 0;
    for (std::size_t j = i;
         j < in.size() && (spelling::is_arabic_letter(in[j]) || spelling::is_mark(in[j])); ++j)
      word_letters += spelling::is_arabic_letter(in[j]);
    if (word_letters >= 3) out += invisible;
  }
  return spelling::text(out);
}

/// ي typed as Farsi yeh ی and ك as keheh ک.
inline std::string with_persian_letters(std::string_view s) {
  return spelling::map_chars(s, [](const std::u32string& in, std::size_t i) {
    return in[i] == 0x064A   ? std::u32string(1, 0x06CC)
           : in[i] == 0x0643 ? std::u32string(1, 0x06A9)
                             : std::u32string();
  });
}

/// ASCII digits typed as Arabic-Indic (٠-٩) or Extended Arabic-Indic (۰-۹) digits.
inline std::string with_indic_digits(std::string_view s, bool extended = false) {
  const char32_t zero = extended ? 0x06F0 : 0x0660;
  return spelling::map_chars(s, [=](const std::u32string& in, std::size_t i) {
    return in[i] >= '0' && in[i] <= '9' ? std::u32string(1, zero + (in[i] - '0'))
                                        : std::u32string();
  });
}

/// The Uthmani spelling of a long ā: an ا inside a word written as a superscript alef U+0670
/// on the letter before (السماوات → السمٰوٰت, مالك → مٰلك, الصلاة → الصلٰة). Not after a yeh
/// (ي ی ى: Uthmani writes ىٰ there), not the initial alef of a word after the article or a
/// one-letter proclitic (الاتحاد, وابراهيم), not a final ا. The same word, in another orthography.
inline std::string with_superscript_alef(std::string_view s) {
  const std::u32string in = spelling::letters(s);
  std::u32string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    bool dagger = in[i] == 0x0627 && i > 0 && spelling::is_arabic_letter(in[i - 1]) &&
                  !spelling::word_end(in, i) && in[i - 1] != 0x064A && in[i - 1] != 0x06CC &&
                  in[i - 1] != 0x0649;
    if (dagger && i >= 2 && in[i - 1] == 0x0644 && in[i - 2] == 0x0627 &&
        spelling::word_start(in, i - 2))
      dagger = false;  // ال + ا...
    if (dagger && spelling::word_start(in, i - 1)) {
      const char32_t c = in[i - 1];  // و ف ب ل ك + ا...
      dagger = !(c == 0x0648 || c == 0x0641 || c == 0x0628 || c == 0x0644 || c == 0x0643);
    }
    out += dagger ? char32_t{0x0670} : in[i];
  }
  return spelling::text(out);
}

/// The sentence typed each of the ways above (those that change it), then several at once.
inline std::vector<typed_variant> spelling_variants(std::string_view sentence) {
  std::vector<typed_variant> out;
  const auto add = [&](const char* how, std::string text) {
    if (text != sentence) out.push_back({how, std::move(text)});
  };
  add("without marks", without_marks(sentence));
  add("with harakat", with_harakat(without_marks(sentence)));
  add("Uthmani marks", with_uthmani_marks(sentence));
  add("tatweel", with_tatweel(sentence));
  add("bare alefs", with_bare_alefs(sentence));
  add("hamza alefs", with_hamza_alefs(sentence));
  add("ه for final ة", with_final_heh(sentence, true));
  add("ة for final ه", with_final_heh(sentence, false));
  add("ى for final ي", with_final_yeh(sentence, true));
  add("ي for final ى", with_final_yeh(sentence, false));
  add("presentation forms", with_presentation_forms(sentence));
  add("ZWNJ", with_invisible(sentence, 0x200C));
  add("ZWJ", with_invisible(sentence, 0x200D));
  add("RLM", with_invisible(sentence, 0x200F));
  add("Persian letters", with_persian_letters(sentence));
  add("Arabic-Indic digits", with_indic_digits(sentence, false));
  add("Extended Arabic-Indic digits", with_indic_digits(sentence, true));
  add("superscript alef", with_superscript_alef(sentence));
  add("all marks and forms at once",
      with_invisible(with_persian_letters(with_tatweel(with_harakat(without_marks(sentence)))),
                     0x200C));
  return out;
}

}  // namespace fahras::test
