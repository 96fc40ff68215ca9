// Tests of analyze.hpp: the whole chain, identical at index and query time.
// SPDX-License-Identifier: MIT
#include <fahras/analyze.hpp>

#include <doctest/doctest.h>

#include <random>
#include <string>

#include "test_util.hpp"

TEST_SUITE("analyze") {

TEST_CASE("each token has its original span, its normalized form and its stem") {
  const std::string text = "فرضت وَالعُقُوبَاتُ على كوريا الشمالية";
  const auto tokens = fahras::analyze(text);
  REQUIRE(tokens.size() == 5);
  CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "وَالعُقُوبَاتُ");
  CHECK(tokens[1].normalized == "والعقوبات");
  CHECK(tokens[1].stem == "عقوب");
  CHECK(tokens[2].normalized == "علي");
  CHECK(tokens[4].normalized == "الشماليه");
  CHECK(tokens[4].stem == "شمال");
}

TEST_CASE("inflected and clitic forms of a word share a stem") {
  const std::string stem = fahras::analyze("عقوبة")[0].stem;
  for (const char* form : {"العقوبات", "والعقوبات", "بالعقوبات", "عقوبات", "العقوبة"}) {
    CAPTURE(form);
    CHECK(fahras::analyze(form)[0].stem == stem);
  }
}

TEST_CASE("spelling variants analyze identically") {
  const auto a = fahras::analyze("ٱلرَّحۡمَٰنِ");
  const auto b = fahras::analyze("الرحـــمن");
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  CHECK(a[0].normalized == b[0].normalized);
  CHECK(a[0].stem == b[0].stem);
}

TEST_CASE("for_each_token and analyze agree") {
  std::mt19937 rng(99);
  const fahras::analyzer analyzer;
  for (int round = 0; round < 500; ++round) {
    const std::string text = fahras::test::random_arabicish(rng, 50);
    const auto all = analyzer(text);
    std::size_t i = 0;
    bool same = true;
    analyzer.for_each_token(text, [&](const fahras::analyzed_view& t) {
      same = same && i < all.size() && all[i].position == t.position && all[i].begin == t.begin &&
             all[i].end == t.end && all[i].normalized == t.normalized && all[i].stem == t.stem;
      ++i;
    });
    CAPTURE(fahras::test::hex(text));
    CHECK(same);
    CHECK(i == all.size());
  }
}

TEST_CASE("property: random bytes never crash and stems are substrings of keys") {
  std::mt19937 rng(3);
  const fahras::analyzer analyzer;
  for (int round = 0; round < 2000; ++round) {
    const std::string text = fahras::test::random_bytes(rng, 80);
    analyzer.for_each_token(text, [&](const fahras::analyzed_view& t) {
      REQUIRE(t.end <= text.size());
      REQUIRE(t.normalized.find(t.stem) != std::string_view::npos);
    });
  }
}

}  // TEST_SUITE("analyze")

TEST_SUITE("analyze") {
TEST_CASE("a superscript alef also gives the full-alef spelling, at the same token") {
  const auto check = [](const char* word, const char* key, const char* alternate) {
    CAPTURE(word);
    const auto tokens = fahras::analyze(word);
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].normalized == key);
    CHECK(tokens[0].alternate == alternate);
    if (*alternate != '\0') CHECK(tokens[0].alternate_stem == fahras::stem(alternate));
  };
  check("مَٰلِكِ", "ملك", "مالك");
  check("ٱلۡكِتَٰبُ", "الكتب", "الكتاب");
  check("ٱلۡعَٰلَمِینَ", "العلمين", "العالمين");
  check("ٱلسَّمَـٰوَٰتِ", "السموت", "السماوات");
  check("ٱلصَّلَوٰةَ", "الصلوه", "الصلاه");  // a waw carrying the alef gives way to it
  check("عَلَىٰ", "علي", "");              // alef maksura already reads as written
  check("كتاب", "كتاب", "");
}
}  // TEST_SUITE("analyze")
