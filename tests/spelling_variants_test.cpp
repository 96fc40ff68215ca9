// Tests of tests/spelling_variants.hpp, and what the analysis makes of its variants today.
// SPDX-License-Identifier: MIT
#include "spelling_variants.hpp"

#include <fahras/analyze.hpp>
#include <fahras/normalize.hpp>
#include <fahras/tokenize.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace fahras::test;

namespace {

// Real sentences: the judged collection's texts (bench/quality), cut at sentence ends.
std::vector<std::string> collection_sentences(std::size_t per_file) {
  std::vector<std::string> out;
  for (const char* name : {"vocalized.jsonl", "tanzil.jsonl", "variants.jsonl"}) {
    std::ifstream in(std::string(FAHRAS_SOURCE_DIR) + "/bench/quality/" + name);
    REQUIRE_MESSAGE(in, name);
    std::string line;
    std::size_t taken = 0;
    while (taken < per_file && std::getline(in, line)) {
      const std::string text = nlohmann::json::parse(line).at("text").get<std::string>();
      std::size_t from = 0;
      while (taken < per_file && from < text.size()) {
        std::size_t end = text.size(), skip = 0;
        for (const std::string_view stop : {".", "\n", "،", "﴿"}) {
          const std::size_t at = text.find(stop, from);
          if (at < end) {
            end = at;
            skip = stop.size();
          }
        }
        if (end > from + 8) {
          out.push_back(text.substr(from, end - from));
          ++taken;
        }
        from = end + skip;
      }
    }
  }
  return out;
}

std::vector<std::string> keys(std::string_view text) {
  std::vector<std::string> out;
  for (const fahras::token& t : fahras::tokenize(text)) out.push_back(t.normalized);
  return out;
}

}  // namespace

TEST_SUITE("spelling variants") {

TEST_CASE("each way of typing does what it says") {
  CHECK(without_marks("قُلْ هُوَ ٱللَّهُ أَحَدٌ") == "قل هو ٱلله أحد");
  CHECK(without_marks("مَٰلِكِ") == "ملك");
  CHECK(with_harakat("قل هو") == "قَلِ هُوْ");
  CHECK(with_uthmani_marks("قُلْ هو الله احد") == "قُلۡ هو اللهۚ احد");
  CHECK(with_tatweel("الرحمن") == "الـرحـمـن");
  CHECK(with_tatweel("دار") == "دار");  // د ا ر never join the next letter
  CHECK(with_bare_alefs("أإآٱ") == "اااا");
  CHECK(with_hamza_alefs("اكل الاكل") == "أكل الاكل");
  CHECK(with_final_heh("كوريا الشمالية") == "كوريا الشماليه");
  CHECK(with_final_heh("كتابه", false) == "كتابة");
  CHECK(with_final_yeh("في على", true) == "فى على");
  CHECK(with_final_yeh("في على", false) == "في علي");
  CHECK(with_presentation_forms("لا بد") == "\uFEFB \uFE8F\uFEA9");
  CHECK(with_invisible("في بيت", 0x200C) == "في ب\u200Cيت");
  CHECK(with_persian_letters("كيف") == "\u06A9\u06CCف");
  CHECK(with_indic_digits("عام 2019") == "عام ٢٠١٩");
  CHECK(with_indic_digits("2019", true) == "۲۰۱۹");
  CHECK(with_superscript_alef("السماوات") == "السم\u0670و\u0670ت");
  CHECK(with_superscript_alef("مالك الاتحاد وابراهيم كوريا") ==
        "م\u0670لك الاتح\u0670د وابر\u0670هيم كوريا");
}

TEST_CASE("the variants of a sentence exclude the sentence itself") {
  const auto variants = spelling_variants("الحرب في أوكرانيا عام 2022");
  REQUIRE(variants.size() >= 10);
  for (const typed_variant& v : variants) {
    CAPTURE(v.how);
    CHECK(v.text != "الحرب في أوكرانيا عام 2022");
    CHECK(!v.text.empty());
  }
}

TEST_CASE("every fold-only variant of a real sentence gives the same keys as the sentence") {
  // What the fold table promises: marks, tatweel, alef forms, ة/ه, ى/ي, presentation forms,
  // invisible characters, Persian letters and digits never change a word's key. (The
  // superscript alef is a spelling, not a fold: see the next test.)
  for (const std::string& sentence : collection_sentences(12)) {
    const std::string plain = without_marks(sentence);
    const auto expected = keys(plain);
    for (const typed_variant& v : spelling_variants(plain)) {
      if (v.how == "superscript alef") continue;
      CAPTURE(sentence);
      CAPTURE(v.how);
      CHECK(keys(v.text) == expected);
    }
  }
}

TEST_CASE("a word typed with superscript alefs gets its plain spelling as the alternate") {
  const fahras::analyzer a;
  std::size_t words = 0;
  for (const std::string& sentence : collection_sentences(12)) {
    const std::string plain = without_marks(sentence);
    const auto plain_tokens = a(plain);
    const auto dagger_tokens = a(with_superscript_alef(plain));
    REQUIRE(dagger_tokens.size() == plain_tokens.size());
    for (std::size_t i = 0; i < plain_tokens.size(); ++i) {
      if (dagger_tokens[i].normalized == plain_tokens[i].normalized) continue;
      ++words;
      CAPTURE(plain_tokens[i].normalized);
      CHECK(dagger_tokens[i].alternate == plain_tokens[i].normalized);
    }
  }
  CHECK(words > 20);
}

}  // TEST_SUITE("spelling variants")
