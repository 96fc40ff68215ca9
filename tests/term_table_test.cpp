// Tests of detail/build/term_table.hpp: the builder's term table numbers keys in order of first
// insertion across growth, and a cleared table (once per batch) reuses its key blocks without
// mixing old keys into new ones.
// SPDX-License-Identifier: MIT
#include <fahras/detail/build/term_table.hpp>
#include <fahras/detail/hash_bytes.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using fahras::detail::chunked_vector;
using fahras::detail::hash_bytes;
using fahras::detail::term_table;

std::uint32_t insert(term_table& table, std::string_view key, bool& inserted) {
  return table.find_or_insert(key, hash_bytes(key), inserted);
}

// `count` keys, distinct within a round and between rounds; long enough that a round fills
// several of the arena's 1 MiB blocks.
std::vector<std::string> round_keys(std::size_t round, std::size_t count) {
  std::vector<std::string> keys;
  keys.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    keys.push_back("round" + std::to_string(round) + "-key" + std::to_string(i) +
                   std::string(i % 23, static_cast<char>('a' + round)));
  return keys;
}

// Inserts `keys` into an empty table, then finds each again: numbers 0, 1, 2 ... in order,
// every key read back as it was.
void fill_and_check(term_table& table, const std::vector<std::string>& keys) {
  bool inserted = false;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    REQUIRE(insert(table, keys[i], inserted) == i);
    REQUIRE(inserted);
  }
  REQUIRE(table.size() == keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    REQUIRE(insert(table, keys[i], inserted) == i);
    REQUIRE_FALSE(inserted);
    REQUIRE(table.key(static_cast<std::uint32_t>(i)) == keys[i]);
  }
}

}  // namespace

TEST_SUITE("term_table") {

TEST_CASE("numbers keys in order of first insertion, across growth") {
  term_table table;
  fill_and_check(table, round_keys(0, 100000));  // the table doubles many times, ~3 MB of keys
}

TEST_CASE("a cleared table reuses its blocks: new keys read back, old ones are gone") {
  term_table table;
  fill_and_check(table, round_keys(0, 100000));
  for (std::size_t round = 1; round <= 3; ++round) {
    CAPTURE(round);
    table.clear();
    CHECK(table.size() == 0);
    // Fewer keys, then more than before: reused blocks first, then new ones.
    const std::vector<std::string> keys = round_keys(round, round == 2 ? 150000 : 30000);
    fill_and_check(table, keys);
    // A key of an earlier round is new again, and numbered after this round's.
    bool inserted = false;
    const std::string old = round_keys(round - 1, 1)[0];
    CHECK(insert(table, old, inserted) == keys.size());
    CHECK(inserted);
    CHECK(table.key(static_cast<std::uint32_t>(keys.size())) == old);
  }
}

TEST_CASE("a key larger than a block, before and after clearing") {
  term_table table;
  const std::string wide(3 * (std::size_t{1} << 20) + 5, 'w');
  for (std::size_t round = 0; round < 3; ++round) {
    CAPTURE(round);
    std::vector<std::string> keys = round_keys(round, 40000);
    keys.insert(keys.begin() + 20000, wide + std::to_string(round));
    fill_and_check(table, keys);
    table.clear();
  }
  fill_and_check(table, round_keys(9, 60000));
}

TEST_CASE("chunked_vector: elements start as constructed, keep their values and never move") {
  struct element {
    std::uint32_t a = 7, b = 0xFFFFFFFFu;
    std::uint64_t c = 0;
  };
  chunked_vector<element> v;
  const std::size_t n = 3 * chunked_vector<element>::chunk + 5;  // four chunks
  std::vector<const element*> where;
  for (std::size_t i = 0; i < n; ++i) {
    element& e = v.emplace_back();
    REQUIRE(e.a == 7);
    REQUIRE(e.b == 0xFFFFFFFFu);
    REQUIRE(e.c == 0);
    e.c = i * 3;
    where.push_back(&e);
  }
  REQUIRE(v.size() == n);
  for (std::size_t i = 0; i < n; ++i) {
    REQUIRE(&v[i] == where[i]);
    REQUIRE(v[i].c == i * 3);
  }
  v.clear();
  CHECK(v.size() == 0);
  CHECK(v.emplace_back().c == 0);
}

}  // TEST_SUITE("term_table")
