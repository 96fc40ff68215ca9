// Collections (collection.hpp, doc/collection.md): the same results as the single-file index,
// shards loaded only when needed, round by round without a loader, and damaged or hostile
// files refused with an error that names them.
// SPDX-License-Identifier: MIT
#include <fahras/collection.hpp>
#include <fahras/facets.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "collection_util.hpp"
#include "engine_util.hpp"
#include "fuzz/collection_target.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using fahras::test::collection_files;

namespace {

// One corpus and its index for the whole suite: 300 documents of real sentences.
const std::vector<fahras::document>& corpus() {
  static const auto docs = fahras::test::article_mix(FAHRAS_SOURCE_DIR, 300, 11);
  return docs;
}
const fahras::index& corpus_index() {
  static const fahras::index idx = fahras::test::build_index(corpus());
  return idx;
}
const collection_files& tiny_collection() {
  static const collection_files files =
      fahras::test::bundle_in_memory(corpus_index(), fahras::test::tiny_shards());
  return files;
}
// Without a typo table: every typo walk reads the dictionary shards.
const collection_files& tiny_collection_without_typo_table() {
  static const collection_files files = [] {
    fahras::bundle_options o = fahras::test::tiny_shards();
    o.typo_shard_bytes = 0;
    return fahras::test::bundle_in_memory(corpus_index(), o);
  }();
  return files;
}

std::map<std::string, int> count_kinds(const collection_files& files) {
  std::map<std::string, int> kinds;
  for (const auto& [path, bytes] : files)
    if (path.rfind("shards/", 0) == 0) ++kinds[path.substr(7, path.find('-') - 7)];
  return kinds;
}

// Runs `query` on both and returns what differs (empty when nothing does).
std::string differences(const fahras::index& idx, const fahras::collection& c,
                        const std::string& query, const fahras::search_options& o) {
  const auto from_collection = c.search(query, o);
  if (!from_collection) return "collection error: " + from_collection.error().message;
  return fahras::test::compare_results(fahras::search(idx, query, o), *from_collection);
}

// Every shard name asked for while `query` runs on a fresh collection (synchronous loader).
std::set<std::string> shards_for(const collection_files& files, const std::string& query,
                                 const fahras::search_options& o = {}) {
  std::vector<std::string> asked;
  auto c = fahras::test::open_in_memory(files, &asked);
  REQUIRE(c);
  REQUIRE(c->search(query, o));
  return {asked.begin(), asked.end()};
}

// The words of `text` (split at spaces) of at least `min_bytes` bytes and no ASCII byte.
std::vector<std::string> arabic_words(const std::string& text, std::size_t min_bytes) {
  std::vector<std::string> words;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(at, end - at);
    at = end + 1;
    if (word.size() >= min_bytes &&
        std::all_of(word.begin(), word.end(), [](char c) { return c & 0x80; }))
      words.push_back(std::move(word));
  }
  return words;
}

bool any_of_kind(const std::set<std::string>& names, const std::string& kind) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return n.rfind(kind + "-", 0) == 0; });
}

// Searches `query` in `c` without a loader, as JavaScript does: each round hands in the shards
// the last call listed, then calls again. Returns what each round listed; the search must end
// with results equal to the single-file index's.
std::vector<std::set<std::string>> search_in_rounds(fahras::collection& c,
                                                    const collection_files& files,
                                                    const std::string& query) {
  std::vector<std::set<std::string>> rounds;
  fahras::result<fahras::search_results> r = c.search(query);
  while (!r && rounds.size() < 20) {
    REQUIRE_MESSAGE(!c.missing_shards().empty(), r.error().message);
    CHECK(r.error().code == fahras::errc::io_error);
    rounds.emplace_back(c.missing_shards().begin(), c.missing_shards().end());
    for (const std::string& name : c.missing_shards()) {
      const std::string& bytes = files.at("shards/" + name);
      CHECK_FALSE(c.add_shard(name, {bytes.begin(), bytes.end()}));
    }
    r = c.search(query);
  }
  REQUIRE(r);
  CHECK(fahras::test::compare_results(fahras::search(corpus_index(), query), *r) == "");
  return rounds;
}

}  // namespace

TEST_SUITE("collection") {

TEST_CASE("a collection finds the same spelling siblings as its index") {
  std::vector<fahras::document> docs = corpus();
  for (const char* text : {"خلق السموات والأرض", "قال ابرهيم لقومه", "وصل الوفد إلى بيونج يانج",
                           "خلق السماوات والأرض", "قال إبراهيم لأبيه", "وصل الوفد إلى بيونغ"})
    docs.push_back({"s" + std::to_string(docs.size()), "", text, {}});
  const fahras::index idx = fahras::test::build_index(docs);
  for (const bool tiny : {false, true}) {
    CAPTURE(tiny);
    const collection_files files = fahras::test::bundle_in_memory(
        idx, tiny ? fahras::test::tiny_shards() : fahras::bundle_options{});
    auto c = fahras::test::open_in_memory(files);
    REQUIRE(c);
    for (const char* q : {"السموات", "السماوات", "ابرهيم", "إبراهيم", "بيونج", "بيونغ يانغ",
                          "\"بيونج يانغ\"", "الشراكة", "القرآن", "الأمريكية"}) {
      CAPTURE(q);
      fahras::search_options o;
      o.limit = 20;
      CHECK(differences(idx, *c, q, o) == "");
      CHECK(fahras::search(idx, q, o).total >= (std::string(q) == "السموات" ? 2u : 0u));
    }
    const auto r = c->search("ابرهيم", {});
    REQUIRE(r);
    CHECK(r->total == 2);
  }
}

TEST_CASE("a collection gives the same results as its index, query by query") {
  const fahras::index& idx = corpus_index();
  const auto queries = fahras::test::query_mix(corpus(), 5, 100);
  for (const bool tiny : {false, true}) {
    CAPTURE(tiny);
    const collection_files files = tiny ? tiny_collection() : fahras::test::bundle_in_memory(idx);
    REQUIRE(files.count("root.fahras") == 1);
    if (tiny) {  // every kind of shard, several of each
      const auto kinds = count_kinds(files);
      for (const char* kind : {"dict", "post", "pos", "docs", "store", "typo"}) {
        CAPTURE(kind);
        CHECK(kinds.count(kind) == 1);
        CHECK(kinds.at(kind) > 3);
      }
    }
    auto c = fahras::test::open_in_memory(files);
    REQUIRE(c);
    CHECK(c->doc_count() == idx.doc_count());
    std::size_t with_hits = 0;
    for (const std::string& q : queries) {
      CAPTURE(q);
      fahras::search_options o;
      o.limit = 12;
      CHECK(differences(idx, *c, q, o) == "");
      o.prefix = true;
      o.offset = 3;
      CHECK(differences(idx, *c, q, o) == "");
      const fahras::search_results r = fahras::search(idx, q);
      with_hits += r.total > 0;
      if (!r.hits.empty()) {
        const auto m = c->match_document(r.hits[0].doc, q);
        REQUIRE(m);
        const auto expected = fahras::match_document(idx, r.hits[0].doc, q);
        CHECK(m->title == expected.title);
        CHECK(m->text == expected.text);
      }
    }
    CHECK(with_hits > queries.size() / 2);  // the queries do reach documents

    for (const char* q : {"روسيا", "\"كوريا الشمالية\"", "العقوبات"}) {
      CAPTURE(q);
      const auto lines = c->kwic(q, {30, 50});
      REQUIRE(lines);
      const auto expected = fahras::kwic(idx, q, {30, 50});
      REQUIRE(lines->size() == expected.size());
      for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(lines->at(i).doc == expected[i].doc);
        CHECK(lines->at(i).left + lines->at(i).match + lines->at(i).right ==
              expected[i].left + expected[i].match + expected[i].right);
      }
      const auto near = c->collocates(q);
      REQUIRE(near);
      const auto expected_near = fahras::collocates(idx, q);
      REQUIRE(near->size() == expected_near.size());
      for (std::size_t i = 0; i < near->size(); ++i) {
        CHECK(near->at(i).stem == expected_near[i].stem);
        CHECK(near->at(i).score == expected_near[i].score);
      }
    }
    for (const auto by :
         {fahras::term_form::stem, fahras::term_form::normalized, fahras::term_form::surface}) {
      fahras::frequency_options fo;
      fo.by = by;
      const auto list = c->frequencies(fo);
      REQUIRE(list);
      const auto expected = fahras::frequencies(idx, fo);
      REQUIRE(list->size() == expected.size());
      for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(list->at(i).term == expected[i].term);
        CHECK(list->at(i).count == expected[i].count);
        CHECK(list->at(i).docs == expected[i].docs);
      }
    }
    const auto counts = c->verify();
    REQUIRE(counts);
    const auto expected_counts = fahras::count_corpus(idx);
    CHECK(counts->stem_vocabulary == expected_counts.stem_vocabulary);
    CHECK(counts->normalized_vocabulary == expected_counts.normalized_vocabulary);
    CHECK(counts->tokens == expected_counts.tokens);
    for (fahras::doc_id d = 0; d < idx.doc_count(); d += 7) {
      const auto stored = c->document(d);
      REQUIRE(stored);
      CHECK(stored->id == idx.document(d).id);
      CHECK(stored->text == idx.document(d).text);
      CHECK(stored->fields == idx.document(d).fields);
    }
    CHECK_FALSE(c->document(idx.doc_count()));
  }
}

TEST_CASE("with_index runs any index function, failing where as_index would answer less") {
  const fahras::index& idx = corpus_index();
  const collection_files& good = tiny_collection();
  auto c = fahras::test::open_in_memory(good);
  REQUIRE(c);
  const auto facets_of = [](const fahras::index& i) { return fahras::facets(i, "روسيا"); };
  const auto found = c->with_index(facets_of);
  REQUIRE(found);
  const auto expected = facets_of(idx);
  REQUIRE(found->size() == expected.size());
  for (std::size_t f = 0; f < expected.size(); ++f) {
    CHECK(found->at(f).field == expected[f].field);
    CHECK(found->at(f).values.size() == expected[f].values.size());
  }
  // A dictionary shard missing: the frequency list, which reads every one, fails naming it.
  collection_files damaged = good;
  const auto dict = std::find_if(damaged.begin(), damaged.end(), [](const auto& file) {
    return file.first.rfind("shards/dict-", 0) == 0;
  });
  REQUIRE(dict != damaged.end());
  const std::string name = dict->first.substr(7);
  damaged.erase(dict);
  auto broken = fahras::test::open_in_memory(damaged);
  REQUIRE(broken);
  const auto count_stems = [](const fahras::index& i) { return fahras::frequencies(i).size(); };
  const auto listed = broken->with_index(count_stems);
  REQUIRE_FALSE(listed);
  CHECK(listed.error().message.find(name) != std::string::npos);
  CHECK(count_stems(broken->as_index()) < fahras::frequencies(idx).size());
}

TEST_CASE("an empty index and one without stored text make collections too") {
  for (const bool store_text : {true, false}) {
    fahras::index_options options;
    options.store_text = store_text;
    const fahras::index idx =
        fahras::test::build_index(store_text ? std::vector<fahras::document>{} : corpus(), options);
    const collection_files files = fahras::test::bundle_in_memory(idx, fahras::test::tiny_shards());
    auto c = fahras::test::open_in_memory(files);
    REQUIRE(c);
    for (const char* q : {"روسيا", "\"كوريا الشمالية\"", "كوري*", "source:الحل"}) {
      CAPTURE(q);
      CHECK(differences(idx, *c, q, {}) == "");
    }
    CHECK(c->verify());
  }
}

TEST_CASE("a small cache drops the least recently used shards and gives the same results") {
  const fahras::index& idx = corpus_index();
  const collection_files& files = tiny_collection();
  const auto root = files.find("root.fahras");
  REQUIRE(root != files.end());
  const auto open = [&](std::size_t cache_bytes) {
    fahras::collection_options o;
    o.cache_bytes = cache_bytes;
    return fahras::collection::open(reinterpret_cast<const std::uint8_t*>(root->second.data()),
                                    root->second.size(), fahras::test::loader_of(files), o);
  };
  auto unbounded = open(std::size_t{1} << 30);
  auto small = open(4096);
  REQUIRE(unbounded);
  REQUIRE(small);
  std::size_t most_kept = 0;
  for (const std::string& q : fahras::test::query_mix(corpus(), 9, 40)) {
    CAPTURE(q);
    CHECK(differences(idx, *small, q, {}) == "");
    CHECK(differences(idx, *unbounded, q, {}) == "");
    most_kept = std::max(most_kept, small->cache_memory());
  }
  // The small cache read shards again that it had dropped; the large one kept every shard.
  CHECK(small->loaded_files() > unbounded->loaded_files());
  CHECK(unbounded->cache_memory() > 4 * 4096);
  // What a call keeps is bounded by the budget plus what that one call read.
  CHECK(most_kept < unbounded->cache_memory());
  // A call that needs nothing new starts by trimming the cache to half its budget.
  const std::size_t before = small->loaded_files();
  fahras::search_options none;
  none.limit = 0;
  REQUIRE(small->search("", none));
  CHECK(small->loaded_files() == before);
  CHECK(small->cache_memory() <= 4096 / 2);
}

TEST_CASE("a query loads only the shards it needs") {
  const collection_files& files = tiny_collection();
  std::vector<std::string> asked;
  auto c = fahras::test::open_in_memory(files, &asked);
  REQUIRE(c);
  CHECK(asked.empty());  // opening reads the root only

  fahras::search_options total_only;
  total_only.limit = 0;
  const auto one_word = shards_for(files, "روسيا", total_only);
  CHECK(any_of_kind(one_word, "dict"));
  CHECK(any_of_kind(one_word, "docs"));           // lengths, for BM25
  CHECK_FALSE(any_of_kind(one_word, "pos"));      // ranking one word never reads positions
  CHECK_FALSE(any_of_kind(one_word, "store"));    // nor stored records when no hit is shown
  const auto shown = shards_for(files, "روسيا");  // hits: their ids, titles and snippets
  CHECK(any_of_kind(shown, "store"));
  CHECK_FALSE(any_of_kind(shown, "pos"));
  CHECK(any_of_kind(shards_for(files, "\"كوريا الشمالية\"", total_only), "pos"));
  // Far fewer files than the collection has.
  CHECK(shards_for(files, "روسيا").size() * 5 < files.size());
}

TEST_CASE("without a loader, the missing shards are listed and handed in round by round") {
  const collection_files& files = tiny_collection();
  const auto root = files.at("root.fahras");
  for (const char* q : {"روسيا", "كوريا الشمالية", "\"كوريا الشمالية\"", "كوريي", "روس*",
                        "العقوبات source:الحل", "ابتكاراتهمممم"}) {
    CAPTURE(q);
    auto c =
        fahras::collection::open(reinterpret_cast<const std::uint8_t*>(root.data()), root.size());
    REQUIRE(c);
    const auto rounds = search_in_rounds(*c, files, q);
    std::set<std::string> handed;
    for (const auto& round : rounds)
      for (const std::string& name : round) CHECK(handed.insert(name).second);  // never twice
    CHECK(rounds.size() <= 6);
    // Nothing fetched that a synchronous reader would not have read, but for dictionary shards
    // of a typo walk (the last query matches no word): lacking a shard, it goes on past it and
    // lists all it lacks at once, where the complete walk may skip some (doc/collection.md).
    const std::set<std::string> needed = shards_for(files, q);
    const bool typo_walk = std::string_view(q) == "ابتكاراتهمممم";
    for (const std::string& name : handed)
      CHECK((needed.count(name) == 1 || (typo_walk && name.rfind("dict-", 0) == 0)));
  }
}

TEST_CASE("round by round, a search lists only shards a synchronous reader reads") {
  // A walk that lacks a dictionary shard goes on at the next one. A bounded walk (a lookup, a
  // spelling sibling's entry, a prefix) must stop where its keys end, or one missing shard
  // lists every shard after it: وزير once listed 70 of a collection's 144.
  const collection_files& files = tiny_collection();
  const auto root = files.at("root.fahras");
  std::vector<std::string> queries;
  std::set<std::string> seen;
  for (const fahras::document& d : corpus()) {
    std::size_t at = 0;
    while (at < d.text.size() && queries.size() < 240) {
      std::size_t end = d.text.find(' ', at);
      if (end == std::string::npos) end = d.text.size();
      const std::string word = d.text.substr(at, end - at);
      at = end + 1;
      const bool arabic = word.size() >= 6 && (word[0] == '\xD8' || word[0] == '\xD9') &&
                          std::all_of(word.begin(), word.end(), [](char c) { return c & 0x80; });
      if (!arabic || !seen.insert(word).second || seen.size() % 5 != 0) continue;
      queries.push_back(word);
      queries.push_back(word.substr(0, 6) + "*");  // a prefix of three letters
    }
  }
  REQUIRE(queries.size() == 240);
  for (const std::string& q : queries) {
    CAPTURE(q);
    auto c =
        fahras::collection::open(reinterpret_cast<const std::uint8_t*>(root.data()), root.size());
    REQUIRE(c);
    std::set<std::string> handed;
    for (const auto& round : search_in_rounds(*c, files, q))
      handed.insert(round.begin(), round.end());
    const std::set<std::string> needed = shards_for(files, q);
    std::vector<std::string> extra;
    std::set_difference(handed.begin(), handed.end(), needed.begin(), needed.end(),
                        std::back_inserter(extra));
    // A prefix's completions are a union whose lists a synchronous reader may read only in
    // part (those that can still change the best hits), where a round lists all it lacks.
    if (q.back() == '*')
      extra.erase(std::remove_if(extra.begin(), extra.end(),
                                 [](const std::string& n) { return n.rfind("dict-", 0) != 0; }),
                  extra.end());
    CAPTURE(needed.size());
    CHECK(std::vector<std::string>() == extra);
  }
}

TEST_CASE("a typo walk lists the dictionary shards it lacks at once, and only those in reach") {
  // The walk jumps ahead through the block index. Lacking the shard of a jump, it must go on
  // past it as it does at a block it lacks, or each round lists one shard: a phrase that
  // occurs nowhere (its typo rescue walks for each word) once took 30 rounds where JavaScript
  // gives up after 16. Going on, it once listed every shard to the end of the dictionary.
  // (With a typo table only walks at two edits remain: the walk is tested without one.)
  const collection_files& files = tiny_collection_without_typo_table();
  const auto root = files.at("root.fahras");
  std::vector<std::string> queries;
  std::set<std::string> seen;
  for (const fahras::document& d : corpus()) {
    const std::vector<std::string> words = arabic_words(d.text, 10);
    if (words.size() < 2 || !seen.insert(words[0]).second) continue;
    // A letter doubled in the middle: a word of no document, one edit from one that is.
    std::string typo = words[0];
    typo.insert(typo.size() / 2 & ~std::size_t{1},
                typo.substr(typo.size() / 2 & ~std::size_t{1}, 2));
    queries.push_back(typo);
    queries.push_back("\"" + words[1] + " " + words[0] + "\"");  // a phrase, reversed
    if (queries.size() >= 40) break;
  }
  REQUIRE(queries.size() == 40);
  for (const std::string& q : queries) {
    CAPTURE(q);
    auto c =
        fahras::collection::open(reinterpret_cast<const std::uint8_t*>(root.data()), root.size());
    REQUIRE(c);
    // Rounds that list dictionary shards: the lookups', then a typo walk's (or a spelling
    // sibling's entry), then the walks of the phrase's rescue, which plans its words anew.
    std::size_t dictionary_rounds = 0;
    std::set<std::string> handed;
    for (const auto& round : search_in_rounds(*c, files, q)) {
      dictionary_rounds += any_of_kind(round, "dict");
      handed.insert(round.begin(), round.end());
    }
    CHECK(dictionary_rounds <= 4);
    // Lacking a shard, the walk lists only the shards after it where a key can be in reach
    // (by the first keys in the root), not all of them: few that a synchronous reader skips.
    const std::set<std::string> needed = shards_for(files, q);
    std::size_t extra = 0;
    for (const std::string& name : handed) extra += needed.count(name) == 0;
    CAPTURE(needed.size());
    CHECK(extra * 10 <= needed.size());
  }
}

TEST_CASE("the typo walks of a query's mistyped words go in the same rounds") {
  // A word walks for typos once its own entries are there, whatever other words still lack:
  // six mistyped words once walked one after another, and with each word's walk at two edits
  // a round after its walk at one, took more rounds than JavaScript allows (16). A typo table
  // must not add rounds: its lookups at one edit take two (typo shards, then the candidates'
  // entries) where the walk took one, but the walk at two edits must wait for them all.
  std::set<std::string> words;
  for (const fahras::document& d : corpus())
    for (const std::string& word : arabic_words(d.text, 16))
      if (words.size() < 6) words.insert(word);
  REQUIRE(words.size() == 6);
  std::string query;
  for (std::string word : words) {
    // Two letters doubled: two edits from a word of the corpus, and none that near it is one.
    for (const std::size_t at :
         {word.size() / 3 & ~std::size_t{1}, word.size() * 2 / 3 & ~std::size_t{1}})
      word.insert(at, word.substr(at, 2));
    query += word + " ";
  }
  CAPTURE(query);
  for (const bool table : {false, true}) {
    CAPTURE(table);
    const collection_files& files =
        table ? tiny_collection() : tiny_collection_without_typo_table();
    const auto root = files.at("root.fahras");
    auto c =
        fahras::collection::open(reinterpret_cast<const std::uint8_t*>(root.data()), root.size());
    REQUIRE(c);
    std::size_t dictionary_rounds = 0;
    for (const auto& round : search_in_rounds(*c, files, query))
      dictionary_rounds += any_of_kind(round, "dict") || any_of_kind(round, "typo");
    // The words' entries, their walks (or lookups) at one edit, their walks at two (and a walk
    // that goes on past a shard it lacked); the same as for one word.
    CHECK(dictionary_rounds <= 5);  // 3 each when written
  }
}

TEST_CASE("a collection's typo table gives the terms a walk of its dictionary gives") {
  // Words of the corpus with one random edit (a letter substituted, inserted or deleted, often
  // among the first two, where a walk reaches farthest): the same candidates, word forms and
  // stems, from the table's lookups as from the single-file index's walk.
  namespace d = fahras::detail;
  const fahras::index& idx = corpus_index();
  std::vector<std::string> asked;
  auto c = fahras::test::open_in_memory(tiny_collection(), &asked);
  REQUIRE(c);
  std::mt19937 rng(29);
  std::set<std::string> seen;
  std::size_t tried = 0, found = 0;
  for (const fahras::document& doc : corpus()) {
    for (const std::string& word : arabic_words(doc.text, 8)) {
      if (tried >= 400 || !seen.insert(word).second) continue;
      std::string typo = word;  // Arabic letters: two bytes each
      const std::size_t letters = typo.size() / 2;
      const std::size_t at = 2 * (rng() % 2 == 0 ? rng() % 2 : rng() % letters);
      char32_t letter = 0x0621 + static_cast<char32_t>(rng() % 42);
      if (letter > 0x063A && letter < 0x0641) letter = 0x0644;  // not a letter: lam
      const std::string utf8 = {static_cast<char>(0xC0 | letter >> 6),
                                static_cast<char>(0x80 | (letter & 0x3F))};
      switch (rng() % 3) {
        case 0: typo.replace(at, 2, utf8); break;
        case 1: typo.insert(at, utf8); break;
        default: typo.erase(at, 2); break;
      }
      CAPTURE(word);
      CAPTURE(typo);
      ++tried;
      for (const d::typo_terms terms : {d::typo_terms::forms, d::typo_terms::stems}) {
        auto from_table = d::typo_candidates(c->as_index(), typo, 1, terms);
        auto from_walk = d::typo_candidates(idx, typo, 1, terms);
        const auto by_word = [](const d::typo_candidate& a, const d::typo_candidate& b) {
          return a.word < b.word;
        };
        std::sort(from_table.begin(), from_table.end(), by_word);
        std::sort(from_walk.begin(), from_walk.end(), by_word);
        REQUIRE(from_table.size() == from_walk.size());
        for (std::size_t i = 0; i < from_walk.size(); ++i) {
          CHECK(from_table[i].word == from_walk[i].word);
          CHECK(from_table[i].edits == from_walk[i].edits);
          CHECK(from_table[i].df == from_walk[i].df);
        }
        found += terms == d::typo_terms::forms && !from_walk.empty();
      }
      if (tried % 8 == 0) CHECK(differences(idx, *c, typo, {}) == "");
    }
  }
  CHECK(tried == 400);
  CHECK(found > tried / 2);  // most typos are one edit from a word of the corpus
  CHECK(std::any_of(asked.begin(), asked.end(),
                    [](const std::string& n) { return n.rfind("typo-", 0) == 0; }));
}

TEST_CASE("a mistyped word reads its typo shards, not the dictionary shards a walk reaches") {
  // A letter doubled in the middle of a long word: one edit from a word of the corpus. The
  // walk reads every dictionary shard holding a key one edit from a prefix of the word; the
  // table, a typo shard per letter of the word and its candidates' dictionary shards.
  const auto dictionary_files = [](const std::set<std::string>& names) {
    return std::count_if(names.begin(), names.end(), [](const std::string& n) {
      return n.rfind("dict-", 0) == 0 || n.rfind("typo-", 0) == 0;
    });
  };
  std::set<std::string> seen;
  std::ptrdiff_t with_table = 0, walking = 0;
  std::size_t words = 0;
  for (const fahras::document& doc : corpus()) {
    const std::vector<std::string> long_words = arabic_words(doc.text, 12);
    if (long_words.empty() || !seen.insert(long_words[0]).second || words >= 40) continue;
    std::string typo = long_words[0];
    const std::size_t at = typo.size() / 2 & ~std::size_t{1};
    typo.insert(at, typo.substr(at, 2));
    CAPTURE(typo);
    ++words;
    with_table += dictionary_files(shards_for(tiny_collection(), typo));
    walking += dictionary_files(shards_for(tiny_collection_without_typo_table(), typo));
    // Round by round: the word's entry, its typo shards, its candidates' entries, and the
    // entries of their stems, which a candidate is searched by.
    const std::string& root = tiny_collection().at("root.fahras");
    auto c =
        fahras::collection::open(reinterpret_cast<const std::uint8_t*>(root.data()), root.size());
    REQUIRE(c);
    std::size_t dictionary_rounds = 0;
    for (const auto& round : search_in_rounds(*c, tiny_collection(), typo))
      dictionary_rounds += any_of_kind(round, "dict") || any_of_kind(round, "typo");
    CHECK(dictionary_rounds <= 4);
  }
  REQUIRE(words == 40);
  CAPTURE(with_table);
  CAPTURE(walking);
  CHECK(with_table * 4 < walking);  // 472 and 2,348 when written
}

TEST_CASE("a typo table written in many passes is the one written in one") {
  // Bundling holds typo_pass_bytes of the table at once (bounded memory for large corpora):
  // with less room it takes more passes over the dictionary, for the same files.
  fahras::bundle_options o = fahras::test::tiny_shards();
  o.typo_pass_bytes = 32 * 1024;  // one pass would take about 400 KB here: a dozen passes
  const collection_files passes = fahras::test::bundle_in_memory(corpus_index(), o);
  CHECK(passes == tiny_collection());
  CHECK(count_kinds(passes).at("typo") > 10);
}

TEST_CASE("lengths kept in one document shard come with a search's first shards") {
  // The bench corpus's case (doc/collection.md, "Sizes"): any search with a hit needs every
  // length, so they come with the dictionary shards, not a round after the lists.
  const collection_files files = fahras::test::bundle_in_memory(corpus_index());
  REQUIRE(count_kinds(files)["docs"] == 1);
  const auto root = files.at("root.fahras");
  auto c =
      fahras::collection::open(reinterpret_cast<const std::uint8_t*>(root.data()), root.size());
  REQUIRE(c);
  for (const char* q : {"روسيا", "كوريا الشمالية", "\"كوريا الشمالية\"", "العقوبات"}) {
    CAPTURE(q);
    const auto rounds = search_in_rounds(*c, files, q);
    // The first search lists the lengths with its dictionary shards; later ones have them.
    const bool first = std::string_view(q) == "روسيا";
    if (first) {
      REQUIRE_FALSE(rounds.empty());
      CHECK(any_of_kind(rounds.front(), "dict"));
      CHECK(any_of_kind(rounds.front(), "docs"));
    }
    for (std::size_t i = first ? 1 : 0; i < rounds.size(); ++i)
      CHECK_FALSE(any_of_kind(rounds[i], "docs"));
  }
}

TEST_CASE("a cold search takes three rounds: dictionary, lists with their positions, stored") {
  // Each round is a fetch and a run of the search. A word form's lists and its stem's, and the
  // positions a phrase or proximity will read, come in the round that lists the lists. Lists
  // in files of their own, as frequent words' are in a large collection.
  fahras::bundle_options options;
  options.inline_list_bytes = 16;
  const collection_files files = fahras::test::bundle_in_memory(corpus_index(), options);
  const auto root = files.at("root.fahras");
  // A phrase reads the positions of every list its words are searched in, as the search plans
  // them, not only their stems': all are asked for in the round of the lists.
  for (const char* q :
       {"روسيا", "والعقوبات", "كوريا الشمالية", "\"كوريا الشمالية\"", "العقوبات على روسيا",
        "\"بين كوريا الشمالية\"", "\"الأوكراني فولوديمير زيلينسكي\""}) {
    const std::string query = q;
    CAPTURE(query);
    auto c =
        fahras::collection::open(reinterpret_cast<const std::uint8_t*>(root.data()), root.size());
    REQUIRE(c);
    const auto rounds = search_in_rounds(*c, files, query);
    REQUIRE(rounds.size() == 3);
    CHECK(any_of_kind(rounds[0], "dict"));
    CHECK(any_of_kind(rounds[1], "post"));
    CHECK(any_of_kind(rounds[2], "store"));
    const bool positions = std::string_view(q).find(' ') != std::string_view::npos;
    CHECK(any_of_kind(rounds[1], "pos") == positions);  // a phrase's, or proximity's
    CHECK_FALSE(any_of_kind(rounds[0], "pos"));
    CHECK_FALSE(any_of_kind(rounds[2], "pos"));
    // Nothing that a synchronous reader would not read.
    std::set<std::string> handed;
    for (const auto& round : rounds) handed.insert(round.begin(), round.end());
    CHECK(handed == shards_for(files, query));
  }
}

TEST_CASE("a mistyped word's candidates come with their stems' dictionary shards") {
  // A candidate form found in a typo shard is checked against its stem: with tiny shards the
  // stem's entry is elsewhere, asked for in the round of the candidate's own, not one after.
  const collection_files& files = tiny_collection();
  const auto root = files.at("root.fahras");
  for (const char* q : {"البوسية", "النقوبات", "الثمالية"}) {  // الروسية, العقوبات, الشمالية
    CAPTURE(q);
    auto c =
        fahras::collection::open(reinterpret_cast<const std::uint8_t*>(root.data()), root.size());
    REQUIRE(c);
    const auto rounds = search_in_rounds(*c, files, q);
    const auto typo = std::find_if(rounds.begin(), rounds.end(),
                                   [](const auto& round) { return any_of_kind(round, "typo"); });
    REQUIRE(typo != rounds.end());
    CHECK(std::count_if(typo + 1, rounds.end(),
                        [](const auto& round) { return any_of_kind(round, "dict"); }) == 1);
  }
}

TEST_CASE("a shard whose bytes do not match its name is refused") {
  const collection_files& files = tiny_collection();
  const auto root = files.at("root.fahras");
  auto c =
      fahras::collection::open(reinterpret_cast<const std::uint8_t*>(root.data()), root.size());
  REQUIRE(c);
  const auto r = c->search("روسيا");
  REQUIRE_FALSE(r);
  REQUIRE_FALSE(c->missing_shards().empty());
  const std::string name = c->missing_shards().front();
  std::string bytes = files.at("shards/" + name);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x20);
  const auto refused = c->add_shard(name, {bytes.begin(), bytes.end()});
  REQUIRE(refused);
  CHECK(refused->message.find(name) != std::string::npos);
  CHECK(refused->message.find("hash mismatch") != std::string::npos);
  CHECK(c->add_shard("dict-xyz.bin", {}));  // not a shard name at all
}

TEST_CASE("a shard name and the id the reader keeps it by are one another's inverse") {
  namespace d = fahras::detail;
  const collection_files& files = tiny_collection();
  std::map<d::shard_kind, int> kinds;
  std::string pack;
  for (const auto& [path, bytes] : files) {
    if (path.rfind("shards/", 0) != 0) continue;
    const std::string name = path.substr(7);
    const auto id = d::parse_shard_name(name);
    REQUIRE_MESSAGE(id, name);
    CHECK(d::shard_name(*id) == name);
    ++kinds[id->kind];
    if (id->kind == d::shard_kind::stored && id->number > 0) pack = name;
  }
  CHECK(kinds.size() == d::shard_kind_count);
  REQUIRE(!pack.empty());
  // Only the name the writer gives a pack names it: another spelling of its number would
  // reach the same cache entry.
  const std::string head = pack.substr(0, pack.rfind('-') + 1);
  const auto root = files.at("root.fahras");
  auto c =
      fahras::collection::open(reinterpret_cast<const std::uint8_t*>(root.data()), root.size());
  REQUIRE(c);
  for (const std::string& other : {head + "0" + pack.substr(head.size()), head + "4294967296.bin",
                                   head + "-1.bin", head + ".bin"}) {
    CAPTURE(other);
    CHECK_FALSE(d::parse_shard_name(other));
    const auto refused = c->add_shard(other, {});
    REQUIRE(refused);
    CHECK(refused->code == fahras::errc::invalid_argument);
  }
  CHECK(d::parse_shard_name(head + "4294967295.bin"));
}

TEST_CASE("a damaged, missing or swapped shard is an error that names it, never a wrong result") {
  const collection_files& good = tiny_collection();
  const fahras::index& idx = corpus_index();
  const auto queries = fahras::test::query_mix(corpus(), 9, 12);
  std::map<std::string, std::vector<std::string>> by_kind;
  for (const auto& [path, bytes] : good)
    if (path != "root.fahras") by_kind[path.substr(7, path.find('-') - 7)].push_back(path);
  std::vector<std::pair<std::string, std::string>> picked;  // (file, another of its kind)
  for (const auto& [kind, paths] : by_kind)
    for (std::size_t i : {std::size_t{0}, paths.size() / 3, 2 * paths.size() / 3, paths.size() - 1})
      picked.emplace_back(paths[i], paths[(i + 1) % paths.size()]);
  std::mt19937 rng(3);
  std::map<std::string, int> refused;
  for (const auto& pick : picked) {
    const std::string& path = pick.first;  // not a structured binding: CAPTURE takes it
    const std::string& swap_with = pick.second;
    const std::string name = path.substr(7);
    const std::string kind = name.substr(0, name.find('-'));
    const std::string& bytes = good.at(path);
    const std::string& other = good.at(swap_with);  // a swap: a file of the same kind
    for (int damage = 0; damage < 5; ++damage) {
      CAPTURE(path);
      CAPTURE(damage);
      collection_files files = good;
      switch (damage) {
        case 0: files.erase(path); break;
        case 1: files[path] = bytes.substr(0, bytes.size() / 2); break;
        case 2: files[path][rng() % bytes.size()] ^= static_cast<char>(1 + rng() % 255); break;
        case 3: files[path] = other; break;
        default: files[path].clear(); break;
      }
      auto c = fahras::test::open_in_memory(files);
      REQUIRE(c);
      const auto checked = c->verify();  // reads every shard: must notice
      REQUIRE_FALSE(checked);
      CHECK(checked.error().message.find(name) != std::string::npos);
      CHECK(checked.error().message.rfind("fahras: ", 0) == 0);
      ++refused[kind];
      // Searches: the same results as the index, or an error naming the file.
      auto fresh = fahras::test::open_in_memory(files);
      for (const std::string& q : queries) {
        CAPTURE(q);
        const auto r = fresh->search(q);
        if (r) {
          CHECK(fahras::test::compare_results(fahras::search(idx, q), *r) == "");
        } else {
          CHECK(r.error().message.find(name) != std::string::npos);
        }
      }
    }
  }
  for (const char* kind : {"dict", "post", "pos", "docs", "store", "typo"}) {
    CAPTURE(kind);
    CHECK(refused[kind] >= 5);
  }
}

TEST_CASE("a typo shard with keys out of order or in another shard is refused, naming it") {
  // Consistent framing (the name, group and CRC are right): the keys' own checks must refuse.
  namespace d = fahras::detail;
  const collection_files& good = tiny_collection();
  const std::string& root_bytes = good.at("root.fahras");
  const auto root =
      d::read_root(reinterpret_cast<const std::uint8_t*>(root_bytes.data()), root_bytes.size());
  REQUIRE(root);
  REQUIRE(root->typo_shard_count > 1);
  // Keys of shard 0, and one of another shard.
  std::vector<std::string> own;
  std::string other;
  for (int n = 0; own.size() < 2 || other.empty(); ++n) {
    std::string key = "\x81\x82" + std::to_string(n);
    if (d::typo_shard_of(key, root->typo_shard_count) == 0)
      own.push_back(key);
    else
      other = key;
  }
  std::sort(own.begin(), own.end());
  const std::string name = d::numbered_name(d::shard_kind::typo, root->typo_group, 0);
  for (const std::vector<std::string>& keys :
       {std::vector<std::string>{own[1], own[0]}, std::vector<std::string>{own[0], other}}) {
    std::vector<d::typo_filing> filings;
    for (const std::string& k : keys) filings.push_back({k, 0, 0});
    collection_files files = good;
    files.at("shards/" + name) = d::write_typo_shard(root->typo_group, 0, filings);
    auto c = fahras::test::open_in_memory(files);
    REQUIRE(c);
    const auto checked = c->verify();
    REQUIRE_FALSE(checked);
    CAPTURE(checked.error().message);
    CHECK(checked.error().message.find(name) != std::string::npos);
    CHECK(checked.error().message.find(keys[1] == other ? "wrong shard" : "out of order") !=
          std::string::npos);
  }
}

// A file is cached by its name, but what it must hold depends on where it is named: the
// root's documents and dictionary lists, or a documents shard's pack digest. Naming one file in
// two places (only hostile bytes do) once let the second place read the first's shard as its
// own, past the end of its lengths (found by fuzz_collection). (Dictionary shards are numbered:
// two of them cannot share a name; one copied over another's is a swap, refused above.)
TEST_CASE("one file named for two shards is an error, never another shard's data") {
  namespace d = fahras::detail;
  const collection_files& good = tiny_collection();
  const std::string& root_bytes = good.at("root.fahras");
  auto root =
      d::read_root(reinterpret_cast<const std::uint8_t*>(root_bytes.data()), root_bytes.size());
  REQUIRE(root);
  REQUIRE(root->documents.size() >= 2);
  const auto shard_path = [](d::shard_kind kind, const d::shard_hash& h) {
    return "shards/" + d::shard_name(kind, h);
  };
  for (const char* twice : {"documents", "packs"}) {
    CAPTURE(twice);
    collection_files files = good;
    d::collection_root changed = *root;
    if (std::string(twice) == "documents") {
      changed.documents[1] = changed.documents[0];
    } else {  // the second documents shard names the first one's packs
      auto read_docs = [&](std::uint32_t i, d::documents_shard& out) {
        const std::string& b = good.at(shard_path(d::shard_kind::documents, root->documents[i]));
        const std::uint32_t first = i * root->docs_per_shard;
        return d::read_documents_shard(
            reinterpret_cast<const std::uint8_t*>(b.data()), b.size(), "", first,
            std::min(root->docs_per_shard, root->meta.doc_count - first), out);
      };
      d::documents_shard first, second;
      REQUIRE_FALSE(read_docs(0, first));
      REQUIRE_FALSE(read_docs(1, second));
      second.packs_digest = first.packs_digest;
      const std::string bytes = d::write_documents_shard(second);
      changed.documents[1] = d::hash_of(bytes);
      files[shard_path(d::shard_kind::documents, changed.documents[1])] = bytes;
    }
    files["root.fahras"] = d::write_root(changed);
    auto c = fahras::test::open_in_memory(files);
    REQUIRE(c);
    const auto checked = c->verify();
    REQUIRE_FALSE(checked);
    CHECK(checked.error().message.find("one file named for two shards") != std::string::npos);
  }
}

// A shard is cached for good by its name (doc/collection.md, "Files"): two builds may give one
// name only to the same bytes. Numbered files are named after their group's digest: a changed
// document renames every dictionary shard (new words) but leaves untouched shards' names.
TEST_CASE("two builds give one file name only to the same bytes") {
  std::vector<fahras::document> docs = corpus();
  docs[docs.size() / 2].text += " كلمة جديدة";
  const collection_files& before = tiny_collection();
  const collection_files after =
      fahras::test::bundle_in_memory(fahras::test::build_index(docs), fahras::test::tiny_shards());
  std::map<std::string, int> kept;
  for (const auto& file : after) {
    const std::string& path = file.first;  // not a structured binding: CAPTURE takes it
    if (path == "root.fahras" || before.count(path) == 0) continue;
    CAPTURE(path);
    CHECK(before.at(path) == file.second);
    ++kept[path.substr(7, path.find('-') - 7)];
  }
  CHECK(kept["dict"] == 0);
  CHECK(kept["post"] > 0);
  CHECK(kept["docs"] > 0);
  CHECK(kept["store"] > 0);
}

TEST_CASE("every truncation and bit flip of the root is refused") {
  const std::string root = tiny_collection().at("root.fahras");
  const auto* data = reinterpret_cast<const std::uint8_t*>(root.data());
  for (std::size_t n = 0; n < root.size(); ++n) {
    CAPTURE(n);
    const auto c = fahras::collection::open(data, n);
    REQUIRE_FALSE(c);
    CHECK(c.error().message.rfind("fahras: root.fahras: ", 0) == 0);
  }
  std::string flipped = root;
  for (std::size_t at = 0; at < root.size(); ++at)
    for (int bit = 0; bit < 8; ++bit) {
      flipped[at] = static_cast<char>(root[at] ^ (1 << bit));
      CHECK_FALSE(fahras::collection::open(reinterpret_cast<const std::uint8_t*>(flipped.data()),
                                           flipped.size()));
      flipped[at] = root[at];
    }
}

TEST_CASE("shards rewritten with matching names give errors or consistent results") {
  // The hashes no longer protect: the structures' own checks must (the fuzz target's body, on
  // its small collection).
  std::mt19937 rng(17);
  std::size_t tried = 0;
  for (const auto& file : fahras::fuzz::collection_base()) {
    const std::string& path = file.first;  // not a structured binding: CAPTURE takes it
    const std::string& bytes = file.second;
    for (int k = 0; k < 6; ++k) {
      std::string mutated = bytes;
      for (int flips = 1 + static_cast<int>(rng() % 3); flips > 0; --flips)
        mutated[rng() % mutated.size()] ^= static_cast<char>(1 << (rng() % 8));
      CAPTURE(path);
      CHECK(fahras::fuzz::collection_problem(fahras::fuzz::collection_base(), path, mutated) == "");
      ++tried;
    }
  }
  CHECK(tried > 50);
}

TEST_CASE("a collection folder on disk: written whole, read back, errors name the path") {
  const fs::path dir = fs::temp_directory_path() /
                       ("fahras-collection-test-" + std::to_string(std::random_device{}()));
  fs::remove_all(dir);
  fahras::bundle_options small;  // a few dozen files
  small.dictionary_shard_bytes = 4096;
  small.documents_shard_bytes = 256;
  small.pack_bytes = 16 * 1024;
  REQUIRE_FALSE(fahras::save_collection(corpus_index(), dir.string(), small));
  CHECK(fs::exists(dir / "root.fahras"));
  for (const auto& e : fs::directory_iterator(dir / "shards"))
    CHECK(e.path().extension() == ".bin");  // no temporary left behind
  auto c = fahras::open_collection(dir.string());
  REQUIRE(c);
  CHECK(differences(corpus_index(), *c, "كوريا الشمالية", {}) == "");

  // Rebuilt with other documents into the same folder: the collection opened before keeps
  // working (its shards stay), a new one sees the new documents.
  std::vector<fahras::document> fewer(corpus().begin(), corpus().begin() + 40);
  const fahras::index small_index = fahras::test::build_index(fewer);
  REQUIRE_FALSE(fahras::save_collection(small_index, dir.string(), small));
  CHECK(differences(corpus_index(), *c, "العقوبات روسيا", {}) == "");
  auto reopened = fahras::open_collection(dir.string());
  REQUIRE(reopened);
  CHECK(reopened->doc_count() == 40);
  CHECK(differences(small_index, *reopened, "العقوبات روسيا", {}) == "");

  // A shard file with other bytes under a shard's name (a run cut short, a bad copy): a
  // rebuild replaces it, since a shard is created only where no file is.
  std::vector<std::string> written;
  const auto note = [&](const std::string& path, std::size_t) { written.push_back(path); };
  REQUIRE_FALSE(fahras::save_collection(small_index, dir.string(), small, note));
  const auto dictionary_shard = std::find_if(written.begin(), written.end(), [](const auto& p) {
    return p.rfind("shards/dict-", 0) == 0;
  });
  REQUIRE(dictionary_shard != written.end());
  const std::string planted = (dir / *dictionary_shard).string();
  const std::string planted_bytes = fahras::test::read_file(planted);
  std::ofstream(planted, std::ios::binary) << "not a shard";
  REQUIRE_FALSE(fahras::save_collection(small_index, dir.string(), small));
  CHECK(fahras::test::read_file(planted) == planted_bytes);
  auto rebuilt = fahras::open_collection(dir.string());
  REQUIRE(rebuilt);
  CHECK(differences(small_index, *rebuilt, "العقوبات روسيا", {}) == "");

  // A shard of the collection deleted (the folder holds the first one's too): the error names
  // its path.
  const auto documents_shard = std::find_if(written.begin(), written.end(), [](const auto& p) {
    return p.rfind("shards/docs-", 0) == 0;
  });
  REQUIRE(documents_shard != written.end());
  const std::string victim = (dir / *documents_shard).string();
  // Whether a search of the collection on disk fails naming the victim.
  const auto names_victim = [&] {
    auto broken = fahras::open_collection(dir.string());
    REQUIRE(broken);
    bool named = false;
    for (const char* q : {"روسيا", "الحرب", "كوريا"}) {
      const auto r = broken->search(q);
      named = named || (!r && r.error().message.find(victim) != std::string::npos);
    }
    return named;
  };
  fs::remove(victim);
  CHECK(names_victim());
  // A shard that is a folder: the same, not an exception from the stream that reads it.
  fs::create_directory(victim);
  CHECK(names_victim());
  CHECK_FALSE(fahras::open_collection((dir / "nowhere").string()));
  fs::remove_all(dir);
}

TEST_CASE("the folder \"\" is the current folder, to write a collection and to read it") {
  const fs::path dir = fs::temp_directory_path() /
                       ("fahras-collection-here-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  const fs::path was = fs::current_path();
  fs::current_path(dir);
  const auto written = fahras::save_collection(corpus_index(), "");
  const auto read = fahras::open_collection("");
  fs::current_path(was);
  CHECK_FALSE(written);
  CHECK(fs::exists(dir / "root.fahras"));
  CHECK(fs::is_directory(dir / "shards"));
  REQUIRE(read);
  CHECK(read->doc_count() == corpus_index().doc_count());
  fs::remove_all(dir);
}

}  // TEST_SUITE("collection")
