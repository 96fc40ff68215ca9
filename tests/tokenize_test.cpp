// Tests of tokenize.hpp: word boundaries and exact offsets into the original text.
// SPDX-License-Identifier: MIT
#include <fahras/tokenize.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "test_util.hpp"

using fahras::tokenize;

namespace {
std::vector<std::string> keys(const std::vector<fahras::token>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(t.normalized);
  return out;
}
std::string span_of(const std::string& text, const fahras::token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

// Every field of every token of `text`, as `detail::each_token<fast>` gives them, one line each.
template <bool fast>
std::string each_token_dump(const fahras::detail::fold_table& table, const std::string& text) {
  std::string out;
  auto record = [&](const fahras::token_view& t) {
    out += std::to_string(t.position) + ' ' + std::to_string(t.begin) + ' ' +
           std::to_string(t.end) + ' ' + std::to_string(t.letters) + ' ' +
           std::string(t.normalized) + ' ' + std::string(t.alternate) + '\n';
  };
  fahras::detail::each_token<fast>(table, text, record);
  return out;
}
}  // namespace

TEST_SUITE("tokenize") {

TEST_CASE("a vocalized sentence gives one token per word, spans on the original words") {
  const std::string text = "قرأ الولدُ الكتابَ";
  const auto tokens = tokenize(text);
  REQUIRE(tokens.size() == 3);
  CHECK(keys(tokens) == std::vector<std::string>{"قرا", "الولد", "الكتاب"});
  CHECK(span_of(text, tokens[0]) == "قرأ");
  CHECK(span_of(text, tokens[1]) == "الولدُ");
  CHECK(span_of(text, tokens[2]) == "الكتابَ");
  CHECK(tokens[0].position == 0);
  CHECK(tokens[2].position == 2);
}

TEST_CASE("marks, tatweel and format characters never split a word") {
  for (const char* word : {"ٱلرَّحۡمَٰنِ", "الرحـــمن", "الرح\u200Cمن", "الرح\u200Fمن", "ﺍﻟﺮﺣﻤﻦ"}) {
    CAPTURE(word);
    const auto tokens = tokenize(word);
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].normalized == "الرحمن");
    CHECK(tokens[0].begin == 0);
    CHECK(tokens[0].end == std::string(word).size());
  }
}

TEST_CASE("whitespace and Arabic and Latin punctuation split words") {
  const std::string text = "أ،ب؛ت؟ث٪ج٫ح٬خ«د»ذ۔ر\"ز'س(ش)ص.ض,ط:ظ!ع-غ/ف\u00A0ق\tك\nل";
  const auto tokens = tokenize(text);
  CHECK(tokens.size() == 23);
  for (const auto& t : tokens) CHECK(fahras::detail::count_code_points(t.normalized) == 1);
}

TEST_CASE("digits in any script are word characters and fold to ASCII") {
  const auto tokens = tokenize("عام ٢٠٢٤ و2025");
  CHECK(keys(tokens) == std::vector<std::string>{"عام", "2024", "و2025"});
}

TEST_CASE("invalid UTF-8 acts as a separator and offsets stay exact") {
  const std::string text =
      "كتاب\xFF"
      "قلم \xD8"
      "نور";
  const auto tokens = tokenize(text);
  REQUIRE(tokens.size() == 3);
  CHECK(span_of(text, tokens[0]) == "كتاب");
  CHECK(span_of(text, tokens[1]) == "قلم");
  CHECK(span_of(text, tokens[2]) == "نور");
  CHECK(tokens[1].begin == 9);
}

TEST_CASE("a ligature that stands for several words gives several tokens on one span") {
  const std::string text = "النبي ﷺ";
  const auto tokens = tokenize(text);
  CHECK(keys(tokens) == std::vector<std::string>{"النبي", "صلي", "الله", "عليه", "وسلم"});
  for (std::size_t i = 1; i < tokens.size(); ++i) CHECK(span_of(text, tokens[i]) == "ﷺ");
}

TEST_CASE("overlong runs of letters are cut into tokens of at most max_token_bytes") {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "ب";
  const auto tokens = tokenize(text);
  REQUIRE(tokens.size() == 8);  // 2000 bytes in pieces of 254 (127 two-byte letters)
  std::size_t covered = 0;
  for (const auto& t : tokens) {
    CHECK(t.normalized.size() <= fahras::max_token_bytes);
    CHECK(t.begin == covered);
    covered = t.end;
  }
  CHECK(covered == text.size());
}

TEST_CASE("empty and separator-only texts give no tokens") {
  CHECK(tokenize("").empty());
  CHECK(tokenize("  ،؛ ... \xFF\xFE").empty());
  CHECK(tokenize("\u064E\u0640").empty());  // a lone fatha and tatweel are not a word
}

TEST_CASE("property: spans slice the original text and re-tokenize to their key") {
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    const std::string text = round % 4 == 0 ? fahras::test::random_bytes(rng, 60)
                                            : fahras::test::random_arabicish(rng, 40);
    CAPTURE(fahras::test::hex(text));
    const auto tokens = tokenize(text);
    std::size_t previous_begin = 0, previous_end = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const auto& t = tokens[i];
      REQUIRE(t.position == i);
      REQUIRE(t.begin < t.end);
      REQUIRE(t.end <= text.size());
      REQUIRE(!t.normalized.empty());
      // Spans come in text order. They overlap only around a ligature that stands for
      // several words (ﷺ): its first word joins letters before it, the others share its span.
      REQUIRE(t.begin >= previous_begin);
      REQUIRE(t.end >= previous_end);
      previous_begin = t.begin;
      previous_end = t.end;
      // The span alone tokenizes to (among others, for a ligature) the same key.
      const auto again = tokenize(span_of(text, t));
      bool found = false;
      for (const auto& a : again) found = found || a.normalized == t.normalized;
      REQUIRE(found);
      REQUIRE(fahras::test::is_valid_utf8(t.normalized));
    }
  }
}

TEST_CASE("property: the native fast path over plain letters tokenizes as the plain loop") {
  // fold_letters takes runs of one- and two-byte letters; everything else, and the letter that
  // would overflow max_token_bytes, goes through the per-character loop the WebAssembly build
  // uses for all text. Both must give the same tokens, under any fold switches.
  namespace fold = fahras::detail::fold;
  const std::uint16_t switches[] = {fold::all,
                                    0,
                                    fold::all & ~fold::latin_case,
                                    fold::all & ~fold::digits,
                                    fold::all & ~fold::marks,
                                    fold::all & ~(fold::alef | fold::teh_marbuta | fold::tatweel)};
  std::vector<std::string> texts = {"",
                                    "ب",
                                    "a",
                                    "قرأ الولدُ الكتابَ",
                                    "الـكـتـاب",
                                    "مَٰلِكِ ٱلصَّلَوٰةَ",
                                    "\xEF\xBB\xBFسلام",
                                    "صلى الله عليه \xEF\xB7\xBA وسلم",
                                    "abc123 Ab\xC3\x89 ١٢٣ ۴",
                                    "كتاب\xD8",
                                    "\xD8كتاب",
                                    "كت\xD8\x41اب",
                                    "كت\xC0\x80اب \xC1\xBF",
                                    "ب\xE2\x80\x8Cب\xC2\xADب",
                                    "\xDF\xBF\xC2\x80",
                                    "word\xD9",
                                    "\xFF\xFE",
                                    "ﻻ ﷲ ﺍ"};
  // Runs that reach max_token_bytes with every mix of one- and two-byte letters, so that the
  // cut falls on each parity and after a kept mark or a dagger alef.
  for (const char* filler : {"ب", "a", "بa", "aب", "ةa", "بَ", "بٰ"}) {
    std::string run;
    while (run.size() < 3 * fahras::max_token_bytes) run += filler;
    for (std::size_t cut : {std::size_t{253}, std::size_t{254}, std::size_t{255}, std::size_t{256},
                            std::size_t{257}, run.size()})
      texts.push_back(run.substr(0, cut));
    texts.push_back("x" + run);
  }
  std::mt19937 rng(20261205);
  for (int round = 0; round < 2000; ++round)
    texts.push_back(round % 4 == 0 ? fahras::test::random_bytes(rng, 80)
                                   : fahras::test::random_arabicish(rng, 60));
  for (const std::uint16_t bits : switches) {
    const fahras::detail::fold_table table(bits);
    for (const std::string& text : texts) {
      CAPTURE(bits);
      CAPTURE(fahras::test::hex(text));
      REQUIRE(each_token_dump<true>(table, text) == each_token_dump<false>(table, text));
    }
  }
}

}  // TEST_SUITE("tokenize")
