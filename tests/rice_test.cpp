// Tests of the Rice-coded bit streams positions are stored in (detail/format/rice.hpp).
// SPDX-License-Identifier: MIT
#include <fahras/detail/format/rice.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

TEST_SUITE("rice") {

TEST_CASE("skip(n) leaves the reader where n calls of rice() do, escapes and the end included") {
  std::mt19937 rng(3);
  for (std::uint32_t r : {0u, 1u, 3u, 7u, 20u, 30u}) {
    CAPTURE(r);
    // Small values, some large enough to need the escape, some of a long unary part.
    std::vector<std::uint32_t> values;
    const auto random = [&rng] { return static_cast<std::uint32_t>(rng()); };
    for (int i = 0; i < 600; ++i) {
      const std::uint32_t kind = random() % 10;
      values.push_back(kind == 0   ? random()
                       : kind == 1 ? (std::uint32_t{40} << (r < 25 ? r : 25)) + random() % 8
                                   : random() % (std::uint32_t{4} << (r < 30 ? r : 29)));
    }
    fahras::detail::rice_writer w;
    w.set_parameter(r);
    std::vector<std::uint8_t> bytes;
    std::uint8_t out[fahras::detail::rice_writer::max_put_bytes];
    for (const std::uint32_t v : values) {
      const std::size_t n = w.put(v, out);
      bytes.insert(bytes.end(), out, out + n);
    }
    bytes.insert(bytes.end(), out, out + w.finish(out));
    const auto size = static_cast<std::uint32_t>(bytes.size());
    for (std::uint32_t from : {0u, 1u, 17u, 300u}) {
      for (std::uint32_t n : {0u, 1u, 2u, 5u, 63u, 299u, 600u - from, 650u - from}) {
        CAPTURE(from);
        CAPTURE(n);
        fahras::detail::bit_reader one(bytes.data(), size), skipped(bytes.data(), size);
        for (std::uint32_t i = 0; i < from; ++i) {
          one.rice(r);
          skipped.rice(r);
        }
        for (std::uint32_t i = 0; i < n; ++i) one.rice(r);
        skipped.skip(n, r);
        CHECK(skipped.position() == one.position());
        CHECK(skipped.overrun() == one.overrun());
        if (from + n < values.size()) CHECK(skipped.rice(r) == values[from + n]);
      }
    }
  }
}

}  // TEST_SUITE("rice")
