// Tests of the spelling-variant layer in a built index (doc/variants.md, section 3): the variant
// terms the builder writes, the siblings a query word finds, their weights, notes and switch.
// SPDX-License-Identifier: MIT
#include <fahras/detail/search/siblings.hpp>
#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine_util.hpp"
#include "test_util.hpp"

using fahras::test::build_index;
using fahras::test::doc;
using fahras::test::matching;
using fahras::test::ranked;
using docs_t = std::set<fahras::doc_id>;

namespace {

// The siblings of a normalized query word, as for_each_sibling gives them.
std::vector<fahras::detail::sibling> find_siblings(const fahras::index& idx,
                                                   std::string_view normalized, std::uint32_t own,
                                                   bool indexed, fahras::spelling_variants kinds) {
  std::vector<fahras::detail::sibling> out;
  fahras::detail::for_each_sibling(
      idx, normalized, own, indexed, kinds,
      [&](fahras::detail::sibling&& s) { out.push_back(std::move(s)); });
  return out;
}

// One spelling per document, so that each sibling brings exactly its documents.
std::vector<fahras::document> spellings() {
  return {
      doc(0, "", "خلق السماوات والأرض في ستة أيام"),
      doc(1, "", "خلق السموات والأرض في كتاب قديم"),
      doc(2, "", "قال إبراهيم لأبيه"),
      doc(3, "", "قال ابرهيم لقومه"),
      doc(4, "", "وصل الوفد إلى بيونغ يانغ أمس"),
      doc(5, "", "وصل الوفد إلى بيونج يانج اليوم"),
      doc(6, "", "السماء صافية فوق المدينة"),
  };
}

// The stems a typed word's siblings bring, sorted.
std::vector<std::string> sibling_stems(
    const fahras::index& idx, const std::string& typed,
    fahras::spelling_variants kinds = fahras::spelling_variants::skeleton_and_transliteration) {
  const std::string normalized = fahras::normalize(typed);
  const std::string stem(idx.analyzer().stem(normalized));
  const auto own = idx.lookup(fahras::detail::encode_key(stem));
  std::vector<std::string> out;
  const auto form = idx.lookup(fahras::detail::encode_key(normalized));
  for (const auto& s : find_siblings(idx, normalized, own ? own->ordinal : fahras::detail::no_term,
                                     form && form->is_form(), kinds))
    out.push_back(s.stem);
  std::sort(out.begin(), out.end());
  return out;
}

// The stems of typed words, sorted.
std::vector<std::string> stems(const fahras::index& idx, std::vector<std::string> words) {
  for (std::string& w : words) w = std::string(idx.analyzer().stem(fahras::normalize(w)));
  std::sort(words.begin(), words.end());
  return words;
}

const fahras::query_note* variant_note(const fahras::search_results& r) {
  for (const auto& n : r.notes)
    if (n.what == fahras::query_note::kind::variant) return &n;
  return nullptr;
}

}  // namespace

TEST_SUITE("siblings") {

TEST_CASE("a built index holds the siblings of classical and transliterated spellings") {
  const fahras::index idx = build_index(spellings());
  CHECK(sibling_stems(idx, "السموات") == stems(idx, {"السماوات"}));
  CHECK(sibling_stems(idx, "السماوات") == stems(idx, {"السموات"}));
  CHECK(sibling_stems(idx, "ابرهيم") == stems(idx, {"إبراهيم"}));
  CHECK(sibling_stems(idx, "إبراهيم") == stems(idx, {"ابرهيم"}));
  CHECK(sibling_stems(idx, "بيونج") == stems(idx, {"بيونغ"}));
  CHECK(sibling_stems(idx, "بيونغ") == stems(idx, {"بيونج"}));
  SUBCASE("the transliteration key only when asked") {
    CHECK(sibling_stems(idx, "بيونج", fahras::spelling_variants::skeleton).empty());
    CHECK(sibling_stems(idx, "السموات", fahras::spelling_variants::skeleton) ==
          stems(idx, {"السماوات"}));
    CHECK(sibling_stems(idx, "السموات", fahras::spelling_variants::none).empty());
  }
  SUBCASE("a word without another spelling in the index has none") {
    CHECK(sibling_stems(idx, "السماء").empty());
    CHECK(sibling_stems(idx, "الوفد").empty());
  }
}

TEST_CASE("a spelling absent from the index finds the only word written another way") {
  // Each spelling has one stem in this index: no key is shared by two, yet a query typed the
  // other way must reach it (جاؤوا for Yusuf 16's وجاءو, an-Nur 35's كمشكوة for a modern كمشكاة).
  const fahras::index idx = build_index({
      doc(0, "", "وَجَآءُوٓ أَبَاهُمْ عِشَآءًۭ يَبْكُونَ"),
      doc(1, "", "مثل نوره كمشكاة فيها مصباح"),
      doc(2, "", "ذهب الرجال إلى السوق"),
  });
  CHECK(matching(idx, "جاؤوا") == docs_t{0});
  CHECK(sibling_stems(idx, "جاؤوا") == stems(idx, {"وجاءو"}));
  CHECK(sibling_stems(idx, "جاءوا") == stems(idx, {"وجاءو"}));
  CHECK(sibling_stems(idx, "كمشكوة") == stems(idx, {"كمشكاة"}));
  // A word whose key is its own stem's key has nothing to add: no variant term for it.
  CHECK(sibling_stems(idx, "السوق").empty());
  const std::string key =
      fahras::detail::variant_keys_of(idx.analyzer(), fahras::normalize("السوق"),
                                      fahras::spelling_variants::skeleton)
          .skeleton;
  REQUIRE(!key.empty());
  CHECK(!idx.lookup(key));
}

TEST_CASE("a sibling brings the documents of its stem, below the typed spelling") {
  const fahras::index idx = build_index(spellings());
  CHECK(matching(idx, "السموات") == docs_t{0, 1});
  CHECK(matching(idx, "ابرهيم") == docs_t{2, 3});
  CHECK(matching(idx, "بيونج") == docs_t{4, 5});
  CHECK(matching(idx, "\"بيونج يانغ\"") == docs_t{4, 5});
  // The typed spelling ranks first, whichever it is.
  CHECK(ranked(fahras::test::search_all(idx, "السموات")) == std::vector<fahras::doc_id>{1, 0});
  CHECK(ranked(fahras::test::search_all(idx, "السماوات")) == std::vector<fahras::doc_id>{0, 1});
  CHECK(ranked(fahras::test::search_all(idx, "بيونغ")) == std::vector<fahras::doc_id>{4, 5});
  CHECK(ranked(fahras::test::search_all(idx, "بيونج")) == std::vector<fahras::doc_id>{5, 4});
  SUBCASE("weights: skeleton 0.8 and transliteration 0.7 of the typed spelling's score") {
    const auto r = fahras::test::search_all(idx, "ابرهيم");
    REQUIRE(r.hits.size() == 2);
    CHECK(r.hits[1].score < r.hits[0].score);
    fahras::search_options o;
    o.snippet_words = 0;
    o.scoring.skeleton_weight = 1.0;
    const auto same = fahras::search(idx, "ابرهيم", o);
    REQUIRE(same.hits.size() == 2);
    CHECK(r.hits[1].score == doctest::Approx(same.hits[1].score * 0.8));
    const auto translit = fahras::test::search_all(idx, "بيونج");
    REQUIRE(translit.hits.size() == 2);
    o.scoring.transliteration_weight = 1.0;
    const auto translit_same = fahras::search(idx, "بيونج", o);
    REQUIRE(translit_same.hits.size() == 2);
    CHECK(translit.hits[1].score == doctest::Approx(translit_same.hits[1].score * 0.7));
  }
}

TEST_CASE("a note names the spellings a word was also searched in") {
  const fahras::index idx = build_index(spellings());
  const auto r = fahras::test::search_all(idx, "السموات");
  const fahras::query_note* note = variant_note(r);
  REQUIRE(note != nullptr);
  CHECK(note->word == "السموات");
  CHECK(note->expansions == stems(idx, {"السماوات"}));
  CHECK(std::string(fahras::to_string(note->what)) == "variant");
  CHECK(variant_note(fahras::test::search_all(idx, "السماء")) == nullptr);
}

TEST_CASE("the switch turns siblings off, or keeps only the skeleton's") {
  const fahras::index idx = build_index(spellings());
  fahras::search_options o;
  o.snippet_words = 0;
  o.soft_and = false;
  o.spelling = fahras::spelling_variants::none;
  CHECK(ranked(fahras::search(idx, "السموات", o)) == std::vector<fahras::doc_id>{1});
  CHECK(variant_note(fahras::search(idx, "السموات", o)) == nullptr);
  o.spelling = fahras::spelling_variants::skeleton;
  CHECK(fahras::search(idx, "السموات", o).total == 2);
  CHECK(fahras::search(idx, "بيونج", o).total == 1);
  o.spelling = fahras::spelling_variants::skeleton_and_transliteration;
  CHECK(fahras::search(idx, "بيونج", o).total == 2);
}

TEST_CASE("variant terms are not words: statistics and frequency lists leave them out") {
  const fahras::index idx = build_index(spellings());
  for (const auto& f : fahras::frequencies(idx, {})) {
    CAPTURE(f.term);
    CHECK(static_cast<unsigned char>(f.term[0]) >= 0x20);
  }
  CHECK_FALSE(idx.verify());
  const auto loaded = fahras::load_index(idx.data(), idx.size());
  REQUIRE(loaded.has_value());
  CHECK_FALSE(loaded->verify());
  CHECK(matching(*loaded, "ابرهيم") == docs_t{2, 3});
}

TEST_CASE("each row of the README's sibling table holds in an index of its two spellings") {
  const std::string readme = fahras::test::read_file(std::string(FAHRAS_SOURCE_DIR) + "/README.md");
  const std::size_t begin = readme.find("<!-- sibling-table -->");
  const std::size_t end = readme.find("<!-- /sibling-table -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  std::istringstream lines(readme.substr(begin, end - begin));
  std::string line;
  std::size_t rows = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("| ", 0) != 0 || line.find("---") != std::string::npos ||
        line.find("typed") != std::string::npos)
      continue;
    CAPTURE(line);
    const std::size_t a = line.find(" | ");
    const std::size_t b = line.find(" | ", a + 3);
    const std::string typed = line.substr(2, a - 2), also = line.substr(a + 3, b - a - 3);
    const fahras::index idx = build_index({doc(0, "", typed), doc(1, "", also)});
    CHECK(sibling_stems(idx, typed) == stems(idx, {also}));
    CHECK(matching(idx, typed) == docs_t{0, 1});
    ++rows;
  }
  CHECK(rows >= 5);
}

TEST_CASE("the variant key filter holds every variant key of the index, and few word keys") {
  const fahras::index idx = build_index(spellings());
  const fahras::detail::variant_key_filter* filter = idx.variant_keys();
  REQUIRE(filter != nullptr);
  CHECK(idx.variant_keys() == filter);  // built once
  std::size_t variant_keys = 0, word_keys = 0, passed = 0;
  const fahras::detail::dictionary_view& dict = idx.dictionary();
  for (fahras::detail::dictionary_iterator it(dict, 0); it.valid(); it.next()) {
    const std::string key(it.key());
    CAPTURE(variant_keys);
    if (fahras::detail::is_variant_key(key)) {
      ++variant_keys;
      CHECK(filter->may_hold(key));
    } else {
      ++word_keys;
      passed += filter->may_hold(key);
    }
  }
  CHECK(variant_keys >= 3);
  // A key the index lacks passes by chance only: about once in 70 (its two bits set).
  std::mt19937 rng(12);
  for (int i = 0; i < 10000; ++i) {
    ++word_keys;
    passed +=
        filter->may_hold(std::string(1, fahras::detail::key_skeleton) + std::to_string(rng()));
  }
  CAPTURE(passed);
  CHECK(passed * 30 <= word_keys);
  // The same siblings with the filter as through the dictionary alone (a copy shares it).
  const fahras::index copy = idx;
  CHECK(copy.variant_keys() == filter);
  CHECK(matching(copy, "السموات") == docs_t{0, 1});
}

TEST_CASE(
    "searches look variant keys up until they have paid for the filter, then use it, with "
    "the same results") {
  // The spellings, among enough random words that a few searches do not pay for the filter.
  std::mt19937 rng(29);
  std::vector<fahras::document> docs = spellings();
  std::vector<std::string> words;
  for (std::size_t d = 0; d < 200; ++d) {
    std::string text;
    for (int w = 0; w < 40; ++w) {
      std::u32string letters(3 + rng() % 5, U'\0');
      for (char32_t& c : letters) c = fahras::test::random_arabic_letter(rng);
      if (rng() % 3 == 0) letters.insert(1 + rng() % (letters.size() - 1), 1, U'\u0627');  // ا
      std::string word;
      utf8::utf32to8(letters.begin(), letters.end(), std::back_inserter(word));
      words.push_back(word);
      text += word + ' ';
    }
    docs.push_back(doc(docs.size(), "", text));
  }
  const fahras::index idx = fahras::test::reloaded(build_index(docs));
  REQUIRE(idx.variant_keys_paid_for() == nullptr);
  // The rent is what the build reads, twice: the variant keys' blocks, not the dictionary.
  const fahras::detail::dictionary_view& dict = idx.dictionary();
  std::uint64_t variant_keys = 0;
  for (fahras::detail::dictionary_iterator it(dict, 0); it.valid(); it.next_key())
    variant_keys += fahras::detail::is_variant_key(it.key());
  const std::uint64_t rent = fahras::detail::variant_key_filter::build_reads(dict);
  CHECK(variant_keys > 100);
  CHECK(rent >= 2 * variant_keys);
  CHECK(rent <= 2 * (variant_keys + 2 * fahras::detail::dictionary_block_terms));
  CHECK(rent < dict.term_count());

  // The spellings' words, the index's words, and those words mistyped.
  std::vector<std::string> queries = {"السموات", "السماوات", "ابرهيم", "إبراهيم", "بيونج", "بيونغ"};
  for (std::size_t i = 0; queries.size() < 3000; ++i)
    queries.push_back(i % 2 ? words[rng() % words.size()]
                            : fahras::test::mistype(rng, words[rng() % words.size()]));
  std::vector<fahras::search_results> looked_up;
  while (idx.variant_keys_paid_for() == nullptr && looked_up.size() < queries.size())
    looked_up.push_back(fahras::test::search_all(idx, queries[looked_up.size()]));
  REQUIRE(idx.variant_keys_paid_for() != nullptr);
  CHECK(looked_up.size() > 20);  // the first searches did not build the filter
  std::size_t with_variants = 0;
  for (std::size_t i = 0; i < looked_up.size(); ++i) {
    CAPTURE(queries[i]);
    const fahras::search_results filtered = fahras::test::search_all(idx, queries[i]);
    CHECK(ranked(filtered) == ranked(looked_up[i]));
    REQUIRE(filtered.notes.size() == looked_up[i].notes.size());
    for (std::size_t n = 0; n < filtered.notes.size(); ++n) {
      CHECK(filtered.notes[n].expansions == looked_up[i].notes[n].expansions);
      with_variants += filtered.notes[n].what == fahras::query_note::kind::variant;
    }
  }
  CHECK(with_variants >= 6);  // siblings were found both ways
}

TEST_CASE("the variant key filter knows the stems with siblings: the other words make no keys") {
  std::vector<fahras::document> docs = spellings();
  docs.push_back(doc(7, "", "ملك ومالك ومليك والملائكة في السماء والسموات"));
  docs.push_back(doc(8, "", "جاءوا وجاءو من الإنكليزية والإنجليزية إلى أمريكا وأميركا"));
  const fahras::index idx = build_index(docs);
  const fahras::detail::variant_key_filter* filter = idx.variant_keys();
  REQUIRE(filter != nullptr);
  const fahras::detail::dictionary_view& dict = idx.dictionary();
  // Exactly the stems the variant terms list.
  std::vector<bool> listed(dict.term_count());
  for (fahras::detail::dictionary_iterator it(dict, 0); it.valid(); it.next())
    if (it.entry().variant)
      for (fahras::detail::postings_cursor c(it.entry().docs); c.next();) listed.at(c.doc()) = true;
  std::size_t stems_listed = 0;
  for (std::uint32_t t = 0; t < dict.term_count(); ++t) {
    CAPTURE(t);
    CHECK(filter->lists(t) == listed[t]);
    stems_listed += listed[t];
  }
  CHECK(stems_listed >= 8);
  CHECK_FALSE(filter->lists(dict.term_count()));
  // Every word of the index finds the siblings it finds when it is not known to be one (its
  // keys made and looked up).
  std::size_t forms = 0, with_siblings = 0;
  for (fahras::detail::dictionary_iterator it(dict, 0); it.valid(); it.next()) {
    if (!it.entry().is_form()) continue;
    const std::string form = fahras::detail::decode_key(it.entry().key);
    const auto own = idx.lookup(fahras::detail::encode_key(idx.analyzer().stem(form)));
    REQUIRE(own);
    CAPTURE(form);
    const auto kinds = fahras::spelling_variants::skeleton_and_transliteration;
    const auto known = find_siblings(idx, form, own->ordinal, true, kinds);
    const auto looked_up = find_siblings(idx, form, own->ordinal, false, kinds);
    REQUIRE(known.size() == looked_up.size());
    for (std::size_t i = 0; i < known.size(); ++i) CHECK(known[i].stem == looked_up[i].stem);
    ++forms;
    with_siblings += !known.empty();
  }
  CHECK(forms >= 30);
  CHECK(with_siblings >= 10);
}

TEST_CASE("a name typed joined also finds it spaced, below the joined spelling") {
  const fahras::index idx = build_index(
      {doc(0, "", "وصل الوفد إلى بيونغ يانغ أمس"), doc(1, "", "ماراثون بيونغيانغ الدولي"),
       doc(2, "", "العاصمة يانغ وحدها"), doc(3, "", "بيونغ وحدها"), doc(4, "", "يانغ بيونغ")});
  // Only the cut whose two parts are index words, as a phrase: not يانغ بيونغ, nor one part.
  CHECK(matching(idx, "بيونغيانغ") == docs_t{0, 1});
  const auto r = fahras::test::search_all(idx, "بيونغيانغ");
  CHECK(ranked(r) == std::vector<fahras::doc_id>{1, 0});
  const fahras::query_note* note = variant_note(r);
  REQUIRE(note != nullptr);
  CHECK(note->word == "بيونغيانغ");
  CHECK(note->expansions == std::vector<std::string>{"بيونغ يانغ"});
  SUBCASE("at the transliteration weight") {
    fahras::search_options o;
    o.snippet_words = 0;
    o.scoring.transliteration_weight = 1.0;
    const auto same = fahras::search(idx, "بيونغيانغ", o);
    REQUIRE(same.hits.size() == 2);
    REQUIRE(r.hits.size() == 2);
    CHECK(r.hits[1].score == doctest::Approx(same.hits[1].score * 0.7));
  }
  SUBCASE("in a longer query, the word with its cuts is one word for soft AND") {
    fahras::search_options o;  // search_all's, with soft AND
    o.snippet_words = 0;
    const auto two = fahras::search(idx, "الوفد بيونغيانغ", o);
    CHECK(two.total == 1);    // d0: الوفد and بيونغ يانغ
    CHECK(two.partial == 1);  // d1: بيونغيانغ alone
  }
  SUBCASE("not with transliteration variants off") {
    fahras::search_options o;
    o.snippet_words = 0;
    o.spelling = fahras::spelling_variants::none;
    CHECK(fahras::search(idx, "بيونغيانغ", o).total == 1);
    o.spelling = fahras::spelling_variants::skeleton;
    CHECK(fahras::search(idx, "بيونغيانغ", o).total == 1);
  }
}

TEST_CASE("two words typed without the space between them find the two words") {
  const fahras::index idx = build_index({doc(0, "", "نجح على الرغم من الصعوبات"),
                                         doc(1, "", "الرغم وحدها"), doc(2, "", "على وحدها")});
  CHECK(matching(idx, "علىالرغم") == docs_t{0});
}

TEST_CASE("a stopword is never a sibling, and a short key is no key") {
  const fahras::index idx = build_index({doc(0, "", "البيان الختامي"), doc(1, "", "بين الدول")});
  CHECK(matching(idx, "بيان") == docs_t{0});
}

TEST_CASE("damaged bytes: a word's siblings are the same before and after the variant filter") {
  // tests/data/siblings-damaged.fahras: a small index with some bytes changed and its checksum
  // fixed (one of hostile_index_test's random damages), whose first dictionary word الشماليه is
  // a word form whose stem no variant term lists, while the variant term of its key lists
  // others. The filter, built once searches have paid for it, says such a word has no
  // siblings; before it, the variant term was looked up and its stems taken.
  const auto loaded =
      fahras::load_index_file(std::string(FAHRAS_TEST_DATA_DIR) + "/siblings-damaged.fahras");
  REQUIRE(loaded.has_value());
  const fahras::index& idx = *loaded;
  const auto answer = [&] {
    std::ostringstream out;
    const fahras::search_results r = fahras::search(idx, "الشماليه");
    out << r.total;
    for (const fahras::hit& h : r.hits) out << " " << h.doc << ":" << h.score;
    for (const fahras::query_note& n : r.notes)
      for (const std::string& e : n.expansions) out << " " << e;
    return out.str();
  };
  const std::string before = answer();
  // Searches pay for the filter: it is built after a few, and then used.
  for (int i = 0; i < 20 && idx.variant_keys_paid_for() == nullptr; ++i) CHECK(answer() == before);
  REQUIRE(idx.variant_keys_paid_for() != nullptr);
  CHECK(answer() == before);
  CHECK(before.find("2 ") == 0);  // both documents, by the word itself
}
}  // TEST_SUITE("siblings")
