// Tests of index.hpp: building an index, its counts, stored documents and saved options.
// SPDX-License-Identifier: MIT
#include <fahras/index.hpp>
#include <fahras/index_builder.hpp>
#include <fahras/search.hpp>
#include <fahras/serialize.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "engine_util.hpp"

using fahras::test::build_index;
using fahras::test::doc;
using fahras::test::matching;

TEST_SUITE("index") {

TEST_CASE("documents are numbered in insertion order and stored as given") {
  const std::vector<fahras::document> docs = {
      {"first", "روسيا وكوريا", "نص المقال الأول", {{"source", "إرم نيوز"}, {"date", "2024"}}},
      {"second", "", "", {}},
      {"third", "عنوانٌ مُشَكَّل", "نَصٌّ مُشَكَّلٌ تماماً", {{"date", "2025"}}},
  };
  fahras::index_builder builder;
  for (std::size_t i = 0; i < docs.size(); ++i) CHECK(builder.add(docs[i]) == i);
  CHECK(builder.doc_count() == 3);
  const fahras::index idx = builder.build().value();
  REQUIRE(idx.doc_count() == 3);
  for (fahras::doc_id d = 0; d < 3; ++d) {
    CAPTURE(d);
    const fahras::stored_document s = idx.document(d);
    CHECK(s.id == docs[d].id);
    CHECK(s.title == docs[d].title);
    CHECK(s.text == docs[d].text);
    REQUIRE(s.fields.size() == docs[d].fields.size());
    for (std::size_t f = 0; f < s.fields.size(); ++f) {
      CHECK(s.fields[f].first == docs[d].fields[f].first);
      CHECK(s.fields[f].second == docs[d].fields[f].second);
    }
    CHECK(idx.document_id(d) == docs[d].id);
    CHECK(idx.find_document(docs[d].id) == d);
  }
  CHECK_FALSE(idx.find_document("missing").has_value());
  CHECK(idx.field_names() == std::vector<std::string>{"source", "date"});
}

TEST_CASE("fields named id, title or text are not metadata") {
  const fahras::index idx = build_index(
      {{"x", "t", "body", {{"id", "other"}, {"title", "بديل"}, {"text", "بديل"}, {"lang", "ar"}}}});
  const auto s = idx.document(0);
  REQUIRE(s.fields.size() == 1);
  CHECK(s.fields[0].first == "lang");
  CHECK(s.id == "x");
  CHECK(idx.field_names() == std::vector<std::string>{"lang"});
  CHECK(matching(idx, "بديل").empty());
}

TEST_CASE("lengths and token counts come from the analyzed title and text") {
  const std::vector<fahras::document> docs = {
      doc(0, "كوريا الشمالية", "فرضت العقوبات على كوريا."),
      doc(1, "روسيا", "زار الرئيسُ الروسيُّ بيونغ يانغ في 2024 (يونيو)"), doc(2, "", "")};
  const fahras::index idx = build_index(docs);
  const fahras::analyzer a;
  std::uint64_t title_total = 0, text_total = 0;
  for (fahras::doc_id d = 0; d < docs.size(); ++d) {
    CAPTURE(d);
    CHECK(idx.title_length(d) == a(docs[d].title).size());
    CHECK(idx.text_length(d) == a(docs[d].text).size());
    title_total += a(docs[d].title).size();
    text_total += a(docs[d].text).size();
  }
  CHECK(idx.token_count() == title_total + text_total);
  CHECK(idx.average_title_length() == doctest::Approx(double(title_total) / 3));
  CHECK(idx.average_text_length() == doctest::Approx(double(text_total) / 3));
}

TEST_CASE("an empty index builds, loads and finds nothing") {
  const fahras::index idx = build_index({});
  CHECK(idx.doc_count() == 0);
  CHECK(idx.token_count() == 0);
  CHECK(idx.average_text_length() == 0.0);
  CHECK(fahras::search(idx, "كتاب").total == 0);
  const auto loaded = fahras::load_index(idx.data(), idx.size());
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error().message);
  CHECK(loaded->doc_count() == 0);
}

TEST_CASE("without store_text the text is searchable but not kept") {
  fahras::index_options o;
  o.store_text = false;
  const std::string text = "نص طويل عن العقوبات المفروضة";
  const fahras::index with = build_index({doc(0, "عنوان", text)});
  const fahras::index without = build_index({doc(0, "عنوان", text)}, o);
  CHECK(with.stores_text());
  CHECK_FALSE(without.stores_text());
  CHECK(without.document(0).text.empty());
  CHECK(without.document(0).title == "عنوان");
  CHECK(matching(without, "العقوبات") == std::set<fahras::doc_id>{0});
  CHECK(without.size() < with.size());
  CHECK(fahras::search(without, "العقوبات").hits.at(0).snippet.text.empty());
}

TEST_CASE("sizes add up to the whole index") {
  const fahras::index idx =
      build_index({doc(0, "روسيا", "كوريا الشمالية وروسيا"), doc(1, "كوريا", "روسيا")});
  const fahras::index_sizes s = idx.sizes();
  CHECK(s.total == idx.size());
  CHECK(s.dictionary + s.postings + s.positions + s.stored + s.docs + s.meta < s.total);
  CHECK(s.docs == 2 * 8);
  CHECK(idx.to_bytes().size() == idx.size());
}

TEST_CASE("the builder is empty after build() and can be used again") {
  fahras::index_builder builder;
  builder.add(doc(0, "أول", "كتاب"));
  const fahras::index first = builder.build().value();
  CHECK(builder.doc_count() == 0);
  CHECK(builder.add(doc(1, "ثان", "مدرسة")) == 0);
  const fahras::index second = builder.build().value();
  CHECK(first.doc_count() == 1);
  CHECK(second.doc_count() == 1);
  CHECK(matching(second, "كتاب").empty());
  CHECK(matching(second, "مدرسة") == std::set<fahras::doc_id>{0});
  CHECK(second.document(0).id == "d1");
}

TEST_CASE("building into a stream gives the same bytes as building in memory") {
  const std::vector<fahras::document> docs = {
      doc(0, "روسيا وكوريا", "العقوبات الدولية على كوريا", {{"source", "الحل نت"}}),
      doc(1, "الشراكة", "شراكة استراتيجية", {{"source", "إرم نيوز"}})};
  const fahras::index memory = build_index(docs);
  std::stringstream out(std::ios::in | std::ios::out | std::ios::binary);
  fahras::index_builder streaming({}, out);
  for (const auto& d : docs) streaming.add(d);
  const auto size = streaming.finish();
  REQUIRE_MESSAGE(size.has_value(), size.error().message);
  const std::string bytes = out.str();
  CHECK(*size == bytes.size());
  CHECK(bytes == std::string(reinterpret_cast<const char*>(memory.data()), memory.size()));

  SUBCASE("build() on a streaming builder and finish() on a memory builder are refused") {
    std::stringstream other;
    fahras::index_builder s({}, other);
    CHECK(s.build().error().code == fahras::errc::invalid_argument);
    fahras::index_builder m;
    CHECK(m.finish().error().code == fahras::errc::invalid_argument);
  }
}

TEST_CASE("the same documents always give the same bytes") {
  const std::vector<fahras::document> docs = {doc(0, "أ", "ب ت ث كتاب"), doc(1, "ج", "كتاب مدرسة")};
  CHECK(build_index(docs).to_bytes() == build_index(docs).to_bytes());
}

TEST_CASE("analysis options are saved with the index and used for queries") {
  SUBCASE("alef folding off: hamza forms stay distinct") {
    fahras::index_options o;
    o.analysis.normalize.fold_alef = false;
    const fahras::index idx = build_index({doc(0, "", "أحمد"), doc(1, "", "احمد")}, o);
    const auto loaded = fahras::load_index(idx.to_bytes());
    REQUIRE(loaded.has_value());
    CHECK(matching(*loaded, "أحمد") == std::set<fahras::doc_id>{0});
    CHECK(matching(build_index({doc(0, "", "أحمد"), doc(1, "", "احمد")}), "أحمد") ==
          std::set<fahras::doc_id>{0, 1});
  }
  SUBCASE("no stemmer: only the same normalized form matches") {
    fahras::index_options o;
    o.analysis.stem = fahras::stemmer::none;
    const fahras::index idx = build_index({doc(0, "", "الكتاب"), doc(1, "", "كتاب")}, o);
    const auto loaded = fahras::load_index(idx.to_bytes());
    REQUIRE(loaded.has_value());
    CHECK(matching(*loaded, "كتاب") == std::set<fahras::doc_id>{1});
    CHECK(matching(*loaded, "الكتاب") == std::set<fahras::doc_id>{0});
  }
  SUBCASE("an index keeps the stemmer it was built with") {
    // light10_larkey takes و off before the article, as Larkey published it; light10,
    // Lucene's, takes one prefix, so وبالتالي keeps بال; light10_fahras (the default) is
    // light10_larkey that keeps أليس whole. An index of each kind stems its queries as it
    // stemmed its text.
    const std::vector<fahras::document> docs = {doc(0, "", "وبالتالي"), doc(1, "", "التالي"),
                                                doc(2, "", "أليس"), doc(3, "", "يس")};
    const fahras::index fahras_stems = fahras::test::reloaded(build_index(docs));
    CHECK(fahras_stems.analyzer().options().stem == fahras::stemmer::light10_fahras);
    CHECK(matching(fahras_stems, "تالي") == std::set<fahras::doc_id>{0, 1});
    CHECK(matching(fahras_stems, "يس") == std::set<fahras::doc_id>{3});
    CHECK(matching(fahras_stems, "أليس") == std::set<fahras::doc_id>{2});
    fahras::index_options o;
    o.analysis.stem = fahras::stemmer::light10_larkey;
    const fahras::index larkey = fahras::test::reloaded(build_index(docs, o));
    CHECK(larkey.analyzer().options().stem == fahras::stemmer::light10_larkey);
    CHECK(matching(larkey, "تالي") == std::set<fahras::doc_id>{0, 1});
    CHECK(matching(larkey, "يس") == std::set<fahras::doc_id>{2, 3});  // as it was built
    o.analysis.stem = fahras::stemmer::light10;
    const fahras::index lucene = fahras::test::reloaded(build_index(docs, o));
    CHECK(lucene.analyzer().options().stem == fahras::stemmer::light10);
    CHECK(matching(lucene, "تالي") == std::set<fahras::doc_id>{1});
    CHECK(matching(lucene, "وبالتالي") == std::set<fahras::doc_id>{0});
  }
  SUBCASE("keywords are never stemmed") {
    fahras::index_options o;
    o.analysis.keywords = {"الكتاب"};
    const fahras::index idx = build_index({doc(0, "", "الكتاب"), doc(1, "", "كتاب")}, o);
    const auto loaded = fahras::load_index(idx.to_bytes());
    REQUIRE(loaded.has_value());
    CHECK(loaded->meta().keywords == std::vector<std::string>{"الكتاب"});
    CHECK(matching(*loaded, "الكتاب") == std::set<fahras::doc_id>{0});
    CHECK(matching(*loaded, "والكتاب").count(0) == 0);
  }
}

TEST_CASE("documents with invalid UTF-8 are indexed around the bad bytes") {
  const std::string text = "كتاب\xFF\xFEمدرسة \xC3 سلام";
  const fahras::index idx = build_index({doc(0, "\x80عنوان", text)});
  CHECK(idx.document(0).text == text);
  CHECK(idx.text_length(0) == 3);
  CHECK(matching(idx, "مدرسة") == std::set<fahras::doc_id>{0});
  CHECK(matching(idx, "عنوان") == std::set<fahras::doc_id>{0});
  const auto loaded = fahras::load_index(idx.data(), idx.size());
  CHECK(loaded.has_value());
}

TEST_CASE("long posting lists with skip blocks answer AND, phrases and exclusions exactly") {
  // "كتاب" is in every document, "مدرسة" in every 7th, the phrase "كتاب جديد" in every 13th:
  // lists of 1000 entries cross many skip blocks of 128. Every 11th title ends with "كتاب"
  // before a text that starts with "جديد": a phrase never spans title and text.
  std::vector<fahras::document> docs;
  for (std::size_t i = 0; i < 1000; ++i) {
    std::string text = i % 13 == 0 ? "كتاب جديد" : "جديد";
    if (i % 7 == 0) text += " مدرسة";
    if (i % 13 != 0) text += " كتاب";
    if (i % 5 == 0) text += " سلام";
    docs.push_back(doc(i, i % 11 == 0 ? "عنوان كتاب" : "", text));
  }
  const fahras::index idx = build_index(docs);
  const auto loaded = fahras::load_index(idx.data(), idx.size());
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error().message);
  std::set<fahras::doc_id> sevens, thirteens, sevens_not_fives, all;
  for (fahras::doc_id i = 0; i < 1000; ++i) {
    all.insert(i);
    if (i % 7 == 0) sevens.insert(i);
    if (i % 7 == 0 && i % 5 != 0) sevens_not_fives.insert(i);
    if (i % 13 == 0) thirteens.insert(i);
  }
  for (const fahras::index* x : {&idx, &loaded.value()}) {
    CHECK(matching(*x, "كتاب") == all);
    CHECK(matching(*x, "كتاب مدرسة") == sevens);
    CHECK(matching(*x, "مدرسة كتاب جديد") == sevens);
    CHECK(matching(*x, "\"كتاب جديد\"") == thirteens);
    CHECK(matching(*x, "مدرسة -سلام") == sevens_not_fives);
    CHECK(fahras::search(*x, "كتاب").total == 1000);
  }
}

}  // TEST_SUITE("index")
