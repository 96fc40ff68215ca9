// The index reader: a built or loaded index, read in place from its bytes.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyze.hpp"
#include "detail/format/index_file.hpp"
#include "error.hpp"
#include "types.hpp"

namespace fahras {

/// A stored document, as views into the index bytes (valid while the index lives).
struct stored_document {
  std::string_view id;
  std::string_view title;
  std::string_view text;  ///< empty when the index does not store text
  std::vector<std::pair<std::string_view, std::string_view>> fields;
};

/// Byte size of each section of an index (doc/format.md describes them).
struct index_sizes {
  std::size_t dictionary = 0;
  std::size_t postings = 0;
  std::size_t positions = 0;
  std::size_t stored = 0;
  std::size_t docs = 0;  ///< per-document lengths
  std::size_t meta = 0;
  std::size_t total = 0;
};

class index;
namespace detail {
/// An index over opened bytes (see detail::read_index, which says what `validate_all` checks).
inline result<index> open_index(const std::uint8_t* data, std::size_t size,
                                std::shared_ptr<const void> keepalive, bool validate_all);
/// An index whose bytes a collection's source loads on demand (detail/collection/reader.hpp).
inline index source_index(index_parts parts);
}  // namespace detail

/// A searchable index: its serialized bytes plus a few views into them. Searching decodes the
/// bytes in place; nothing is rebuilt in memory. Copies share the bytes.
///
/// Make one with `index_builder::build()` (index_builder.hpp) or `load_index()`
/// (serialize.hpp).
class index {
 public:
  doc_id doc_count() const noexcept { return parts_.meta.doc_count; }
  std::uint32_t title_length(doc_id d) const {
    return parts_.source ? parts_.source->title_length(d) : parts_.docs.title(d);
  }
  std::uint32_t text_length(doc_id d) const {
    return parts_.source ? parts_.source->text_length(d) : parts_.docs.text(d);
  }
  double average_title_length() const {
    return doc_count() == 0 ? 0.0 : double(parts_.meta.title_tokens) / doc_count();
  }
  double average_text_length() const {
    return doc_count() == 0 ? 0.0 : double(parts_.meta.text_tokens) / doc_count();
  }
  std::uint64_t token_count() const noexcept {
    return std::uint64_t{parts_.meta.title_tokens} + parts_.meta.text_tokens;
  }
  bool stores_text() const noexcept { return parts_.meta.stored_text; }
  /// Names of the metadata fields, in order of first appearance.
  const std::vector<std::string>& field_names() const noexcept { return parts_.meta.fields; }

  /// The analyzer the index was built with; queries must use it.
  const fahras::analyzer& analyzer() const noexcept { return *parts_.analyzer; }

  /// The stored fields of document `d` (d < doc_count()).
  stored_document document(doc_id d) const {
    stored_document out;
    detail::stored_strings strings;
    const std::vector<std::string>& names = parts_.meta.fields;
    detail::stored_records::decode(record(d), stores_text(), strings,
                                   [&](std::uint32_t f, std::string_view value, std::size_t) {
                                     if (f < names.size()) out.fields.emplace_back(names[f], value);
                                   });
    out.id = strings.id;
    out.title = strings.title;
    out.text = strings.text;
    return out;
  }

  /// The document with caller id `id`, if any (a linear scan of the stored ids).
  std::optional<doc_id> find_document(std::string_view id) const {
    for (doc_id d = 0; d < doc_count(); ++d)
      if (document_id(d) == id) return d;
    return std::nullopt;
  }

  /// Just the caller's id of document `d`.
  std::string_view document_id(doc_id d) const {
    return detail::stored_records::decode_id(record(d));
  }

  /// The dictionary entry of an encoded key (detail::encode_key), if present.
  std::optional<detail::dictionary_entry> lookup(std::string_view key) const {
    return parts_.dictionary.find(key);
  }

  const detail::dictionary_view& dictionary() const noexcept { return parts_.dictionary; }
  const detail::index_meta& meta() const noexcept { return parts_.meta; }
  /// The stored section (empty for a collection, whose records are in its packs).
  const detail::stored_records& stored() const noexcept { return parts_.stored; }

  /// The serialized index: write these bytes to a file and `load_index` reads them back.
  /// Null and 0 for a collection's index (doc/collection.md), which has no single file.
  const std::uint8_t* data() const noexcept { return parts_.data; }
  std::size_t size() const noexcept { return parts_.size; }
  std::vector<std::uint8_t> to_bytes() const { return {data(), data() + size()}; }

  index_sizes sizes() const noexcept {
    const detail::dictionary_view& d = parts_.dictionary;
    return {d.section().size,
            d.postings().size,
            d.positions().size,
            parts_.stored.section().size,
            parts_.docs.section().size,
            parts_.meta_section.size,
            parts_.size};
  }

 private:
  friend result<index> detail::open_index(const std::uint8_t*, std::size_t,
                                          std::shared_ptr<const void>, bool);
  friend index detail::source_index(detail::index_parts);

  explicit index(detail::index_parts parts) : parts_(std::move(parts)) {}

  // A reader over document d's stored record: in the stored section, or a collection's pack
  // (no bytes, which decode as empty, when the pack cannot be had).
  detail::byte_reader record(doc_id d) const {
    if (!parts_.source) return parts_.stored.record(d);
    const std::uint8_t *begin = nullptr, *end = nullptr;
    if (!parts_.source->stored_record(d, begin, end)) begin = end = nullptr;
    return detail::byte_reader(begin, end);
  }

  detail::index_parts parts_;
};

inline result<index> detail::open_index(const std::uint8_t* data, std::size_t size,
                                        std::shared_ptr<const void> keepalive, bool validate_all) {
  result<index_parts> parts = read_index(data, size, std::move(keepalive), validate_all);
  if (!parts) return parts.error();
  return index(std::move(*parts));
}

inline index detail::source_index(index_parts parts) { return index(std::move(parts)); }

}  // namespace fahras
