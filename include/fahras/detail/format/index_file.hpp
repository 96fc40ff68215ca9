// Opening index bytes (doc/format.md): the frame, then every section in turn, each checked
// before a search may touch it.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>

#include "../../analyze.hpp"
#include "../../error.hpp"
#include "dictionary.hpp"
#include "index_source.hpp"
#include "meta.hpp"
#include "sections.hpp"
#include "stored.hpp"

namespace fahras::detail {

/// An opened index: its bytes and the views into them that reading needs. A collection's
/// index has no bytes of its own: its `source` loads them, and its sections give only sizes.
struct index_parts {
  std::shared_ptr<const void> keepalive;  // owns the bytes, or null when borrowed
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
  index_meta meta;
  section_view meta_section;
  doc_lengths docs;
  stored_records stored;
  dictionary_view dictionary;
  std::shared_ptr<const fahras::analyzer> analyzer;  // as the meta section describes it
  std::shared_ptr<const index_source> source;        // a collection's shards, or null
};

/// The analyzer the meta section describes.
inline std::shared_ptr<const fahras::analyzer> analyzer_of(const index_meta& m) {
  return std::make_shared<const fahras::analyzer>(analyze_options{
      normalize_options::from_bits(m.fold_bits), static_cast<stemmer>(m.stemmer_id), m.keywords});
}

/// Opens index bytes: checks the frame and every section's counts and tables, and with
/// `validate_all` every stored record, dictionary entry and posting list too (the bytes of a
/// fresh build are trusted). `keepalive` owns the bytes, or is null when the caller guarantees
/// they outlive the index.
inline result<index_parts> read_index(const std::uint8_t* data, std::size_t size,
                                      std::shared_ptr<const void> keepalive, bool validate_all) {
  result<index_frame> frame = read_frame(data, size);
  if (!frame) return frame.error();
  index_parts parts;
  parts.keepalive = std::move(keepalive);
  parts.data = data;
  parts.size = size;

  parts.meta_section = (*frame)[section::meta];
  result<index_meta> meta = read_meta(parts.meta_section, frame->flags);
  if (!meta) return meta.error();
  parts.meta = std::move(*meta);
  const index_meta& m = parts.meta;

  parts.docs = doc_lengths((*frame)[section::docs]);
  if (auto e = parts.docs.check(m)) return *e;

  parts.stored = stored_records((*frame)[section::stored], m.doc_count, m.stored_text);
  if (auto e = parts.stored.check_offsets()) return *e;
  if (validate_all)
    for (std::uint32_t d = 0; d < m.doc_count; ++d)
      if (auto e = parts.stored.check_record(d, m.fields.size())) return *e;

  result<dictionary_view> dict =
      read_dictionary((*frame)[section::dictionary], (*frame)[section::postings],
                      (*frame)[section::positions], data);
  if (!dict) return dict.error();
  parts.dictionary = *dict;

  parts.analyzer = analyzer_of(m);
  if (validate_all) {
    const fahras::analyzer& analysis = *parts.analyzer;
    const auto stem = [&analysis](std::string_view word) { return analysis.stem(word); };
    if (auto e = validate_dictionary(parts.dictionary, m.doc_count, parts.docs, stem, data))
      return *e;
  }
  return parts;
}

}  // namespace fahras::detail
