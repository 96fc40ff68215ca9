// Tests of detail/search/key_occurrences.hpp: the tokens of a text keyed by one word, found by a
// scan of the raw bytes, are those the analysis of the whole text gives.
// SPDX-License-Identifier: MIT
#include <fahras/detail/search/key_occurrences.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using spans = std::vector<fahras::byte_span>;

// The tokens of `text` keyed `key` (or spelled `key` with full alefs), by the whole analysis.
spans analysed(const fahras::analyzer& a, std::string_view text, const std::string& key) {
  spans out;
  a.for_each_key(text, [&](const fahras::analyzed_view& t) {
    if (t.normalized == key || (!t.alternate.empty() && t.alternate == key))
      out.push_back({t.begin, t.end});
  });
  return out;
}

spans scanned(const fahras::detail::key_occurrences& scan, std::string_view text,
              std::size_t most = SIZE_MAX) {
  spans out;
  scan.for_each(
      text, [&](fahras::byte_span at) { out.push_back(at); }, most);
  return out;
}

// Pieces of text of every kind the tokenizer knows, glued with or without separators: letters
// that fold (أ إ آ ة ى ک ی), marks, tatweel, superscript alefs, joiners, presentation forms and
// ligatures (several letters, or several words, from one character), Arabic and ASCII
// punctuation, Latin and digits, words longer than max_token_bytes, bad bytes.
const std::vector<std::string> pieces = {"الكتاب",
                                         "الكِتَابُ",
                                         "الكتـــاب",
                                         "ﺍﻟﻜﺘﺎﺏ",
                                         "ال\u200Cكتاب",
                                         "کتاب",
                                         "كتب",
                                         "الشراكة",
                                         "الشراكه",
                                         "الشَّراكة",
                                         "مَٰلِكِ",
                                         "مالك",
                                         "ملك",
                                         "صلوٰة",
                                         "صلاه",
                                         "ٱلۡعَٰلَمِينَ",
                                         "العالمين",
                                         "ﷺ",
                                         "ﻻ",
                                         "لا",
                                         "إلى",
                                         "الى",
                                         "على",
                                         "یک",
                                         "أبو",
                                         "ؤ",
                                         "ئ",
                                         "ء",
                                         "ـ",
                                         "ٰ",
                                         "َ",
                                         "،",
                                         "؛",
                                         "«",
                                         "»",
                                         " ",
                                         " ",
                                         " ",
                                         "\n",
                                         ".",
                                         "-",
                                         "ABC",
                                         "abc",
                                         "Ébc",
                                         "2024",
                                         "٢٠٢٤",
                                         "\xFF",
                                         "\xD9",
                                         "\xE2\x80",
                                         "\u2026",
                                         "\u00A0",
                                         std::string(70, 'a'),
                                         "ب" + std::string(140, '\xD9')};

std::string random_text(std::mt19937& rng, std::size_t length) {
  std::string text;
  for (std::size_t i = 0; i < length; ++i) text += pieces[rng() % pieces.size()];
  return text;
}

void check_texts(const fahras::analyzer& a, std::mt19937& rng, std::size_t count) {
  std::size_t found = 0;
  for (std::size_t n = 0; n < count; ++n) {
    const std::string text = random_text(rng, rng() % 60);
    std::set<std::string> keys{"غائب", "ا", "اا", "ب", "abc", "ك"};
    for (const fahras::token& t : fahras::tokenizer(a.options().normalize)(text)) {
      keys.insert(t.normalized);
      if (!t.alternate.empty()) keys.insert(t.alternate);
    }
    CAPTURE(text);
    for (const std::string& key : keys) {
      CAPTURE(key);
      const fahras::detail::key_occurrences scan(a, key);
      const spans all = analysed(a, text, key);
      found += all.size();
      CHECK(scanned(scan, text) == all);
      // Stopping after `most`: the first ones, at least `most` of them if there are.
      const std::size_t most = rng() % 3;
      const spans some = scanned(scan, text, most);
      CHECK(some.size() >= std::min(most, all.size()));
      CHECK(some.size() <= all.size());
      CHECK(std::equal(some.begin(), some.end(), all.begin()));
    }
  }
  CHECK(found > count);
}

}  // namespace

TEST_SUITE("key_occurrences") {

TEST_CASE("a scan finds the tokens of a key that the whole analysis finds") {
  std::mt19937 rng(7);
  check_texts(fahras::analyzer(), rng, 400);
}

TEST_CASE("a scan agrees with analyzers that fold less: kept marks, cases, letters") {
  std::mt19937 rng(8);
  fahras::analyze_options keep;
  keep.normalize.remove_marks = false;
  keep.normalize.remove_tatweel = false;
  keep.normalize.remove_format_controls = false;
  keep.normalize.fold_alef = false;
  keep.normalize.fold_teh_marbuta = false;
  keep.normalize.fold_persian = false;
  keep.normalize.fold_presentation_forms = false;
  keep.normalize.lowercase_latin = false;
  check_texts(fahras::analyzer(keep), rng, 200);
}

TEST_CASE("a key without a letter to look for is found by the whole analysis") {
  const fahras::analyzer a;
  const std::string text = "ا اا آ أا ٱ";
  for (const std::string key : {"ا", "اا"})
    CHECK(scanned(fahras::detail::key_occurrences(a, key), text) == analysed(a, text, key));
  CHECK(analysed(a, text, "اا").size() == 2);
}

}  // TEST_SUITE("key_occurrences")
