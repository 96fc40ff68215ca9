// Tests of written_forms.hpp: the written form shown for a search key or a stem.
// SPDX-License-Identifier: MIT
#include <fahras/written_forms.hpp>

#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine_util.hpp"
#include "test_util.hpp"

using fahras::term_form;
using fahras::test::build_index;
using fahras::test::doc;

namespace {

// written_forms by reading every token of the first `max` documents that have a term, the
// way it was computed before it read only as far as the index's positions say: the same
// answers are expected.
std::vector<std::string> read_in_full(const std::vector<fahras::document>& docs,
                                      const std::vector<std::string>& terms, term_form of,
                                      std::size_t max) {
  const fahras::analyzer a;
  const bool stems = of == term_form::stem;
  std::vector<std::string> out;
  for (const std::string& term : terms) {
    std::map<std::string, std::uint32_t> counts;
    std::size_t read = 0;
    for (std::size_t d = 0; d < docs.size() && read < max; ++d) {
      bool has = false;
      for (const std::string* text : {&docs[d].title, &docs[d].text})
        for (const fahras::analyzed_token& t : a(*text))
          if (term == (stems ? t.stem : t.normalized) ||
              (!t.alternate.empty() && term == (stems ? t.alternate_stem : t.alternate))) {
            ++counts[text->substr(t.begin, t.end - t.begin)];
            has = true;
          }
      read += has;
    }
    std::string best = term;
    std::uint32_t most = 0;
    for (const auto& [form, n] : counts)  // in order: ties go to the form that sorts first
      if (n > most) {
        most = n;
        best = form;
      }
    out.push_back(best);
  }
  return out;
}

// Every key and stem of `docs` (with some that are not there) has the written form a full
// reading gives, reading up to 1, 2 and 16 documents a term.
void check_against_full_reading(const std::vector<fahras::document>& docs, std::size_t sample) {
  const auto idx = fahras::test::build_index(docs);
  std::set<std::string> keys{"غائب"}, stems{"غائب"};
  for (const fahras::document& d : docs)
    for (const std::string* text : {&d.title, &d.text})
      for (const fahras::analyzed_token& t : fahras::analyze(*text)) {
        keys.insert(t.normalized);
        stems.insert(t.stem);
        if (!t.alternate.empty()) {
          keys.insert(t.alternate);
          stems.insert(t.alternate_stem);
        }
      }
  std::mt19937 rng(5);
  for (const auto& [all, form] :
       {std::pair{&keys, term_form::normalized}, {&stems, term_form::stem}}) {
    const term_form of = form;  // a variable the CHECK's lambdas can capture (C++17)
    std::vector<std::string> terms(all->begin(), all->end());
    std::shuffle(terms.begin(), terms.end(), rng);
    terms.resize(std::min(terms.size(), sample));
    for (const std::size_t max : {std::size_t{1}, std::size_t{2}, std::size_t{16}}) {
      CAPTURE(max);
      CAPTURE(of == term_form::stem);
      // A few terms at once, as a typo note asks: documents are shared between them.
      for (std::size_t i = 0; i < terms.size(); i += 4) {
        const std::vector<std::string> some(
            terms.begin() + static_cast<std::ptrdiff_t>(i),
            terms.begin() + static_cast<std::ptrdiff_t>(std::min(terms.size(), i + 4)));
        CHECK(fahras::written_forms(idx, some, of, {max}) == read_in_full(docs, some, of, max));
      }
    }
  }
}

}  // namespace

TEST_SUITE("written_forms") {

TEST_CASE("a search key is shown as the text most often writes it") {
  const auto idx = build_index({doc(0, "الشراكة", "الشَّراكة والشراكة في الطاقة"),
                                doc(1, "", "الشراكة الاستراتيجية"), doc(2, "", "أوكرانيا")});
  CHECK(fahras::written_forms(idx, {"الشراكه", "اوكرانيا"}, term_form::normalized) ==
        std::vector<std::string>{"الشراكة", "أوكرانيا"});
}

TEST_CASE("a stem is shown as its most frequent word") {
  const auto idx = build_index(
      {doc(0, "", "العلاقات بين البلدين والعلاقة"), doc(1, "", "العلاقات التجارية علاقات")});
  const fahras::analyzer a;
  const std::string stem(a.stem(a.normalize("العلاقات")));
  CHECK(fahras::written_forms(idx, {stem}, term_form::stem) ==
        std::vector<std::string>{"العلاقات"});
}

TEST_CASE("ties go to the form that sorts first: unknown terms and surface forms stay") {
  const auto idx = build_index({doc(0, "", "كوريا كوريّا")});
  CHECK(fahras::written_forms(idx, {"كوريا"}, term_form::normalized)[0] == "كوريا");
  CHECK(fahras::written_forms(idx, {"غائب"}, term_form::normalized)[0] == "غائب");
  CHECK(fahras::written_forms(idx, {"غائب"}, term_form::stem)[0] == "غائب");
  CHECK(fahras::written_forms(idx, {"كوريّا"}, term_form::surface)[0] == "كوريّا");
  CHECK(fahras::written_forms(idx, {}, term_form::stem).empty());
}

TEST_CASE("a form is looked for only in documents that have it, up to max_documents") {
  // The form الكتب (stem كتب) appears only in document 2; its stem list also holds 0 and 1.
  const auto idx =
      build_index({doc(0, "", "كتب كتب كتب"), doc(1, "", "الكاتب كتب"), doc(2, "", "الكُتُب")});
  CHECK(fahras::written_forms(idx, {"الكتب"}, term_form::normalized)[0] == "الكُتُب");
  fahras::written_form_options none;
  none.max_documents = 0;
  CHECK(fahras::written_forms(idx, {"الكتب"}, term_form::normalized, none)[0] == "الكتب");
}

TEST_CASE("an index without stored text has only its titles to read") {
  fahras::index_options io;
  io.store_text = false;
  const auto idx = build_index({doc(0, "الشراكة", "الشراكة"), doc(1, "", "أوكرانيا")}, io);
  CHECK(fahras::written_forms(idx, {"الشراكه", "اوكرانيا"}, term_form::normalized) ==
        std::vector<std::string>{"الشراكة", "اوكرانيا"});
}

TEST_CASE("written forms read as far as the positions say are a full reading's: articles") {
  const std::vector<fahras::document> docs = fahras::test::article_documents();
  check_against_full_reading(docs, 300);
}

TEST_CASE("written forms read as far as the positions say are a full reading's: odd texts") {
  // Keys written several ways (marks, tatweel, superscript alefs, ligatures), words cut at
  // max_token_bytes, bad bytes, in titles and texts of every length: occurrences fall at the
  // start, the middle and the end, and prefixes are cut at odd places.
  const std::vector<std::string> words = {"الشراكة",
                                          "الشَّراكة",
                                          "الشراكه",
                                          "الشراكـــة",
                                          "مَٰلِكِ",
                                          "مالك",
                                          "ملك",
                                          "ٱلۡعَٰلَمِينَ",
                                          "العالمين",
                                          "ﺍﻟﻜﺘﺎﺏ",
                                          "الكتاب",
                                          "الكِتَابُ",
                                          "ﷺ",
                                          "«كتب»،",
                                          "2024",
                                          "\xFF",
                                          std::string(300, 'a'),
                                          "ب" + std::string(260, 'b')};
  std::mt19937 rng(3);
  std::vector<fahras::document> docs;
  for (std::size_t d = 0; d < 50; ++d) {
    const std::size_t length = d % 10 == 0 ? rng() % 3 : rng() % 300;
    std::string title, text;
    for (std::size_t i = 0; i < length; ++i)
      text += (i % 5 == 0 ? words[rng() % words.size()] : std::string("نهر")) + " ";
    for (std::size_t i = 0; i < rng() % 4; ++i) title += words[rng() % words.size()] + " ";
    docs.push_back(doc(d, title, text));
  }
  check_against_full_reading(docs, 1000);
}

TEST_CASE("written forms are a full reading's: words glued by any separator, or by none") {
  // Natively the forms of search keys are found by a scan of the raw text for one of their
  // letters (key_occurrences.hpp), which reads from the ASCII separators around each place
  // found: texts where words are glued by Arabic punctuation, joiners, marks or nothing at all.
  const std::vector<std::string> words = {"الشراكة", "الشَّراكة", "الشراكه", "ﺍﻟﻜﺘﺎﺏ", "الكتاب",
                                          "الكِتَابُ",  "مَٰلِكِ",     "مالك",    "ﷺ",      "كتب"};
  const std::vector<std::string> glue = {" ", "", "،", "ـ", "\u200C", "\n", "«", "\xFF", "َ"};
  std::mt19937 rng(4);
  std::vector<fahras::document> docs;
  for (std::size_t d = 0; d < 40; ++d) {
    std::string title, text;
    for (std::size_t i = 0, length = rng() % 200; i < length; ++i)
      text += (i % 4 == 0 ? words[rng() % words.size()] : std::string("نهر")) +
              glue[rng() % glue.size()];
    for (std::size_t i = 0; i < rng() % 4; ++i)
      title += words[rng() % words.size()] + glue[rng() % glue.size()];
    docs.push_back(doc(d, title, text));
  }
  check_against_full_reading(docs, 1000);
}

}  // TEST_SUITE("written_forms")
