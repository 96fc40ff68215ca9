// Hostile index bytes: every truncation, every single-byte change (with and without a
// recomputed checksum) and crafted headers either fail with an error value or give an index
// that works in every way. Meant to run under ASan+UBSan (build-tests-asan, ./dev test asan).
// SPDX-License-Identifier: MIT
#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "engine_util.hpp"
#include "index_exercise.hpp"

using fahras::test::build_index;
using fahras::test::doc;
using fahras::test::exercise_index;
using bytes_t = std::vector<std::uint8_t>;

namespace {

constexpr std::size_t header_size = 12;

std::uint32_t get_u32(const bytes_t& b, std::size_t at) {
  return fahras::detail::read_u32(b.data() + at);
}

void put_u32(bytes_t& b, std::size_t at, std::uint32_t v) {
  for (unsigned i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// Makes the header's size and the checksum agree with the bytes, so that a change reaches the
// structural checks instead of stopping at the checksum.
void fix_up(bytes_t& b) {
  put_u32(b, 8, static_cast<std::uint32_t>(b.size()));
  put_u32(b, b.size() - 4,
          fahras::detail::crc32(b.data() + header_size, b.size() - header_size - 4));
}

// A small index touching every structure: titles, vocalized text, metadata, a stopword, a
// repeated word, a multi-word ligature.
bytes_t small_index(bool store_text) {
  fahras::index_options o;
  o.store_text = store_text;
  if (!store_text) o.analysis.keywords = {"الكتاب"};
  return build_index(
             {doc(0, "روسيا وكوريا الشمالية", "وَقَّعَتْ روسيا وكوريا معاهدةً في بيونغ يانغ",
                  {{"source", "إرم نيوز"}, {"date", "2024"}}),
              doc(1, "العقوبات", "العقوبات على كوريا الشمالية ﷺ العقوبات", {{"source", "الحل"}}),
              doc(2, "", "الكتاب كتاب")},
             o)
      .to_bytes();
}

// Enough documents for posting lists with skip tables (more than 128 entries).
bytes_t skip_index() {
  std::vector<fahras::document> docs;
  for (std::size_t i = 0; i < 140; ++i)
    docs.push_back(doc(i, i % 3 ? "" : "كوريا", i % 2 ? "روسيا كوريا" : "كوريا روسيا الشمالية"));
  return build_index(docs).to_bytes();
}

// What the full check finds that no single use can: how the entries fit together (keys in
// order, lists tiling their sections, the counts) rather than what one entry or record holds.
bool damage_between_entries(const fahras::error& e) {
  for (const char* what : {"dictionary keys out of order", "posting lists out of place",
                           "(dictionary entry)", "dictionary term count",
                           "posting lists do not fill their section", "dictionary block offsets"})
    if (e.message.find(what) != std::string::npos) return true;
  return false;
}

// Uses every part of a freshly loaded index once: each stored document read, each dictionary
// entry checked as a search would check it. Returns the damage that found.
fahras::error damage_found_by_use(const fahras::index& idx) {
  for (fahras::doc_id d = 0; d < idx.doc_count(); ++d) (void)idx.document(d);
  if (idx.dictionary().term_count() > 0)
    for (fahras::detail::dictionary_iterator it(idx.dictionary(), 0); it.valid(); it.next())
      (void)idx.usable(it.entry());
  return idx.damage();
}

// Loads `b`; if that works, the index must pass every use. Returns whether it loaded. Thousands
// of copies go through here: the first 6 queries of the exercise reach every kind of lookup.
// `verified` gets what verify() said, when it loaded.
bool loads_usable(const bytes_t& b, fahras::error* verified = nullptr) {
  const auto r = fahras::load_index(b.data(), b.size());
  if (!r) {
    CHECK(r.error().message.rfind("fahras: ", 0) == 0);
    CHECK(r.error().offset <= b.size());
    return false;
  }
  const std::string problem = exercise_index(*r, 6);
  CHECK_MESSAGE(problem.empty(), problem);
  // Using every entry and record of a fresh copy finds damage when verify() finds some in an
  // entry or a record, and only then: the checks made in use are the full check's, one entry at
  // a time.
  const fahras::index fresh = fahras::load_index(b.data(), b.size()).value();
  const fahras::error in_use = damage_found_by_use(fresh);
  const fahras::error full = fresh.verify();
  CAPTURE(full.message);
  CAPTURE(in_use.message);
  CHECK((!in_use || full));
  if (full && !damage_between_entries(full)) CHECK(in_use);
  if (verified) *verified = full;
  return true;
}

// Every bit of a byte is flipped without a checksum fix (cheap: all fail at the checksum);
// with the checksum fixed, the lowest and highest bits and all bits (each copy that still
// loads is used in every way, which takes longer).
const std::uint8_t all_flips[] = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xFF};
const std::uint8_t deep_flips[] = {0x01, 0x80, 0xFF};

// The sections of a valid index, so that crafted ones can be assembled from them.
struct sections {
  std::uint16_t flags = 0;
  std::vector<std::pair<std::uint32_t, bytes_t>> parts;  // id, bytes; in file order
};

sections split(const bytes_t& b) {
  sections s;
  s.flags = static_cast<std::uint16_t>(b[6] | b[7] << 8);
  const std::uint32_t table = get_u32(b, b.size() - 12);
  const std::uint32_t count = get_u32(b, b.size() - 8);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::size_t row = table + 12u * i;
    const std::uint32_t offset = get_u32(b, row + 4), length = get_u32(b, row + 8);
    s.parts.push_back({get_u32(b, row), bytes_t(b.begin() + offset, b.begin() + offset + length)});
  }
  return s;
}

struct row {
  std::uint32_t id, offset, length;
};

// Writes header, sections, table and footer; `edit` may change the table rows first.
bytes_t assemble(const sections& s, const std::function<void(std::vector<row>&)>& edit = {}) {
  bytes_t b = {'F',
               'H',
               'R',
               'S',
               fahras::format_version & 0xFF,
               fahras::format_version >> 8,
               static_cast<std::uint8_t>(s.flags),
               static_cast<std::uint8_t>(s.flags >> 8),
               0,
               0,
               0,
               0};
  std::vector<row> rows;
  for (const auto& [id, bytes] : s.parts) {
    rows.push_back(
        {id, static_cast<std::uint32_t>(b.size()), static_cast<std::uint32_t>(bytes.size())});
    b.insert(b.end(), bytes.begin(), bytes.end());
  }
  if (edit) edit(rows);
  const auto table = static_cast<std::uint32_t>(b.size());
  for (const row& r : rows)
    for (std::uint32_t v : {r.id, r.offset, r.length}) {
      b.resize(b.size() + 4);
      put_u32(b, b.size() - 4, v);
    }
  for (std::uint32_t v : {table, static_cast<std::uint32_t>(rows.size()), 0u}) {
    b.resize(b.size() + 4);
    put_u32(b, b.size() - 4, v);
  }
  fix_up(b);
  return b;
}

bytes_t& part(sections& s, fahras::detail::section id) {
  for (auto& [i, bytes] : s.parts)
    if (i == static_cast<std::uint32_t>(id)) return bytes;
  FAIL("no such section");
  static bytes_t none;
  return none;
}

void put_varint(bytes_t& b, std::uint32_t v) {
  std::string s;
  fahras::detail::put_varint(s, v);
  b.insert(b.end(), s.begin(), s.end());
}

// A meta section, from its fields.
struct meta_fields {
  std::uint32_t doc_count, title_tokens, text_tokens;
  std::uint16_t fold_bits;
  std::uint8_t stemmer, flags;
  std::uint32_t keyword_count;
  std::vector<std::string> keywords;
  std::uint32_t field_count;
  std::vector<std::string> fields;
};

meta_fields meta_of(const fahras::index& idx) {
  const auto& m = idx.meta();
  return {m.doc_count,
          m.title_tokens,
          m.text_tokens,
          m.fold_bits,
          m.stemmer_id,
          static_cast<std::uint8_t>(m.stored_text ? 1 : 0),
          static_cast<std::uint32_t>(m.keywords.size()),
          m.keywords,
          static_cast<std::uint32_t>(m.fields.size()),
          m.fields};
}

bytes_t encode(const meta_fields& m) {
  bytes_t b;
  put_varint(b, m.doc_count);
  put_varint(b, m.title_tokens);
  put_varint(b, m.text_tokens);
  b.push_back(static_cast<std::uint8_t>(m.fold_bits));
  b.push_back(static_cast<std::uint8_t>(m.fold_bits >> 8));
  b.push_back(m.stemmer);
  b.push_back(m.flags);
  put_varint(b, m.keyword_count);
  for (const auto& k : m.keywords) {
    put_varint(b, static_cast<std::uint32_t>(k.size()));
    b.insert(b.end(), k.begin(), k.end());
  }
  put_varint(b, m.field_count);
  for (const auto& f : m.fields) {
    put_varint(b, static_cast<std::uint32_t>(f.size()));
    b.insert(b.end(), f.begin(), f.end());
  }
  return b;
}

fahras::errc load_code(const bytes_t& b) {
  const auto r = fahras::load_index(b.data(), b.size());
  return r ? fahras::errc::ok : r.error().code;
}

// What loading and then verify() say: the first error of the two, as loading said when it
// checked everything at once.
fahras::errc verified_code(const bytes_t& b) {
  const auto r = fahras::load_index(b.data(), b.size());
  return r ? r->verify().code : r.error().code;
}

using fahras::detail::section;

}  // namespace

TEST_SUITE("hostile index bytes") {

TEST_CASE("every truncation is a truncated index at the byte where it ends") {
  for (bool stored : {true, false}) {
    const bytes_t full = small_index(stored);
    for (std::size_t n = 0; n < full.size(); ++n) {
      CAPTURE(n);
      const bytes_t cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
      const auto r = fahras::load_index(cut.data(), cut.size());
      REQUIRE_FALSE(r.has_value());
      CHECK(r.error().code == fahras::errc::truncated);
      CHECK(r.error().offset == n);
      const std::string tail = "at byte " + std::to_string(n);
      CHECK(r.error().message.compare(r.error().message.size() - tail.size(), tail.size(), tail) ==
            0);
    }
  }
}

TEST_CASE("every truncation with a fixed-up size and checksum fails cleanly or works") {
  for (bool stored : {true, false}) {
    const bytes_t full = small_index(stored);
    for (std::size_t n = 24; n < full.size(); ++n) {
      CAPTURE(n);
      bytes_t cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
      fix_up(cut);
      loads_usable(cut);
    }
  }
}

TEST_CASE("every single-byte change is an error") {
  for (bool stored : {true, false}) {
    const bytes_t good = small_index(stored);
    REQUIRE(fahras::load_index(good.data(), good.size()).has_value());
    for (std::size_t at = 0; at < good.size(); ++at) {
      for (std::uint8_t x : all_flips) {
        CAPTURE(at);
        CAPTURE(int(x));
        bytes_t b = good;
        b[at] ^= x;
        const auto r = fahras::load_index(b.data(), b.size());
        REQUIRE_FALSE(r.has_value());
        // CRC-32 catches every change of one byte in what it covers.
        if (at >= header_size) CHECK(r.error().code == fahras::errc::bad_crc);
      }
    }
  }
}

TEST_CASE("every single-byte change with a recomputed checksum fails cleanly or works") {
  for (bool stored : {true, false}) {
    const bytes_t good = small_index(stored);
    const fahras::index idx = fahras::load_index(good).value();
    REQUIRE_FALSE(idx.verify());
    std::size_t loaded = 0, tried = 0, refused_by_verify = 0;
    // Changes that load (only the frame and the tables are checked then) and that verify()
    // refuses, by the section changed: verify() must find what loading no longer looks for.
    std::map<section, std::size_t> found_later;
    const sections parts = split(good);
    for (std::size_t at = header_size; at + 4 < good.size(); ++at) {
      for (std::uint8_t x : deep_flips) {
        CAPTURE(at);
        CAPTURE(int(x));
        bytes_t b = good;
        b[at] ^= x;
        fix_up(b);
        fahras::error verified;
        const bool usable = loads_usable(b, &verified);
        loaded += usable;
        ++tried;
        if (!usable || !verified) continue;
        ++refused_by_verify;
        std::size_t offset = header_size;
        for (const auto& [id, bytes] : parts.parts) {
          if (at >= offset && at < offset + bytes.size()) ++found_later[section(id)];
          offset += bytes.size();
        }
      }
    }
    MESSAGE(good.size() << "-byte index (stored text " << stored << "): " << loaded << " of "
                        << tried << " changed copies loaded, all of them usable; verify() "
                        << "refused " << refused_by_verify << " of those");
    for (section s :
         {section::stored, section::dictionary, section::postings, section::positions}) {
      CAPTURE(static_cast<int>(s));
      CHECK(found_later[s] > 0);
    }
  }
}

TEST_CASE("random multi-byte changes with a recomputed checksum fail cleanly or work") {
  std::mt19937 rng(1234);
  for (const bytes_t& good : {small_index(true), skip_index()}) {
    std::uniform_int_distribution<std::size_t> offset(header_size, good.size() - 5);
    for (int round = 0; round < (good.size() < 2000 ? 1500 : 500); ++round) {
      bytes_t b = good;
      const int changes = 1 + round % 4;
      for (int k = 0; k < changes; ++k) b[offset(rng)] = static_cast<std::uint8_t>(rng());
      CAPTURE(round);
      fix_up(b);
      loads_usable(b);
    }
  }
}

TEST_CASE("crafted headers and section tables") {
  const fahras::index idx = fahras::load_index(small_index(true)).value();
  sections good = split(idx.to_bytes());
  REQUIRE(assemble(good) == idx.to_bytes());  // the assembler itself is faithful

  SUBCASE("sections may come in any order") {
    sections reversed = good;
    std::reverse(reversed.parts.begin(), reversed.parts.end());
    const auto r = fahras::load_index(assemble(reversed));
    REQUIRE_MESSAGE(r.has_value(), r.error().message);
    for (const char* q : {"روسيا", "\"كوريا الشمالية\"", "source:نيوز", "عقوب*"})
      CHECK(fahras::test::matching(*r, q) == fahras::test::matching(idx, q));
    CHECK(exercise_index(*r).empty());
  }
  SUBCASE("a missing, repeated or unknown section is corrupt") {
    for (std::uint32_t bad_id : {0u, 7u, 1u, 0xFFFFFFFFu}) {
      CAPTURE(bad_id);
      const bytes_t b = assemble(good, [&](std::vector<row>& rows) { rows[3].id = bad_id; });
      CHECK(load_code(b) == fahras::errc::corrupt);
    }
    sections five = good;
    five.parts.pop_back();
    CHECK(load_code(assemble(five)) == fahras::errc::corrupt);
  }
  SUBCASE("sections outside the file or over the table are corrupt") {
    for (std::uint32_t offset : {0u, 11u, 0x7FFFFFFFu, 0xFFFFFFF0u}) {
      CAPTURE(offset);
      CHECK(load_code(assemble(good, [&](std::vector<row>& rows) { rows[0].offset = offset; })) ==
            fahras::errc::corrupt);
    }
    CHECK(load_code(assemble(good, [](std::vector<row>& rows) { rows[1].length = 0xFFFFFFFFu; })) ==
          fahras::errc::corrupt);
    CHECK(load_code(assemble(good, [](std::vector<row>& rows) { rows[5].length += 1; })) ==
          fahras::errc::corrupt);
  }
  SUBCASE("overlapping sections fail cleanly or work") {
    for (std::size_t i = 0; i < good.parts.size(); ++i)
      for (std::size_t j = 0; j < good.parts.size(); ++j) {
        if (i == j) continue;
        CAPTURE(i);
        CAPTURE(j);
        loads_usable(assemble(good, [&](std::vector<row>& rows) {
          rows[j].offset = rows[i].offset;
          rows[j].length = rows[i].length;
        }));
        loads_usable(
            assemble(good, [&](std::vector<row>& rows) { rows[j].offset = rows[i].offset; }));
      }
    std::mt19937 rng(5);
    for (int round = 0; round < 500; ++round) {
      CAPTURE(round);
      loads_usable(assemble(good, [&](std::vector<row>& rows) {
        row& r = rows[rng() % rows.size()];
        const std::uint32_t end = rows.back().offset + rows.back().length;
        r.offset = static_cast<std::uint32_t>(header_size + rng() % (end - header_size));
        r.length = static_cast<std::uint32_t>(rng() % (end - r.offset + 1));
      }));
    }
  }
  SUBCASE("every section empty is corrupt") {
    sections empty = good;
    for (auto& p : empty.parts) p.second.clear();
    CHECK(load_code(assemble(empty)) != fahras::errc::ok);
  }
  SUBCASE("huge counts in the metadata are refused before any allocation") {
    const meta_fields m = meta_of(idx);
    const auto with_meta = [&](const meta_fields& changed) {
      sections s = good;
      part(s, section::meta) = encode(changed);
      return assemble(s);
    };
    REQUIRE(fahras::load_index(with_meta(m)).has_value());  // the encoder itself is faithful
    meta_fields x = m;
    for (std::uint32_t count : {0xFFFFFFFEu, 0xFFFFFFFFu, 0x10000000u, m.doc_count + 1}) {
      x = m;
      x.doc_count = count;
      CHECK(load_code(with_meta(x)) == fahras::errc::corrupt);
    }
    x = m;
    x.keyword_count = 0x0FFFFFFF;
    CHECK(load_code(with_meta(x)) != fahras::errc::ok);
    x = m;
    x.field_count = 0xFFFFFFFF;
    CHECK(load_code(with_meta(x)) != fahras::errc::ok);
    x = m;
    x.title_tokens += 1;
    CHECK(load_code(with_meta(x)) == fahras::errc::corrupt);
    x = m;
    x.fold_bits = 0xFFFF;
    CHECK(load_code(with_meta(x)) == fahras::errc::corrupt);
    x = m;
    x.stemmer = 9;
    CHECK(load_code(with_meta(x)) == fahras::errc::corrupt);
    x = m;
    x.flags = 0;
    CHECK(load_code(with_meta(x)) == fahras::errc::corrupt);
    x = m;
    x.fields.pop_back();
    x.field_count -= 1;  // stored documents now name a field that does not exist
    CHECK(verified_code(with_meta(x)) == fahras::errc::corrupt);
  }
  SUBCASE("huge counts in the dictionary header are refused") {
    const bytes_t dict = part(good, section::dictionary);
    std::uint32_t blocks = 0, terms = 0;
    std::size_t at = fahras::detail::get_varint(dict.data(), dict.data() + dict.size(), blocks);
    at += fahras::detail::get_varint(dict.data() + at, dict.data() + dict.size(), terms);
    const auto with_counts = [&](std::uint32_t b, std::uint32_t t) {
      sections s = good;
      bytes_t d;
      put_varint(d, b);
      put_varint(d, t);
      d.insert(d.end(), dict.begin() + static_cast<std::ptrdiff_t>(at), dict.end());
      part(s, section::dictionary) = d;
      return assemble(s);
    };
    REQUIRE(load_code(with_counts(blocks, terms)) == fahras::errc::ok);
    for (const auto& counts :
         {std::pair{0xFFFFFFFFu, terms}, std::pair{blocks, 0xFFFFFFFFu},
          std::pair{blocks, terms + 1}, std::pair{blocks, terms - 1}, std::pair{0u, terms},
          std::pair{blocks + 1, terms}, std::pair{0u, 0u}}) {
      // Named copies, not a structured binding: CAPTURE's lambda cannot capture one before
      // C++20 (clang refuses it).
      const std::uint32_t b = counts.first, t = counts.second;
      CAPTURE(b);
      CAPTURE(t);
      CHECK(verified_code(with_counts(b, t)) == fahras::errc::corrupt);
      // A count the entries cannot hold is refused at load: the index keeps a byte per term.
      if (t == 0xFFFFFFFFu) CHECK(load_code(with_counts(b, t)) == fahras::errc::corrupt);
      // Counts no larger than the entries can hold load; searches stay within the entries.
      if (load_code(with_counts(b, t)) == fahras::errc::ok) CHECK(loads_usable(with_counts(b, t)));
    }
  }
  SUBCASE("document lengths inflated consistently still give a usable index") {
    sections s = good;
    bytes_t& docs = part(s, section::docs);
    meta_fields m = meta_of(idx);
    // Only text lengths: text positions count from the title's length, so a longer title
    // would move them (and is rightly refused as "position outside its field").
    for (std::size_t d = 0; d < m.doc_count; ++d)
      put_u32(docs, 8 * d + 4, get_u32(docs, 8 * d + 4) + 3000000);
    m.text_tokens += 3000000 * m.doc_count;
    part(s, section::meta) = encode(m);
    CHECK(loads_usable(assemble(s)));
  }
  SUBCASE("stored record offsets out of order or out of range are corrupt") {
    for (std::uint32_t value : {0xFFFFFFFFu, 1u, 0x7FFFFFFFu}) {
      sections s = good;
      bytes_t& stored = part(s, section::stored);
      put_u32(stored, stored.size() - 8, value);  // offset of the last document
      CAPTURE(value);
      CHECK(load_code(assemble(s)) == fahras::errc::corrupt);
    }
  }
}

}  // TEST_SUITE("hostile index bytes")
