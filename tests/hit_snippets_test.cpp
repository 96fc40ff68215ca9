// Tests of detail/search/hit_snippets.hpp: the snippets a search makes from the index's
// positions are the ones a full reading of the stored text gives (make_snippet, find_matches).
// SPDX-License-Identifier: MIT
#include <fahras/search.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine_util.hpp"
#include "test_util.hpp"

namespace {

struct tally {
  std::size_t hits = 0, highlighted = 0, phrases = 0;
};

// Every hit of `query` has the snippet and title highlights a full reading gives.
void check_query(const fahras::index& idx, const std::string& query, bool prefix, std::size_t words,
                 tally& seen) {
  CAPTURE(query);
  CAPTURE(prefix);
  CAPTURE(words);
  fahras::search_options o;
  o.limit = 1000;
  o.prefix = prefix;
  o.snippet_words = words;
  const fahras::search_results r = fahras::search(idx, query, o);
  const fahras::parsed_query parsed = fahras::detail::parse_for(idx, query, prefix);
  fahras::detail::query_plan plan = fahras::detail::plan_query(idx, parsed, o.scoring);
  // Words that never meet, not even most of them, are searched a typo away too (search.hpp).
  if (r.total == 0 && fahras::detail::all_matched_as_typed(plan) &&
      fahras::detail::execute(idx, plan, o.scoring, fahras::detail::which_matches::most).empty())
    plan = fahras::detail::plan_query(idx, parsed, o.scoring, o.spelling, true);
  const fahras::match_spec spec = fahras::detail::match_spec_of(plan);
  for (const fahras::hit& h : r.hits) {
    CAPTURE(h.doc);
    const fahras::stored_document stored = idx.document(h.doc);
    const fahras::snippet full = fahras::make_snippet(stored.text, idx.analyzer(), spec, words);
    CHECK(h.snippet.text == full.text);
    CHECK(h.snippet.begin == full.begin);
    CHECK(h.snippet.highlights == full.highlights);
    CHECK(h.title_highlights == fahras::find_matches(stored.title, idx.analyzer(), spec));
    ++seen.hits;
    if (!h.snippet.highlights.empty()) ++seen.highlighted;
    if (query.find('"') != std::string::npos && !h.snippet.highlights.empty()) ++seen.phrases;
  }
}

// Queries of every kind from the words of `texts`: words as written and normalized, phrases of
// neighbouring words, prefixes, typos, exclusions, OR, and several words at once.
std::vector<std::pair<std::string, bool>> queries_from(const std::vector<std::string>& texts,
                                                       std::mt19937& rng, std::size_t count) {
  std::vector<std::vector<fahras::token>> tokens;
  std::vector<const std::string*> sources;  // the text of each tokens[i]
  for (const std::string& t : texts) {
    tokens.push_back(fahras::tokenize(t));
    sources.push_back(&t);
    if (tokens.back().empty()) {
      tokens.pop_back();
      sources.pop_back();
    }
  }
  std::vector<std::pair<std::string, bool>> out;
  if (tokens.empty()) return out;
  std::size_t text = 0;
  const auto written = [&](std::size_t i) {
    const fahras::token& t = tokens[text][i];
    return sources[text]->substr(t.begin, t.end - t.begin);
  };
  for (std::size_t n = 0; n < count; ++n) {
    text = rng() % tokens.size();
    const std::size_t size = tokens[text].size();
    const std::size_t i = rng() % size, j = rng() % size;
    const std::string& a = tokens[text][i].normalized;
    const std::string& b = tokens[text][j].normalized;
    switch (n % 10) {
      case 0: out.push_back({written(i), false}); break;
      case 1: out.push_back({a + " " + b, false}); break;
      case 2: {
        std::string phrase = "\"" + written(i);
        for (std::size_t k = i + 1; k < std::min(size, i + 1 + rng() % 3); ++k)
          phrase += " " + written(k);
        out.push_back({phrase + "\"", false});
        break;
      }
      case 3: out.push_back({a.substr(0, std::min<std::size_t>(a.size(), 6)) + "*", false}); break;
      case 4:
        out.push_back({b + " " + a.substr(0, std::min<std::size_t>(a.size(), 4)), true});
        break;
      case 5: out.push_back({fahras::test::mistype(rng, a), false}); break;
      case 6: out.push_back({a + " -" + b, false}); break;
      case 7: out.push_back({a + " OR " + b + " " + written(rng() % size), false}); break;
      case 8: out.push_back({fahras::test::mistype(rng, a) + " " + b, false}); break;
      default: out.push_back({a + " " + b + " " + tokens[text][rng() % size].normalized, false});
    }
  }
  return out;
}

void check_corpus(const std::vector<fahras::document>& docs, std::mt19937& rng,
                  std::size_t query_count, const std::vector<std::string>& fixed, tally& seen) {
  const fahras::index idx = fahras::test::build_index(docs);
  std::vector<std::string> texts;
  for (const fahras::document& d : docs) texts.push_back(d.text);
  std::vector<std::pair<std::string, bool>> queries = queries_from(texts, rng, query_count);
  for (const std::string& q : fixed) queries.push_back({q, false});
  std::size_t n = 0;
  for (const auto& [query, prefix] : queries) {
    static constexpr std::size_t lengths[] = {30, 1, 7, 100};
    check_query(idx, query, prefix, lengths[n++ % 4], seen);
  }
}

const std::vector<std::string> fixed_queries = {"كوريا الشمالية", "\"كوريا الشمالية\" روس*",
                                                "العقوبت -في",    "ابو هريره",
                                                "أبي هريرة",      "\"ابا هريره\"",
                                                "مالك",           "مَٰلِكِ",
                                                "الله وسلم",      "كتاب OR مدرسة"};

}  // namespace

TEST_SUITE("hit snippets") {

TEST_CASE("the articles: snippets from positions are the full reading's") {
  const std::vector<fahras::document> docs = fahras::test::article_documents();
  std::mt19937 rng(7);
  tally seen;
  check_corpus(docs, rng, 300, fixed_queries, seen);
  CHECK(seen.hits > 700);
  CHECK(seen.highlighted > 500);
  CHECK(seen.phrases > 50);
}

TEST_CASE("unusual texts: marks, superscript alefs, ligatures, long words, bad bytes") {
  // Words of every shape the tokenizer knows, in texts of every length, so that windows fall
  // at the start, the middle and the end, and prefixes of the text are cut at odd places.
  const std::vector<std::string> words = {"كوريا",
                                          "الشمالية",
                                          "وكوريا",
                                          "روسيا",
                                          "العقوبات",
                                          "عُقُوبَاتٍ",
                                          "الكتـــابَ",
                                          "ﺍﻟﻜﺘﺎﺏ",
                                          "ال\u200Cكتاب",
                                          "مَٰلِكِ",
                                          "ٱلۡعَٰلَمِينَ",
                                          "ﷺ",
                                          "أبو",
                                          "أبي",
                                          "أبا",
                                          "هريرة",
                                          "امرؤ",
                                          "القيس",
                                          "كتاب",
                                          "مدرسة",
                                          "في",
                                          "من",
                                          "،",
                                          "«الكِتَابُ»،",
                                          "2024",
                                          "abc",
                                          "\xFF\xFE",
                                          "\xD9",
                                          std::string(300, 'a'),
                                          "ب" + std::string(140, '\xD9') + "ب",
                                          "و" + std::string(260, 'b')};
  std::mt19937 rng(11);
  std::vector<fahras::document> docs;
  for (std::size_t d = 0; d < 60; ++d) {
    const std::size_t length = d % 10 == 0 ? rng() % 4 : rng() % 400;
    std::string text, title;
    for (std::size_t i = 0; i < length; ++i) {
      // Runs of filler between the query words, of changing length, move the matches around.
      text += i % 7 == 0 ? words[rng() % words.size()] : std::string(rng() % 3 ? "نهر" : "جبل");
      text += rng() % 9 ? " " : "\n";
    }
    for (std::size_t i = 0; i < rng() % 6; ++i) title += words[rng() % words.size()] + " ";
    docs.push_back(fahras::test::doc(d, title, text));
  }
  tally seen;
  check_corpus(docs, rng, 150, fixed_queries, seen);
  CHECK(seen.hits > 2000);
  CHECK(seen.highlighted > 1000);
}

TEST_CASE("an index without stored text has empty snippets, and title highlights") {
  fahras::index_options o;
  o.store_text = false;
  const fahras::index idx = fahras::test::build_index(
      {fahras::test::doc(0, "كوريا الشمالية", "زارت روسيا كوريا الشمالية")}, o);
  const fahras::search_results r = fahras::search(idx, "كوريا");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].snippet.text.empty());
  CHECK(r.hits[0].snippet.highlights.empty());
  CHECK(r.hits[0].title_highlights.size() == 1);
}

}  // TEST_SUITE("hit snippets")
