// The golden indexes tests/data/index-v<N>.fahras: a file written by every format version must
// always load and answer as its corpus says, and building that corpus today must give the
// current version's bytes, so that every change of the format is deliberate.
//
// To change the format on purpose: bump format_version if old files can no longer be read
// (and keep this file as the old version's golden index), otherwise regenerate it with
//   FAHRAS_UPDATE_GOLDEN=1 build-tests/tests/fahras_tests -ts=golden
// and commit the new file with the change that explains it.
// SPDX-License-Identifier: MIT
#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "engine_util.hpp"
#include "index_exercise.hpp"
#include "test_util.hpp"

using fahras::test::slices;
using docs_t = std::set<fahras::doc_id>;

namespace {

const std::string golden_dir = std::string(FAHRAS_TEST_DATA_DIR);
const std::string golden_path = golden_dir + "/index-v2.fahras";  // the current version
// Version 1 has no spelling-variant terms: its words simply have no siblings.
const std::string golden_paths[] = {golden_dir + "/index-v1.fahras", golden_path};

constexpr fahras::doc_id generated_first = 4;
constexpr fahras::doc_id generated_count = 130;  // a posting list longer than one skip block

// Four hand-written documents (vocalized, Uthmani, presentation forms, tatweel, ZWNJ, a
// ligature, Arabic-Indic digits, metadata), then short generated reports: number i mentions
// الصين when i % 3 == 0 and "كوريا الشمالية" when i % 5 == 0; odd ones come from الحل نت.
std::vector<fahras::document> golden_corpus() {
  std::vector<fahras::document> docs = {
      {"treaty",
       "معاهدة الشراكة بين روسيا وكوريا الشمالية",
       "وَقَّعَتْ رُوسِيَا وَكُورِيَا الشَّمَالِيَّةُ مُعَاهَدَةَ الشَّرَاكَةِ الاسْتِرَاتِيجِيَّةِ الشَّامِلَةِ فِي "
       "بيونغ يانغ عام ٢٠٢٤.",
       {{"source", "مركز حمورابي"}, {"date", "2024-06"}}},
      {"sanctions",
       "العقوبات",
       "فرضت الولاياتُ المتحدةُ عقوباتٍ جديدة، وقالت موسكو إن العقوبات لن تغيّر شيئاً.",
       {{"source", "الحل نت"}, {"date", "2023-09"}}},
      {"fatiha", "الفاتحة", "ٱلۡحَمۡدُ لِلَّهِ رَبِّ ٱلۡعَٰلَمِينَ ٱلرَّحۡمَٰنِ ٱلرَّحِيمِ", {}},
      {"forms",
       "ﺍﻟﻜﺘﺎﺏ",
       "قرأ الطالبُ الكتـــابَ وال\u200Cكتب في المكتبة ﷺ",
       {{"source", "إرم نيوز"}}},
  };
  for (fahras::doc_id i = 0; i < generated_count; ++i) {
    std::string text = "تقرير عن روسيا";
    if (i % 3 == 0) text += " والصين";
    if (i % 5 == 0) text += " وكوريا الشمالية";
    docs.push_back({"g" + std::to_string(i),
                    i % 4 == 0 ? "موجز" : "",
                    text,
                    {{"source", i % 2 ? "الحل نت" : "إرم نيوز"}}});
  }
  return docs;
}

docs_t generated_where(bool (*keep)(fahras::doc_id)) {
  docs_t out;
  for (fahras::doc_id i = 0; i < generated_count; ++i)
    if (keep(i)) out.insert(generated_first + i);
  return out;
}

docs_t with(docs_t set, std::initializer_list<fahras::doc_id> more) {
  set.insert(more);
  return set;
}

std::vector<std::uint8_t> read_golden() {
  const std::string bytes = fahras::test::read_file(golden_path);
  return {bytes.begin(), bytes.end()};
}

// Loads the golden index at `path` and checks it answers as its corpus says. `siblings`: the
// version has spelling-variant terms (2 on), so الكتاب also finds its sibling والكتب.
void check_golden(const std::string& path, bool siblings) {
  CAPTURE(path);
  const auto loaded = fahras::load_index_file(path);
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error().message);
  const fahras::index& idx = *loaded;
  CHECK_FALSE(idx.verify());  // every byte, as loading checked before it turned lazy
  const std::vector<fahras::document> corpus = golden_corpus();
  REQUIRE(idx.doc_count() == corpus.size());
  for (fahras::doc_id d = 0; d < corpus.size(); ++d) {
    CAPTURE(d);
    const auto stored = idx.document(d);
    CHECK(stored.id == corpus[d].id);
    CHECK(stored.title == corpus[d].title);
    CHECK(stored.text == corpus[d].text);
    REQUIRE(stored.fields.size() == corpus[d].fields.size());
    for (std::size_t f = 0; f < stored.fields.size(); ++f) {
      CHECK(stored.fields[f].first == corpus[d].fields[f].first);
      CHECK(stored.fields[f].second == corpus[d].fields[f].second);
    }
  }
  const docs_t all_generated = generated_where([](fahras::doc_id) { return true; });
  using fahras::test::matching;
  CHECK(matching(idx, "روسيا") == with(all_generated, {0}));
  CHECK(matching(idx, "الصين") == generated_where([](fahras::doc_id i) { return i % 3 == 0; }));
  CHECK(matching(idx, "\"كوريا الشمالية\"") ==
        with(generated_where([](fahras::doc_id i) { return i % 5 == 0; }), {0}));
  CHECK(matching(idx, "الصين source:إرم") ==
        generated_where([](fahras::doc_id i) { return i % 6 == 0; }));
  CHECK(matching(idx, "source:نت") ==
        with(generated_where([](fahras::doc_id i) { return i % 2 == 1; }), {1}));
  CHECK(matching(idx, "روسيا -الصين -\"كوريا الشمالية\"") ==
        with(generated_where([](fahras::doc_id i) { return i % 3 != 0 && i % 5 != 0; }), {}));
  CHECK(matching(idx, "عقوبات") == docs_t{1});
  CHECK(matching(idx, "عقوبات -موسكو").empty());
  CHECK(matching(idx, "العقوبت") == docs_t{1});  // spelled without the alef: its sibling
  CHECK(matching(idx, "معاهد*") == docs_t{0});
  CHECK(matching(idx, "2024") == docs_t{0});  // ٢٠٢٤ folds to 2024
  CHECK(matching(idx, "كتاب") == docs_t{3});
  CHECK(matching(idx, "العالمين") == docs_t{2});  // ٱلۡعَٰلَمِينَ, by its full-alef spelling
  CHECK(matching(idx, "موجز") == generated_where([](fahras::doc_id i) { return i % 4 == 0; }));

  const auto fatiha = fahras::search(idx, "الحمد");
  REQUIRE(fatiha.hits.size() == 1);
  CHECK(fatiha.hits[0].id == "fatiha");
  CHECK(slices(fatiha.hits[0].snippet.text, fatiha.hits[0].snippet.highlights) ==
        std::vector<std::string>{"ٱلۡحَمۡدُ"});
  const auto forms = fahras::match_document(idx, 3, "الكتاب");
  CHECK(slices(corpus[3].text, forms.text) ==
        (siblings ? std::vector<std::string>{"الكتـــابَ", "وال\u200Cكتب"}
                  : std::vector<std::string>{"الكتـــابَ"}));
  CHECK(slices(corpus[3].title, forms.title) == std::vector<std::string>{"ﺍﻟﻜﺘﺎﺏ"});

  CHECK(fahras::test::exercise_index(idx).empty());
}

}  // namespace

TEST_SUITE("golden") {

TEST_CASE("building the golden corpus today gives the golden bytes") {
  const fahras::index built = fahras::test::build_index(golden_corpus());
  if (const char* update = std::getenv("FAHRAS_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream out(golden_path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(built.data()),
              static_cast<std::streamsize>(built.size()));
    REQUIRE(out.good());
    MESSAGE("rewrote " << golden_path << " (" << built.size() << " bytes)");
  }
  const std::vector<std::uint8_t> golden = read_golden();
  REQUIRE_MESSAGE(!golden.empty(), golden_path << " is missing");
  CHECK_MESSAGE(built.to_bytes() == golden,
                "the index format or the analysis changed; if on purpose, see the top of "
                "tests/golden_index_test.cpp");
}

TEST_CASE("the golden index of format version 1 loads and answers as its corpus says") {
  check_golden(golden_paths[0], false);
}

TEST_CASE("the golden index of the current version loads and answers as its corpus says") {
  check_golden(golden_paths[1], true);
}

}  // TEST_SUITE("golden")
