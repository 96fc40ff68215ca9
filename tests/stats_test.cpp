// Tests of stats.hpp: corpus counts, frequency lists, KWIC and collocates, each checked
// against a direct count over the analyzed documents.
// SPDX-License-Identifier: MIT
#include <fahras/index_builder.hpp>
#include <fahras/stats.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine_util.hpp"

using fahras::test::build_index;
using fahras::test::doc;

namespace {

const std::vector<fahras::document>& corpus() {
  static const std::vector<fahras::document> docs = {
      doc(0, "العقوبات على كوريا",
          "فرضت الولايات المتحدة عقوبات صارمة على كوريا الشمالية. "
          "وقالت إن العقوبات الصارمة ستستمر.",
          {{"source", "إرم نيوز"}}),
      doc(1, "روسيا وكوريا",
          "وقّعت روسيا وكوريا الشمالية معاهدة. ورفضت روسيا العقوباتِ "
          "الصارمةَ على حليفتها كوريا.",
          {{"source", "الحل نت"}}),
      doc(2, "الشراكة",
          "الشراكة الاستراتيجية بين البلدين تتجاوز العقوبات. "
          "والشراكة في الطاقة والسلاح والغذاء."),
      doc(3, "", "كوريا الشمالية"),
  };
  return docs;
}

const fahras::index& corpus_index() {
  static const fahras::index idx = build_index(corpus());
  return idx;
}

// What frequencies() should return, counted directly from the documents.
std::vector<fahras::frequency_entry> expected_frequencies(const fahras::frequency_options& o) {
  const fahras::analyzer a;
  std::set<std::string> stopword_stems;
  for (std::string_view w : fahras::detail::arabic_stopwords) stopword_stems.emplace(a.stem(w));
  std::map<std::string, std::pair<std::uint64_t, std::set<std::size_t>>> counts;
  std::map<std::string, std::map<std::string, int>> written;  // term -> surface form -> count
  for (std::size_t d = 0; d < corpus().size(); ++d) {
    for (const std::string* field : {&corpus()[d].title, &corpus()[d].text}) {
      for (const auto& t : a(*field)) {
        std::string term = o.by == fahras::term_form::stem ? t.stem
                           : o.by == fahras::term_form::normalized
                               ? t.normalized
                               : field->substr(t.begin, t.end - t.begin);
        if (o.skip_stopwords) {
          if (o.by == fahras::term_form::surface && fahras::is_stopword(t.normalized)) continue;
          if (o.by != fahras::term_form::surface && fahras::is_stopword(term)) continue;
          if (o.by == fahras::term_form::stem && stopword_stems.count(term)) continue;
        }
        auto& c = counts[term];
        ++c.first;
        c.second.insert(d);
        ++written[term][field->substr(t.begin, t.end - t.begin)];
      }
    }
  }
  std::vector<fahras::frequency_entry> out;
  for (const auto& [term, c] : counts) {
    // The most frequent surface form; a std::map meets ties in sorted order, keeping the first.
    std::string most;
    int n = 0;
    for (const auto& [form, k] : written[term])
      if (k > n) {
        n = k;
        most = form;
      }
    out.push_back({term, most, c.first, static_cast<std::uint32_t>(c.second.size())});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    return x.count != y.count ? x.count > y.count : x.term < y.term;
  });
  if (out.size() > o.top) out.resize(o.top);
  return out;
}

bool same(const std::vector<fahras::frequency_entry>& a,
          const std::vector<fahras::frequency_entry>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].term != b[i].term || a[i].written != b[i].written || a[i].count != b[i].count ||
        a[i].docs != b[i].docs)
      return false;
  return true;
}

}  // namespace

TEST_SUITE("stats") {

TEST_CASE("count_corpus counts documents, tokens and distinct forms and stems") {
  const fahras::analyzer a;
  std::set<std::string> forms, stems;
  std::uint64_t tokens = 0;
  for (const auto& d : corpus())
    for (const std::string* field : {&d.title, &d.text})
      for (const auto& t : a(*field)) {
        forms.insert(t.normalized);
        stems.insert(t.stem);
        ++tokens;
      }
  const fahras::corpus_counts c = fahras::count_corpus(corpus_index());
  CHECK(c.documents == corpus().size());
  CHECK(c.tokens == tokens);
  CHECK(c.normalized_vocabulary == forms.size());  // metadata values are not words
  CHECK(c.stem_vocabulary == stems.size());
  CHECK(fahras::count_corpus(build_index({})).tokens == 0);
}

TEST_CASE("frequencies by stem, normalized form and surface form match a direct count") {
  for (auto by :
       {fahras::term_form::stem, fahras::term_form::normalized, fahras::term_form::surface}) {
    for (bool skip : {true, false}) {
      for (std::size_t top : {std::size_t{3}, std::size_t{100}}) {
        fahras::frequency_options o;
        o.by = by;
        o.skip_stopwords = skip;
        o.top = top;
        CAPTURE(static_cast<int>(by));
        CAPTURE(skip);
        CAPTURE(top);
        const auto got = fahras::frequencies(corpus_index(), o);
        CHECK(same(got, expected_frequencies(o)));
      }
    }
  }
}

TEST_CASE("the most frequent stem is counted across forms") {
  fahras::frequency_options o;
  o.top = 1;
  const auto top = fahras::frequencies(corpus_index(), o);
  REQUIRE(top.size() == 1);
  // كوريا: titles 0 and 1, texts 0, 1 (twice) and 3.
  CHECK(top[0].term == "كوريا");
  CHECK(top[0].count == 6);
  CHECK(top[0].docs == 3);
}

TEST_CASE("surface frequencies need the stored text, stems do not") {
  fahras::index_options io;
  io.store_text = false;
  const auto idx = build_index(corpus(), io);
  fahras::frequency_options o;
  o.by = fahras::term_form::stem;
  auto got = fahras::frequencies(idx, o);
  // Written forms then come from the titles alone, or are the stems themselves.
  for (auto& e : got) {
    CHECK_FALSE(e.written.empty());
    e.written.clear();
  }
  auto expected = expected_frequencies(o);
  for (auto& e : expected) e.written.clear();
  CHECK(same(got, expected));
  o.by = fahras::term_form::surface;
  for (const auto& e : fahras::frequencies(idx, o)) CHECK(e.count <= 2);  // titles only
}

TEST_CASE("kwic lists every occurrence in the texts, in document order, with context") {
  const fahras::analyzer a;
  fahras::kwic_options o;
  o.width = 12;
  const auto lines = fahras::kwic(corpus_index(), "عقوبة", o);
  std::vector<std::pair<fahras::doc_id, std::size_t>> expected;
  for (fahras::doc_id d = 0; d < corpus().size(); ++d)
    for (const auto& t : a(corpus()[d].text))
      if (t.stem == "عقوب") expected.emplace_back(d, t.begin);
  REQUIRE(lines.size() == expected.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CAPTURE(i);
    const std::string& text = corpus()[lines[i].doc].text;
    CHECK(lines[i].doc == expected[i].first);
    CHECK(lines[i].span.begin == expected[i].second);
    CHECK(lines[i].id == corpus()[lines[i].doc].id);
    CHECK(text.substr(lines[i].span.begin, lines[i].span.end - lines[i].span.begin) ==
          lines[i].match);
    const std::string joined = lines[i].left + lines[i].match + lines[i].right;
    CHECK(text.find(joined) == lines[i].span.begin - lines[i].left.size());
    CHECK(fahras::detail::count_code_points(lines[i].left) <= 12);
    CHECK(fahras::detail::count_code_points(lines[i].right) <= 12);
    // Whole words: the context ends where a word does, and holds every word that fits.
    const std::size_t from = lines[i].span.begin - lines[i].left.size();
    const std::size_t to = lines[i].span.end + lines[i].right.size();
    for (const auto& t : a(text)) {
      CHECK_FALSE((t.begin < from && t.end > from));
      CHECK_FALSE((t.begin < to && t.end > to));
      const bool fits_left =
          t.end <= lines[i].span.begin && fahras::detail::count_code_points(text.substr(
                                              t.begin, lines[i].span.begin - t.begin)) <= 12;
      if (fits_left) CHECK(t.begin >= from);
    }
  }
  CHECK(lines.at(2).match == "العقوباتِ");  // diacritics kept: a slice of the original
  SUBCASE("the limit caps the lines") {
    o.limit = 2;
    CHECK(fahras::kwic(corpus_index(), "عقوبة", o).size() == 2);
  }
}

TEST_CASE("kwic of a phrase spans the whole phrase") {
  const auto lines = fahras::kwic(corpus_index(), "\"كوريا الشمالية\"");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].match == "كوريا الشمالية");
  CHECK(lines[1].match == "وكوريا الشمالية");
  CHECK(lines[2].match == "كوريا الشمالية");
  CHECK(lines[0].doc == 0);
  CHECK(lines[1].doc == 1);
  CHECK(lines[2].doc == 3);
}

TEST_CASE("kwic and collocates need stored text: unknown words give nothing") {
  fahras::index_options io;
  io.store_text = false;
  const auto idx = build_index(corpus(), io);
  CHECK(fahras::kwic(idx, "كوريا").empty());
  CHECK(fahras::collocates(idx, "كوريا").empty());
  CHECK(fahras::kwic(corpus_index(), "غائبتماما").empty());
  CHECK(fahras::kwic(corpus_index(), "").empty());
  CHECK(fahras::collocates(corpus_index(), "").empty());
}

TEST_CASE("collocates are the words near the target more often than chance") {
  // "صارمة" stands next to "عقوبات" three times; "الشمالية" mostly near "كوريا" instead.
  fahras::collocate_options o;
  o.window = 2;
  o.min_count = 2;
  const auto list = fahras::collocates(corpus_index(), "عقوبات", o);
  REQUIRE_FALSE(list.empty());
  CHECK(list[0].stem == "صارم");
  CHECK(list[0].count == 3);
  CHECK(list[0].term == "الصارمه");  // its most frequent form near the target (then alphabetical)
  CHECK(list[0].written == "الصارمة");  // صارمة, الصارمة, الصارمةَ once each: the first in order
  for (std::size_t i = 1; i < list.size(); ++i) CHECK(list[i - 1].score >= list[i].score);

  SUBCASE("counts are co-occurrences within the window, target words and stopwords aside") {
    const fahras::analyzer a;
    std::map<std::string, std::uint32_t> near;
    for (const auto& d : corpus()) {
      const auto t = a(d.text);
      for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i].stem != "عقوب") continue;
        for (std::size_t k = i >= 2 ? i - 2 : 0; k < std::min(t.size(), i + 3); ++k)
          if (k != i && t[k].stem != "عقوب" && !fahras::is_stopword(t[k].normalized))
            ++near[t[k].stem];
      }
    }
    for (const auto& c : list) {
      CAPTURE(c.stem);
      CHECK(c.count == near[c.stem]);
      CHECK(c.count >= o.min_count);
      CHECK(std::isfinite(c.score));
      CHECK(c.score > 0);
    }
  }
  SUBCASE("min_count drops rare neighbours") {
    o.min_count = 4;
    CHECK(fahras::collocates(corpus_index(), "عقوبات", o).empty());
  }
  SUBCASE("top caps the list") {
    o.min_count = 1;
    o.top = 1;
    CHECK(fahras::collocates(corpus_index(), "عقوبات", o).size() == 1);
  }
}

TEST_CASE("regression #9.8: kwic caps the context width at kwic_options::max_width") {
  // 150,000 letters before the word: a width of 2^30 gives max_width of them, not all, and
  // never a gigabyte of anything.
  std::string before;
  for (int i = 0; i < 30000; ++i) before += "بلاد ";
  const fahras::index idx = build_index({doc(0, "", before + "كوريا")});
  const auto lines = fahras::kwic(idx, "كوريا", {std::size_t{1} << 30, 10});
  REQUIRE(lines.size() == 1);
  const auto chars = [](const std::string& s) {
    return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
  };
  CHECK(static_cast<std::size_t>(chars(lines[0].left)) == fahras::kwic_options::max_width);
  CHECK(lines[0].match == "كوريا");
}

TEST_CASE("regression #9.8: collocates caps the window: 2^64-1 does not wrap around") {
  // Every word is within 1000 of the target in these short texts, on both sides: the largest
  // window must count the words after the target too.
  const fahras::index idx = build_index(
      {doc(0, "", "نهر نهر كوريا جبل جبل"), doc(1, "", "نهر كوريا جبل"), doc(2, "", "بحر واسع")});
  fahras::collocate_options widest;
  widest.window = fahras::collocate_options::max_window;
  widest.min_count = 1;
  fahras::collocate_options huge = widest;
  huge.window = ~std::size_t{0};
  const auto expected = fahras::collocates(idx, "كوريا", widest);
  const auto got = fahras::collocates(idx, "كوريا", huge);
  REQUIRE(expected.size() == 2);
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].stem == expected[i].stem);
    CHECK(got[i].count == expected[i].count);
  }
}

}  // TEST_SUITE("stats")
