// The frame of an index file (doc/format.md, "File layout"): header, section table and footer,
// written by the builder and checked first when index bytes are opened.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../../error.hpp"
#include "../../version.hpp"
#include "../decimal.hpp"
#include "bytes.hpp"
#include "crc32.hpp"

namespace fahras::detail {

inline constexpr char magic[4] = {'F', 'H', 'R', 'S'};
inline constexpr std::size_t header_size = 12;
inline constexpr std::size_t footer_size = 12;
inline constexpr std::size_t table_row_size = 12;
inline constexpr std::uint16_t flag_stored_text = 1;

enum class section : std::uint32_t {
  meta = 1,
  docs = 2,
  dictionary = 3,
  postings = 4,
  positions = 5,
  stored = 6,
};
inline constexpr std::uint32_t section_count = 6;

/// A section's bytes, and where they start in the whole index (for error offsets).
struct section_view {
  const std::uint8_t* data = nullptr;
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
};

/// A section as the writer placed it.
struct placed_section {
  section id;
  std::uint64_t offset, size;
};

/// The header with its size field zero: the writer fills it in last (`total_size_offset`).
inline std::string header_bytes(std::uint16_t flags) {
  std::string out(magic, 4);
  put_u16(out, format_version);
  put_u16(out, flags);
  put_u32(out, 0);
  return out;
}
inline constexpr std::size_t total_size_offset = 8;

/// The section table and the footer's first two fields; the CRC-32 that ends the footer
/// covers them too.
inline std::string table_bytes(const std::vector<placed_section>& sections,
                               std::uint64_t table_offset) {
  std::string out;
  for (const placed_section& p : sections) {
    put_u32(out, static_cast<std::uint32_t>(p.id));
    put_u32(out, static_cast<std::uint32_t>(p.offset));
    put_u32(out, static_cast<std::uint32_t>(p.size));
  }
  put_u32(out, static_cast<std::uint32_t>(table_offset));
  put_u32(out, static_cast<std::uint32_t>(sections.size()));
  return out;
}

/// What the frame says: the header's flags and every section.
struct index_frame {
  std::uint16_t flags = 0;
  section_view sections[section_count + 1];  // by id; [0] unused

  const section_view& operator[](section s) const noexcept {
    return sections[static_cast<std::uint32_t>(s)];
  }
};

/// Checks the header field by field against the size of the whole input: `data` holds the
/// input's first `available` bytes (the whole header, unless the input is shorter), so that a
/// file loader can refuse a file from its first 12 bytes and its size, before reading (or
/// allocating) the rest. Sets `flags` and returns nothing when the header is good.
inline std::optional<error> check_header(const std::uint8_t* data, std::size_t available,
                                         std::uint64_t size, std::uint16_t& flags) {
  if (available < 4 || std::memcmp(data, magic, 4) != 0) {
    // A prefix of the magic is a truncated index, anything else is not an index.
    if (available < 4 && (available == 0 || std::memcmp(data, magic, available) == 0))
      return make_error(errc::truncated, available);
    return make_error(errc::bad_magic, 0);
  }
  if (available < header_size) return make_error(errc::truncated, available);
  byte_reader header(data + 4, data + header_size, 4);
  const std::uint16_t version = header.u16();
  flags = header.u16();
  const std::uint32_t total = header.u32();
  if (version == 0) return corrupt(4, "format version 0");
  if (version > format_version) return make_error(errc::unsupported_version, 4);
  if (flags > flag_stored_text) return corrupt(6, "unknown flags");
  if (size < total)
    return make_error(errc::truncated, static_cast<std::size_t>(size),
                      "expected " + decimal(total) + " bytes");
  if (size > total) return corrupt(total, "bytes after the end of the index");
  if (size < header_size + footer_size) return corrupt(8, "index too small");
  return std::nullopt;
}

/// Checks the header, the size, the checksum and the section table (each section once, inside
/// the file, none overlapping another).
inline result<index_frame> read_frame(const std::uint8_t* data, std::size_t size) {
  index_frame frame;
  if (auto bad = check_header(data, size, size, frame.flags)) return std::move(*bad);

  const std::uint8_t* footer = data + size - footer_size;
  const std::uint32_t table_offset = read_u32(footer);
  const std::uint32_t rows = read_u32(footer + 4);
  const std::uint32_t stored_crc = read_u32(footer + 8);
  const std::uint32_t crc = crc32(data + header_size, size - header_size - 4);
  if (crc != stored_crc) return make_error(errc::bad_crc, size - 4);
  if (rows != section_count ||
      std::uint64_t{table_offset} + std::uint64_t{rows} * table_row_size != size - footer_size ||
      table_offset < header_size)
    return corrupt(size - footer_size, "section table");

  bool seen[section_count + 1] = {};
  for (std::uint32_t i = 0; i < rows; ++i) {
    const std::uint8_t* row = data + table_offset + std::size_t{i} * table_row_size;
    const std::uint32_t id = read_u32(row);
    const std::uint32_t offset = read_u32(row + 4);
    const std::uint32_t length = read_u32(row + 8);
    const std::size_t at = table_offset + std::size_t{i} * table_row_size;
    if (id == 0 || id > section_count || seen[id]) return corrupt(at, "section id");
    if (offset < header_size || std::uint64_t{offset} + length > table_offset)
      return corrupt(at, "section bounds");
    seen[id] = true;
    frame.sections[id] = section_view{data + offset, offset, length};
  }
  // Sections must not overlap: each byte belongs to one of them.
  for (std::uint32_t i = 1; i <= section_count; ++i)
    for (std::uint32_t j = i + 1; j <= section_count; ++j) {
      const section_view& a = frame.sections[i];
      const section_view& b = frame.sections[j];
      if (a.size > 0 && b.size > 0 && a.offset < b.offset + b.size && b.offset < a.offset + a.size)
        return corrupt(table_offset, "sections overlap");
    }
  return frame;
}

}  // namespace fahras::detail
