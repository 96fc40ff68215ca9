// Tests of detail/compact_sort.hpp: the small sort and merge give what std::sort gives.
// SPDX-License-Identifier: MIT
#include <fahras/detail/compact_sort.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

TEST_SUITE("compact_sort") {

TEST_CASE("sorts like std::sort, at every length, with and without equal keys") {
  std::mt19937 rng(3);
  for (std::size_t n = 0; n < 300; n += n < 40 ? 1 : 37) {
    for (unsigned range : {3u, 1000000u}) {
      CAPTURE(n);
      CAPTURE(range);
      std::vector<unsigned> v(n);
      for (unsigned& x : v) x = static_cast<unsigned>(rng() % range);
      std::vector<unsigned> expected = v;
      std::sort(expected.begin(), expected.end());
      fahras::detail::compact_sort(v.begin(), v.end());
      CHECK(v == expected);
    }
  }
}

TEST_CASE("takes a comparison and move-only or string elements") {
  std::vector<std::string> words = {"كوريا", "روسيا", "الصين", "أوكرانيا", "اليابان"};
  std::vector<std::string> expected = words;
  std::sort(expected.begin(), expected.end(), std::greater<>());
  fahras::detail::compact_sort(words.begin(), words.end(), std::greater<>());
  CHECK(words == expected);
  std::vector<std::unique_ptr<int>> owned;
  for (int i : {5, 3, 9, 1}) owned.push_back(std::make_unique<int>(i));
  fahras::detail::compact_sort(owned.begin(), owned.end(),
                               [](const auto& a, const auto& b) { return *a < *b; });
  CHECK(*owned[0] == 1);
  CHECK(*owned[3] == 9);
}

TEST_CASE("merge_tail merges two ascending runs as std::sort orders them, at every split") {
  std::mt19937 rng(11);
  std::vector<unsigned> scratch;
  for (std::size_t n = 0; n < 120; n += n < 20 ? 1 : 13) {
    for (std::size_t mid = 0; mid <= n; mid += mid < 6 ? 1 : 5) {
      CAPTURE(n);
      CAPTURE(mid);
      std::vector<unsigned> v(n);
      for (unsigned& x : v) x = static_cast<unsigned>(rng() % 50);  // equal values too
      std::sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
      std::sort(v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
      std::vector<unsigned> expected = v;
      std::sort(expected.begin(), expected.end());
      fahras::detail::merge_tail(v, mid, scratch);
      CHECK(v == expected);
    }
  }
}

}  // TEST_SUITE("compact_sort")
