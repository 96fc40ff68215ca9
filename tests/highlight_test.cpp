// Tests of highlight.hpp: finding matched words again in original text, and snippets.
// SPDX-License-Identifier: MIT
#include <fahras/highlight.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine_util.hpp"
#include "test_util.hpp"

using fahras::test::slices;
using strings = std::vector<std::string>;

namespace {

const fahras::analyzer& arabic() {
  static const fahras::analyzer a;
  return a;
}

std::string stem_of(std::string_view word) { return fahras::analyze(word).at(0).stem; }

// A spec of single words and phrases, each word given by one of its forms.
fahras::match_spec spec_of(const std::vector<strings>& atoms) {
  fahras::match_spec spec;
  for (const strings& words : atoms) {
    fahras::match_spec::atom atom;
    for (const std::string& w : words) atom.words.push_back({{stem_of(w)}});
    spec.atoms.push_back(atom);
  }
  return spec;
}

std::string words(std::size_t n, std::string_view word = "كلمة") {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += ' ';
    out += word;
  }
  return out;
}

}  // namespace

TEST_SUITE("highlight") {

TEST_CASE("find_matches returns the whole original word of every match, in order") {
  const std::string text = "وَالعُقُوبَاتُ الجديدة، وعقوباتها: «العقوبة» ثم ﺍﻟﻌﻘﻮﺑﺎﺕ والعقـــوبات";
  const auto spans = fahras::find_matches(text, arabic(), spec_of({{"عقوبات"}}));
  CHECK(slices(text, spans) ==
        strings{"وَالعُقُوبَاتُ", "وعقوباتها", "العقوبة", "ﺍﻟﻌﻘﻮﺑﺎﺕ", "والعقـــوبات"});
  for (std::size_t i = 1; i < spans.size(); ++i) CHECK(spans[i - 1].end <= spans[i].begin);
}

TEST_CASE("an empty spec or text matches nothing") {
  CHECK(fahras::find_matches("العقوبات", arabic(), {}).empty());
  CHECK(fahras::find_matches("", arabic(), spec_of({{"عقوبات"}})).empty());
  CHECK(fahras::make_snippet("", arabic(), spec_of({{"عقوبات"}}), 30).text.empty());
}

TEST_CASE("a phrase marks its words only where all of them stand together, in order") {
  const std::string text = "كوريا ثم الشمالية، وكوريا الشمالية ثم الشمالية كوريا";
  const auto spans = fahras::find_matches(text, arabic(), spec_of({{"كوريا", "الشمالية"}}));
  CHECK(slices(text, spans) == strings{"وكوريا", "الشمالية"});
  CHECK(spans.at(0).begin == text.find("وكوريا"));
}

TEST_CASE("several atoms mark their own words") {
  const std::string text = "روسيا وكوريا الشمالية والصين";
  const auto spans =
      fahras::find_matches(text, arabic(), spec_of({{"روسيا"}, {"كوريا", "الشمالية"}}));
  CHECK(slices(text, spans) == strings{"روسيا", "وكوريا", "الشمالية"});
}

TEST_CASE("a word of several stems accepts each of them") {
  fahras::match_spec spec;
  fahras::match_spec::atom atom;
  std::vector<std::string> stems = {stem_of("كتاب"), stem_of("مدرسة")};
  std::sort(stems.begin(), stems.end());
  atom.words.push_back({stems});
  spec.atoms.push_back(atom);
  const std::string text = "الكتاب في المدرسة";
  CHECK(slices(text, fahras::find_matches(text, arabic(), spec)) == strings{"الكتاب", "المدرسة"});
}

TEST_CASE("a ligature standing for several words gives one span") {
  // ﷺ is four words (صلى الله عليه وسلم) from one character: their spans merge.
  const std::string text = "قال ﷺ ثم";
  const auto spans = fahras::find_matches(text, arabic(), spec_of({{"الله"}, {"وسلم"}}));
  CHECK(slices(text, spans) == strings{"ﷺ"});
}

TEST_CASE("make_snippet picks the window with the most distinct matches") {
  // Early: one atom three times. Late: both atoms. The snippet should take the late window.
  const std::string text =
      words(5) + " روسيا روسيا روسيا " + words(40) + " روسيا وكوريا " + words(40);
  const auto s = fahras::make_snippet(text, arabic(), spec_of({{"روسيا"}, {"كوريا"}}), 10);
  CHECK(text.substr(s.begin, s.text.size()) == s.text);
  CHECK(fahras::analyze(s.text).size() == 10);
  CHECK(slices(s.text, s.highlights) == strings{"روسيا", "وكوريا"});
  CHECK(s.begin > text.find("روسيا روسيا روسيا"));
}

TEST_CASE("make_snippet opens a few words before the first match") {
  const std::string text = words(50) + " روسيا " + words(50);
  const auto s = fahras::make_snippet(text, arabic(), spec_of({{"روسيا"}}), 30);
  const auto tokens = fahras::analyze(s.text);
  REQUIRE(tokens.size() == 30);
  std::size_t at = 0;
  while (at < tokens.size() && tokens[at].normalized != "روسيا") ++at;
  CHECK(at > 0);    // some context before the match
  CHECK(at <= 10);  // but the match is near the start
}

TEST_CASE("make_snippet without matches gives the opening words") {
  const std::string text = "أول " + words(40);
  const auto s = fahras::make_snippet(text, arabic(), spec_of({{"روسيا"}}), 12);
  CHECK(s.begin == 0);
  CHECK(s.highlights.empty());
  CHECK(fahras::analyze(s.text).size() == 12);
  CHECK(s.text.rfind("أول", 0) == 0);
}

TEST_CASE("make_snippet of a short text is the whole text between its first and last word") {
  const std::string text = "  «روسيا وكوريا»  ";
  const auto s = fahras::make_snippet(text, arabic(), spec_of({{"كوريا"}}), 30);
  CHECK(s.text == "روسيا وكوريا");
  CHECK(s.begin == text.find("روسيا"));
  CHECK(slices(s.text, s.highlights) == strings{"وكوريا"});
  CHECK(fahras::make_snippet(text, arabic(), spec_of({{"كوريا"}}), 0).text.empty());
}

TEST_CASE("snippets and highlights of random text stay inside it") {
  std::mt19937 rng(31);
  const auto spec = spec_of({{"كتاب"}, {"بيت", "بتن"}, {"لا"}});
  for (int round = 0; round < 1000; ++round) {
    const std::string text = fahras::test::random_arabicish(rng, 80);
    CAPTURE(fahras::test::hex(text));
    for (const auto& span : fahras::find_matches(text, arabic(), spec)) {
      CHECK(span.begin < span.end);
      CHECK(span.end <= text.size());
    }
    const auto s =
        fahras::make_snippet(text, arabic(), spec, 1 + static_cast<std::size_t>(round % 20));
    CHECK(s.begin + s.text.size() <= text.size());
    CHECK(text.substr(s.begin, s.text.size()) == s.text);
    for (const auto& h : s.highlights) CHECK(h.end <= s.text.size());
  }
}

}  // TEST_SUITE("highlight")
