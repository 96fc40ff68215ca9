// Tests of serialize.hpp: loading and saving index bytes, and the errors bad bytes give.
// SPDX-License-Identifier: MIT
#include <fahras/search.hpp>
#include <fahras/serialize.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include "engine_util.hpp"
#include "test_util.hpp"

using fahras::test::build_index;
using fahras::test::doc;
using fahras::test::matching;
using bytes_t = std::vector<std::uint8_t>;

namespace {

const fahras::index& sample() {
  static const fahras::index idx = build_index({
      doc(0, "روسيا وكوريا الشمالية", "وَقَّعَتْ روسيا وكوريا الشمالية معاهدةً",
          {{"source", "إرم نيوز"}}),
      doc(1, "الشراكة", "الشراكة الاستراتيجية والعقوبات", {{"source", "الحل نت"}}),
  });
  return idx;
}

bytes_t sample_bytes() { return sample().to_bytes(); }

void put_u32(bytes_t& b, std::size_t at, std::uint32_t v) {
  for (unsigned i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// Recomputes the checksum, so that a change reaches the checks behind it.
void fix_crc(bytes_t& b) {
  put_u32(b, b.size() - 4, fahras::detail::crc32(b.data() + 12, b.size() - 16));
}

fahras::error load_error(const bytes_t& b) {
  const auto r = fahras::load_index(b.data(), b.size());
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

TEST_SUITE("serialize") {

TEST_CASE("an index loads back from its bytes and answers the same") {
  const bytes_t bytes = sample_bytes();
  const auto copied = fahras::load_index(bytes.data(), bytes.size());
  REQUIRE_MESSAGE(copied.has_value(), copied.error().message);
  const auto taken = fahras::load_index(bytes_t(bytes));
  REQUIRE(taken.has_value());
  const auto viewed = fahras::load_index_view(bytes.data(), bytes.size());
  REQUIRE(viewed.has_value());
  for (const fahras::index* idx : {&copied.value(), &taken.value(), &viewed.value()}) {
    CHECK(idx->to_bytes() == bytes);
    CHECK(idx->doc_count() == 2);
    CHECK(idx->document(0).text == sample().document(0).text);
    CHECK(idx->field_names() == sample().field_names());
    for (const char* q : {"روسيا", "\"كوريا الشمالية\"", "عقوبات", "source:نيوز الشراكة*"}) {
      const std::string query(q);
      CAPTURE(query);
      CHECK(matching(*idx, q) == matching(sample(), q));
    }
  }
}

TEST_CASE("a loaded index outlives the bytes it was copied from") {
  std::optional<fahras::index> idx;
  {
    const bytes_t bytes = sample_bytes();
    auto r = fahras::load_index(bytes.data(), bytes.size());
    REQUIRE(r.has_value());
    idx.emplace(std::move(r).value());
  }
  CHECK(matching(*idx, "روسيا") == std::set<fahras::doc_id>{0});
  const fahras::index copy = *idx;
  idx.reset();
  CHECK(copy.document(1).title == "الشراكة");
}

TEST_CASE("save_index_file and load_index_file round-trip; missing files are io errors") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("fahras-serialize-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "sample.fahras").string();
  CHECK_FALSE(fahras::save_index_file(sample(), path));
  const auto loaded = fahras::load_index_file(path);
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error().message);
  CHECK(loaded->to_bytes() == sample_bytes());
  CHECK(fahras::test::read_file(path).size() == sample().size());

  const auto missing = fahras::load_index_file((dir / "missing.fahras").string());
  CHECK(missing.error().code == fahras::errc::io_error);
  CHECK(missing.error().message.find("missing.fahras") != std::string::npos);
  const fahras::error e = fahras::save_index_file(sample(), (dir / "no" / "such" / "x").string());
  CHECK(e.code == fahras::errc::io_error);
  std::filesystem::remove_all(dir);
}

TEST_CASE("bad bytes give an error value with a clear, greppable message") {
  SUBCASE("nothing at all is a truncated index") {
    const auto r = fahras::load_index(nullptr, 0);
    CHECK(r.error().code == fahras::errc::truncated);
    CHECK(r.error().message == "fahras: truncated index at byte 0");
  }
  SUBCASE("other bytes are not an index") {
    const bytes_t b = {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    const auto e = load_error(b);
    CHECK(e.code == fahras::errc::bad_magic);
    CHECK(e.message == "fahras: not a fahras index (bad magic) at byte 0");
  }
  SUBCASE("a cut index says where it ends") {
    bytes_t b = sample_bytes();
    const std::size_t full = b.size();
    b.resize(50);
    const auto e = load_error(b);
    CHECK(e.code == fahras::errc::truncated);
    CHECK(e.offset == 50);
    CHECK(e.message.rfind("fahras: truncated index", 0) == 0);
    CHECK(ends_with(e.message, "at byte 50"));
    CHECK(e.message.find(std::to_string(full)) != std::string::npos);  // the size expected
  }
  SUBCASE("a changed byte fails the checksum") {
    bytes_t b = sample_bytes();
    b[b.size() / 2] ^= 0x10;
    const auto e = load_error(b);
    CHECK(e.code == fahras::errc::bad_crc);
    CHECK(e.message == "fahras: index checksum mismatch at byte " + std::to_string(b.size() - 4));
  }
  SUBCASE("bytes after the end are corrupt") {
    bytes_t b = sample_bytes();
    const std::size_t size = b.size();
    b.push_back(0);
    const auto e = load_error(b);
    CHECK(e.code == fahras::errc::corrupt);
    CHECK(e.offset == size);
  }
  SUBCASE("a newer format version is unsupported, version 0 is corrupt") {
    for (std::uint16_t version :
         {std::uint16_t(fahras::format_version + 1), std::uint16_t(0xFFFF)}) {
      bytes_t b = sample_bytes();
      b[4] = static_cast<std::uint8_t>(version & 0xFF);
      b[5] = static_cast<std::uint8_t>(version >> 8);
      const auto e = load_error(b);
      CHECK(e.code == fahras::errc::unsupported_version);
      CHECK(e.offset == 4);
      CHECK(e.message == "fahras: unsupported index format version at byte 4");
    }
    bytes_t b = sample_bytes();
    b[4] = b[5] = 0;
    CHECK(load_error(b).code == fahras::errc::corrupt);
  }
  SUBCASE("unknown flags are corrupt") {
    bytes_t b = sample_bytes();
    b[6] |= 0x02;
    CHECK(load_error(b).code == fahras::errc::corrupt);
  }
  SUBCASE("header flags that disagree with the metadata are corrupt") {
    bytes_t b = sample_bytes();
    b[6] ^= 0x01;  // the header is outside the checksum: only the cross-check can catch this
    const auto e = load_error(b);
    CHECK(e.code == fahras::errc::corrupt);
    CHECK(e.message.find("flags") != std::string::npos);
  }
  SUBCASE("a section table that does not fit is corrupt") {
    bytes_t b = sample_bytes();
    put_u32(b, b.size() - 8, 7);  // section count
    fix_crc(b);
    CHECK(load_error(b).code == fahras::errc::corrupt);
  }
}

TEST_CASE("result::value() throws the error as fahras::exception") {
  const bytes_t b = {'F', 'H'};
  const auto r = fahras::load_index(b.data(), b.size());
  REQUIRE_FALSE(r);
  CHECK_THROWS_AS(r.value(), fahras::exception);
  try {
    (void)r.value();
  } catch (const fahras::exception& e) {
    CHECK(e.code() == fahras::errc::truncated);
    CHECK(e.offset() == 2);
    CHECK(std::string(e.what()) == "fahras: truncated index at byte 2");
  }
  CHECK(std::string(fahras::to_string(fahras::errc::unsupported_version)) == "unsupported_version");
}

}  // TEST_SUITE("serialize")
