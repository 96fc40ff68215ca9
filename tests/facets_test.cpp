// Tests of facets.hpp: metadata values counted over every match of a query.
// SPDX-License-Identifier: MIT
#include <fahras/facets.hpp>

#include <doctest/doctest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "engine_util.hpp"

using fahras::test::build_index;
using fahras::test::doc;
using fahras::test::search_all;

namespace {

using counts_t = std::map<std::string, std::size_t>;

counts_t as_map(const fahras::facet& f) {
  counts_t out;
  for (const auto& v : f.values) out[v.value] = v.count;
  return out;
}

}  // namespace

TEST_SUITE("facets") {

TEST_CASE("values are counted over all matches, most documents first") {
  const auto idx = build_index({doc(0, "", "روسيا", {{"source", "أ"}, {"year", "2024"}}),
                                doc(1, "", "روسيا", {{"source", "ب"}}),
                                doc(2, "", "روسيا كوريا", {{"source", "ب"}, {"year", "2025"}}),
                                doc(3, "", "كوريا", {{"source", "ج"}, {"year", "2025"}})});
  const auto f = fahras::facets(idx, "روسيا");
  REQUIRE(f.size() == 2);
  CHECK(f[0].field == "source");
  REQUIRE(f[0].values.size() == 2);
  CHECK(f[0].values[0].value == "ب");
  CHECK(f[0].values[0].count == 2);
  CHECK(f[0].values[1].value == "أ");
  CHECK(f[1].field == "year");
  CHECK(as_map(f[1]) == counts_t{{"2024", 1}, {"2025", 1}});
  CHECK(f[1].values[0].value == "2024");  // a tie: value order

  SUBCASE("an empty query counts every document") {
    const auto all = fahras::facets(idx, "  ", {"source"});
    REQUIRE(all.size() == 1);
    CHECK(as_map(all[0]) == counts_t{{"أ", 1}, {"ب", 2}, {"ج", 1}});
  }
  SUBCASE("fields in the order asked; unknown fields have no values") {
    const auto some = fahras::facets(idx, "كوريا", {"year", "colour"});
    REQUIRE(some.size() == 2);
    CHECK(as_map(some[0]) == counts_t{{"2025", 2}});
    CHECK(some[1].field == "colour");
    CHECK(some[1].values.empty());
  }
  SUBCASE("a query that matches nothing counts nothing") {
    CHECK(fahras::facets(idx, "الصين")[0].values.empty());
    CHECK(fahras::facets(idx, "و")[0].values.empty());  // a stopword alone reads as itself
  }
  SUBCASE("prefix and filters read the query as search does") {
    fahras::search_options o;
    o.prefix = true;
    CHECK(as_map(fahras::facets(idx, "كور", {"source"}, o)[0]) == counts_t{{"ب", 1}, {"ج", 1}});
    o.filters = {{"source", "ب"}};
    CHECK(as_map(fahras::facets(idx, "", {"source"}, o)[0]) == counts_t{{"ب", 2}});
    o.filters = {{"source", "-"}};  // a value without a word: no document meets it
    CHECK(fahras::facets(idx, "", {"source"}, o)[0].values.empty());
  }
}

TEST_CASE("counts agree with the hits of search, on random corpora") {
  std::mt19937 rng(7);
  const std::vector<std::string> words = {"روسيا", "كوريا", "الصين", "العقوبات", "الشراكة"};
  const std::vector<std::string> sources = {"أ", "ب", "ج", "د"};
  for (int round = 0; round < 20; ++round) {
    std::vector<fahras::document> docs;
    for (std::size_t d = 0; d < 40; ++d) {
      std::string text;
      for (int w = 0; w < 4; ++w) text += words[rng() % words.size()] + " ";
      docs.push_back(doc(d, "", text, {{"source", sources[rng() % sources.size()]}}));
    }
    const auto idx = build_index(docs);
    for (const std::string& q : {words[rng() % 5], words[rng() % 5] + " -" + words[rng() % 5],
                                 words[rng() % 5] + " OR " + words[rng() % 5]}) {
      CAPTURE(q);
      counts_t expected;
      for (const auto& h : search_all(idx, q).hits) ++expected[h.fields[1].second];
      CHECK(as_map(fahras::facets(idx, q, {"source"})[0]) == expected);
    }
  }
}

}  // TEST_SUITE("facets")
