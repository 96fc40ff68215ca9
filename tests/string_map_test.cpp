// Tests of detail/string_map.hpp: the tallies' hash map counts as std::map does.
// SPDX-License-Identifier: MIT
#include <fahras/detail/string_map.hpp>

#include <doctest/doctest.h>

#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

TEST_SUITE("string_map") {

TEST_CASE("counts what std::map counts, across growth, in order of first insertion") {
  std::mt19937 rng(7);
  for (std::size_t distinct : {1u, 5u, 300u, 20000u}) {
    CAPTURE(distinct);
    fahras::detail::string_map<std::string, std::uint32_t> counts;
    std::map<std::string, std::uint32_t> expected;
    std::vector<std::string> first_seen;
    for (std::size_t i = 0; i < 4 * distinct; ++i) {
      // Keys of every length around the hash's 8-byte steps, the empty one included.
      const std::size_t k = rng() % distinct;
      const std::string key = std::to_string(k) + std::string(k % 19, 'x');
      if (expected.find(key) == expected.end()) first_seen.push_back(key);
      ++counts[key];
      ++expected[key];
    }
    REQUIRE(counts.size() == expected.size());
    std::size_t i = 0;
    for (const auto& [key, n] : counts) {
      CHECK(key == first_seen[i++]);
      CHECK(n == expected[key]);
    }
  }
}

TEST_CASE("finds without adding, and starts again when cleared") {
  fahras::detail::string_map<std::string, int> ids;
  CHECK(ids.find("a") == nullptr);  // no slots yet
  for (int i = 0; i < 100; ++i) ids[std::to_string(i)] = i * 3;
  for (int i = 0; i < 100; ++i) {
    CAPTURE(i);
    const int* v = ids.find(std::to_string(i));
    REQUIRE(v != nullptr);
    CHECK(*v == i * 3);
  }
  CHECK(ids.find("100") == nullptr);
  CHECK(ids.find("") == nullptr);
  CHECK(ids.size() == 100);  // find adds nothing
  ids.clear();
  CHECK(ids.empty());
  CHECK(ids.find("7") == nullptr);
  ids["7"] = 1;
  REQUIRE(ids.find("7") != nullptr);
  CHECK(*ids.find("7") == 1);
  CHECK(ids.size() == 1);
}

TEST_CASE("keeps views as keys and tells the empty string from no string") {
  const std::string text = "سلام سلام عليكم";
  fahras::detail::string_map<std::string_view, int> counts;
  CHECK(counts.empty());
  const std::string_view all(text);
  counts[all.substr(0, 8)] += 1;
  counts[all.substr(9, 8)] += 1;
  counts[all.substr(18)] += 1;
  counts[all.substr(0, 0)] += 5;
  REQUIRE(counts.size() == 3);
  auto it = counts.begin();
  CHECK(it->first == "سلام");
  CHECK(it->first.data() == text.data());  // the first view kept, not a copy
  CHECK(it->second == 2);
  CHECK((++it)->first == "عليكم");
  CHECK((++it)->first.empty());
  CHECK(it->second == 5);
}

}  // TEST_SUITE("string_map")
