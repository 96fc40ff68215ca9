// Tests of search.hpp: what matches, how it ranks, and what a hit carries back.
// SPDX-License-Identifier: MIT
#include <fahras/search.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine_util.hpp"
#include "test_util.hpp"

using fahras::test::build_index;
using fahras::test::doc;
using fahras::test::matching;
using fahras::test::ranked;
using fahras::test::search_all;
using fahras::test::slice;
using fahras::test::slices;
using docs_t = std::set<fahras::doc_id>;
using order_t = std::vector<fahras::doc_id>;

namespace {

// Filler words that match nothing the tests ask for, to give documents equal lengths.
std::string filler(std::size_t n) {
  static const char* words[] = {"صباح", "مساء", "شجرة", "نهر", "جبل", "بحر", "قمر", "شمس"};
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += ' ';
    out += words[i % 8];
  }
  return out;
}

bool has_note(const fahras::search_results& r, fahras::query_note::kind k, std::string_view word) {
  return std::any_of(r.notes.begin(), r.notes.end(),
                     [&](const fahras::query_note& n) { return n.what == k && n.word == word; });
}

}  // namespace

TEST_SUITE("search") {

TEST_CASE("every plain word must match, by stem") {
  const auto idx = build_index({doc(0, "", "فرضت العقوبات على كوريا"), doc(1, "", "عقوبة جديدة"),
                                doc(2, "", "كوريا الشمالية"), doc(3, "وعقوباتها", "")});
  CHECK(matching(idx, "عقوبات") == docs_t{0, 1, 3});
  CHECK(matching(idx, "عقوبات كوريا") == docs_t{0});
  CHECK(matching(idx, "كوريا") == docs_t{0, 2});
  CHECK(matching(idx, "عقوبات كوريا الصين").empty());
  CHECK(fahras::search(idx, "عقوبات").total == 3);
}

TEST_CASE("a query that reads as nothing finds nothing") {
  const auto idx = build_index({doc(0, "كتاب", "كتاب في مدرسة")});
  for (const char* q : {"", "   ", "،؟!", "\"\"", "-كتاب", "-\"كتاب مدرسة\"", "OR", "*"}) {
    const std::string query(q);
    CAPTURE(query);
    CHECK(fahras::search(idx, q).total == 0);
  }
}

TEST_CASE("stopwords are left out of a search, with a note, unless quoted or every word is one") {
  const auto idx = build_index(
      {doc(0, "", "العقوبات على كوريا"), doc(1, "", "العقوبات في كوريا"), doc(2, "", "كوريا")});
  const auto r = search_all(idx, "العقوبات على كوريا");
  CHECK(ranked(r).size() == 2);
  CHECK(has_note(r, fahras::query_note::kind::stopword, "على"));
  CHECK(matching(idx, "\"على\" كوريا") == docs_t{0});
  CHECK(matching(idx, "في") == docs_t{1});
}

TEST_CASE("a quoted phrase matches adjacent words in order, never across title and text") {
  const auto idx = build_index({
      doc(0, "", "كوريا الشمالية"),
      doc(1, "", "الشمالية كوريا"),
      doc(2, "", "كوريا الجنوبية الشمالية"),
      doc(3, "تقرير عن كوريا", "الشمالية والجنوبية"),
      doc(4, "", "زار وكوريا الشمالي"),
      doc(5, "عن كوريا الشمالية", "تقرير"),
  });
  CHECK(matching(idx, "\"كوريا الشمالية\"") == docs_t{0, 4, 5});
  CHECK(matching(idx, "كوريا الشمالية") == docs_t{0, 1, 2, 3, 4, 5});
  CHECK(matching(idx, "\"الشمالية كوريا\"") == docs_t{1});
  SUBCASE("stopwords inside a phrase count") {
    const auto s = build_index({doc(0, "", "العقوبات على كوريا"), doc(1, "", "العقوبات في كوريا")});
    CHECK(matching(s, "\"العقوبات على كوريا\"") == docs_t{0});
  }
  SUBCASE("a phrase matching twice counts more") {
    const auto t = build_index({doc(0, "", "كوريا الشمالية " + filler(4) + " كوريا الشمالية"),
                                doc(1, "", "كوريا الشمالية " + filler(6))});
    CHECK(ranked(search_all(t, "\"كوريا الشمالية\"")) == order_t{0, 1});
  }
}

TEST_CASE("a minus excludes documents with the word or the phrase") {
  const auto idx = build_index({doc(0, "", "روسيا والصين"), doc(1, "", "روسيا وكوريا الشمالية"),
                                doc(2, "", "روسيا"), doc(3, "الصين", "روسيا")});
  CHECK(matching(idx, "روسيا -الصين") == docs_t{1, 2});
  CHECK(matching(idx, "روسيا -\"كوريا الشمالية\"") == docs_t{0, 2, 3});
  CHECK(matching(idx, "روسيا -الشمالية -الصين") == docs_t{2});
  CHECK(matching(idx, "روسيا -\"الشمالية كوريا\"") == docs_t{0, 1, 2, 3});
}

TEST_CASE("OR matches either word and binds tighter than AND") {
  const auto idx = build_index({doc(0, "", "روسيا كوريا"), doc(1, "", "الصين كوريا"),
                                doc(2, "", "الصين"), doc(3, "", "اليابان كوريا")});
  CHECK(matching(idx, "روسيا OR الصين") == docs_t{0, 1, 2});
  CHECK(matching(idx, "روسيا OR الصين كوريا") == docs_t{0, 1});
  CHECK(matching(idx, "كوريا روسيا OR الصين") == docs_t{0, 1});
  CHECK(matching(idx, "\"الصين كوريا\" OR روسيا") == docs_t{0, 1});
  // An OR after an exclusion cannot join it: الصين becomes a required word of its own.
  CHECK(matching(idx, "كوريا -روسيا OR الصين") == docs_t{1});
}

TEST_CASE("a prefix matches every word that starts with it") {
  const auto idx = build_index({doc(0, "", "كوريا"), doc(1, "", "الكورية"), doc(2, "", "ديكور"),
                                doc(3, "", "كوب"), doc(4, "", "والكوريون")});
  CHECK(matching(idx, "كور*") == docs_t{0, 1, 4});
  CHECK(matching(idx, "الكور*") == docs_t{0, 1, 4});  // by its stem too
  CHECK(matching(idx, "كو*") == docs_t{0, 1, 3, 4});
  CHECK(matching(idx, "كور") == docs_t{1, 4});  // a plain word matches by stem only
  const auto r = search_all(idx, "كور*");
  CHECK(has_note(r, fahras::query_note::kind::prefix, "كور"));
}

TEST_CASE("search as you type completes the last word only") {
  const auto idx =
      build_index({doc(0, "", "روسيا كوريا"), doc(1, "", "روس كوريا"), doc(2, "", "روسيا كوب")});
  CHECK(matching(idx, "روسيا كور", true) == docs_t{0});
  CHECK(matching(idx, "روس كوريا", true) == docs_t{1});
  CHECK(matching(idx, "روسيا كور ", true).empty());
  CHECK(matching(idx, "روسيا كور", false).empty());
  CHECK(matching(idx, "\"روسيا كو", true) == docs_t{0, 2});
}

TEST_CASE("a word with no match falls back to near index words, ranked below exact ones") {
  const auto idx = build_index({
      doc(0, "", "فرضت العقوبات " + filler(3)),
      doc(1, "", "الشراكة الاستراتيجية " + filler(3)),
      doc(2, "", "كتاب " + filler(4)),
      doc(3, "", "كتان " + filler(4)),
      doc(4, "", "سلام " + filler(4)),
  });
  SUBCASE("one edit from four letters") {
    // ف for ق, its neighbour on the keyboard (العقوبت, without the alef, is another spelling
    // of العقوبات: a sibling, not a typo).
    const auto r = search_all(idx, "العفوبات");
    CHECK(ranked(r) == order_t{0});
    REQUIRE(has_note(r, fahras::query_note::kind::typo, "العفوبات"));
    const auto& note = *std::find_if(r.notes.begin(), r.notes.end(), [](const auto& n) {
      return n.what == fahras::query_note::kind::typo;
    });
    CHECK(std::find(note.expansions.begin(), note.expansions.end(), "العقوبات") !=
          note.expansions.end());
  }
  SUBCASE("two edits from eight letters, one below") {
    CHECK(matching(idx, "الاستراتجيا") == docs_t{1});
    CHECK(matching(idx, "العقبت").empty());  // 6 letters, 2 edits
  }
  SUBCASE("short words are never corrected") {
    CHECK(matching(idx, "سام").empty());  // سلام less a letter (سلم is its skeleton: a sibling)
  }
  SUBCASE("a word that matches is not corrected") {
    CHECK(matching(idx, "كتاب") == docs_t{2});
    CHECK(search_all(idx, "كتاب").notes.empty());
  }
  SUBCASE("a correction ranks below an exact match of the same strength") {
    CHECK(ranked(search_all(idx, "سلام OR كتابب")) == order_t{4, 2});
    CHECK(ranked(search_all(idx, "كتابب OR سلام")) == order_t{4, 2});
  }
  SUBCASE("an excluded word is excluded as typed, never corrected") {
    // العقوبت is one edit from العقوبات: as a search word it finds document 0.
    const auto r = search_all(idx, "صباح -العقوبت");
    CHECK(matching(idx, "صباح -العقوبت") == docs_t{0, 1, 2, 3, 4});
    CHECK_FALSE(has_note(r, fahras::query_note::kind::typo, "العقوبت"));
    CHECK(matching(idx, "صباح -العقوبات") == docs_t{1, 2, 3, 4});
  }
}

TEST_CASE("at most max_typo_words words of a query are corrected: the others are noted") {
  const std::vector<std::string> words = {"مدينة", "مدرسة", "سيارة", "حديقة", "مكتبة",
                                          "جامعة", "طائرة", "نافذة", "بحيرة", "جزيرة"};
  REQUIRE(words.size() == fahras::detail::max_typo_words + 2);
  std::vector<fahras::document> docs;
  std::string query;
  for (std::size_t i = 0; i < words.size(); ++i) {
    docs.push_back(doc(static_cast<fahras::doc_id>(i), "", words[i] + " " + filler(3)));
    // The first letter changed to ظ: one edit from the word, matching nothing as typed.
    query += (i ? " OR ظ" : "ظ") + words[i].substr(2);
  }
  const auto idx = build_index(docs);
  const auto r = search_all(idx, query);
  std::vector<std::string> corrected, skipped;
  for (const auto& n : r.notes) {
    if (n.what == fahras::query_note::kind::typo) corrected.push_back(n.word);
    if (n.what == fahras::query_note::kind::typo_skipped) skipped.push_back(n.word);
  }
  CHECK(corrected.size() == fahras::detail::max_typo_words);
  CHECK(skipped == std::vector<std::string>{"ظ" + words[8].substr(2), "ظ" + words[9].substr(2)});
  CHECK(matching(idx, query) == docs_t{0, 1, 2, 3, 4, 5, 6, 7});
  CHECK(std::string(fahras::to_string(fahras::query_note::kind::typo_skipped)) == "typo_skipped");
}

TEST_CASE("the word being typed that completes to nothing is corrected as a typo") {
  const auto idx =
      build_index({doc(0, "", "روسيا " + filler(3)), doc(1, "", "بيونغ يانغ " + filler(3)),
                   doc(2, "", "روسم " + filler(3))});
  SUBCASE("a typo in the last word, still being typed") {
    const auto r = search_all(idx, "روسبا", true);
    CHECK(ranked(r) == order_t{0});
    CHECK(has_note(r, fahras::query_note::kind::typo, "روسبا"));
    CHECK_FALSE(has_note(r, fahras::query_note::kind::prefix, "روسبا"));
  }
  SUBCASE("every word of a query, typed or finished") {
    CHECK(matching(idx, "بيونج يانج", true) == docs_t{1});
    CHECK(matching(idx, "بيونج يانج ", true) == docs_t{1});
  }
  SUBCASE("a prefix that completes is not corrected") {
    const auto r = search_all(idx, "روس", true);
    CHECK(ranked(r) == order_t{0, 2});
    CHECK_FALSE(has_note(r, fahras::query_note::kind::typo, "روس"));
  }
  SUBCASE("off: a prefix that completes to nothing finds nothing") {
    fahras::search_options o;
    o.prefix = true;
    o.typo_fallback = false;
    const auto r = fahras::search(idx, "روسبا", o);
    CHECK(r.total == 0);
    CHECK(r.notes.size() == 1);
    CHECK(r.notes[0].what == fahras::query_note::kind::prefix);
  }
  SUBCASE("an explicit * is a prefix only") { CHECK(matching(idx, "روسبا*", true).empty()); }
}

TEST_CASE("a typo note gives each correction as the text writes it") {
  const auto idx = build_index({doc(0, "", "الشراكة الشَّراكة والشراكة الشراكة " + filler(3)),
                                doc(1, "", "الشراكة " + filler(3))});
  const auto r = search_all(idx, "الشراكت");
  REQUIRE(r.notes.size() == 1);
  const fahras::query_note& note = r.notes[0];
  CHECK(note.what == fahras::query_note::kind::typo);
  REQUIRE(note.written.size() == note.expansions.size());
  const auto at = std::find(note.expansions.begin(), note.expansions.end(), "الشراكه");
  REQUIRE(at != note.expansions.end());
  CHECK(note.written[static_cast<std::size_t>(at - note.expansions.begin())] == "الشراكة");
  CHECK(search_all(idx, "الشراكة").notes.empty());
}

TEST_CASE("matching_documents lists what search counts, in document order") {
  const auto idx = build_index(
      {doc(0, "", "روسيا كوريا", {{"source", "أ"}}), doc(1, "", "كوريا", {{"source", "ب"}}),
       doc(2, "", "روسيا الصين", {{"source", "أ"}}), doc(3, "", "الصين", {{"source", "ب"}})});
  for (const char* q : {"روسيا", "كوريا OR الصين", "-روسيا كوريا", "روس", "\"روسيا كوريا\"", ""}) {
    CAPTURE(q);
    const auto r = search_all(idx, q, true);
    std::vector<fahras::doc_id> expected = ranked(r);
    std::sort(expected.begin(), expected.end());
    fahras::search_options o;
    o.prefix = true;
    CHECK(fahras::matching_documents(idx, q, o) == expected);
  }
  fahras::search_options filtered;
  filtered.filters = {{"source", "ب"}};
  CHECK(fahras::matching_documents(idx, "كوريا OR الصين", filtered) ==
        std::vector<fahras::doc_id>{1, 3});
}

TEST_CASE("a mistyped word takes the nearest index words: two edits only when none is one away") {
  // "مايكروسوفت" (no affixes, so its stem is itself) is one edit from "مايكروسوفط" and two
  // from "مايكروسفط".
  const auto both =
      build_index({doc(0, "", "مايكروسفط " + filler(3)), doc(1, "", "مايكروسوفط " + filler(3))});
  CHECK(ranked(search_all(both, "مايكروسوفت")) == order_t{1});
  const auto far = build_index({doc(0, "", "مايكروسفط " + filler(3)), doc(1, "", filler(4))});
  CHECK(ranked(search_all(far, "مايكروسوفت")) == order_t{0});
}

TEST_CASE("field:value filters keep documents whose metadata has every word of the value") {
  const auto idx = build_index({
      doc(0, "", "روسيا", {{"source", "إرم نيوز"}, {"date", "2024-06"}}),
      doc(1, "", "روسيا", {{"source", "الحل نت"}, {"date", "2023"}}),
      doc(2, "", "روسيا", {{"source", "نيوز عربية"}}),
      doc(3, "", "الصين", {{"Source", "إرم"}}),
  });
  CHECK(matching(idx, "روسيا source:نيوز") == docs_t{0, 2});
  CHECK(matching(idx, "روسيا source:\"إرم نيوز\"") == docs_t{0});
  CHECK(matching(idx, "روسيا -source:نيوز") == docs_t{1});
  CHECK(matching(idx, "source:إرم") == docs_t{0, 3});
  CHECK(matching(idx, "روسيا date:2024") == docs_t{0});
  CHECK(matching(idx, "روسيا source:غائب").empty());
  SUBCASE("search_options.filters are the same filters") {
    fahras::search_options o;
    o.filters = {{"source", "نيوز"}, {"DATE", "2024"}};
    CHECK(ranked(fahras::search(idx, "روسيا", o)) == order_t{0});
    o.filters = {{"author", "أحد"}};
    CHECK(fahras::search(idx, "روسيا", o).total == 0);
  }
  SUBCASE("a filter of search_options that no document can meet leaves none, not all") {
    fahras::search_options o;
    for (const char* value : {"!!!", "", "ـ", "\xF0\x9F\x98\x80", "\xED\xA0\x80"}) {
      CAPTURE(value);
      o.filters = {{"source", value}};
      CHECK(fahras::search(idx, "روسيا", o).total == 0);
      CHECK(fahras::matching_documents(idx, "روسيا", o).empty());
    }
    o.filters = {{"المصدر", "نيوز"}};  // not a field name a filter can have
    CHECK(fahras::search(idx, "روسيا", o).total == 0);
    CHECK(matching(idx, "روسيا source:") == docs_t{0, 1, 2});  // typed, not yet a filter
  }
}

TEST_CASE("hits carry the stored id, title and metadata") {
  const auto idx = build_index({{"article-7",
                                 "عنوان المقال",
                                 "نص عن روسيا",
                                 {{"source", "إرم نيوز"}, {"date", "2025-10"}}}});
  const auto r = fahras::search(idx, "روسيا");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].id == "article-7");
  CHECK(r.hits[0].doc == 0);
  using fields_t = std::vector<std::pair<std::string, std::string>>;
  CHECK(r.hits[0].fields ==
        fields_t{{"title", "عنوان المقال"}, {"source", "إرم نيوز"}, {"date", "2025-10"}});
  fahras::search_options o;
  o.stored_fields = false;
  CHECK(fahras::search(idx, "روسيا", o).hits.at(0).fields.empty());
}

TEST_CASE("ranking") {
  SUBCASE("identical documents tie and keep document order") {
    const auto idx = build_index(
        {doc(0, "", "كوريا روسيا"), doc(1, "", "روسيا كوريا"), doc(2, "", "كوريا روسيا")});
    const auto r = search_all(idx, "روسيا");
    CHECK(ranked(r) == order_t{0, 1, 2});
    CHECK(r.hits[0].score == r.hits[1].score);
    CHECK(r.hits[0].score > 0);
  }
  SUBCASE("more occurrences rank higher") {
    const auto idx = build_index(
        {doc(0, "", "روسيا " + filler(5)), doc(1, "", "روسيا روسيا روسيا " + filler(3))});
    CHECK(ranked(search_all(idx, "روسيا")) == order_t{1, 0});
  }
  SUBCASE("a rarer word weighs more") {
    const auto idx =
        build_index({doc(0, "", "روسيا " + filler(3)), doc(1, "", "كوريا " + filler(3)),
                     doc(2, "", "روسيا كوريا " + filler(2)), doc(3, "", "روسيا")});
    CHECK(ranked(search_all(idx, "كوريا OR روسيا")).at(1) == 1);  // after the doc with both
  }
  SUBCASE("a title match ranks above a text match") {
    const auto idx =
        build_index({doc(0, "تقرير", "روسيا " + filler(5)), doc(1, "روسيا", "تقرير " + filler(5))});
    CHECK(ranked(search_all(idx, "روسيا")) == order_t{1, 0});
  }
  SUBCASE("the exact form typed ranks above another form of its stem") {
    const auto idx =
        build_index({doc(0, "", "الكتاب " + filler(3)), doc(1, "", "كتاب " + filler(3))});
    CHECK(ranked(search_all(idx, "كتاب")) == order_t{1, 0});
    CHECK(ranked(search_all(idx, "الكتاب")) == order_t{0, 1});
    CHECK(ranked(search_all(idx, "الْكِتَابُ")) == order_t{0, 1});  // marks fold away
  }
  SUBCASE("words standing close together rank above words far apart") {
    const auto idx = build_index(
        {doc(0, "", "روسيا " + filler(6) + " كوريا"), doc(1, "", "روسيا كوريا " + filler(6))});
    CHECK(ranked(search_all(idx, "روسيا كوريا")) == order_t{1, 0});
    CHECK(ranked(search_all(idx, "كوريا روسيا")) == order_t{1, 0});
  }
  SUBCASE("a word typed twice still gives finite scores") {
    const auto idx = build_index({doc(0, "", "الكتاب " + filler(3)), doc(1, "", "كتاب كتاب")});
    for (const char* q : {"كتاب كتاب", "كتاب الكتاب", "\"كتاب\" كتاب*"}) {
      const std::string query(q);
      CAPTURE(query);
      const auto r = search_all(idx, q);
      REQUIRE(r.hits.size() == 2);
      for (const auto& h : r.hits) CHECK(std::isfinite(h.score));
      CHECK(r.hits[0].score > r.hits[1].score);
    }
  }
}

TEST_CASE("paging returns consecutive slices of one ranking, total counts all") {
  std::vector<fahras::document> docs;
  for (std::size_t i = 0; i < 25; ++i) docs.push_back(doc(i, "", "روسيا " + filler(i % 7)));
  const auto idx = build_index(docs);
  const order_t all = ranked(search_all(idx, "روسيا"));
  REQUIRE(all.size() == 25);
  order_t paged;
  for (std::size_t offset = 0; offset < 30; offset += 10) {
    fahras::search_options o;
    o.limit = 10;
    o.offset = offset;
    const auto r = fahras::search(idx, "روسيا", o);
    CHECK(r.total == 25);
    for (const auto& h : r.hits) paged.push_back(h.doc);
  }
  CHECK(paged == all);
  fahras::search_options o;
  o.offset = 100;
  CHECK(fahras::search(idx, "روسيا", o).hits.empty());
}

TEST_CASE("snippets are ~30-word slices of the original text around the matches") {
  std::string text = filler(60) + " فرضت العقوباتُ على كوريا " + filler(60);
  const auto idx = build_index({doc(0, "العنوان", text)});
  const auto r = fahras::search(idx, "عقوبات كوريا");
  REQUIRE(r.hits.size() == 1);
  const fahras::snippet& s = r.hits[0].snippet;
  CHECK(text.substr(s.begin, s.text.size()) == s.text);
  CHECK(fahras::analyze(s.text).size() == 30);
  CHECK(slices(s.text, s.highlights) == std::vector<std::string>{"العقوباتُ", "كوريا"});
  CHECK(r.hits[0].title_highlights.empty());
  CHECK(s.words_before);
  CHECK(s.words_after);
  SUBCASE("a snippet says whether the text goes on before and after it") {
    const auto whole = build_index({doc(0, "", "فرضت العقوبات على كوريا")});
    const fahras::snippet all = fahras::search(whole, "كوريا").hits.at(0).snippet;
    CHECK_FALSE(all.words_before);
    CHECK_FALSE(all.words_after);
    const auto head = build_index({doc(0, "", "كوريا " + filler(60))});
    const fahras::snippet first = fahras::search(head, "كوريا").hits.at(0).snippet;
    CHECK_FALSE(first.words_before);
    CHECK(first.words_after);
  }
  SUBCASE("snippet length follows the option, 0 leaves snippets out") {
    fahras::search_options o;
    o.snippet_words = 8;
    CHECK(fahras::analyze(fahras::search(idx, "كوريا", o).hits.at(0).snippet.text).size() == 8);
    o.snippet_words = 0;
    const auto none = fahras::search(idx, "كوريا", o).hits.at(0);
    CHECK(none.snippet.text.empty());
    CHECK(none.snippet.highlights.empty());
  }
}

TEST_CASE("highlights cover whole original words whatever their spelling") {
  // Each text holds the target word once, written in a different way; the highlight must
  // cover exactly that original word: clitics, marks, tatweel and format characters included.
  struct sample {
    const char* text;
    const char* query;
    const char* word;
  };
  const sample samples[] = {
      {"وَفَرَضَتِ الوِلَايَاتُ المُتَّحِدَةُ عُقُوبَاتٍ جَدِيدَةً عَلَى كُورِيَا الشَّمَالِيَّةِ", "الشمالية", "الشَّمَالِيَّةِ"},
      {"وَفَرَضَتِ الوِلَايَاتُ المُتَّحِدَةُ عُقُوبَاتٍ جَدِيدَةً", "عقوبات", "عُقُوبَاتٍ"},
      {"ٱلۡحَمۡدُ لِلَّهِ رَبِّ ٱلۡعَٰلَمِينَ", "الحمد", "ٱلۡحَمۡدُ"},
      {"ٱلۡحَمۡدُ لِلَّهِ رَبِّ ٱلۡعَٰلَمِينَ", "العالمين", "ٱلۡعَٰلَمِينَ"},  // superscript alef
      {"مَٰلِكِ يَوۡمِ ٱلدِّينِ", "مالك", "مَٰلِكِ"},
      {"قرأ الطالبُ الكتـــابَ كله", "كتاب", "الكتـــابَ"},
      {"قرأ ﺍﻟﻜﺘﺎﺏ كله", "الكتاب", "ﺍﻟﻜﺘﺎﺏ"},
      {"قرأ ال\u200Cكتاب كله", "كتاب", "ال\u200Cكتاب"},
      {"قرأ والكتاب كله", "كتاب", "والكتاب"},
      {"\u200F«الكِتَابُ»، ثم", "كتاب", "الكِتَابُ"},
  };
  for (const sample& s : samples) {
    CAPTURE(s.text);
    const auto idx = build_index({doc(0, s.text, s.text)});
    const auto r = fahras::search(idx, s.query);
    REQUIRE(r.hits.size() == 1);
    const auto& h = r.hits[0];
    CHECK(slices(s.text, h.title_highlights) == std::vector<std::string>{s.word});
    CHECK(slices(h.snippet.text, h.snippet.highlights) == std::vector<std::string>{s.word});
    const auto m = fahras::match_document(idx, 0, s.query);
    CHECK(slices(s.text, m.text) == std::vector<std::string>{s.word});
    CHECK(slices(s.text, m.title) == std::vector<std::string>{s.word});
  }
}

TEST_CASE("a word written with a superscript alef is found by either spelling") {
  const auto idx = build_index(
      {doc(0, "", "مَٰلِكِ يَوۡمِ ٱلدِّينِ"), doc(1, "", "مالك الحزين"), doc(2, "", "ملك البلاد")});
  CHECK(matching(idx, "مالك") == docs_t{0, 1});  // the document holds both spellings
  CHECK(matching(idx, "ملك") == docs_t{0, 2});
  // A query is searched as it reads without marks (invariance): مَٰلِكِ as ملك. Its full-alef
  // spelling is no skeleton sibling (the alef is the second letter); without siblings, the
  // query searches both spellings.
  CHECK(matching(idx, "مَٰلِكِ") == matching(idx, "ملك"));
  fahras::search_options no_siblings;
  no_siblings.spelling = fahras::spelling_variants::none;
  const auto both = ranked(fahras::search(idx, "مَٰلِكِ", no_siblings));
  CHECK(docs_t(both.begin(), both.end()) == docs_t{0, 1, 2});
  CHECK(matching(idx, "\"مالك يوم\"") == docs_t{0});
  CHECK(fahras::analyze("مَٰلِكِ").size() == 1);  // one token: the document length counts it once
  CHECK(idx.text_length(0) == 3);
}

TEST_CASE("أبو, أبي and أبا find one another, the typed form first") {
  const auto idx = build_index({doc(0, "", "عن أبي هريرة قال"), doc(1, "", "حدثنا أبو هريرة"),
                                doc(2, "", "إن أبا هريرة روى"), doc(3, "", "هريرة صغيرة"),
                                doc(4, "", "فتح الباب"), doc(5, "", "جاء أخوك وأخي")});
  CHECK(matching(idx, "ابو هريره") == docs_t{0, 1, 2});
  CHECK(matching(idx, "أبي هريرة") == docs_t{0, 1, 2});
  CHECK(matching(idx, "\"ابا هريره\"") == docs_t{0, 1, 2});
  CHECK(ranked(search_all(idx, "ابو هريره")).front() == 1);  // the form as typed first
  CHECK(ranked(search_all(idx, "أبي هريرة")).front() == 0);
  CHECK(matching(idx, "اخو") == docs_t{5});  // أخي; not أخوك, whose stem is اخوك
  const auto poet = build_index(
      {doc(0, "امرؤ القيس", "شعر"), doc(1, "", "ديوان امرئ القيس"), doc(2, "", "القيس")});
  CHECK(matching(poet, "امرئ القيس") == docs_t{0, 1});
  CHECK(matching(poet, "امرؤ القيس") == docs_t{0, 1});
  CHECK(matching(idx, "باب") == docs_t{4});  // other short words are left alone
  // The variant is highlighted as the word it is.
  const auto r = fahras::search(idx, "ابو هريره");
  REQUIRE(r.total == 3);
  REQUIRE(r.hits.size() == 4);  // and d3, a partial match with هريرة alone
  CHECK(r.hits[3].doc == 3);
  for (std::size_t i = 0; i < r.total; ++i) {
    const auto& h = r.hits[i];
    const auto& text = h.snippet.text;
    const auto words = slices(text, h.snippet.highlights);
    REQUIRE(words.size() == 2);
    CHECK((words[0] == "أبي" || words[0] == "أبو" || words[0] == "أبا"));
    CHECK(words[1] == "هريرة");
  }
}

TEST_CASE("match_document gives every match in title and text") {
  const std::string title = "كوريا الشمالية وروسيا";
  const std::string text = "زارت روسيا كوريا. ثم قالت كوريا الشمالية إن الكوريين وروسيا حلفاء";
  const auto idx = build_index({doc(0, "", "روسيا"), doc(1, title, text)});
  const auto m = fahras::match_document(idx, 1, "كوريا روسيا -الصين");
  CHECK(slices(title, m.title) == std::vector<std::string>{"كوريا", "وروسيا"});
  CHECK(slices(text, m.text) == std::vector<std::string>{"روسيا", "كوريا", "كوريا", "وروسيا"});
  SUBCASE("a phrase highlights its words only where they stand together") {
    const auto p = fahras::match_document(idx, 1, "\"كوريا الشمالية\"");
    CHECK(slices(text, p.text) == std::vector<std::string>{"كوريا", "الشمالية"});
    CHECK(p.text.at(0).begin > text.find("كوريا"));
    CHECK(slices(title, p.title) == std::vector<std::string>{"كوريا", "الشمالية"});
  }
  SUBCASE("a prefix in search-as-you-type mode") {
    const auto p = fahras::match_document(idx, 1, "حل", true);
    CHECK(slices(text, p.text) == std::vector<std::string>{"حلفاء"});
    CHECK(fahras::match_document(idx, 1, "حل", false).text.empty());
  }
  SUBCASE("a document number out of range has no matches") {
    const auto none = fahras::match_document(idx, 2, "روسيا");
    CHECK(none.text.empty());
    CHECK(none.title.empty());
  }
}

TEST_CASE("a long query is cut and says so") {
  const auto idx = build_index({doc(0, "", "كتاب")});
  std::string q;
  while (q.size() < 100 * 1024) q += "كتاب ";
  const auto r = fahras::search(idx, q);
  CHECK(r.total == 1);
  CHECK(std::any_of(r.notes.begin(), r.notes.end(), [](const fahras::query_note& n) {
    return n.what == fahras::query_note::kind::truncated;
  }));
}

TEST_CASE("random queries never fail and stay consistent") {
  const auto idx = build_index({
      doc(0, "روسيا وكوريا الشمالية", "فرضت العقوبات على كوريا الشمالية", {{"source", "إرم نيوز"}}),
      doc(1, "الشراكة الاستراتيجية", "معاهدة بين روسيا وكوريا", {{"source", "الحل نت"}}),
      doc(2, "", "ٱلۡحَمۡدُ لِلَّهِ رَبِّ ٱلۡعَٰلَمِينَ ﷺ"),
  });
  std::mt19937 rng(2024);
  for (int round = 0; round < 1500; ++round) {
    std::string q =
        round % 2 ? fahras::test::random_bytes(rng, 40) : fahras::test::random_arabicish(rng, 30);
    if (round % 5 == 0) q = "\"" + q;
    if (round % 7 == 0) q += " OR -source:نيوز*";
    CAPTURE(fahras::test::hex(q));
    fahras::search_options o;
    o.prefix = round % 3 == 0;
    o.limit = 5;
    const auto r = fahras::search(idx, q, o);
    CHECK(r.total <= 3);
    CHECK(r.total + r.partial <= 3);
    CHECK(r.hits.size() == std::min<std::size_t>(r.total + r.partial, 5));
    for (const auto& h : r.hits) {
      CHECK(std::isfinite(h.score));
      const auto stored = idx.document(h.doc);
      CHECK(stored.text.substr(h.snippet.begin, h.snippet.text.size()) == h.snippet.text);
    }
  }
}

}  // TEST_SUITE("search")
