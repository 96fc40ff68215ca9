// Tests of doc/format.md: its worked example is what index_builder writes, byte for byte. The
// document and the bytes are read from the page itself, so the page cannot drift from the code.
// SPDX-License-Identifier: MIT
#include <fahras/index_builder.hpp>
#include <fahras/serialize.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace {

const std::string format_page = std::string(FAHRAS_SOURCE_DIR) + "/doc/format.md";

// The fenced block that follows `marker` on the page, without its fences.
std::string block_after(const std::string& page, const std::string& marker) {
  const std::size_t at = page.find(marker);
  REQUIRE_MESSAGE(at != std::string::npos, "doc/format.md has no " << marker);
  const std::size_t open = page.find("```", at);
  REQUIRE(open != std::string::npos);
  const std::size_t body = page.find('\n', open) + 1;
  const std::size_t close = page.find("\n```", body);
  REQUIRE(close != std::string::npos);
  return page.substr(body, close + 1 - body);
}

// Lines "OOOO  HH HH ...  # what": the bytes, each line's offset checked against the count.
std::vector<std::uint8_t> parse_bytes(const std::string& listing) {
  std::vector<std::uint8_t> bytes;
  std::istringstream lines(listing);
  std::string line;
  while (std::getline(lines, line)) {
    CAPTURE(line);
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string offset, byte;
    REQUIRE(static_cast<bool>(words >> offset));
    CHECK(std::stoul(offset, nullptr, 16) == bytes.size());
    while (words >> byte) {
      const bool hex_pair = byte.size() == 2 &&
                            std::isxdigit(static_cast<unsigned char>(byte[0])) &&
                            std::isxdigit(static_cast<unsigned char>(byte[1]));
      REQUIRE_MESSAGE(hex_pair, byte);
      bytes.push_back(static_cast<std::uint8_t>(std::stoul(byte, nullptr, 16)));
    }
  }
  return bytes;
}

}  // namespace

TEST_SUITE("format doc") {

TEST_CASE("the worked example of doc/format.md is what the builder writes") {
  const std::string page = fahras::test::read_file(format_page);
  const auto json =
      nlohmann::ordered_json::parse(block_after(page, "<!-- worked example: document -->"));
  fahras::document doc{json.at("id"), json.at("title"), json.at("text"), {}};
  for (const auto& [name, value] : json.at("fields").items())
    doc.fields.emplace_back(name, value.get<std::string>());
  const std::vector<std::uint8_t> expected =
      parse_bytes(block_after(page, "<!-- worked example: bytes -->"));
  REQUIRE(expected.size() > 12);

  fahras::index_builder builder;
  builder.add(doc);
  const fahras::index idx = builder.build().value();
  const std::vector<std::uint8_t> built = idx.to_bytes();
  CHECK(built.size() == expected.size());
  for (std::size_t i = 0; i < std::min(built.size(), expected.size()); ++i) {
    CAPTURE(i);
    REQUIRE(unsigned{built[i]} == unsigned{expected[i]});
  }
  // And the page's bytes are an index that loads, with every check.
  CHECK(fahras::load_index(expected.data(), expected.size()).has_value());
}

}  // TEST_SUITE("format doc")
