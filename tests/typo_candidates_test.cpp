// Tests of detail/search/typo_candidates.hpp: the dictionary walk finds exactly what a scan of
// every key with bounded_levenshtein finds (the code it replaced), in the same order, and typo
// search gives the hits and notes that scan gave.
// SPDX-License-Identifier: MIT
#include <fahras/detail/format/crc32.hpp>
#include <fahras/detail/search/typo_candidates.hpp>
#include <fahras/fahras.hpp>
#include "bounded_levenshtein.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <vector>

#include "engine_util.hpp"
#include "test_util.hpp"

namespace {

namespace fs = std::filesystem;
using fahras::detail::dictionary_entry;
using fahras::detail::dictionary_iterator;
using fahras::detail::dictionary_view;
using fahras::detail::typo_key_table;
using fahras::detail::typo_terms;
using fahras::detail::typo_walk_stats;

struct candidate {
  std::uint32_t ordinal;
  std::string key;
  std::size_t edits;
  bool operator==(const candidate& o) const {
    return ordinal == o.ordinal && key == o.key && edits == o.edits;
  }
};

// The oracle: the scan expand_typo ran before, every word form through bounded_levenshtein.
// With `terms` stems, every stem (an entry with a stem list) instead.
std::vector<candidate> scan_every_key(const dictionary_view& dict, std::string_view target,
                                      std::size_t max_edits, typo_terms terms = typo_terms::forms) {
  std::vector<candidate> out;
  if (dict.term_count() == 0) return out;
  fahras::detail::bounded_levenshtein lev(std::string(target), max_edits);
  for (dictionary_iterator it(dict, 0); it.valid(); it.next()) {
    const dictionary_entry& e = it.entry();
    if (terms == typo_terms::forms ? !e.is_form() : e.stem.empty()) continue;
    const std::size_t d = lev.distance(e.key);
    if (d <= max_edits) out.push_back({e.ordinal, std::string(e.key), d});
  }
  return out;
}

std::vector<candidate> walk(const dictionary_view& dict, std::string_view target,
                            std::size_t max_edits, typo_walk_stats* stats = nullptr,
                            typo_terms terms = typo_terms::forms) {
  std::vector<candidate> out;
  fahras::detail::for_each_typo_candidate(
      dict, target, max_edits,
      [&](const dictionary_entry& e, std::size_t d) {
        out.push_back({e.ordinal, std::string(e.key), d});
      },
      stats, terms);
  return out;
}

// The same walk over the dictionary's typo key table.
std::vector<candidate> walk_keys(const typo_key_table& keys, const dictionary_view& dict,
                                 std::string_view target, std::size_t max_edits,
                                 typo_walk_stats* stats = nullptr,
                                 typo_terms terms = typo_terms::forms) {
  std::vector<candidate> out;
  fahras::detail::for_each_typo_candidate(
      keys, dict, target, max_edits,
      [&](const dictionary_entry& e, std::size_t d) {
        out.push_back({e.ordinal, std::string(e.key), d});
      },
      stats, terms);
  return out;
}

typo_key_table key_table_of(const dictionary_view& dict) {
  std::optional<typo_key_table> keys = typo_key_table::build(dict);
  REQUIRE(keys.has_value());
  return std::move(*keys);
}

// Textbook Levenshtein over bytes, the whole table: an independent check of the oracle.
std::size_t levenshtein(std::string_view a, std::string_view b) {
  std::vector<std::size_t> up(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) up[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      row[j] = std::min({up[j] + 1, row[j - 1] + 1, up[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(up, row);
  }
  return up[b.size()];
}

std::vector<std::string> keys_of(const dictionary_view& dict) {
  std::vector<std::string> out;
  if (dict.term_count() == 0) return out;
  for (dictionary_iterator it(dict, 0); it.valid(); it.next()) out.emplace_back(it.entry().key);
  return out;
}

// --- dictionaries -------------------------------------------------------------------------

std::string to_utf8(char32_t cp) {
  std::string out;
  fahras::detail::append_utf8(out, cp);
  return out;
}

std::string random_arabic(std::mt19937& rng, std::size_t min_letters, std::size_t max_letters) {
  std::string out;
  const std::size_t n = min_letters + rng() % (max_letters - min_letters + 1);
  for (std::size_t i = 0; i < n; ++i) out += to_utf8(fahras::test::random_arabic_letter(rng));
  return out;
}

// Words that share prefixes and stems as Arabic words do (clitics, a root in a pattern,
// suffixes), and near misses of one another.
std::vector<std::string> arabic_like_words(std::mt19937& rng, std::size_t roots) {
  static const char* const prefixes[] = {"", "", "ال", "وال", "بال", "و", "م", "ت", "است", "لل"};
  static const char* const suffixes[] = {"", "", "ات", "ون", "ين", "ة", "ها", "هم", "ية", "ان"};
  std::vector<std::string> words;
  for (std::size_t r = 0; r < roots; ++r) {
    const std::string root = random_arabic(rng, 2, 5);
    for (int k = 0; k < 4; ++k)
      words.push_back(std::string(prefixes[rng() % 10]) + root + suffixes[rng() % 10]);
    std::string near = root;  // the root with one letter changed
    near.replace(2 * (rng() % (near.size() / 2)), 2,
                 to_utf8(fahras::test::random_arabic_letter(rng)));
    words.push_back(std::string(prefixes[rng() % 10]) + near);
  }
  return words;
}

// An index whose dictionary holds the words (with their stems), 40 words a document.
fahras::index index_of_words(const std::vector<std::string>& words) {
  std::vector<fahras::document> docs;
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    text += words[i];
    text += ' ';
    if (i % 40 == 39 || i + 1 == words.size()) {
      docs.push_back(fahras::test::doc(docs.size(), "", text));
      text.clear();
    }
  }
  return fahras::test::build_index(docs);
}

// `key` with `edits` random byte edits (insert, delete, substitute, swap two neighbours).
std::string mutate(std::mt19937& rng, std::string key, std::size_t edits,
                   const std::string& alphabet) {
  for (std::size_t e = 0; e < edits; ++e) {
    const char c = alphabet[rng() % alphabet.size()];
    const std::size_t at = key.empty() ? 0 : rng() % key.size();
    switch (key.empty() ? 0 : rng() % 4) {
      case 0:
        key.insert(key.begin() + static_cast<std::ptrdiff_t>(rng() % (key.size() + 1)), c);
        break;
      case 1: key.erase(at, 1); break;
      case 2: key[at] = c; break;
      default:
        if (at + 1 < key.size()) std::swap(key[at], key[at + 1]);
    }
  }
  return key;
}

// Targets near the dictionary's keys: the keys themselves, their prefixes, the keys with one
// to three edits, random strings over the keys' bytes, random bytes, the empty string.
std::vector<std::string> targets_near(std::mt19937& rng, const std::vector<std::string>& keys,
                                      std::size_t n) {
  std::string alphabet("\x00\xFF", 2);
  for (const std::string& k : keys) alphabet += k;
  std::vector<std::string> out{""};
  for (std::size_t i = 0; i < n && !keys.empty(); ++i) {
    const std::string& key = keys[rng() % keys.size()];
    switch (i % 6) {
      case 0: out.push_back(key); break;
      case 1: out.push_back(key.substr(0, rng() % (key.size() + 1))); break;
      case 2:
      case 3: out.push_back(mutate(rng, key, 1 + rng() % 3, alphabet)); break;
      case 4: out.push_back(mutate(rng, "", 1 + rng() % 12, alphabet)); break;
      default: out.push_back(fahras::test::random_bytes(rng, 12));
    }
  }
  return out;
}

// Both walks against the scan for every target, max_edits 1 and 2 (0, 3 and 4 for a quarter:
// with 4 the walk over the key table runs levenshtein_rows, not levenshtein_dfa).
void check_against_scan(const dictionary_view& dict, const std::vector<std::string>& targets) {
  const typo_key_table keys = key_table_of(dict);
  for (std::size_t t = 0; t < targets.size(); ++t)
    for (std::size_t max_edits = 0; max_edits <= 4; ++max_edits) {
      if ((max_edits == 0 || max_edits >= 3) && t % 4 != 0) continue;
      const std::string& target = targets[t];
      CAPTURE(fahras::test::hex(target));
      CAPTURE(max_edits);
      for (const typo_terms terms : {typo_terms::forms, typo_terms::stems}) {
        CAPTURE(terms == typo_terms::stems);
        const std::vector<candidate> expected = scan_every_key(dict, target, max_edits, terms);
        CHECK(walk(dict, target, max_edits, nullptr, terms) == expected);
        CHECK(walk_keys(keys, dict, target, max_edits, nullptr, terms) == expected);
      }
    }
}

std::vector<std::string> article_texts() {
  std::vector<std::string> out;
  for (const auto& entry :
       fs::directory_iterator(fs::path(FAHRAS_SOURCE_DIR) / "web_demo" / "articles"))
    if (entry.path().extension() == ".txt")
      out.push_back(fahras::test::read_file(entry.path().string()));
  std::sort(out.begin(), out.end());
  REQUIRE(out.size() == 5);
  return out;
}

}  // namespace

TEST_SUITE("typo candidates") {
TEST_CASE("an empty dictionary has no candidates") {
  for (const std::vector<fahras::document>& docs :
       {std::vector<fahras::document>{}, {fahras::test::doc(0, "", "، . !")}}) {
    const fahras::index idx = fahras::test::build_index(docs);
    REQUIRE(idx.dictionary().term_count() == 0);
    typo_walk_stats stats;
    const typo_key_table keys = key_table_of(idx.dictionary());
    CHECK(keys.size() == 0);
    for (std::string_view target : {"", "abc", "\x8A\x8B\x8C\x8D"}) {
      CHECK(walk(idx.dictionary(), target, 2, &stats).empty());
      CHECK(walk_keys(keys, idx.dictionary(), target, 2, &stats).empty());
    }
    CHECK(stats.keys_decoded == 0);
  }
}

TEST_CASE("a one-block dictionary: the walk finds what the scan finds") {
  const fahras::index idx =
      fahras::test::build_index({fahras::test::doc(0, "", "كتاب كتب مكتبة الكتاب كاتب")});
  const dictionary_view& dict = idx.dictionary();
  REQUIRE(dict.block_count() == 1);
  std::mt19937 rng(7);
  check_against_scan(dict, targets_near(rng, keys_of(dict), 100));
  // The typed form is found at distance 0, its neighbours at 1.
  const std::string target = fahras::detail::encode_key("كتاب");
  const std::vector<candidate> found = walk(dict, target, 1);
  CHECK(std::count_if(found.begin(), found.end(),
                      [&](const candidate& c) { return c.key == target && c.edits == 0; }) == 1);
  CHECK(std::any_of(found.begin(), found.end(), [](const candidate& c) { return c.edits == 1; }));
}

TEST_CASE("Arabic-like keys with shared prefixes, over many blocks") {
  std::mt19937 rng(11);
  const fahras::index idx = index_of_words(arabic_like_words(rng, 800));
  const dictionary_view& dict = idx.dictionary();
  REQUIRE(dict.block_count() > 100);
  check_against_scan(dict, targets_near(rng, keys_of(dict), 100));
}

TEST_CASE("the articles' words") {
  std::vector<fahras::document> docs;
  for (const std::string& text : article_texts())
    docs.push_back(fahras::test::doc(docs.size(), "", text));
  const fahras::index idx = fahras::test::build_index(docs);
  std::mt19937 rng(13);
  check_against_scan(idx.dictionary(), targets_near(rng, keys_of(idx.dictionary()), 120));
}

TEST_CASE("edge keys: one letter, 255 bytes, escaped non-Arabic characters, 0xFF runs") {
  std::vector<std::string> words = {"ب", "a", "é", "中", "𠀀", "ء", "ي"};
  words.push_back(std::string(255, 'a'));
  words.push_back(std::string(254, 'a') + "b");
  words.push_back(std::string(200, 'z') + "y");
  std::mt19937 rng(17);
  // Words of escaped characters (each key byte run starts with 0xFF), alone and mixed in.
  const char32_t others[] = {0x4E2D, 0x6587, 0x20000, 0x10348, 0x00E9,
                             0x0161, 0x0300, 0x05D0,  0x0E01};
  for (int i = 0; i < 300; ++i) {
    std::string w;
    const std::size_t n = 1 + rng() % 6;
    for (std::size_t k = 0; k < n; ++k)
      w +=
          rng() % 3 ? to_utf8(others[rng() % 9]) : to_utf8(fahras::test::random_arabic_letter(rng));
    words.push_back(w);
  }
  const fahras::index idx = index_of_words(words);
  const dictionary_view& dict = idx.dictionary();
  const std::vector<std::string> keys = keys_of(dict);
  CHECK(std::any_of(keys.begin(), keys.end(), [](const std::string& k) { return k.size() == 1; }));
  CHECK(
      std::any_of(keys.begin(), keys.end(), [](const std::string& k) { return k.size() == 255; }));
  CHECK(std::any_of(keys.begin(), keys.end(), [](const std::string& k) {
    return k.size() >= 2 && k[0] == '\xFF' && k[1] == '\xF0';  // an escaped 4-byte character
  }));
  std::vector<std::string> targets = targets_near(rng, keys, 300);
  for (std::string_view t : {"\xFF", "\xFF\xFF", "\xFF\xFF\xFF\xFF", "\xFE\xFF", "\x01"})
    targets.emplace_back(t);
  targets.push_back(std::string(255, 'a'));
  targets.push_back(std::string(253, 'a') + "bb");
  targets.push_back(std::string(256, 'a'));
  check_against_scan(dict, targets);
}

TEST_CASE("the oracle is plain Levenshtein: a transposition costs two edits") {
  std::mt19937 rng(19);
  const fahras::index idx = index_of_words(arabic_like_words(rng, 300));
  const dictionary_view& dict = idx.dictionary();
  const typo_key_table keys = key_table_of(dict);
  std::vector<std::string> forms;
  for (dictionary_iterator it(dict, 0); it.valid(); it.next())
    if (it.entry().is_form()) forms.emplace_back(it.entry().key);
  for (const std::string& target : targets_near(rng, forms, 60))
    for (std::size_t max_edits = 1; max_edits <= 2; ++max_edits) {
      std::vector<std::string> expected;
      for (const std::string& f : forms)
        if (levenshtein(f, target) <= max_edits) expected.push_back(f);
      std::vector<std::string> found;
      const std::vector<candidate> walked = walk(dict, target, max_edits);
      for (const candidate& c : walked) {
        CHECK(c.edits == levenshtein(c.key, target));
        found.push_back(c.key);
      }
      CHECK(found == expected);
      CHECK(walk_keys(keys, dict, target, max_edits) == walked);
    }
  // Swapping two neighbouring letters of a word is two edits.
  const std::string key = forms.at(forms.size() / 2);
  REQUIRE(key.size() >= 2);
  std::string swapped = key;
  std::swap(swapped[0], swapped[1]);
  if (swapped != key) {
    for (const candidate& c : walk(dict, swapped, 1)) CHECK(c.key != key);
    const std::vector<candidate> two = walk(dict, swapped, 2);
    CHECK(std::any_of(two.begin(), two.end(),
                      [&](const candidate& c) { return c.key == key && c.edits == 2; }));
  }
}

TEST_CASE("the walk reads a small part of a large dictionary") {
  std::mt19937 rng(23);
  const fahras::index idx = index_of_words(arabic_like_words(rng, 6000));
  const dictionary_view& dict = idx.dictionary();
  REQUIRE(dict.term_count() > 25000);
  const typo_key_table keys = key_table_of(dict);
  std::vector<std::string> forms;
  for (dictionary_iterator it(dict, 0); it.valid(); it.next())
    if (it.entry().is_form() && it.entry().key.size() >= 5) forms.emplace_back(it.entry().key);
  std::string letters;
  for (const std::string& f : forms) letters += f;
  for (std::size_t max_edits = 1; max_edits <= 2; ++max_edits) {
    std::size_t decoded = 0, words = 0, visited = 0;
    for (int i = 0; i < 20; ++i) {
      const std::string target = mutate(rng, forms[rng() % forms.size()], 1, letters);
      typo_walk_stats stats, key_stats;
      const std::vector<candidate> found = walk(dict, target, max_edits, &stats);
      CHECK(found == scan_every_key(dict, target, max_edits));
      CHECK(walk_keys(keys, dict, target, max_edits, &key_stats) == found);
      decoded += stats.keys_decoded;
      visited += key_stats.keys_decoded;
      ++words;
    }
    CAPTURE(max_edits);
    CAPTURE(decoded / words);
    CAPTURE(visited / words);
    CHECK(decoded / words < dict.term_count() / (max_edits == 1 ? 15 : 2));
    // The key table's walk passes over the keys below a path that lack too many of the
    // target's letters, or are too short: without that it visits a quarter (1 edit) or a
    // third (2 edits) as many keys as the dictionary's walk decodes, with it half as many.
    CHECK(visited / words < decoded / words / (max_edits == 1 ? 6 : 4));
  }
}
TEST_CASE("the typo key table holds every key and form, and passes over keys as a scan would") {
  std::mt19937 rng(43);
  std::vector<std::string> words = arabic_like_words(rng, 400);
  // Shared runs longer than the table stores (max_shared), and keys that end inside them.
  for (const std::size_t n : {100u, 126u, 127u, 128u, 129u, 200u, 254u})
    for (const char* tail : {"", "b", "c", "bb"}) words.push_back(std::string(n, 'a') + tail);
  const fahras::index idx = index_of_words(words);
  const dictionary_view& dict = idx.dictionary();
  const typo_key_table keys = key_table_of(dict);
  std::vector<std::string> expected;
  std::vector<bool> forms;
  for (dictionary_iterator it(dict, 0); it.valid(); it.next()) {
    expected.emplace_back(it.entry().key);
    forms.push_back(it.entry().is_form());
  }
  REQUIRE(keys.size() == expected.size());
  std::vector<std::size_t> lcp(expected.size(), 0);  // shared with the key before, uncapped
  std::string key;
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    CAPTURE(i);
    REQUIRE(keys.shared(i) <= key.size());
    key = key.substr(0, keys.shared(i)) + std::string(keys.added(i));
    CHECK(key == expected[i]);
    CHECK(keys.is_form(i) == forms[i]);
    if (i > 0)
      while (lcp[i] < key.size() && lcp[i] < expected[i - 1].size() &&
             key[lcp[i]] == expected[i - 1][lcp[i]])
        ++lcp[i];
    CHECK(keys.shared(i) == std::min(lcp[i], typo_key_table::max_shared));
  }
  CHECK(*std::max_element(lcp.begin(), lcp.end()) > typo_key_table::max_shared);
  // next_sharing_at_most from every position (and size()), at every depth up to past the cap.
  for (std::uint32_t i = 0; i <= keys.size(); ++i)
    for (std::size_t depth = 0; depth <= typo_key_table::max_shared + 2; depth += 1 + rng() % 4) {
      std::uint32_t j = i;
      if (depth < typo_key_table::max_shared)
        while (j < keys.size() && lcp[j] > depth) ++j;
      CAPTURE(i);
      CAPTURE(depth);
      CHECK(keys.next_sharing_at_most(i, depth) == j);
    }
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    CAPTURE(i);
    CHECK(keys.next_sibling(i) == keys.next_sharing_at_most(i + 1, keys.shared(i)));
  }
  // What lies below each key's first added byte, against the keys themselves.
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    CAPTURE(i);
    std::uint32_t letters = 0;
    std::size_t longest = 0;
    for (std::uint32_t k = i; k < keys.next_sibling(i); ++k) {
      for (std::size_t b = keys.shared(i) + 1; b < expected[k].size(); ++b)
        letters |= fahras::detail::key_letter_bit(static_cast<std::uint8_t>(expected[k][b]));
      longest = std::max(longest, expected[k].size());
    }
    CHECK(keys.letters_below(i) == (letters | letters >> 16 | letters << 16));
    CHECK(keys.longest_below(i) == std::min(longest, fahras::detail::key_length_unknown));
  }
}

TEST_CASE("the typo key table finds siblings further than 65,535 keys on") {
  // The table keeps a sibling's distance in two bytes where it can: the keys starting with
  // "q" outnumber that, so the first of them has its sibling ("r...") further on.
  std::vector<std::string> words{"pa"};
  for (std::size_t i = 0; i < 70000; ++i) {
    std::string w = "q";
    for (std::size_t v = i, d = 0; d < 4; ++d, v /= 26) w += static_cast<char>('a' + v % 26);
    words.push_back(w);
  }
  words.emplace_back("ra");
  const fahras::index idx = index_of_words(words);
  const typo_key_table keys = key_table_of(idx.dictionary());
  std::uint32_t farthest = 0;
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    CAPTURE(i);
    CHECK(keys.next_sibling(i) == keys.next_sharing_at_most(i + 1, keys.shared(i)));
    farthest = std::max(farthest, keys.next_sibling(i) - i);
  }
  CHECK(farthest > 0xFFFF);
}

TEST_CASE("the letter bound never exceeds the edits it bounds") {
  // within(j, missing(letters of s), |s|, d) must hold whenever lev(s, target[j..)) <= d; and
  // it must fail sometimes, or the typo walk would prune nothing.
  std::mt19937 rng(59);
  const std::string alphabet =
      "\x80\x81\x82\x83\xA0\xA9\xAA"
      "ab\xFF";
  const auto random_string = [&](std::size_t max_size) {
    std::string out(rng() % (max_size + 1), '\0');
    for (char& c : out) c = alphabet[rng() % alphabet.size()];
    return out;
  };
  std::size_t refused = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::string target = random_string(round % 10 == 0 ? 70 : 12);
    const fahras::detail::key_letter_bound bound(target);
    REQUIRE(bound.usable() == (target.size() <= 64));
    if (!bound.usable()) continue;
    const std::string s = random_string(12);
    std::uint32_t letters = 0;
    for (const char c : s) letters |= fahras::detail::key_letter_bit(static_cast<std::uint8_t>(c));
    const std::uint64_t missing = bound.missing(letters);
    for (std::size_t j = 0; j <= target.size(); ++j) {
      const std::size_t d = levenshtein(s, std::string_view(target).substr(j));
      CAPTURE(fahras::test::hex(target));
      CAPTURE(fahras::test::hex(s));
      CAPTURE(j);
      for (std::size_t budget = 0; budget <= 3; ++budget) {
        const bool within = bound.within(j, missing, s.size() + rng() % 3, budget);
        if (d <= budget) CHECK(within);
        refused += !within;
      }
    }
  }
  CHECK(refused > 1000);
}

TEST_CASE("an index builds its typo key table once, shared by copies and threads") {
  std::mt19937 rng(47);
  const fahras::index built = index_of_words(arabic_like_words(rng, 300));
  const fahras::index idx = fahras::test::reloaded(built);
  std::vector<const typo_key_table*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] { seen[t] = idx.typo_keys(); });
  for (std::thread& t : threads) t.join();
  REQUIRE(seen[0] != nullptr);
  for (const typo_key_table* s : seen) CHECK(s == seen[0]);
  CHECK(seen[0]->size() == idx.dictionary().term_count());
  const fahras::index copy = idx;  // NOLINT(performance-unnecessary-copy-initialization)
  CHECK(copy.typo_keys() == seen[0]);
  CHECK(built.typo_keys() != nullptr);
}

TEST_CASE(
    "typo searches walk the dictionary until their walks have read as many entries as the "
    "key table holds, then use the table, with the same results") {
  std::mt19937 rng(59);
  const std::vector<std::string> words = arabic_like_words(rng, 1500);
  const fahras::index idx = fahras::test::reloaded(index_of_words(words));
  REQUIRE(idx.typo_keys_paid_for() == nullptr);

  // Words of the index with one letter changed: most are no word of it, and search for the
  // words one edit away.
  std::vector<std::string> queries;
  for (std::size_t i = 0; i < words.size(); i += 7) {
    std::string q = words[i];
    if (q.size() < 8) continue;
    q.replace(q.size() - 4, 2, to_utf8(fahras::test::random_arabic_letter(rng)));
    queries.push_back(q);
  }
  std::vector<fahras::search_results> walked;
  while (idx.typo_keys_paid_for() == nullptr && walked.size() < queries.size())
    walked.push_back(fahras::test::search_all(idx, queries[walked.size()]));
  REQUIRE(idx.typo_keys_paid_for() != nullptr);
  CHECK(walked.size() > 3);        // the first typo searches did not build the table
  const fahras::index copy = idx;  // NOLINT(performance-unnecessary-copy-initialization)
  CHECK(copy.typo_keys_paid_for() == idx.typo_keys_paid_for());  // built once for both

  std::size_t expanded = 0;
  for (std::size_t i = 0; i < walked.size(); ++i) {
    CAPTURE(queries[i]);
    const fahras::search_results with_table = fahras::test::search_all(idx, queries[i]);
    CHECK(fahras::test::ranked(with_table) == fahras::test::ranked(walked[i]));
    REQUIRE(with_table.notes.size() == walked[i].notes.size());
    for (std::size_t n = 0; n < with_table.notes.size(); ++n)
      CHECK(with_table.notes[n].expansions == walked[i].notes[n].expansions);
    expanded += std::any_of(with_table.notes.begin(), with_table.notes.end(),
                            [](const auto& n) { return n.what == fahras::query_note::kind::typo; });
  }
  CHECK(expanded > walked.size() / 2);  // the searches did expand typos
}

TEST_CASE("a damaged dictionary has no typo key table: the walk reads the dictionary itself") {
  std::mt19937 rng(53);
  const fahras::index built = index_of_words(arabic_like_words(rng, 300));
  REQUIRE(built.dictionary().block_count() > 2);
  std::vector<std::uint8_t> bytes = built.to_bytes();
  // Block 1's first key claims to share a byte with a key before it: that entry cannot decode.
  const dictionary_view& d = built.dictionary();
  bytes[static_cast<std::size_t>(d.blocks_begin() - built.data()) + d.block(1).offset] = 1;
  const std::uint32_t crc = fahras::detail::crc32(bytes.data() + 12, bytes.size() - 16);
  for (unsigned k = 0; k < 4; ++k)
    bytes[bytes.size() - 4 + k] = static_cast<std::uint8_t>(crc >> (8 * k));
  fahras::result<fahras::index> loaded = fahras::load_index(bytes.data(), bytes.size());
  REQUIRE(loaded);
  const fahras::index& idx = loaded.value();
  CHECK_FALSE(typo_key_table::build(idx.dictionary()).has_value());
  CHECK(idx.typo_keys() == nullptr);
  // Searching still expands typos, from the entries before the damage.
  const std::string first = fahras::detail::decode_key(keys_of(built.dictionary()).at(5));
  CHECK_NOTHROW(fahras::test::search_all(idx, first + "x"));
}

TEST_CASE("reading keys alone: next_key, skip_below and decode give what next() gives") {
  std::mt19937 rng(41);
  const fahras::index idx = index_of_words(arabic_like_words(rng, 800));
  const dictionary_view& dict = idx.dictionary();
  REQUIRE(dict.block_count() > 20);
  std::vector<dictionary_entry> entries;  // every entry as next() decodes it, keys owned below
  std::vector<std::string> keys;
  for (dictionary_iterator it(dict, 0); it.valid(); it.next()) {
    entries.push_back(it.entry());
    keys.emplace_back(it.entry().key);
  }
  REQUIRE(entries.size() == dict.term_count());
  const auto same_lists = [](const fahras::detail::list_ref& a, const fahras::detail::list_ref& b) {
    return a.data == b.data && a.size == b.size && a.doc_freq == b.doc_freq &&
           a.positions == b.positions && a.positions_size == b.positions_size &&
           a.has_positions == b.has_positions;
  };
  const auto check_entry = [&](dictionary_iterator& it, std::size_t i) {
    REQUIRE(it.valid());
    REQUIRE(it.key() == keys[i]);
    const dictionary_entry& e = it.decode();
    CHECK(it.valid());
    CHECK(e.key == keys[i]);
    CHECK(e.ordinal == entries[i].ordinal);
    CHECK(e.form_doc_freq == entries[i].form_doc_freq);
    CHECK(e.form_whole == entries[i].form_whole);
    CHECK(same_lists(e.form, entries[i].form));
    CHECK(same_lists(e.stem, entries[i].stem));
    CHECK(same_lists(e.docs, entries[i].docs));
  };
  // next_key() over the whole dictionary, decoding every third entry: the lists of the
  // entries passed undecoded still place the lists of those after them.
  {
    dictionary_iterator it(dict, 0);
    for (std::size_t i = 0; i < keys.size(); ++i, it.next_key()) {
      REQUIRE(it.key() == keys[i]);
      if (i % 3 == 0) check_entry(it, i);
    }
    CHECK_FALSE(it.valid());
    CHECK_FALSE(it.failed());
  }
  // skip_below() from the start of a block, or a few entries into it, lands on the first key
  // not below the target (the next block's first, or the end, past the block's last key).
  for (const std::string& target : targets_near(rng, keys, 600)) {
    CAPTURE(fahras::test::hex(target));
    const std::uint32_t b = dict.find_block(target);
    dictionary_iterator it(dict, b);
    std::size_t at = dict.first_term(b);
    for (std::size_t k = rng() % 3; k > 0 && at + 1 < keys.size() && keys[at + 1] < target; --k) {
      it.next_key();
      ++at;
    }
    const std::size_t expected =
        static_cast<std::size_t>(std::lower_bound(keys.begin(), keys.end(), target) - keys.begin());
    const std::size_t moved = it.skip_below(target);
    CHECK(moved == (expected > at ? expected - at : 0));
    if (expected == keys.size()) {
      CHECK_FALSE(it.valid());
      continue;
    }
    check_entry(it, std::max(expected, at));
    const std::optional<dictionary_entry> found = dict.find(target);
    CHECK(found.has_value() == (keys[expected] == target));
    if (found) CHECK(found->ordinal == entries[expected].ordinal);
  }
}
}  // TEST_SUITE("typo candidates")

// --- through search() ------------------------------------------------------------------

namespace {

using fahras::detail::word_plan;

// expand_typo with its finder swapped for the scan it replaced: every form's key through
// bounded_levenshtein, the nearest kept; when no form is near, every stem's against the word's
// stem.
void expand_typo_by_scan(const fahras::index& idx, const fahras::query_word& qw, word_plan& w,
                         const fahras::scoring_params& sp) {
  using namespace fahras::detail;
  const std::size_t max_edits = typo_edit_budget(qw.normalized);
  if (max_edits == 0) return;
  std::vector<typo_candidate> found;
  const auto scan = [&](const std::string& word, std::size_t edits, bool stems) {
    bounded_levenshtein lev(encode_key(word), edits);
    for (dictionary_iterator it(idx.dictionary(), 0); it.valid(); it.next()) {
      const dictionary_entry& e = it.entry();
      if (stems ? e.stem.empty() : !e.is_form()) continue;
      const std::size_t d = lev.distance(e.key);
      if (d <= edits)
        found.push_back({decode_key(e.key), d, stems ? e.stem.doc_freq : e.form_doc_freq});
    }
    const auto nearest = std::min_element(
        found.begin(), found.end(), [](const auto& a, const auto& b) { return a.edits < b.edits; });
    if (nearest != found.end())
      found.erase(std::remove_if(found.begin(), found.end(),
                                 [&, d = nearest->edits](const auto& c) { return c.edits > d; }),
                  found.end());
  };
  scan(qw.normalized, max_edits, false);
  if (found.empty() && typo_edit_budget(qw.stem) > 0) {
    scan(qw.stem, typo_edit_budget(qw.stem), true);
    w.typo_stems = true;
  }
  add_typo_candidates(idx, found, w, sp);
}

struct outcome {
  std::size_t total = 0;
  std::vector<std::pair<fahras::doc_id, double>> hits;
  std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> notes;
  std::size_t typo_words = 0;
};

void add_notes(outcome& out, const std::vector<fahras::query_note>& notes) {
  for (const fahras::query_note& n : notes)
    out.notes.emplace_back(fahras::to_string(n.what), n.word, n.expansions);
}

outcome by_search(const fahras::index& idx, const std::string& query) {
  outcome out;
  const fahras::search_results r = fahras::test::search_all(idx, query);
  out.total = r.total;
  for (const fahras::hit& h : r.hits) out.hits.emplace_back(h.doc, h.score);
  add_notes(out, r.notes);
  return out;
}

// search() with the typo words planned by the scan: excluded words are not expanded.
outcome by_scan(const fahras::index& idx, const std::string& query) {
  using namespace fahras::detail;
  outcome out;
  const fahras::scoring_params sp;
  const fahras::parsed_query parsed = parse_for(idx, query, false);
  query_plan plan = plan_query(idx, parsed, sp);
  for (std::size_t c = 0; c < plan.clauses.size(); ++c)
    for (std::size_t a = 0; a < plan.clauses[c].atoms.size(); ++a)
      for (std::size_t k = 0; k < plan.clauses[c].atoms[a].words.size(); ++k) {
        word_plan& w = plan.clauses[c].atoms[a].words[k];
        const fahras::query_word& qw = parsed.clauses[c].alternatives[a].words[k];
        const auto e = lookup_word(idx, qw.normalized);
        // expand_typo ran on a word that, unexpanded, had no lists (and was no index form).
        if (qw.prefix || !(w.typo || w.lists.empty()) || (e && e->is_form())) continue;
        if (plan.clauses[c].negated) {
          CHECK_FALSE(w.typo);
          continue;
        }
        word_plan scanned;
        scanned.text = w.text;
        expand_typo_by_scan(idx, qw, scanned, sp);
        sort_stems(scanned);
        CHECK(w.stems == scanned.stems);
        CHECK(w.weights == scanned.weights);
        w = std::move(scanned);
        out.typo_words += w.typo;
      }
  add_notes(out, notes_of(idx, parsed, plan));
  std::vector<scored_doc> matches = execute(idx, plan, sp);
  out.total = matches.size();
  const std::size_t want = std::min<std::size_t>(matches.size(), 1000);
  rank(plan, sp, idx.doc_count(), matches, want);
  for (std::size_t i = 0; i < want; ++i) out.hits.emplace_back(matches[i].doc, matches[i].score);
  return out;
}

// Vocabulary for the generated corpus: stems in patterns with clitics, so that stems have
// several forms and a typo lands near several of them.
std::vector<std::string> corpus_vocabulary(std::mt19937& rng) {
  static const char* const front[] = {"", "", "", "ال", "وال", "بال", "و", "ف", "لل"};
  static const char* const back[] = {"", "", "", "ات", "ون", "ين", "ة", "ها", "هم", "ية"};
  std::vector<std::string> out;
  for (int r = 0; r < 900; ++r) {
    const std::string stem = random_arabic(rng, 3, 7);
    const int forms = 1 + static_cast<int>(rng() % 5);
    for (int f = 0; f < forms; ++f)
      out.push_back(std::string(front[rng() % 9]) + stem + back[rng() % 10]);
  }
  return out;
}

}  // namespace

TEST_SUITE("typo search") {
TEST_CASE("typo search gives the hits and notes of the scan it replaced") {
  std::mt19937 rng(29);
  const std::vector<std::string> vocabulary = corpus_vocabulary(rng);
  std::vector<fahras::document> docs;
  for (const std::string& text : article_texts())
    docs.push_back(fahras::test::doc(docs.size(), "", text));
  for (int d = 0; d < 400; ++d) {
    std::string title, text;
    for (int i = 0; i < 4; ++i) title += vocabulary[rng() % vocabulary.size()] + " ";
    const int n = 30 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {  // frequent words first: the square skews toward the start
      const double u = std::uniform_real_distribution<double>(0, 1)(rng);
      text += vocabulary[static_cast<std::size_t>(u * u * double(vocabulary.size()))] + " ";
    }
    docs.push_back(fahras::test::doc(docs.size(), title, text));
  }
  const fahras::index idx = fahras::test::build_index(docs);
  const auto word = [&] { return vocabulary[rng() % vocabulary.size()]; };
  std::size_t typo_words = 0, with_hits = 0;
  for (int q = 0; q < 300; ++q) {
    const std::string typo = fahras::test::mistype(rng, word());
    std::string query;
    switch (q % 8) {
      case 0: query = typo + " " + word(); break;
      case 1: query = word() + " " + typo; break;
      case 2: query = typo + " OR " + word(); break;
      case 3: query = "\"" + word() + " " + typo + "\""; break;
      case 4: query = word() + " -" + typo; break;
      case 5: query = typo + " " + fahras::test::mistype(rng, word()); break;
      default: query = typo;
    }
    CAPTURE(query);
    const outcome expected = by_scan(idx, query);
    const outcome got = by_search(idx, query);
    CHECK(got.total == expected.total);
    CHECK(got.hits == expected.hits);
    CHECK(got.notes == expected.notes);
    typo_words += expected.typo_words;
    with_hits += !expected.hits.empty();
  }
  // The queries exercise typo expansion, and it finds documents.
  CHECK(typo_words > 200);
  CHECK(with_hits > 150);
}

TEST_CASE("a word no index word is near finds the stems near its stem") {
  // وجاءو is 2 edits from جاءوا (a 5-letter word gets 1); their stems جاءو and جاءوا are 1.
  const fahras::index idx = fahras::test::build_index({
      fahras::test::doc(0, "", "ثم وجاءو أباهم عشاء يبكون"),
      fahras::test::doc(1, "", "وصل الوفد إلى المدينة أمس"),
  });
  // Without spelling siblings: جاءوا shares وجاءو's skeleton key (جاو), which finds it first.
  fahras::search_options typos_only;
  typos_only.spelling = fahras::spelling_variants::none;
  const fahras::search_results r = fahras::search(idx, "جاءوا", typos_only);
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].doc == 0);
  REQUIRE(r.notes.size() == 1);
  CHECK(r.notes[0].what == fahras::query_note::kind::typo);
  CHECK(r.notes[0].expansions == std::vector<std::string>{"جاءو"});
  CHECK(r.notes[0].written == std::vector<std::string>{"وجاءو"});  // a word of the text
  // A word that index words are near keeps to them: الوفود finds الوفد (1 edit), not the stem
  // وفد's other words.
  const fahras::search_results near = fahras::search(idx, "الوفود");
  REQUIRE(near.notes.size() == 1);
  CHECK(near.notes[0].expansions == std::vector<std::string>{"الوفد"});
}
}  // TEST_SUITE("typo search")
