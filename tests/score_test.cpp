// Tests of score.hpp: the BM25 pieces, and search scores that follow the documented BM25F.
// SPDX-License-Identifier: MIT
#include <fahras/detail/search/length_norms.hpp>
#include <fahras/score.hpp>
#include <fahras/search.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine_util.hpp"

using fahras::test::build_index;
using fahras::test::doc;

namespace {

// The documented score of one word in one document, computed from scratch.
double bm25f(const fahras::scoring_params& p, std::uint32_t df, std::uint32_t n, double tf_text,
             double tf_title, double exact_text, double exact_title, double text_length,
             double avg_text, double title_length, double avg_title) {
  const auto pseudo = [&](double text, double title) {
    double v = 0;
    if (text > 0) v += text / (1 - p.b + p.b * text_length / avg_text);
    if (title > 0)
      v += p.title_boost * title / (1 - p.title_b + p.title_b * title_length / avg_title);
    return v;
  };
  const double tf = pseudo(tf_text, tf_title) + p.exact_bonus * pseudo(exact_text, exact_title);
  const double idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
  return idf * tf * (p.k1 + 1) / (tf + p.k1);
}

}  // namespace

TEST_SUITE("score") {

TEST_CASE("idf falls as a word gets commoner and never goes negative") {
  double last = fahras::bm25_idf(1, 100);
  for (std::uint32_t df = 2; df <= 100; ++df) {
    const double idf = fahras::bm25_idf(df, 100);
    CHECK(idf < last);
    CHECK(idf > 0);
    last = idf;
  }
}

TEST_CASE("saturation grows with the frequency and stays below k1 + 1") {
  double last = 0;
  for (double tf = 0.5; tf < 1000; tf *= 2) {
    const double s = fahras::bm25_saturate(tf, 1.2);
    CHECK(s > last);
    CHECK(s < 2.2);
    last = s;
  }
  CHECK(fahras::bm25_saturate(0, 1.2) == 0);
}

TEST_CASE("a one-word search scores BM25F over title and text with the exact-form bonus") {
  // doc 0: the exact form in the text; doc 1: no match; doc 2: the exact form in the title
  // and another form of the stem (وروسيا) twice in the text.
  const auto idx =
      build_index({doc(0, "", "روسيا أولا ثانيا"), doc(1, "", "أولا ثانيا ثالثا رابعا"),
                   doc(2, "روسيا", "وروسيا ثم وروسيا")});
  const double avg_text = (3 + 4 + 3) / 3.0, avg_title = 1 / 3.0;
  for (const auto& p :
       {fahras::scoring_params{}, fahras::scoring_params{0.9, 0.4, 0.3, 5.0, 0.0}}) {
    fahras::search_options o;
    o.scoring = p;
    const auto r = fahras::search(idx, "روسيا", o);
    REQUIRE(r.hits.size() == 2);
    for (const auto& h : r.hits) {
      CAPTURE(h.doc);
      const double expected = h.doc == 0 ? bm25f(p, 2, 3, 1, 0, 1, 0, 3, avg_text, 0, avg_title)
                                         : bm25f(p, 2, 3, 2, 1, 0, 1, 3, avg_text, 1, avg_title);
      CHECK(h.score == doctest::Approx(expected));
    }
  }
}

TEST_CASE("texts around the length norm table's end are scored as the formula says") {
  // The norms of texts shorter than length_norm_table::lengths come from the index's table,
  // of longer ones from the formula: the scores follow BM25F on either side.
  const std::uint32_t end = fahras::detail::length_norm_table::lengths;
  std::vector<fahras::document> docs;
  for (const std::uint32_t length : {end - 1, end, end + 7, 3u}) {
    std::string text = "روسيا";
    for (std::uint32_t i = 1; i < length; ++i) text += " نهر";
    docs.push_back(doc(docs.size(), "", text));
  }
  const auto idx = build_index(docs);
  const double avg_text = (3.0 * end + 6 + 3) / 4;
  const fahras::scoring_params p;
  const auto r = fahras::search(idx, "روسيا");
  REQUIRE(r.hits.size() == 4);
  for (const auto& h : r.hits) {
    CAPTURE(h.doc);
    const double length = h.doc == 3 ? 3 : end - 1 + (h.doc == 1) + 8 * (h.doc == 2);
    CHECK(h.score == doctest::Approx(bm25f(p, 4, 4, 1, 0, 1, 0, length, avg_text, 0, 0)));
  }
}

TEST_CASE("a word matched only by another form of its stem gets no exact bonus") {
  const auto idx = build_index({doc(0, "", "وروسيا"), doc(1, "", "غيرها")});
  const fahras::scoring_params p;
  const auto r = fahras::search(idx, "روسيا");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].score == doctest::Approx(bm25f(p, 1, 2, 1, 0, 0, 0, 1, 1, 0, 0)));
}

TEST_CASE("the scores of AND clauses add up, times the proximity bonus") {
  const auto idx = build_index({doc(0, "", "روسيا كوريا"), doc(1, "", "روسيا"), doc(2, "", "كوريا"),
                                doc(3, "", "كوريا أولا ثانيا ثالثا رابعا روسيا")});
  fahras::search_options o;
  const auto score_of = [&](const char* q, fahras::doc_id d) {
    for (const auto& h : fahras::search(idx, q, o).hits)
      if (h.doc == d) return h.score;
    FAIL("the document does not match");
    return 0.0;
  };
  o.scoring.proximity_weight = 0;
  const double a0 = score_of("روسيا", 0), b0 = score_of("كوريا", 0);
  const double a3 = score_of("روسيا", 3), b3 = score_of("كوريا", 3);
  CHECK(score_of("روسيا كوريا", 0) == doctest::Approx(a0 + b0));
  CHECK(score_of("روسيا كوريا", 3) == doctest::Approx(a3 + b3));
  // The bonus is proximity_weight x (words - 1) / (span - 1): adjacent words get all of it,
  // words six positions apart a fifth.
  o.scoring.proximity_weight = 0.25;
  CHECK(score_of("روسيا كوريا", 0) == doctest::Approx((a0 + b0) * 1.25));
  CHECK(score_of("روسيا كوريا", 3) == doctest::Approx((a3 + b3) * (1 + 0.25 / 5)));
}

}  // TEST_SUITE("score")

TEST_SUITE("scoring weights") {

namespace {

// The score of document `d` for `query` under `p`; 0 when it does not match.
double score_of(const fahras::index& idx, const char* query, fahras::doc_id d,
                const fahras::scoring_params& p) {
  fahras::search_options o;
  o.limit = 1000;
  o.snippet_words = 0;
  o.scoring = p;
  for (const auto& h : fahras::search(idx, query, o).hits)
    if (h.doc == d) return h.score;
  return 0;
}

// `p` with one weight changed.
template <class T>
fahras::scoring_params with(T fahras::scoring_params::*weight, T value) {
  fahras::scoring_params p;
  p.*weight = value;
  return p;
}

// score_of(a) / score_of(b) for "روسيا" with one weight set to `value`.
double ratio_of(const fahras::index& idx, fahras::doc_id a, fahras::doc_id b,
                double fahras::scoring_params::*weight, double value) {
  const auto p = with(weight, value);
  return score_of(idx, "روسيا", a, p) / score_of(idx, "روسيا", b, p);
}

// Document 0 holds `word` alone, which `query` reaches only through an expansion: its score is
// the expansion's weight times that of a direct match, so the weight must reach the planner.
void check_expansion_weight(const char* word, const char* query,
                            double fahras::scoring_params::*weight) {
  const auto idx = build_index({doc(0, "", word), doc(1, "", "غيرها")});
  const fahras::doc_id d = 0;
  const fahras::scoring_params defaults;
  const double base = score_of(idx, query, d, defaults);
  REQUIRE(base > 0);
  const double half = score_of(idx, query, d, with(weight, defaults.*weight / 2));
  const double doubled = score_of(idx, query, d, with(weight, defaults.*weight * 2));
  CHECK(half == doctest::Approx(base / 2));
  CHECK(doubled == doctest::Approx(base * 2));
}

}  // namespace

TEST_CASE("prefix_weight scales the words a prefix completes") {
  check_expansion_weight("كوريا", "كور*", &fahras::scoring_params::prefix_weight);
}

TEST_CASE("typo_weight_1 scales words one edit away") {
  check_expansion_weight("مدرسة", "مدرسا", &fahras::scoring_params::typo_weight_1);
}

TEST_CASE("typo_weight_2 scales words two edits away") {
  check_expansion_weight("المستشفيات", "المسبكفيات", &fahras::scoring_params::typo_weight_2);
}

TEST_CASE("case_variant_weight scales the other case forms of أبو") {
  check_expansion_weight("أبي", "أبو", &fahras::scoring_params::case_variant_weight);
}

TEST_CASE("exact_bonus raises documents with the typed form, and only them") {
  const auto idx = build_index({doc(0, "", "روسيا"), doc(1, "", "وروسيا"), doc(2, "", "غيرها")});
  const fahras::scoring_params defaults;
  const auto more = with(&fahras::scoring_params::exact_bonus, 2 * defaults.exact_bonus);
  CHECK(score_of(idx, "روسيا", 0, more) > score_of(idx, "روسيا", 0, defaults));
  CHECK(score_of(idx, "روسيا", 1, more) == score_of(idx, "روسيا", 1, defaults));
}

TEST_CASE("k1 sets how fast repetitions saturate") {
  // Same length, one occurrence against three: a higher k1 saturates later, so the third
  // occurrence counts more.
  const auto idx = build_index(
      {doc(0, "", "روسيا أولا ثانيا"), doc(1, "", "روسيا روسيا روسيا"), doc(2, "", "غيرها")});
  const auto ratio = [&](double k1) {
    return ratio_of(idx, 1, 0, &fahras::scoring_params::k1, k1);
  };
  CHECK(ratio(2.4) > ratio(1.2));
  CHECK(ratio(0.6) < ratio(1.2));
}

TEST_CASE("b sets how much a longer text is normalized down") {
  const auto idx = build_index(
      {doc(0, "", "روسيا"), doc(1, "", "روسيا أولا ثانيا ثالثا رابعا خامسا"), doc(2, "", "غيرها")});
  const auto ratio = [&](double b) { return ratio_of(idx, 0, 1, &fahras::scoring_params::b, b); };
  CHECK(ratio(0) == doctest::Approx(1));
  CHECK(ratio(1) > ratio(0.75));
  CHECK(ratio(0.75) > ratio(0.3));
}

TEST_CASE("title_b sets how much a longer title is normalized down") {
  const auto idx = build_index(
      {doc(0, "روسيا", "نص"), doc(1, "روسيا أولا ثانيا ثالثا رابعا", "نص"), doc(2, "غيرها", "نص")});
  const auto ratio = [&](double title_b) {
    return ratio_of(idx, 0, 1, &fahras::scoring_params::title_b, title_b);
  };
  CHECK(ratio(0) == doctest::Approx(1));
  CHECK(ratio(1) > ratio(0.5));
  CHECK(ratio(0.5) > ratio(0.2));
}

TEST_CASE("title_boost weighs a title occurrence against a text occurrence") {
  const auto idx =
      build_index({doc(0, "روسيا", "أولا"), doc(1, "أولا", "روسيا"), doc(2, "", "غيرها")});
  const auto title_over_text = [&](double boost) {
    return ratio_of(idx, 0, 1, &fahras::scoring_params::title_boost, boost);
  };
  CHECK(title_over_text(5) > title_over_text(2.5));
  CHECK(title_over_text(2.5) > 1);
  CHECK(title_over_text(0.5) < 1);
}

TEST_CASE("proximity_weight is the bonus of adjacent words") {
  const auto idx = build_index({doc(0, "", "روسيا كوريا"), doc(1, "", "غيرها")});
  const fahras::scoring_params defaults;
  const auto none = with(&fahras::scoring_params::proximity_weight, 0.0);
  const auto twice = with(&fahras::scoring_params::proximity_weight, 2 * defaults.proximity_weight);
  const double base = score_of(idx, "روسيا كوريا", 0, none);
  CHECK(score_of(idx, "روسيا كوريا", 0, defaults) ==
        doctest::Approx(base * (1 + defaults.proximity_weight)));
  CHECK(score_of(idx, "روسيا كوريا", 0, twice) ==
        doctest::Approx(base * (1 + 2 * defaults.proximity_weight)));
}

TEST_CASE("rerank_depth is how many of the best documents the proximity bonus reaches") {
  // Document 0 scores higher without the bonus (the words twice, never close); document 1
  // has them adjacent and overtakes it only when the bonus reaches the second place.
  const auto idx = build_index(
      {doc(0, "", "روسيا أولا ثانيا ثالثا كوريا رابعا خامسا سادسا روسيا سابعا ثامنا تاسعا كوريا"),
       doc(1, "", "روسيا كوريا أولا ثانيا ثالثا رابعا خامسا سادسا"), doc(2, "", "غيرها")});
  fahras::search_options o;
  o.limit = 1;
  o.snippet_words = 0;
  o.scoring.proximity_weight = 0;
  REQUIRE(fahras::search(idx, "روسيا كوريا", o).hits[0].doc == 0);
  o.scoring.proximity_weight = 1;
  o.scoring.rerank_depth = 2;
  CHECK(fahras::search(idx, "روسيا كوريا", o).hits[0].doc == 1);
  o.scoring.rerank_depth = 1;
  CHECK(fahras::search(idx, "روسيا كوريا", o).hits[0].doc == 0);
}

TEST_CASE("every scoring weight has a test above") {
  // A new field in scoring_params changes its size: give it a test and count it here.
  // (skeleton_weight and transliteration_weight: siblings_test.cpp.)
  CHECK(sizeof(fahras::scoring_params) == 12 * sizeof(double) + sizeof(std::size_t));
}

}  // TEST_SUITE("scoring weights")
