// Tests of detail/slot_table.hpp: the probing that string_map and the shard cache share finds
// what a std::map finds, with colliding hashes, probes that wrap around and rebuilds after drops.
// SPDX-License-Identifier: MIT
#include <fahras/detail/slot_table.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <vector>

namespace {

// Entries that are numbers, in a vector as the table's owners keep them; the hash is chosen by
// the test so that it can force collisions and wrap-around.
struct numbers {
  std::vector<std::uint32_t> entries;
  fahras::detail::slot_table slots;
  std::uint64_t (*hash)(std::uint32_t);

  std::uint32_t count() const { return static_cast<std::uint32_t>(entries.size()); }
  bool add(std::uint32_t v) {
    const std::uint32_t at = slots.find_or_add(
        hash(v), count(), [&](std::uint32_t i) { return entries[i] == v; },
        [&](std::uint32_t i) { return hash(entries[i]); });
    if (at != count()) return false;
    entries.push_back(v);
    return true;
  }
  bool has(std::uint32_t v) const {
    const std::uint32_t at =
        slots.find(hash(v), count(), [&](std::uint32_t i) { return entries[i] == v; });
    if (at == count()) return false;
    CHECK(entries[at] == v);
    return true;
  }
  template <class Drop>
  void drop_if(Drop drop) {
    entries.erase(std::remove_if(entries.begin(), entries.end(), drop), entries.end());
    slots.rebuild(count(), [&](std::uint32_t i) { return hash(entries[i]); });
  }
};

}  // namespace

TEST_SUITE("slot_table") {

TEST_CASE("finds what a set holds, across growth and drops, whatever the hashes") {
  std::uint64_t (*const hashes[])(std::uint32_t) = {
      [](std::uint32_t v) -> std::uint64_t { return v * 0x9e3779b9u; },
      [](std::uint32_t) -> std::uint64_t { return 0; },                  // every entry collides
      [](std::uint32_t) -> std::uint64_t { return ~std::uint64_t{0}; },  // probes start at the end
      [](std::uint32_t v) -> std::uint64_t { return v % 3; },
  };
  std::mt19937 rng(11);
  for (std::size_t h = 0; h < std::size(hashes); ++h) {
    CAPTURE(h);
    numbers table{{}, {}, hashes[h]};
    CHECK_FALSE(table.has(5));  // no slots yet
    std::map<std::uint32_t, bool> expected;
    for (std::uint32_t round = 0; round < 6; ++round) {
      for (int i = 0; i < 300; ++i) {
        const auto v = static_cast<std::uint32_t>(rng() % 500);
        CHECK(table.add(v) == !expected[v]);
        expected[v] = true;
      }
      for (std::uint32_t v = 0; v < 500; ++v) {
        CAPTURE(v);
        REQUIRE(table.has(v) == expected[v]);
      }
      const std::uint32_t parity = round % 2;
      table.drop_if([&](std::uint32_t v) { return v % 2 == parity; });
      for (auto& [v, held] : expected) held = held && v % 2 != parity;
    }
    table.slots.clear();
    table.entries.clear();
    CHECK_FALSE(table.has(1));
    CHECK(table.add(1));
    CHECK(table.has(1));
  }
}

}  // TEST_SUITE("slot_table")
