// Tests of soft AND (search.hpp): a query fills a short page with documents that have most of
// its words (or, failing that, two of 4 or more, or either of two), after every full match and
// counted apart.
// SPDX-License-Identifier: MIT
#include <fahras/collection.hpp>
#include <fahras/search.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "collection_util.hpp"
#include "engine_util.hpp"
#include "test_util.hpp"

using fahras::test::build_index;
using fahras::test::doc;
using fahras::test::ranked;
using order_t = std::vector<fahras::doc_id>;

namespace {

fahras::search_results find(const fahras::index& idx, std::string_view query, bool soft = true,
                            std::size_t limit = 10, std::size_t offset = 0) {
  fahras::search_options o;
  o.limit = limit;
  o.offset = offset;
  o.soft_and = soft;
  o.snippet_words = 0;
  return fahras::search(idx, query, o);
}

// The hits' documents in document order, for pages whose order among equals is not the point.
order_t in_doc_order(const fahras::search_results& r) {
  order_t docs = ranked(r);
  std::sort(docs.begin(), docs.end());
  return docs;
}

bool has_partial_note(const fahras::search_results& r) {
  return std::any_of(r.notes.begin(), r.notes.end(), [](const fahras::query_note& n) {
    return n.what == fahras::query_note::kind::partial;
  });
}

// Four words: روسيا كوريا العقوبات الصواريخ. d0 and d5 have all four, d1 three, d2 and d4 two
// (half: not enough), d3 one.
fahras::index four_words() {
  return build_index({doc(0, "", "روسيا وكوريا والعقوبات والصواريخ"),
                      doc(1, "", "روسيا وكوريا والعقوبات"), doc(2, "", "روسيا وكوريا"),
                      doc(3, "", "روسيا"), doc(4, "", "العقوبات والصواريخ"),
                      doc(5, "العقوبات", "الصواريخ روسيا كوريا كوريا")});
}

}  // namespace

TEST_SUITE("soft and") {

TEST_CASE("a short page is filled with documents that have most of the words, after the rest") {
  const auto idx = four_words();
  const auto r = find(idx, "روسيا كوريا العقوبات الصواريخ");
  CHECK(r.total == 2);    // full matches only
  CHECK(r.partial == 1);  // d1: 3 of 4; d2 and d4 have only half
  const order_t hits = ranked(r);
  REQUIRE(hits.size() == 3);
  CHECK(order_t(hits.begin(), hits.begin() + 2) == order_t{5, 0});  // ranked as before
  CHECK(hits[2] == 1);
  CHECK(has_partial_note(r));
  // Switched off: the full matches alone, as before soft AND.
  const auto strict = find(idx, "روسيا كوريا العقوبات الصواريخ", false);
  CHECK(strict.total == 2);
  CHECK(strict.partial == 0);
  CHECK(ranked(strict) == order_t{5, 0});
  CHECK_FALSE(has_partial_note(strict));
}

TEST_CASE("partial matches rank by how many words they have, then by score") {
  // Six words; a partial match needs 4.
  const auto idx = build_index({
      doc(0, "", "روسيا كوريا العقوبات الصواريخ"),                   // 4 of 6
      doc(1, "", "روسيا كوريا العقوبات الصواريخ الصين"),             // 5 of 6
      doc(2, "الصين الصين", "روسيا كوريا العقوبات الصواريخ الصين"),  // 5, higher score
      doc(3, "", "روسيا كوريا العقوبات"),                            // 3: too few
  });
  const auto r = find(idx, "روسيا كوريا العقوبات الصواريخ الصين اليابان");
  CHECK(r.total == 0);
  CHECK(r.partial == 3);
  CHECK(ranked(r) == order_t{2, 1, 0});
  // A partial match never outranks a full one, however high its score: d0 has the three words
  // once in a long text, d1 the two rarer ones often in a short one (الصين is everywhere).
  std::string sea;
  for (int i = 0; i < 200; ++i) sea += " بحر";
  std::vector<fahras::document> docs = {
      doc(0, "", "روسيا كوريا الصين" + sea),
      doc(1, "روسيا روسيا كوريا كوريا", "روسيا كوريا روسيا كوريا")};
  for (std::size_t i = 2; i < 12; ++i) docs.push_back(doc(i, "", "الصين"));
  const auto idx2 = build_index(docs);
  const auto r2 = find(idx2, "روسيا كوريا الصين");
  CHECK(r2.total == 1);
  CHECK(r2.partial == 1);
  CHECK(ranked(r2) == order_t{0, 1});
  CHECK(r2.hits[1].score > r2.hits[0].score);
}

TEST_CASE("a query whose words never meet finds no full match, then partial ones") {
  const auto idx = four_words();
  const auto r = find(idx, "روسيا كوريا العقوبات اليابان");
  CHECK(r.total == 0);  // "no results" first
  CHECK(r.partial == 3);
  // All have 3 of 4: by score, d5 first (a word in its title), then d1 (the shorter text).
  CHECK(ranked(r) == order_t{5, 1, 0});
  CHECK(has_partial_note(r));
}

TEST_CASE("four or more words that no document has most of find the documents with two") {
  const auto idx = four_words();
  const std::string q = "روسيا كوريا اليابان الصين";
  const auto r = find(idx, q);
  CHECK(r.total == 0);  // "no results" first
  CHECK(r.partial == 4);
  order_t hits = ranked(r);
  std::sort(hits.begin(), hits.end());
  CHECK(hits == order_t{0, 1, 2, 5});  // روسيا and كوريا; d3 has one word, d4 none
  CHECK(has_partial_note(r));
  CHECK(find(idx, q, false).hits.empty());
  // When a document has most of the words, the ones with two do not come: see the first case,
  // where d2 and d4 have two of four. Three words need two, as ever: one is not enough.
  CHECK(find(idx, "روسيا اليابان الصين").hits.empty());
  // A collection fills its page the same way.
  const auto files = fahras::test::bundle_in_memory(idx, fahras::test::tiny_shards());
  const auto bundled = fahras::test::open_in_memory(files);
  REQUIRE(bundled.has_value());
  fahras::search_options o;
  o.snippet_words = 0;
  const auto b = bundled->search(q, o);
  REQUIRE(b.has_value());
  CHECK(b->total == r.total);
  CHECK(b->partial == r.partial);
  CHECK(ranked(*b) == ranked(r));
}

TEST_CASE(
    "two words fill the page with either, and phrases, OR groups and exclusions stay strict") {
  const auto idx = four_words();
  // Two words that never meet: "no results" first, then the documents with either.
  const auto two = find(idx, "روسيا اليابان");
  CHECK(two.total == 0);
  CHECK(two.partial == 5);
  CHECK(has_partial_note(two));
  CHECK(in_doc_order(two) == order_t{0, 1, 2, 3, 5});  // every document with روسيا
  CHECK(find(idx, "روسيا اليابان", false).hits.empty());
  // Two words that meet: the full matches come first, then the documents with one of them.
  const auto met = find(idx, "روسيا الصواريخ");
  CHECK(met.total == 2);
  CHECK(met.partial == 4);  // d1, d2 and d3 have روسيا, d4 الصواريخ
  order_t met_order = ranked(met);
  REQUIRE(met_order.size() == 6);
  std::sort(met_order.begin(), met_order.begin() + 2);
  CHECK(order_t(met_order.begin(), met_order.begin() + 2) == order_t{0, 5});  // both words
  // An excluded word still excludes, from the partial matches too (d5 has الصواريخ).
  const auto excluded = find(idx, "روسيا كوريا العقوبات اليابان -الصواريخ");
  CHECK(excluded.total == 0);
  CHECK(ranked(excluded) == order_t{1});
  // A phrase is required and does not count among the words: here the two plain words are
  // العقوبات and اليابان, and a partial match has the phrase and one of them.
  const auto with_phrase = find(idx, "\"روسيا وكوريا\" العقوبات اليابان");
  CHECK(with_phrase.total == 0);
  CHECK(in_doc_order(with_phrase) == order_t{0, 1, 5});  // not d2 (no العقوبات) nor d4 (no phrase)
  // Three plain words besides the phrase, which stays required: d5 has روسيا and الصواريخ but
  // not the phrase.
  const auto phrase = find(idx, "\"كوريا والعقوبات\" روسيا الصواريخ اليابان");
  CHECK(phrase.total == 0);
  CHECK(ranked(phrase) == order_t{0});
  // An OR group is required too: d1 and d2 have neither الصين nor الصواريخ.
  const auto either = find(idx, "روسيا كوريا العقوبات اليابان الصين OR الصواريخ");
  CHECK(either.total == 0);
  CHECK(ranked(either) == order_t{5, 0});
}

TEST_CASE("partial matches only fill what the full ones leave, page by page") {
  const auto idx = four_words();
  const std::string q = "روسيا كوريا العقوبات الصواريخ";
  // A page the full matches fill: nothing partial is looked for.
  const auto first = find(idx, q, true, 2);
  CHECK(ranked(first) == order_t{5, 0});
  CHECK(first.partial == 0);
  CHECK_FALSE(has_partial_note(first));
  // The next page goes on with the partial ones.
  const auto second = find(idx, q, true, 2, 2);
  CHECK(second.total == 2);
  CHECK(second.partial == 1);
  CHECK(ranked(second) == order_t{1});
}

// اصحاب matches d1's أصحاب as typed, but meets الفيل only in d0, as بأصحاب: one edit away.
fahras::index elephant() {
  return build_index({doc(0, "", "ألم تر كيف فعل ربك بأصحاب الفيل"),
                      doc(1, "", "أصحاب السفينة والبحر"), doc(2, "", "الفيل في الحديقة")});
}

bool has_typo_note(const fahras::search_results& r, std::string_view word,
                   std::string_view expansion) {
  return std::any_of(r.notes.begin(), r.notes.end(), [&](const fahras::query_note& n) {
    return n.what == fahras::query_note::kind::typo && n.word == word &&
           std::find(n.expansions.begin(), n.expansions.end(), expansion) != n.expansions.end();
  });
}

TEST_CASE("words that never meet as typed are searched a typo away too, as partial matches") {
  const auto idx = elephant();
  const auto r = find(idx, "اصحاب الفيل");
  CHECK(r.total == 0);  // still "no results" first
  CHECK(r.partial == 1);
  CHECK(ranked(r) == order_t{0});
  CHECK(has_partial_note(r));
  CHECK(has_typo_note(r, "اصحاب", "باصحاب"));
  // Only when nothing else meets: a full match keeps the query as typed.
  const auto typed = find(idx, "أصحاب السفينة");
  CHECK(ranked(typed) == order_t{1});
  CHECK(typed.partial == 0);
  CHECK(typed.notes.empty());
  // Soft AND off: only full matches, typed.
  CHECK(find(idx, "اصحاب الفيل", false).hits.empty());
  // Nothing a typo away meets either: the documents with either word.
  const auto apart = find(idx, "السفينة الحديقة");
  CHECK(apart.total == 0);
  CHECK(apart.partial == 2);
  CHECK(in_doc_order(apart) == order_t{1, 2});
  // The highlights mark the word the rescue found.
  fahras::search_options o;
  const auto shown = fahras::search(idx, "اصحاب الفيل", o);
  REQUIRE(shown.hits.size() == 1);
  CHECK(shown.hits[0].snippet.text.find("بأصحاب") != std::string::npos);
  CHECK(shown.hits[0].snippet.highlights.size() == 2);
  // So does the reader's view of the document, and only for the rescued query.
  const std::string text(idx.document(0).text);
  const auto marked = [&](std::string_view query) {
    std::vector<std::string> words;
    for (const fahras::byte_span& m : fahras::match_document(idx, 0, query).text)
      words.push_back(text.substr(m.begin, m.end - m.begin));
    return words;
  };
  CHECK(marked("اصحاب الفيل") == std::vector<std::string>{"بأصحاب", "الفيل"});
  CHECK(marked("الفيل") == std::vector<std::string>{"الفيل"});
  CHECK(marked("اصحاب").empty());  // d1 has it as typed: no rescue
}

TEST_CASE("a collection search fills its page as an index search does") {
  const std::vector<fahras::document> docs = {doc(0, "", "روسيا وكوريا والعقوبات والصواريخ"),
                                              doc(1, "", "روسيا وكوريا والعقوبات"),
                                              doc(2, "", "روسيا وكوريا"), doc(3, "", "روسيا")};
  const auto idx = build_index(docs);
  const auto files = fahras::test::bundle_in_memory(idx, fahras::test::tiny_shards());
  const auto bundled = fahras::test::open_in_memory(files);
  REQUIRE(bundled.has_value());
  const auto a = find(idx, "روسيا كوريا العقوبات الصواريخ");
  fahras::search_options o;
  o.snippet_words = 0;
  const auto b = bundled->search("روسيا كوريا العقوبات الصواريخ", o);
  REQUIRE(b.has_value());
  CHECK(b->total == a.total);
  CHECK(b->partial == a.partial);
  CHECK(ranked(*b) == ranked(a));
  CHECK(ranked(a) == order_t{0, 1});
}

TEST_CASE("a collection searches a typo away when the words never meet, as an index does") {
  const auto idx = elephant();
  const auto files = fahras::test::bundle_in_memory(idx, fahras::test::tiny_shards());
  const auto bundled = fahras::test::open_in_memory(files);
  REQUIRE(bundled.has_value());
  fahras::search_options o;
  o.snippet_words = 0;
  for (const char* q : {"اصحاب الفيل", "السفينة الحديقة", "أصحاب السفينة"}) {
    CAPTURE(q);
    const auto a = find(idx, q);
    const auto b = bundled->search(q, o);
    REQUIRE(b.has_value());
    CHECK(b->total == a.total);
    CHECK(b->partial == a.partial);
    CHECK(ranked(*b) == ranked(a));
    CHECK(b->notes.size() == a.notes.size());
  }
}

// execute()'s union of two words, stepped document by document: what its word-at-a-time walk of
// "either of two" (either_word, natively) must find, with the same scores.
std::vector<fahras::detail::scored_doc> union_of_two(const fahras::index& idx,
                                                     const fahras::detail::query_plan& plan) {
  using namespace fahras::detail;
  std::vector<std::unique_ptr<matcher>> words, excluded;
  for (const clause_plan& c : plan.clauses)
    (c.negated ? excluded : words).push_back(make_clause_matcher(idx, c));
  REQUIRE(words.size() == 2);
  any_matcher either(std::move(words), 1, 1);
  const scorer s(idx, {});
  std::vector<scored_doc> out;
  for (auto& e : excluded) e->next();
  while (either.next()) {
    bool skip = false;
    for (auto& e : excluded) {
      if (e->doc() < either.doc()) e->advance(either.doc());
      if (e->doc() == either.doc()) skip = true;
    }
    if (!skip)
      out.push_back({either.doc(), static_cast<std::uint32_t>(either.matched()), either.score(s)});
  }
  return out;
}

TEST_CASE("an excluded field value excludes partial matches of either word too") {
  const auto idx = build_index(
      {doc(0, "", "روسيا", {{"source", "إرم"}}), doc(1, "", "روسيا", {{"source", "نيوز"}}),
       doc(2, "", "اليابان", {{"source", "نيوز"}}), doc(3, "", "اليابان", {{"source", "إرم"}})});
  const auto r = find(idx, "روسيا اليابان -source:نيوز");
  CHECK(r.total == 0);
  CHECK(r.partial == 2);
  CHECK(in_doc_order(r) == order_t{0, 3});
  CHECK(in_doc_order(find(idx, "روسيا اليابان source:إرم")) == order_t{0, 3});
}

TEST_CASE("either of two words finds what a union of the two finds, with the same scores") {
  const auto idx = build_index(fahras::test::article_documents());
  std::vector<std::string> words;
  for (const auto& d : fahras::test::article_documents()) {
    std::istringstream in(d.text);
    for (std::string w; in >> w;)  // words of four letters or more, without punctuation
      if (w.size() >= 8 && std::all_of(w.begin(), w.end(), [](char c) { return c & 0x80; }))
        words.push_back(w);
  }
  REQUIRE(words.size() > 100);
  std::mt19937 rng(12);
  std::size_t compared = 0, with_partials = 0;
  for (int i = 0; i < 300; ++i) {
    std::string first = words[rng() % words.size()], second = words[rng() % words.size()];
    if (i % 3 == 1) second = fahras::test::mistype(rng, second);  // typo candidates
    std::string query = first + " " + second;
    if (i % 4 == 3) query += " -" + words[rng() % words.size()];
    CAPTURE(query);
    const fahras::search_options options;
    const auto parsed = fahras::detail::parse_search(idx, query, options);
    const auto plan = fahras::detail::plan_query(idx, parsed, {}, options.spelling);
    std::size_t plain = 0;
    for (const auto& c : plan.clauses) plain += fahras::detail::soft_clause(c);
    if (plan.impossible || plain != 2 || plan.clauses.size() - plain > 1) continue;
    const auto expected = union_of_two(idx, plan);
    const auto found = fahras::detail::execute(idx, plan, {}, fahras::detail::which_matches::some);
    REQUIRE(found.size() == expected.size());
    for (std::size_t k = 0; k < found.size(); ++k) {
      CHECK(found[k].doc == expected[k].doc);
      CHECK(found[k].matched == expected[k].matched);
      CHECK(found[k].score == expected[k].score);  // exactly: summed the same way
    }
    ++compared;
    with_partials += !found.empty();
  }
  CHECK(compared > 200);
  CHECK(with_partials > 100);
}

}  // TEST_SUITE("soft and")
