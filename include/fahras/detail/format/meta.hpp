// The meta and docs sections (doc/format.md, "meta", "docs"): counts, analysis settings and
// field names of the whole index, and the title and text length of each document.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../../error.hpp"
#include "../../stem.hpp"
#include "../unicode/fold_table.hpp"
#include "bytes.hpp"
#include "postings.hpp"
#include "sections.hpp"

namespace fahras::detail {

/// Everything the meta section says.
struct index_meta {
  std::uint32_t doc_count = 0;
  std::uint32_t title_tokens = 0;
  std::uint32_t text_tokens = 0;
  std::uint16_t fold_bits = 0;
  std::uint8_t stemmer_id = 0;
  bool stored_text = false;
  std::vector<std::string> keywords;
  std::vector<std::string> fields;
};

inline std::string meta_bytes(const index_meta& m) {
  std::string out;
  put_varint(out, m.doc_count);
  put_varint(out, m.title_tokens);
  put_varint(out, m.text_tokens);
  put_u16(out, m.fold_bits);
  out.push_back(static_cast<char>(m.stemmer_id));
  out.push_back(static_cast<char>(m.stored_text ? flag_stored_text : 0));
  put_varint(out, static_cast<std::uint32_t>(m.keywords.size()));
  for (const std::string& k : m.keywords) put_string(out, k);
  put_varint(out, static_cast<std::uint32_t>(m.fields.size()));
  for (const std::string& f : m.fields) put_string(out, f);
  return out;
}

/// Reads and checks the meta section; `flags` are the header's, which it must repeat (a
/// collection's root holds the section without a header: doc/collection.md).
inline result<index_meta> read_meta(const section_view& meta, std::optional<std::uint16_t> flags) {
  index_meta im;
  byte_reader m(meta.data, meta.data + meta.size, meta.offset);
  im.doc_count = m.varint();
  im.title_tokens = m.varint();
  im.text_tokens = m.varint();
  im.fold_bits = m.u16();
  im.stemmer_id = m.u8();
  const std::uint8_t meta_flags = m.u8();
  if (!m.ok()) return make_error(m.code(), m.error_offset(), "meta");
  if (im.doc_count >= no_doc) return corrupt(meta.offset, "document count");
  if (im.fold_bits > fold::all) return corrupt(meta.offset, "fold switches");
  if (im.stemmer_id > static_cast<std::uint8_t>(stemmer::light10_fahras))
    return corrupt(meta.offset, "stemmer");
  if (flags && meta_flags != *flags) return corrupt(meta.offset, "flags differ from the header");
  if (meta_flags > flag_stored_text) return corrupt(meta.offset, "unknown flags");
  im.stored_text = (meta_flags & flag_stored_text) != 0;
  const auto read_strings = [&](std::vector<std::string>& out) {
    const std::uint32_t count = m.varint_at_most(static_cast<std::uint32_t>(m.left()));
    for (std::uint32_t i = 0; i < count && m.ok(); ++i) {
      const std::uint32_t length = m.varint_at_most(static_cast<std::uint32_t>(m.left()));
      out.emplace_back(m.bytes(length));
    }
  };
  read_strings(im.keywords);
  read_strings(im.fields);
  if (!m.ok()) return make_error(m.code(), m.error_offset(), "meta");
  if (!m.at_end()) return corrupt(m.offset(), "meta longer than its fields");
  return im;
}

/// The docs section: per document, its title and text length in tokens.
class doc_lengths {
 public:
  doc_lengths() = default;
  explicit doc_lengths(const section_view& docs) : docs_(docs) {}

  std::uint32_t title(std::uint32_t d) const noexcept { return read_u32(docs_.data + 8u * d); }
  std::uint32_t text(std::uint32_t d) const noexcept { return read_u32(docs_.data + 8u * d + 4); }
  const section_view& section() const noexcept { return docs_; }

  /// Appends one document's row.
  static void put(std::string& out, std::uint32_t title, std::uint32_t text) {
    put_u32(out, title);
    put_u32(out, text);
  }

  /// The table must hold one row per document, adding up to the totals of the meta section.
  std::optional<error> check(const index_meta& m) const {
    if (std::uint64_t{docs_.size} != std::uint64_t{m.doc_count} * 8)
      return corrupt(docs_.offset, "document table size");
    std::uint64_t title_sum = 0, text_sum = 0;
    for (std::uint32_t d = 0; d < m.doc_count; ++d) {
      title_sum += title(d);
      text_sum += text(d);
    }
    if (title_sum != m.title_tokens || text_sum != m.text_tokens)
      return corrupt(docs_.offset, "document lengths do not add up");
    return std::nullopt;
  }

 private:
  section_view docs_;
};

}  // namespace fahras::detail
