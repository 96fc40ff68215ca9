// Opening index bytes (doc/format.md): the frame and the tables a search starts from, checked
// at once; each dictionary entry's lists checked the first time a search looks it up; and the
// full check of every structure, on request.
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
#include "lazy_checks.hpp"
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
  std::shared_ptr<lazy_checks> checks;  // null when the bytes are trusted (a fresh build)
};

/// The analyzer the meta section describes.
inline std::shared_ptr<const fahras::analyzer> analyzer_of(const index_meta& m) {
  return std::make_shared<const fahras::analyzer>(analyze_options{
      normalize_options::from_bits(m.fold_bits), static_cast<stemmer>(m.stemmer_id), m.keywords});
}

/// Opens index bytes: checks the frame (header, checksum, section table), the meta section, the
/// document lengths, the stored records' offsets and the dictionary's counts and block index:
/// what every search relies on, in time that does not grow with the postings. The rest is
/// checked when first used (entry_usable, and stored records as they are read), unless the
/// bytes are `trusted` (the builder's own). `keepalive` owns the bytes, or is null when the
/// caller guarantees they outlive the index.
inline result<index_parts> read_index(const std::uint8_t* data, std::size_t size,
                                      std::shared_ptr<const void> keepalive, bool trusted) {
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

  result<dictionary_view> dict =
      read_dictionary((*frame)[section::dictionary], (*frame)[section::postings],
                      (*frame)[section::positions], data);
  if (!dict) return dict.error();
  parts.dictionary = *dict;

  parts.analyzer = analyzer_of(m);
  if (!trusted) parts.checks = std::make_shared<lazy_checks>(parts.dictionary.term_count());
  return parts;
}

/// Checks what read_index leaves for later: every stored record, every dictionary entry and
/// list, every form against its stem (doc/format.md, "What loading checks"). A collection has
/// its own (collection::verify), which loads every shard.
inline std::optional<error> verify_index(const index_parts& parts) {
  if (if_collections(parts.source.get()))
    return error{errc::invalid_argument, 0,
                 "fahras: a collection is verified by collection::verify"};
  const index_meta& m = parts.meta;
  for (std::uint32_t d = 0; d < m.doc_count; ++d)
    if (auto e = parts.stored.check_record(d, m.fields.size())) return e;
  const fahras::analyzer& analysis = *parts.analyzer;
  const auto stem = [&analysis](std::string_view word) { return analysis.stem(word); };
  return validate_dictionary(parts.dictionary, m.doc_count, parts.docs, stem, parts.data);
}

namespace lazy {

// Calls `check(lengths)` with the documents' lengths: the docs section, or, for a collection
// (whose lengths are in document shards a list check should not fetch), unknown_lengths.
template <class Check>
const char* with_lengths(const index_parts& parts, Check&& check) {
  if constexpr (reads_collections)  // else the unknown_lengths check is not even compiled
    if (parts.source) return check(unknown_lengths{});
  return check(parts.docs);
}

// Reports damage found in an entry: at `list`'s first byte in the index (null: the dictionary),
// or, in a collection, in the shard that holds it (the collection's call fails with it).
inline void report(const index_parts& parts, const list_ref* list, const char* what) {
  const index_source* source = if_collections(parts.source.get());
  parts.checks->report(source ? source->damaged(list, what)
                              : corrupt(list ? list_offset(parts.dictionary, *list)
                                             : parts.dictionary.section().offset,
                                        what));
}

// `e` with its lists' postings at hand: a collection's load now (their positions load, and
// are checked, when read). False when the collection cannot have them in this call: no
// verdict then, as the bytes were not seen. Every list is asked for, not just the first that
// is missing, so that a collection fetches all of them in one round.
inline bool with_postings(const dictionary_entry& e, dictionary_entry& out) {
  out = e;
  bool all = true;
  for (list_ref* l : {&out.form, &out.stem, &out.docs})
    if (const list_source* source = if_collections(l->source);
        source != nullptr && l->data == nullptr && !l->empty() && !source->load_postings(*l))
      all = false;
  return all;
}

// Whether an entry's own lists (stem, docs), at hand, decode cleanly; checked once, then
// remembered.
inline bool lists_usable(const index_parts& parts, const dictionary_entry& e) {
  lazy_checks& checks = *parts.checks;
  const std::uint8_t verdict = checks.verdict(e.ordinal);
  if (verdict & lazy_checks::lists_checked) return !(verdict & lazy_checks::lists_bad);
  const list_ref* list = nullptr;
  const char* what = with_lengths(parts, [&](const auto& lengths) {
    return check_entry_lists(e, parts.meta.doc_count, lengths, list, parts.dictionary.term_count());
  });
  const bool ok = *what == '\0';
  if (!ok) report(parts, list, what);
  checks.record(e.ordinal, ok ? lazy_checks::lists_checked
                              : lazy_checks::lists_checked | lazy_checks::lists_bad);
  return ok;
}

}  // namespace lazy

/// Whether dictionary entry `e` (with its key) may be searched: its lists decode cleanly and, a
/// word form, agree with its stem's list. Checked the first time, then remembered per entry;
/// a failure is reported to `parts.checks` once. Always true for trusted bytes. A collection's
/// entry whose shards are not all at hand in this call is not usable yet, and gets no verdict.
inline bool entry_usable(const index_parts& parts, const dictionary_entry& e) {
  if (!parts.checks) return true;
  lazy_checks& checks = *parts.checks;
  if (e.ordinal >= checks.size()) return false;
  const std::uint8_t verdict = checks.verdict(e.ordinal);
  if (verdict & lazy_checks::entry_checked) return !(verdict & lazy_checks::entry_bad);
  dictionary_entry entry;
  const bool at_hand = lazy::with_postings(e, entry);
  // Lists or shards not here: not a verdict. Planning ahead, the entry will be searched once
  // they are (index_source::planning_ahead).
  const index_source* source = if_collections(parts.source.get());
  const bool ahead = source != nullptr && source->planning_ahead();
  // A form is checked against its stem: the stem's lists are asked for in the same round.
  std::optional<dictionary_entry> found;
  dictionary_entry stem;
  if (e.is_form()) {
    found = parts.dictionary.find(encode_key(parts.analyzer->stem(decode_key(e.key))));
    if (found && !lazy::with_postings(*found, stem)) return ahead;
  }
  if (!at_hand) return ahead;
  bool ok = lazy::lists_usable(parts, entry);
  if (ok && entry.is_form()) {
    const char* what = "word form without its stem";
    if (!found && source && !source->complete()) return ahead;  // its shard is not here
    if (found && !stem.stem.empty()) {
      if (!lazy::lists_usable(parts, stem)) {
        what = "";  // reported already; the form cannot be used without it
        ok = false;
      } else if (entry.form_whole) {
        what = check_form(entry, stem.stem.doc_freq, nullptr);
      } else {
        stem_frequencies frequencies;
        frequencies.read(stem.stem);
        what = check_form(entry, stem.stem.doc_freq, &frequencies);
      }
    }
    if (*what != '\0') {
      ok = false;
      lazy::report(parts, &entry.form, what);
    }
  }
  checks.record(e.ordinal, ok ? lazy_checks::entry_checked
                              : lazy_checks::entry_checked | lazy_checks::entry_bad);
  return ok;
}

}  // namespace fahras::detail
