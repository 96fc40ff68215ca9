// Tests of query.hpp: how a typed query is read into clauses, phrases, filters and prefixes.
// SPDX-License-Identifier: MIT
#include <fahras/query.hpp>

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace {

const fahras::analyzer& arabic() {
  static const fahras::analyzer a;
  return a;
}

fahras::parsed_query parse(std::string_view text, bool typing = false,
                           std::vector<std::string> fields = {}) {
  fahras::parse_options o;
  o.prefix_last = typing;
  o.fields = std::move(fields);
  return fahras::parse_query(text, arabic(), o);
}

// The normalized words of each clause's alternatives, e.g. {{"a"}, {"b c", "d"}}.
std::vector<std::vector<std::string>> shape(const fahras::parsed_query& q) {
  std::vector<std::vector<std::string>> out;
  for (const auto& c : q.clauses) {
    std::vector<std::string> alts;
    for (const auto& a : c.alternatives) {
      std::string s = c.negated ? "-" : "";
      for (std::size_t i = 0; i < a.words.size(); ++i) {
        if (i > 0) s += ' ';
        s += a.words[i].normalized;
        if (a.words[i].prefix) s += '*';
      }
      alts.push_back(s);
    }
    out.push_back(alts);
  }
  return out;
}

using shape_t = std::vector<std::vector<std::string>>;

}  // namespace

TEST_SUITE("query") {

TEST_CASE("plain words are separate required clauses, analyzed as documents are") {
  const auto q = parse("العقوباتُ  كوريا");
  CHECK(shape(q) == shape_t{{"العقوبات"}, {"كوريا"}});
  REQUIRE(q.clauses.size() == 2);
  CHECK(q.clauses[0].alternatives[0].words[0].text == "العقوباتُ");
  CHECK(q.clauses[0].alternatives[0].words[0].stem == "عقوب");
  CHECK_FALSE(q.clauses[0].alternatives[0].quoted);
  CHECK(q.has_positive());
  CHECK_FALSE(q.truncated);
}

TEST_CASE("a quoted phrase is one atom of several words in order") {
  const auto q = parse("\"كوريا الشمالية\" روسيا");
  CHECK(shape(q) == shape_t{{"كوريا الشماليه"}, {"روسيا"}});
  CHECK(q.clauses[0].alternatives[0].quoted);
  CHECK(q.clauses[0].alternatives[0].is_phrase());
}

TEST_CASE("a minus before a word or a phrase excludes it") {
  const auto q = parse("روسيا -الصين -\"كوريا الجنوبية\"");
  CHECK(shape(q) == shape_t{{"روسيا"}, {"-الصين"}, {"-كوريا الجنوبيه"}});
  SUBCASE("a minus alone or before a space is not an operator") {
    CHECK(shape(parse("روسيا - الصين")) == shape_t{{"روسيا"}, {"الصين"}});
    CHECK(shape(parse("روسيا -")) == shape_t{{"روسيا"}});
  }
  SUBCASE("a query of exclusions only has no positive clause") {
    CHECK_FALSE(parse("-الصين").has_positive());
  }
}

TEST_CASE("OR joins neighbouring atoms into one clause and binds tighter than AND") {
  CHECK(shape(parse("روسيا OR الصين كوريا")) == shape_t{{"روسيا", "الصين"}, {"كوريا"}});
  CHECK(shape(parse("روسيا | الصين")) == shape_t{{"روسيا", "الصين"}});
  CHECK(shape(parse("روسيا OR \"كوريا الشمالية\"")) == shape_t{{"روسيا", "كوريا الشماليه"}});
  SUBCASE("lowercase or is a word, a lone OR is ignored") {
    CHECK(shape(parse("روسيا or الصين")) == shape_t{{"روسيا"}, {"or"}, {"الصين"}});
    CHECK(shape(parse("OR روسيا OR")) == shape_t{{"روسيا"}});
    CHECK(shape(parse("OR")).empty());
  }
  SUBCASE("OR never joins a negated atom") {
    CHECK(shape(parse("روسيا OR -الصين")) == shape_t{{"روسيا"}, {"-الصين"}});
  }
}

TEST_CASE("one OR takes at most max_alternatives alternatives: more truncate the query") {
  std::vector<std::string> words;
  for (const char* letter : {"ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض",
                             "ط", "ظ", "ع", "غ", "ف"})
    words.push_back(std::string("ك") + letter + "رم");
  REQUIRE(words.size() > fahras::max_alternatives);
  const auto joined = [&](std::size_t n) {
    std::string q;
    for (std::size_t i = 0; i < n; ++i) q += (i ? " OR " : "") + words[i];
    return q;
  };
  const auto exact = parse(joined(fahras::max_alternatives) + " كوريا");
  REQUIRE(exact.clauses.size() == 2);
  CHECK(exact.clauses[0].alternatives.size() == fahras::max_alternatives);
  CHECK_FALSE(exact.truncated);
  const auto over = parse(joined(words.size()) + " كوريا");
  REQUIRE(over.clauses.size() == 2);
  CHECK(over.clauses[0].alternatives.size() == fahras::max_alternatives);
  CHECK(over.clauses[1].alternatives[0].words[0].text == "كوريا");
  CHECK(over.truncated);
}

TEST_CASE("a trailing star makes a prefix") {
  CHECK(shape(parse("كور* روسيا")) == shape_t{{"كور*"}, {"روسيا"}});
  CHECK(shape(parse("كور**")) == shape_t{{"كور*"}});
  CHECK(shape(parse("*")).empty());
}

TEST_CASE("search as you type makes the last word a prefix unless a space or quote ends it") {
  CHECK(shape(parse("روسيا كور", true)) == shape_t{{"روسيا"}, {"كور*"}});
  CHECK(shape(parse("روسيا كور ", true)) == shape_t{{"روسيا"}, {"كور"}});
  CHECK(shape(parse("روسيا كور", false)) == shape_t{{"روسيا"}, {"كور"}});
  CHECK(shape(parse("\"كوريا الشم", true)) == shape_t{{"كوريا الشم*"}});
  CHECK(shape(parse("\"كوريا الشمالية\"", true)) == shape_t{{"كوريا الشماليه"}});
  CHECK(shape(parse("روسيا -الص", true)) == shape_t{{"روسيا"}, {"-الص*"}});
  CHECK(shape(parse("روسيا OR", true)) == shape_t{{"روسيا"}});
}

TEST_CASE("field:value filters apply to known fields only") {
  const std::vector<std::string> fields = {"source", "date"};
  const auto q = parse("روسيا source:إرم -date:2024", false, fields);
  CHECK(shape(q) == shape_t{{"روسيا"}});
  REQUIRE(q.filters.size() == 2);
  CHECK(q.filters[0].field == "source");
  CHECK(q.filters[0].value == "إرم");
  CHECK(q.filters[0].stems == std::vector<std::string>{"ارم"});
  CHECK_FALSE(q.filters[0].negated);
  CHECK(q.filters[1].field == "date");
  CHECK(q.filters[1].negated);
  SUBCASE("field names are case-insensitive") {
    const auto u = parse("Source:إرم", false, fields);
    REQUIRE(u.filters.size() == 1);
    CHECK(u.filters[0].field == "source");
  }
  SUBCASE("a quoted value holds several words") {
    const auto v = parse("source:\"إرم نيوز\" روسيا", false, fields);
    REQUIRE(v.filters.size() == 1);
    CHECK(v.filters[0].stems == std::vector<std::string>{"ارم", "نيوز"});
    CHECK(shape(v) == shape_t{{"روسيا"}});
  }
  SUBCASE("an unknown field is plain text") {
    const auto w = parse("author:بوتين", false, fields);
    CHECK(w.filters.empty());
    CHECK(shape(w) == shape_t{{"author"}, {"بوتين"}});
  }
  SUBCASE("an empty value is no filter") {
    CHECK(parse("source: روسيا", false, fields).filters.empty());
  }
}

TEST_CASE("stopwords are ignored unless quoted or every word is one") {
  const auto q = parse("العقوبات على كوريا");
  CHECK(shape(q) == shape_t{{"العقوبات"}, {"كوريا"}});
  CHECK(q.ignored_stopwords == std::vector<std::string>{"على"});
  CHECK(shape(parse("\"في\" كوريا")) == shape_t{{"في"}, {"كوريا"}});
  CHECK(shape(parse("\"العقوبات على كوريا\"")) == shape_t{{"العقوبات علي كوريا"}});
  CHECK(shape(parse("من في")) == shape_t{{"من"}, {"في"}});
  CHECK(parse("من في").ignored_stopwords.empty());
  SUBCASE("a stopword in an OR clause goes, the rest of the clause stays") {
    CHECK(shape(parse("في OR كوريا روسيا")) == shape_t{{"كوريا"}, {"روسيا"}});
  }
}

TEST_CASE("a hyphenated word is read as its separate words") {
  CHECK(shape(parse("كوريا-الشمالية")) == shape_t{{"كوريا"}, {"الشماليه"}});
}

TEST_CASE("malformed queries get the most sensible reading") {
  SUBCASE("an unclosed quote runs to the end") {
    CHECK(shape(parse("روسيا \"كوريا الشمالية")) == shape_t{{"روسيا"}, {"كوريا الشماليه"}});
  }
  SUBCASE("empty quotes and lone punctuation are nothing") {
    CHECK(shape(parse("\"\" ، . ؟ - * | \"")).empty());
  }
  SUBCASE("invalid UTF-8 separates words") {
    CHECK(shape(parse("روسيا\xFF\xC0كوريا")) == shape_t{{"روسيا"}, {"كوريا"}});
  }
  SUBCASE("a huge query is cut at a space and flagged") {
    std::string big;
    while (big.size() < 100 * 1024) big += "كتاب ";
    const auto q = parse(big);
    CHECK(q.truncated);
    CHECK(q.clauses.size() == fahras::max_clauses);
  }
  SUBCASE("one huge word is cut without splitting a character") {
    std::string big;
    while (big.size() < 100 * 1024) big += "ب";
    const auto q = parse(big);
    CHECK(q.truncated);
    for (const auto& c : q.clauses)
      for (const auto& a : c.alternatives)
        for (const auto& w : a.words) CHECK(fahras::test::is_valid_utf8(w.text));
  }
  SUBCASE("a long phrase keeps its first words") {
    std::string phrase = "\"";
    for (int i = 0; i < 50; ++i) phrase += "كتاب ";
    const auto q = parse(phrase + "\"");
    REQUIRE(q.clauses.size() == 1);
    CHECK(q.clauses[0].alternatives[0].words.size() == fahras::max_phrase_words);
    CHECK(q.truncated);
  }
}

TEST_CASE("random bytes always parse, into valid words") {
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    const std::string text =
        round % 2 ? fahras::test::random_bytes(rng, 80) : fahras::test::random_arabicish(rng, 60);
    CAPTURE(fahras::test::hex(text));
    const auto q = parse(text, round % 3 == 0, {"source"});
    CHECK(q.clauses.size() <= fahras::max_clauses);
    for (const auto& c : q.clauses) {
      CHECK_FALSE(c.alternatives.empty());
      for (const auto& a : c.alternatives) {
        CHECK_FALSE(a.words.empty());
        for (const auto& w : a.words) {
          CHECK_FALSE(w.normalized.empty());
          CHECK(fahras::test::is_valid_utf8(w.normalized));
        }
      }
    }
  }
}

}  // TEST_SUITE("query")
