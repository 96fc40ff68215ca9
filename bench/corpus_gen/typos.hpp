// Mistyped query words, the way Arabic users mistype them, and the key a search engine folds to.
// SPDX-License-Identifier: MIT
#pragma once

// fahras-gen-corpus --typos N mistypes one word in N% of its queries with one of these edits:
//
//   keyboard    a letter replaced by a neighbouring key of the Arabic (101) keyboard (ب/ي, ت/ن)
//   drop        a letter left out
//   transpose   two adjacent letters swapped
//   double      a letter typed twice
//   lookalike   a letter confused with its look-alike: final ة/ه, final ى/ي, a hamza seat
//               (أ إ آ ا, ؤ و, ئ ي ى, ء)
//
// and says what the typed word is: a "variant" (it folds to the same key as the intended word,
// so a normalizing engine finds it exactly), a "real-word" error (another word of the corpus)
// or a "non-word" (its key occurs nowhere in the corpus: the hard case for typo tolerance).
// Letters are all two bytes in UTF-8 (U+0600..U+06FF), which every edit here relies on.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.hpp"
#include "random.hpp"

namespace fahras::bench {

/// The key fahras's default normalization gives a word of the generated text (only the folds
/// that text can need): harakat, superscript alef and tatweel dropped; أ إ آ -> ا, ؤ -> و,
/// ئ -> ي, ى -> ي, ة -> ه; Arabic-Indic digits -> 0-9. For statistics and for telling a typo
/// from a spelling variant; it never feeds back into the text.
inline std::string fold(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(word[i]);
    if ((b0 == 0xD8 || b0 == 0xD9) && i + 1 < word.size()) {
      const auto b1 = static_cast<unsigned char>(word[i + 1]);
      const char* replacement = nullptr;
      bool drop = false;
      if (b0 == 0xD9) {
        if ((b1 >= 0x8B && b1 <= 0x9F) || b1 == 0xB0 || b1 == 0x80) drop = true;  // marks
        if (b1 == 0x89) replacement = "ي";                                        // ى
        if (b1 >= 0xA0 && b1 <= 0xA9) {                                           // ٠..٩
          out += static_cast<char>('0' + (b1 - 0xA0));
          ++i;
          continue;
        }
      } else {
        if (b1 == 0xA2 || b1 == 0xA3 || b1 == 0xA5) replacement = "ا";  // آ أ إ
        if (b1 == 0xA4) replacement = "و";                              // ؤ
        if (b1 == 0xA6) replacement = "ي";                              // ئ
        if (b1 == 0xA9) replacement = "ه";                              // ة
      }
      if (drop || replacement) {
        if (replacement) out += replacement;
        ++i;
        continue;
      }
    }
    out += word[i];
  }
  return out;
}

struct typo {
  std::string edit;   // keyboard, drop, transpose, double, lookalike
  std::string typed;  // the mistyped word
};

/// Makes typos; everything it draws comes from the rng it is given.
class typist {
 public:
  typist() {
    // The letter keys of the Arabic (101) keyboard, row by row as under QWERTY's q..], a..'
    // and z../ ("-" is لا, which types two letters). Each row is offset by about half a key
    // from the one above, so a key touches keys c and c+1 of the row above it.
    const std::vector<std::string> rows[] = {split_words("ض ص ث ق ف غ ع ه خ ح ج د"),
                                             split_words("ش س ي ب ل ا ت ن م ك ط"),
                                             split_words("ئ ء ؤ ر - ى ة و ز ظ")};
    const auto link = [&](const std::string& a, const std::string& b) {
      if (a == "-" || b == "-") return;
      neighbours_[a].push_back(b);
      neighbours_[b].push_back(a);
    };
    for (std::size_t r = 0; r < 3; ++r) {
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        if (c + 1 < rows[r].size()) link(rows[r][c], rows[r][c + 1]);
        if (r == 0) continue;
        for (std::size_t above = c; above <= c + 1 && above < rows[r - 1].size(); ++above) {
          link(rows[r][c], rows[r - 1][above]);
        }
      }
    }
  }

  /// Keyboard neighbours of a letter (empty for letters off the base layer, like أ).
  const std::vector<std::string>& neighbours(std::string_view letter) const {
    static const std::vector<std::string> none;
    const auto it = neighbours_.find(std::string(letter));
    return it == neighbours_.end() ? none : it->second;
  }

  /// Mistypes `word` (Arabic letters only, 3 or more). The typed word always differs.
  typo mistype(const std::string& word, rng& random) const {
    static const weighted_choice edit_choice({35, 18, 15, 8, 24});
    static constexpr std::string_view edits[] = {"keyboard", "drop", "transpose", "double",
                                                 "lookalike"};
    for (int attempt = 0;; ++attempt) {
      std::vector<std::string> letters = letters_of(word);
      // A drop always changes the word: the way out for words no other edit fits.
      const std::size_t picked = attempt < 20 ? edit_choice(random) : 1;
      const bool done = apply(picked, letters, random);
      std::string typed;
      for (const std::string& letter : letters) typed += letter;
      if (done && typed != word) return {std::string(edits[picked]), typed};
    }
  }

 private:
  static std::vector<std::string> letters_of(const std::string& word) {
    std::vector<std::string> letters;
    for (std::size_t i = 0; i + 1 < word.size(); i += 2) letters.push_back(word.substr(i, 2));
    return letters;
  }

  static std::uint32_t below(rng& random, std::size_t n) {
    return random.below(static_cast<std::uint32_t>(n));
  }

  bool apply(std::size_t edit, std::vector<std::string>& letters, rng& random) const {
    const std::size_t n = letters.size();
    switch (edit) {
      case 0: {  // keyboard: a neighbouring key
        std::vector<std::size_t> typeable;
        for (std::size_t i = 0; i < n; ++i)
          if (!neighbours(letters[i]).empty()) typeable.push_back(i);
        if (typeable.empty()) return false;
        const std::size_t at = typeable[below(random, typeable.size())];
        const std::vector<std::string>& keys = neighbours(letters[at]);
        letters[at] = keys[below(random, keys.size())];
        return true;
      }
      case 1:  // drop
        letters.erase(letters.begin() + below(random, n));
        return true;
      case 2: {  // transpose
        const std::size_t at = below(random, n - 1);
        std::swap(letters[at], letters[at + 1]);
        return true;
      }
      case 3: {  // double
        const std::size_t at = below(random, n);
        letters.insert(letters.begin() + static_cast<std::ptrdiff_t>(at), letters[at]);
        return true;
      }
      default: return lookalike(letters, random);
    }
  }

  /// Final ة/ه and ى/ي, and hamza seats: one of the confusions this word allows.
  static bool lookalike(std::vector<std::string>& letters, rng& random) {
    static const std::map<std::string, std::vector<std::string>> anywhere = {
        {"أ", {"ا", "إ"}},      {"إ", {"ا", "أ"}},      {"آ", {"ا", "أ"}},
        {"ؤ", {"و", "ئ", "ء"}}, {"ئ", {"ي", "ء", "ؤ"}}, {"ء", {"ئ", "أ"}}};
    static const std::map<std::string, std::vector<std::string>> final_letter = {
        {"ة", {"ه"}}, {"ه", {"ة"}}, {"ى", {"ي", "ا"}}, {"ي", {"ى"}}};
    std::vector<std::pair<std::size_t, const std::vector<std::string>*>> options;
    for (std::size_t i = 0; i < letters.size(); ++i) {
      const auto it = anywhere.find(letters[i]);
      if (it != anywhere.end()) options.emplace_back(i, &it->second);
      // An alef after the first letter, where a hamza often belongs: سال -> سأل.
      if (letters[i] == "ا" && i > 0 && i + 1 < letters.size()) {
        static const std::vector<std::string> hamza_on_alef = {"أ"};
        options.emplace_back(i, &hamza_on_alef);
      }
    }
    const auto last = final_letter.find(letters.back());
    if (last != final_letter.end()) options.emplace_back(letters.size() - 1, &last->second);
    if (options.empty()) return false;
    const auto& [at, choices] = options[below(random, options.size())];
    letters[at] = (*choices)[below(random, choices->size())];
    return true;
  }

  std::map<std::string, std::vector<std::string>> neighbours_;
};

}  // namespace fahras::bench
