// Tests of word_matcher::positions: the positions of a word's lists (a prefix's or a typo's
// expansions), in one ascending list (sorted natively, merged list by list in WebAssembly:
// wasm/test/parity.test.mjs compares the two builds' highlights).
// SPDX-License-Identifier: MIT
#include <fahras/detail/search/matchers.hpp>
#include <fahras/search.hpp>

#include <doctest/doctest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine_util.hpp"

TEST_SUITE("word_positions") {

TEST_CASE("a prefix's lists give every position of the words it completes to, ascending") {
  // Four stems that start with كت, and one that does not, in random order: short and long runs
  // of one list between the others'.
  const std::vector<std::string> words = {"كتاب", "كتيب", "كتلة", "كتف", "قلم"};
  std::mt19937 rng(5);
  for (std::size_t n : {1u, 12u, 40u, 700u}) {
    CAPTURE(n);
    std::string text;
    std::vector<fahras::term_pos> expected;
    std::set<std::string> present;  // the words of كت in the text: one list each
    // Runs of one word, of random length: some lists hold many positions in a row.
    for (std::size_t i = 0; i < n;) {
      const std::string& w = words[rng() % words.size()];
      for (std::size_t run = rng() % 12 + 1; run > 0 && i < n; --run, ++i) {
        text += w + " ";
        if (w == "قلم") continue;
        expected.push_back(static_cast<fahras::term_pos>(2 + i));  // the title is one word
        present.insert(w);
      }
    }
    if (expected.empty()) continue;
    const fahras::index idx = fahras::test::build_index({fahras::test::doc(0, "عنوان", text)});
    fahras::search_options options;
    options.prefix = true;
    const auto parsed = fahras::detail::parse_search(idx, "كت", options);
    const auto plan = fahras::detail::plan_query(idx, parsed, {});
    REQUIRE(plan.clauses.size() == 1);
    const fahras::detail::word_plan& word = plan.clauses[0].atoms[0].words[0];
    REQUIRE(word.lists.size() == present.size());
    fahras::detail::word_matcher matcher(word, idx.doc_count());
    REQUIRE(matcher.next());
    std::vector<fahras::term_pos> got = {99};  // replaced, not appended to
    matcher.positions(got);
    CHECK(got == expected);
  }
}

}  // TEST_SUITE("word_positions")
