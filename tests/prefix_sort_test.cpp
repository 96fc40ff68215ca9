// Tests of detail/prefix_sort.hpp: the builder's radix sort gives what std::sort gives.
// SPDX-License-Identifier: MIT
#include <fahras/detail/prefix_sort.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <tuple>
#include <vector>

TEST_SUITE("prefix_sort") {

struct item {
  std::uint64_t prefix;
  std::uint32_t rest;
  bool operator==(const item& o) const { return prefix == o.prefix && rest == o.rest; }
};

TEST_CASE("sorts like std::sort: by the prefix, then by the whole order") {
  std::mt19937_64 rng(5);
  const auto less = [](const item& a, const item& b) {
    return std::tie(a.prefix, a.rest) < std::tie(b.prefix, b.rest);
  };
  std::vector<item> scratch;
  for (std::size_t n : {0u, 1u, 2u, 63u, 64u, 65u, 1000u, 20000u}) {
    // Few distinct prefixes (long runs to finish by `less`), bytes all alike, or any.
    for (const std::uint64_t mask :
         {std::uint64_t{0x0300000000000001}, std::uint64_t{0xFF00}, ~std::uint64_t{0}}) {
      CAPTURE(n);
      CAPTURE(mask);
      std::vector<item> v(n);
      for (item& x : v) x = {rng() & mask, static_cast<std::uint32_t>(rng() % 50)};
      std::vector<item> expected = v;
      std::sort(expected.begin(), expected.end(), less);
      fahras::detail::prefix_sort(
          v, scratch, [](const item& x) { return x.prefix; }, less);
      CHECK(v == expected);
    }
  }
}

}  // TEST_SUITE("prefix_sort")
