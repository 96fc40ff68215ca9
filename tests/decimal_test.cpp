// Tests of detail/decimal.hpp: the one integer formatter of the library and the wasm writer.
// SPDX-License-Identifier: MIT
#include <fahras/detail/decimal.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include <doctest/doctest.h>

TEST_CASE("integers are written in decimal, as std::to_string writes them") {
  for (std::uint64_t n :
       {std::uint64_t{0}, std::uint64_t{7}, std::uint64_t{10}, std::uint64_t{42},
        std::uint64_t{1000}, std::uint64_t{4294967295u}, std::numeric_limits<std::uint64_t>::max()})
    CHECK(fahras::detail::decimal(n) == std::to_string(n));
  std::string message = "at byte ";
  fahras::detail::append_decimal(message, 1234567);
  CHECK(message == "at byte 1234567");
}
