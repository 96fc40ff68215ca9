// Tests of score.hpp: the BM25 pieces, and search scores that follow the documented BM25F.
// SPDX-License-Identifier: MIT
#include <fahras/score.hpp>
#include <fahras/search.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>

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
