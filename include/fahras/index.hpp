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
#include "detail/search/block_prefixes.hpp"
#include "detail/search/built_once.hpp"
#include "detail/search/length_norms.hpp"
#include "detail/search/typo_keys.hpp"
#include "detail/search/variant_key_filter.hpp"
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
/// An index over opened bytes (see detail::read_index, which says what it checks, and what
/// it leaves for later unless the bytes are `trusted`).
inline result<index> open_index(const std::uint8_t* data, std::size_t size,
                                std::shared_ptr<const void> keepalive, bool trusted);
/// An index whose bytes a collection's source loads on demand (detail/collection/reader.hpp).
inline index source_index(index_parts parts);
}  // namespace detail

/// A searchable index: its serialized bytes plus a few views into them. Searching decodes the
/// bytes in place; the one thing rebuilt in memory is a keys-only copy of the dictionary, made
/// by the first search that expands a typo (about 9 bytes a dictionary key; not for a
/// collection, nor in WebAssembly). Copies share the bytes and that copy.
///
/// A loaded index checks its bytes as it goes (see `load_index`): each dictionary entry the
/// first time a search looks it up, each stored document as it is read. Damage found there is
/// treated as absent (an entry with a damaged list matches nothing, a damaged document reads
/// as empty), the same way every time, and `damage()` reports it. `verify()` checks everything
/// at once. All const members are safe to call from several threads at once.
///
/// Make one with `index_builder::build()` (index_builder.hpp) or `load_index()`
/// (serialize.hpp).
class index {
 public:
  doc_id doc_count() const noexcept { return parts_.meta.doc_count; }
  std::uint32_t title_length(doc_id d) const {
    return source() ? source()->title_length(d) : parts_.docs.title(d);
  }
  std::uint32_t text_length(doc_id d) const {
    return source() ? source()->text_length(d) : parts_.docs.text(d);
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

  /// The stored fields of document `d` (d < doc_count()). A damaged record reads as an empty
  /// document (and is reported by `damage()`).
  stored_document document(doc_id d) const {
    stored_document out;
    detail::stored_strings strings;
    const std::vector<std::string>& names = parts_.meta.fields;
    if (!read_record(d, strings, [&](std::uint32_t f, std::string_view value) {
          out.fields.emplace_back(names[f], value);
        }))
      return {};
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

  /// Just the caller's id of document `d` (empty, like `document(d).id`, if its record is
  /// damaged).
  std::string_view document_id(doc_id d) const {
    detail::stored_strings strings;
    if (!read_record(d, strings, [](std::uint32_t, std::string_view) {})) return {};
    return strings.id;
  }

  /// The dictionary entry of an encoded key (detail::encode_key), if present and usable: an
  /// entry whose lists are damaged is absent.
  std::optional<detail::dictionary_entry> lookup(std::string_view key) const {
#ifdef __EMSCRIPTEN__
    std::optional<detail::dictionary_entry> e = parts_.dictionary.find(key);
#else
    const detail::block_prefixes* prefixes =
        block_prefixes_ ? block_prefixes_->get(parts_.dictionary) : nullptr;
    std::optional<detail::dictionary_entry> e =
        prefixes ? parts_.dictionary.find(key, prefixes->find_block(parts_.dictionary, key))
                 : parts_.dictionary.find(key);
#endif
    if (!e) return e;
    e->key = key;
    const bool usable = detail::entry_usable(parts_, *e);
    e->key = {};
    if (!usable) return std::nullopt;
    return e;
  }

  /// Whether an entry met walking the dictionary (with its key) may be searched: what
  /// `lookup` checks. Callers that read an iterated entry's lists ask this first.
  bool usable(const detail::dictionary_entry& e) const { return detail::entry_usable(parts_, e); }

  /// The first damage searches and reads have found in a loaded index since it was opened,
  /// or an error with code `errc::ok` (none found so far, which says nothing of the bytes not
  /// read yet: `verify()` reads them all). Copies of an index share it.
  error damage() const { return parts_.checks ? parts_.checks->first_damage() : error{}; }

  /// Checks every byte of the index, as loading did before searches checked what they touch:
  /// every stored record, dictionary entry and posting list, every form against its stem.
  /// Returns the first error (`fahras: corrupt index (...) at byte N`), or one with code
  /// `errc::ok`; an error is also kept as `damage()`. Reads the whole index: it takes as long
  /// as decoding every posting list.
  ///
  /// **Example**: `if (const fahras::error e = idx.verify()) std::puts(e.message.c_str());`
  error verify() const {
    std::optional<error> e = detail::verify_index(parts_);
    if (!e) return {};
    report(*e);
    return *e;
  }

  /// Whether the lists and records load on demand (a collection's index, doc/collection.md):
  /// then each part a call reaches may cost a fetch.
  bool loads_on_demand() const noexcept { return source() != nullptr; }
  /// Whether the current call of a collection has met a part it lacks (its result will be
  /// thrown away and the call made again): false for a single-file index.
  bool lacks_parts() const { return source() != nullptr && !source()->complete(); }
  /// How many times the current call of a collection has met a part it lacks (0 for a
  /// single-file index): two counts tell whether the reads between them lacked anything.
  std::uint32_t parts_lacked() const { return source() ? source()->lacked() : 0; }

  const detail::dictionary_view& dictionary() const noexcept { return parts_.dictionary; }
  /// Where a collection's parts load from; null for a single-file index (always, in a build
  /// without collections: if_collections).
  const detail::index_source* source() const noexcept {
    return detail::if_collections(parts_.source.get());
  }
  /// The dictionary's keys for the typo walk, decoded the first time they are asked for; null
  /// for a collection, a damaged dictionary or where FAHRAS_TYPO_KEY_TABLE is 0 (the walk reads
  /// the dictionary itself then).
  const detail::typo_key_table* typo_keys() const {
    return typo_keys_ ? typo_keys_->get(parts_.dictionary) : nullptr;
  }
  /// The same table, but only once walks without it have read as many dictionary entries as
  /// it holds (detail::rented_once); null before, and where typo_keys() is.
  const detail::typo_key_table* typo_keys_paid_for() const {
    return typo_keys_ ? typo_keys_->paid_for(parts_.dictionary) : nullptr;
  }
  /// Counts `entries` dictionary entries read by a typo walk made without the table.
  void typo_walk_read(std::size_t entries) const {
    if (typo_keys_) typo_keys_->pay(entries);
  }
#ifndef __EMSCRIPTEN__
  /// The length norms of the text and title for the default scoring parameters, computed by
  /// the first call (detail/search/length_norms.hpp). Natively only: the WebAssembly module has
  /// no room for the code.
  const detail::default_length_norms& default_length_norms() const {
    return *length_norms_->get(average_text_length(), average_title_length());
  }
#endif
  /// Hashes of the dictionary's spelling-variant keys, read the first time they are asked for;
  /// null for a collection or a damaged dictionary (each key is looked up then).
  const detail::variant_key_filter* variant_keys() const {
    return variant_keys_ ? variant_keys_->get(parts_.dictionary) : nullptr;
  }
  /// The same filter, natively only once searches have read as many dictionary entries without
  /// it as the dictionary holds (detail::rented_once); null before. In WebAssembly, where the
  /// counting has no room, variant_keys().
  const detail::variant_key_filter* variant_keys_paid_for() const {
#ifdef __EMSCRIPTEN__
    return variant_keys();
#else
    return variant_keys_ ? variant_keys_->paid_for(parts_.dictionary) : nullptr;
#endif
  }
  /// Counts `entries` dictionary entries read by variant-key lookups made without the filter.
  void variant_lookups_read(std::size_t entries) const {
#ifndef __EMSCRIPTEN__
    if (variant_keys_) variant_keys_->pay(entries);
#else
    static_cast<void>(entries);
#endif
  }
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

  explicit index(detail::index_parts parts)
      : parts_(std::move(parts)),
        typo_keys_(FAHRAS_TYPO_KEY_TABLE && !source()
                       ? std::make_shared<detail::rented_once<detail::typo_key_table>>()
                       : nullptr),
        variant_keys_(!source()
                          ? std::make_shared<detail::rented_once<detail::variant_key_filter>>()
                          : nullptr) {
#ifndef __EMSCRIPTEN__
    if (!source()) block_prefixes_ = std::make_shared<detail::built_once<detail::block_prefixes>>();
#endif
  }

  // Decodes and checks document d's record, in the stored section or a collection's pack,
  // calling `on_field(number, value)` for each metadata field. False when it is damaged
  // (reported) or, in a collection, cannot be had (the collection's call says why).
  bool read_record(doc_id d, detail::stored_strings& out,
                   detail::stored_field_callback on_field) const {
    const std::size_t fields = parts_.meta.fields.size();
    std::optional<error> damage;
    if (!source()) {
      damage = parts_.stored.read_checked(d, fields, out, on_field);
    } else {
      const std::uint8_t *begin = nullptr, *end = nullptr;
      if (!source()->stored_record(d, begin, end)) return false;
      damage = detail::stored_records::read_checked(detail::byte_reader(begin, end), stores_text(),
                                                    fields, out, on_field);
    }
    if (damage) report(*damage);
    return !damage;
  }

  void report(const error& e) const {
    if (parts_.checks) parts_.checks->report(e);
  }

  detail::index_parts parts_;
  // Built once searches have paid for them (rented_once), or when asked for; none for a
  // collection (its dictionary blocks load on demand: a copy would fetch them all).
  std::shared_ptr<detail::rented_once<detail::typo_key_table>> typo_keys_;
  std::shared_ptr<detail::rented_once<detail::variant_key_filter>> variant_keys_;
#ifndef __EMSCRIPTEN__
  // Natively only: the WebAssembly module has no room for the code.
  std::shared_ptr<detail::built_once<detail::block_prefixes>> block_prefixes_;
  std::shared_ptr<detail::built_once<detail::default_length_norms>> length_norms_ =
      std::make_shared<detail::built_once<detail::default_length_norms>>();
#endif
};

inline result<index> detail::open_index(const std::uint8_t* data, std::size_t size,
                                        std::shared_ptr<const void> keepalive, bool trusted) {
  result<index_parts> parts = read_index(data, size, std::move(keepalive), trusted);
  if (!parts) return parts.error();
  return index(std::move(*parts));
}

inline index detail::source_index(index_parts parts) { return index(std::move(parts)); }

}  // namespace fahras
