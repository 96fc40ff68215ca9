// The stored section (doc/format.md, "stored"): each document's id, title, text and metadata
// as one record, and the table of record offsets that ends the section.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../../document.hpp"
#include "../../error.hpp"
#include "../function_ref.hpp"
#include "bytes.hpp"
#include "sections.hpp"

namespace fahras::detail {

/// Appends the record of `doc`. `field_number(name)` gives each metadata field's number in the
/// meta section's list of field names.
template <class FieldNumber>
void put_stored_record(std::string& out, const document& doc, bool store_text,
                       FieldNumber&& field_number) {
  put_string(out, doc.id);
  put_string(out, doc.title);
  if (store_text) put_string(out, doc.text);
  std::uint32_t count = 0;
  for (const auto& field : doc.fields) count += is_metadata_field(field.first);
  put_varint(out, count);
  for (const auto& [name, value] : doc.fields) {
    if (!is_metadata_field(name)) continue;
    put_varint(out, field_number(name));
    put_string(out, value);
  }
}

/// A record's strings, as views into the index bytes.
struct stored_strings {
  std::string_view id, title, text;
};

/// The stored section, read in place.
/// Called with each metadata field of a record read: its number and value. One type for every
/// caller, so the checking decoder exists once.
using stored_field_callback = function_ref<void(std::uint32_t, std::string_view)>;

class stored_records {
 public:
  stored_records() = default;
  stored_records(const section_view& stored, std::uint32_t doc_count, bool stored_text)
      : stored_(stored), doc_count_(doc_count), stored_text_(stored_text) {}

  /// The offsets table for `offsets` (one per document, from 0), given the records' size.
  static void put_offsets(std::string& out, const std::vector<std::uint64_t>& offsets,
                          std::uint32_t records_size) {
    for (std::uint64_t offset : offsets) put_u32(out, static_cast<std::uint32_t>(offset));
    put_u32(out, records_size);
  }

  /// Decodes the record of document `d` (< doc_count). Calls `on_field(number, value,
  /// offset)` for each metadata field; stops at the first byte that does not fit and returns
  /// the reader, which says whether and where.
  template <class OnField>
  byte_reader read(std::uint32_t d, stored_strings& out, OnField&& on_field) const {
    return decode(record(d), stored_text_, out, on_field);
  }

  /// Decodes the record that `r` reads (its bytes, here or in a collection's stored pack),
  /// as `read` does.
  template <class OnField>
  static byte_reader decode(byte_reader r, bool stored_text, stored_strings& out,
                            OnField&& on_field) {
    const auto string = [&r] { return r.bytes(r.varint()); };
    out.id = string();
    out.title = string();
    if (stored_text) out.text = string();
    const std::uint32_t fields = r.varint_at_most(static_cast<std::uint32_t>(r.left()));
    for (std::uint32_t i = 0; i < fields && r.ok(); ++i) {
      const std::size_t at = r.offset();
      const std::uint32_t number = r.varint();
      const std::string_view value = string();
      if (r.ok()) on_field(number, value, at);
    }
    return r;
  }

  /// The offsets table must fit, start at 0, end at the records' end and never decrease.
  std::optional<error> check_offsets() const {
    const std::uint64_t table_bytes = (std::uint64_t{doc_count_} + 1) * 4;
    if (stored_.size < table_bytes) return corrupt(stored_.offset, "stored offsets");
    const auto records = static_cast<std::uint32_t>(stored_.size - table_bytes);
    const std::uint8_t* offsets = stored_.data + records;
    if (read_u32(offsets) != 0 || read_u32(offsets + 4 * std::size_t{doc_count_}) != records)
      return corrupt(stored_.offset + records, "stored offsets");
    for (std::uint32_t d = 0; d < doc_count_; ++d)
      if (read_u32(offsets + 4u * d) > read_u32(offsets + 4u * (d + 1)))
        return corrupt(stored_.offset + records + 4u * d, "stored offsets");
    return std::nullopt;
  }

  /// Decodes record `d` (< doc_count) and checks it: it must decode to its last byte, naming
  /// only fields below `field_count`. Calls `on_field(number, value)` for each metadata field;
  /// on an error `out` and the fields already passed are partial and must be dropped.
  std::optional<error> read_checked(std::uint32_t d, std::size_t field_count, stored_strings& out,
                                    stored_field_callback on_field) const {
    return read_checked(record(d), stored_text_, field_count, out, on_field);
  }

  /// Decodes and checks the record that `r` reads (its bytes, here or in a collection's
  /// stored pack), as the member `read_checked` does.
  static std::optional<error> read_checked(byte_reader r, bool stored_text, std::size_t field_count,
                                           stored_strings& out, stored_field_callback on_field) {
    std::optional<error> bad_number;
    r = decode(r, stored_text, out,
               [&](std::uint32_t number, std::string_view value, std::size_t at) {
                 if (number >= field_count) {
                   if (!bad_number) bad_number = corrupt(at, "stored field number");
                 } else {
                   on_field(number, value);
                 }
               });
    if (bad_number) return bad_number;
    if (!r.ok()) return make_error(errc::corrupt, r.error_offset(), "stored document");
    if (!r.at_end()) return corrupt(r.offset(), "stored document longer than its fields");
    return std::nullopt;
  }

  /// Record `d` must decode to its last byte, naming only fields below `field_count`.
  std::optional<error> check_record(std::uint32_t d, std::size_t field_count) const {
    stored_strings strings;
    return read_checked(d, field_count, strings, [](std::uint32_t, std::string_view) {});
  }

  const section_view& section() const noexcept { return stored_; }

  /// Where record d starts among the records, which start the section (d = doc_count: where
  /// they end). After check_offsets().
  std::uint32_t record_offset(std::uint32_t d) const {
    return read_u32(stored_.data + stored_.size - 4u * (doc_count_ + 1) + 4u * d);
  }

#ifndef __EMSCRIPTEN__
  /// The sum of record d's first and last bytes (0 unless d < doc_count; after
  /// check_offsets()): loads that bring both ends of the record into the cache, the places a
  /// read of its id looks at (its strings, then its fields).
  std::uint32_t load_ends(std::uint32_t d) const noexcept {
    if (d >= doc_count_) return 0;
    const std::uint32_t begin = record_offset(d), end = record_offset(d + 1);
    return end > begin ? std::uint32_t{stored_.data[begin]} + stored_.data[end - 1] : 0;
  }
#endif

  /// A reader over record d's bytes (after check_offsets(): inside the section).
  byte_reader record(std::uint32_t d) const {
    const std::uint32_t begin = record_offset(d), end = record_offset(d + 1);
    return byte_reader(stored_.data + begin, stored_.data + end, stored_.offset + begin);
  }

 private:
  section_view stored_;
  std::uint32_t doc_count_ = 0;
  bool stored_text_ = false;
};

}  // namespace fahras::detail
