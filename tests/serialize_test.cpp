// Tests of serialize.hpp: loading and saving index bytes, and the errors bad bytes give.
// SPDX-License-Identifier: MIT
#include <fahras/search.hpp>
#include <fahras/serialize.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <thread>
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

// Two documents; the stem list of قلم (document 0 only) is changed to name document 31, which
// does not exist: a posting list that only a search for قلم or the full check reads.
const fahras::index& pen_index() {
  static const fahras::index idx =
      build_index({doc(0, "دفتر", "قلم وكتاب"), doc(1, "", "كتاب الكتاب")});
  return idx;
}

std::size_t pen_list_offset() {
  const auto e = pen_index().lookup(fahras::detail::encode_key("قلم"));
  REQUIRE(e.has_value());
  REQUIRE(e->stem.size == 1);
  return static_cast<std::size_t>(e->stem.data - pen_index().data());
}

bytes_t damaged_pen_bytes() {
  bytes_t b = pen_index().to_bytes();
  b[pen_list_offset()] = 31 << 2;  // entry code: document gap 31, one occurrence in the text
  fix_crc(b);
  return b;
}

const std::string damaged_fixture = std::string(FAHRAS_TEST_DATA_DIR) + "/damaged-list.fahras";

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

TEST_CASE("save_index_file and load_index_file round-trip: missing files are io errors") {
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
  // A directory opens as a stream on Linux, with a size no file has: an io error, not a throw.
  const auto folder = fahras::load_index_file(dir.string());
  CHECK(folder.error().code == fahras::errc::io_error);
  // A file cut short is read as far as it goes.
  bytes_t cut = sample_bytes();
  cut.resize(cut.size() / 2);
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(cut.data()), static_cast<std::streamsize>(cut.size()));
  CHECK(fahras::load_index_file(path).error().code == fahras::errc::truncated);
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

TEST_CASE("loading checks the frame and tables, a search the lists it reads") {
  const bytes_t b = damaged_pen_bytes();
  const std::size_t at = pen_list_offset();
  const auto loaded = fahras::load_index(b.data(), b.size());
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error().message);
  const fahras::index& idx = *loaded;
  CHECK_FALSE(idx.damage());  // nothing read yet

  // Other words search as before; the damaged list was not read.
  CHECK(matching(idx, "كتاب") == std::set<fahras::doc_id>{0, 1});
  CHECK(matching(idx, "دفتر") == std::set<fahras::doc_id>{0});
  CHECK_FALSE(idx.damage());

  // قلم's list is checked when a search first looks it up: absent, and reported.
  CHECK(matching(idx, "قلم").empty());
  const fahras::error found = idx.damage();
  CHECK(found.code == fahras::errc::corrupt);
  CHECK(found.offset == at);
  CHECK(found.message ==
        "fahras: corrupt index (document number out of range) at byte " + std::to_string(at));
  // The same answers every time, in every way of asking; copies share what was found.
  CHECK(matching(idx, "قلم").empty());
  CHECK(matching(idx, "\"قلم وكتاب\"").empty());
  CHECK(matching(idx, "قلم OR دفتر") == std::set<fahras::doc_id>{0});
  CHECK(matching(idx, "قل", true).empty());
  const fahras::index copy = idx;  // NOLINT: a copy on purpose
  CHECK(copy.damage().message == found.message);

  // verify() reads everything: it finds the damage on a fresh load too, without a search.
  const fahras::index fresh = fahras::load_index(b).value();
  const fahras::error verified = fresh.verify();
  CHECK(verified.message == found.message);
  CHECK(fresh.damage().message == found.message);  // and keeps it
  CHECK_FALSE(pen_index().verify());
  CHECK_FALSE(fahras::load_index(pen_index().to_bytes()).value().verify());
}

TEST_CASE("tests/data/damaged-list.fahras is the two-document index with one list damaged") {
  // The CLI test runs `fahras check` on it. FAHRAS_UPDATE_GOLDEN=1 rewrites it.
  const bytes_t b = damaged_pen_bytes();
  if (const char* update = std::getenv("FAHRAS_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream out(damaged_fixture, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    REQUIRE(out.good());
  }
  const std::string file = fahras::test::read_file(damaged_fixture);
  CHECK(bytes_t(file.begin(), file.end()) == b);
}

TEST_CASE("a damaged stored record reads as an empty document, every time") {
  bytes_t b = pen_index().to_bytes();
  const auto frame = fahras::detail::read_frame(b.data(), b.size()).value();
  const fahras::detail::section_view stored = frame[fahras::detail::section::stored];
  const std::size_t table = stored.offset + stored.size - 4 * 3;  // two documents: 3 offsets
  const std::size_t record = stored.offset + fahras::detail::read_u32(b.data() + table + 4);
  b[record] = 0x7F;  // document 1's id: 127 bytes, more than its record holds
  fix_crc(b);
  const fahras::index idx = fahras::load_index(b).value();
  CHECK(idx.document(0).id == "d0");
  CHECK_FALSE(idx.damage());
  for (int round = 0; round < 2; ++round) {
    const fahras::stored_document d = idx.document(1);
    CHECK(d.id.empty());
    CHECK(d.text.empty());
    CHECK(idx.document_id(1).empty());
  }
  CHECK(idx.damage().message ==
        "fahras: corrupt index (stored document) at byte " + std::to_string(record + 1));
  // A hit on it still comes back, without its stored fields.
  const fahras::search_results r = fahras::search(idx, "الكتاب");
  REQUIRE(r.hits.size() == 2);
  CHECK((r.hits[0].id.empty() || r.hits[1].id.empty()));
  CHECK(fahras::load_index(b).value().verify().message == idx.damage().message);
}

TEST_CASE("concurrent searches on one loaded index answer as one search at a time does") {
  std::vector<fahras::document> docs;
  for (std::size_t i = 0; i < 300; ++i)
    docs.push_back(doc(i, i % 7 ? "تقرير" : "موجز",
                       i % 3 ? "روسيا والصين وكوريا الشمالية" : "قلم وكتاب في المكتبة"));
  bytes_t b = build_index(docs).to_bytes();
  // Damage one list, so that threads also race to report it.
  const fahras::index built = fahras::load_index(b).value();
  const std::string stem(built.analyzer().stem(fahras::normalize("الصين")));
  const auto e = built.lookup(fahras::detail::encode_key(stem));
  REQUIRE(e.has_value());
  REQUIRE(e->stem.doc_freq > fahras::detail::skip_block);
  b[static_cast<std::size_t>(e->stem.data - built.data())] ^= 0x01;  // its first skip row
  fix_crc(b);
  const std::vector<std::string> queries = {"روسيا",   "الصين", "\"كوريا الشمالية\"", "كتاب OR قلم",
                                            "المكتبه", "تقري*", "موجز -روسيا"};
  std::vector<std::vector<fahras::doc_id>> expected;
  {
    const fahras::index alone = fahras::load_index(b).value();
    for (const std::string& q : queries)
      expected.push_back(fahras::test::ranked(fahras::search(alone, q)));
  }
  const fahras::index shared = fahras::load_index(b).value();
  std::vector<int> agreed(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < agreed.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round)
        for (std::size_t q = 0; q < queries.size(); ++q) {
          const std::size_t k = (q + t) % queries.size();  // each thread in its own order
          agreed[t] += fahras::test::ranked(fahras::search(shared, queries[k])) == expected[k];
        }
    });
  for (std::thread& t : threads) t.join();
  for (int n : agreed) CHECK(n == 5 * static_cast<int>(queries.size()));
  CHECK(shared.damage().code == fahras::errc::corrupt);
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
