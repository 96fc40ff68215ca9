// Tests of detail/prefix_sort.hpp: the builder's radix sort gives what std::sort gives.
// SPDX-License-Identifier: MIT
#include <fahras/detail/prefix_sort.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string_view>
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

TEST_CASE("a key's prefix is its first eight bytes, big-endian, zero-padded") {
  using fahras::detail::key_prefix;
  CHECK(key_prefix("") == 0);
  CHECK(key_prefix("\x01") == 0x0100000000000000);
  CHECK(key_prefix("\x01\x02\x03") == 0x0102030000000000);
  CHECK(key_prefix("\x80\x81\x82\x83\x84\x85\x86\x87") == 0x8081828384858687);
  CHECK(key_prefix("\x80\x81\x82\x83\x84\x85\x86\x87\xFF") == 0x8081828384858687);
}

}  // TEST_SUITE("prefix_sort")
