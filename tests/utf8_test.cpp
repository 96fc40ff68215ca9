// Tests of detail/unicode/utf8.hpp: the decoder accepts exactly the UTF-8 that utfcpp (and
// Unicode) call valid, and decodes it as utfcpp does.
// SPDX-License-Identifier: MIT
#include <fahras/detail/unicode/utf8.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>

#include <utf8.h>

#include "test_util.hpp"

namespace {

// The decoder's verdict on the first character of `bytes` against utfcpp's public API: the
// length of the one prefix that utfcpp finds valid and holding one character, or 0.
void check_sequence(const std::string& bytes) {
  std::size_t expected = 0;
  for (std::size_t n = 1; n <= bytes.size() && expected == 0; ++n) {
    const auto end = bytes.begin() + static_cast<std::ptrdiff_t>(n);
    if (utf8::is_valid(bytes.begin(), end) && utf8::unchecked::distance(bytes.begin(), end) == 1)
      expected = n;
  }
  char32_t cp = 0;
  CAPTURE(fahras::test::hex(bytes));
  REQUIRE(fahras::detail::decode_at(bytes, 0, cp) == expected);
  if (expected > 0)
    CHECK(static_cast<std::uint32_t>(cp) == utf8::unchecked::peek_next(bytes.begin()));
}

}  // namespace

TEST_SUITE("utf8") {

TEST_CASE("every one- and two-byte sequence decodes as utfcpp reads it") {
  for (unsigned a = 0; a < 256; ++a) {
    check_sequence(std::string(1, static_cast<char>(a)));
    for (unsigned b = 0; b < 256; ++b)
      check_sequence(std::string{static_cast<char>(a), static_cast<char>(b)});
  }
}

TEST_CASE("three- and four-byte sequences around every boundary decode as utfcpp reads them") {
  // Leads E0..F7 with trail bytes at the edges of the valid ranges, and random ones.
  const unsigned trails[] = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  for (unsigned lead = 0xE0; lead < 0x100; ++lead)
    for (unsigned b : trails)
      for (unsigned c : trails) {
        check_sequence(
            std::string{static_cast<char>(lead), static_cast<char>(b), static_cast<char>(c)});
        for (unsigned d : trails)
          check_sequence(std::string{static_cast<char>(lead), static_cast<char>(b),
                                     static_cast<char>(c), static_cast<char>(d)});
      }
  std::mt19937 rng(8);
  std::uniform_int_distribution<unsigned> byte(0x80, 0xFF), lead(0xE0, 0xF7);
  for (int i = 0; i < 200000; ++i) {
    std::string s{static_cast<char>(lead(rng))};
    const int trail_bytes = i % 2 == 0 ? 2 : 3;
    for (int k = 0; k < trail_bytes; ++k) s.push_back(static_cast<char>(byte(rng)));
    check_sequence(s);
  }
}

}  // TEST_SUITE("utf8")
