// Tests of index_options::threads and batch_tokens: an index's bytes never depend on the
// threads it was built with; the batch size changes only how positions are coded.
// SPDX-License-Identifier: MIT
#include <fahras/index.hpp>
#include <fahras/index_builder.hpp>
#include <fahras/search.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "engine_util.hpp"

namespace {

// Documents that cross many small batches: words of a small vocabulary (so the same words
// and stems come back in every batch, under several spellings) and rarer ones, titles, empty
// documents, documents with only metadata, a word with a superscript alef (two keys at one
// position), and metadata fields spread over the batches.
std::vector<fahras::document> mixed_documents(std::size_t count) {
  static const char* const words[] = {
      "الحكومة", "حكومة",   "والحكومة", "الحكومات", "كتب",     "الكتاب", "كتابها",
      "مدرسة",   "المدارس", "روسيا",    "وروسيا",   "كوريا",   "في",     "من",
      "على",     "الرئيس",  "رئيس",     "قال",      "وقال",    "الدولة", "للدولة",
      "هٰذا",     "الرحمٰن",  "مؤتمر",    "2024",     "الشمالية"};
  constexpr std::size_t vocabulary = sizeof(words) / sizeof(words[0]);
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  const auto next = [&state](std::uint64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % n;
  };
  const auto sentence = [&](std::size_t length) {
    std::string s;
    for (std::size_t w = 0; w < length; ++w) {
      if (!s.empty()) s += ' ';
      if (next(10) == 0)
        s += "نادرة" + std::to_string(next(500));  // rarer words, new ones in late batches
      else
        s += words[next(vocabulary)];
    }
    return s;
  };
  std::vector<fahras::document> docs;
  for (std::size_t i = 0; i < count; ++i) {
    fahras::document d{"d" + std::to_string(i), sentence(next(6)), sentence(next(40)), {}};
    if (i % 17 == 5) d.title.clear(), d.text.clear();  // empty
    if (i % 5 == 0) d.fields.push_back({"source", i % 10 == 0 ? "إرم نيوز" : "الشرق"});
    if (i % 7 == 3) d.fields.push_back({"date", std::to_string(2015 + i % 11)});
    if (i % 23 == 11) d.title.clear(), d.text.clear();  // metadata only, or nothing
    docs.push_back(std::move(d));
  }
  return docs;
}

std::vector<std::uint8_t> built_bytes(const std::vector<fahras::document>& docs, unsigned threads,
                                      std::size_t batch_tokens) {
  fahras::index_options options;
  options.threads = threads;
  options.batch_tokens = batch_tokens;
  return fahras::test::build_index(docs, options).to_bytes();
}

std::string streamed_bytes(const std::vector<fahras::document>& docs, unsigned threads,
                           std::size_t batch_tokens) {
  fahras::index_options options;
  options.threads = threads;
  options.batch_tokens = batch_tokens;
  std::stringstream out;
  fahras::index_builder builder(options, out);
  for (const fahras::document& d : docs) builder.add(d);
  REQUIRE(builder.finish().has_value());
  return out.str();
}

}  // namespace

TEST_SUITE("build threads") {

TEST_CASE("the same documents give the same bytes with 1, 2 and 3 threads") {
  const std::vector<fahras::document> docs = mixed_documents(400);
  for (const std::size_t batch : {std::size_t{1}, std::size_t{97}, std::size_t{1000},
                                  fahras::detail::batch_inverter::default_batch_tokens}) {
    CAPTURE(batch);
    const std::vector<std::uint8_t> one = built_bytes(docs, 1, batch);
    CHECK(built_bytes(docs, 2, batch) == one);
    CHECK(built_bytes(docs, 3, batch) == one);
    const std::string streamed = streamed_bytes(docs, 1, batch);
    CHECK(std::vector<std::uint8_t>(streamed.begin(), streamed.end()) == one);
    CHECK(streamed_bytes(docs, 2, batch) == streamed);
  }
}

TEST_CASE("a builder with two threads can be reused, and dropped in the middle of a build") {
  const std::vector<fahras::document> docs = mixed_documents(120);
  fahras::index_options options;
  options.threads = 2;
  options.batch_tokens = 50;
  const std::vector<std::uint8_t> expected = built_bytes(docs, 1, 50);
  fahras::index_builder builder(options);
  for (int round = 0; round < 2; ++round) {
    for (const fahras::document& d : docs) builder.add(d);
    CHECK(builder.build().value().to_bytes() == expected);
  }
  {
    fahras::index_builder dropped(options);  // batches still being written when it goes
    for (const fahras::document& d : docs) dropped.add(d);
  }
}

TEST_CASE("threads 0 builds as 1, and the batch size changes bytes but never the answers") {
  const std::vector<fahras::document> docs = mixed_documents(200);
  CHECK(built_bytes(docs, 0, 64) == built_bytes(docs, 1, 64));

  fahras::index_options small;
  small.batch_tokens = 64;
  const fahras::index batched = fahras::test::build_index(docs, small);
  const fahras::index whole = fahras::test::build_index(docs);
  CHECK(batched.to_bytes() != whole.to_bytes());  // positions coded per first batch
  CHECK(batched.verify().code == fahras::errc::ok);
  for (const char* query : {"الحكومة", "كتب", "\"قال الرئيس\"", "هذا", "source:الشرق",
                            "date:2020 روسيا", "نادرة7", "الحكومة -كوريا"}) {
    CAPTURE(query);
    const fahras::search_results a = fahras::test::search_all(batched, query);
    const fahras::search_results b = fahras::test::search_all(whole, query);
    CHECK(a.total == b.total);
    REQUIRE(a.hits.size() == b.hits.size());
    for (std::size_t i = 0; i < a.hits.size(); ++i) {
      CHECK(a.hits[i].doc == b.hits[i].doc);
      CHECK(a.hits[i].score == b.hits[i].score);
    }
  }
}

}  // TEST_SUITE("build threads")
