// The index builder's output: the header and stored records as documents arrive, then, at the
// end, every other section from the inverted lists (doc/format.md, "File layout").
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../../analyze.hpp"
#include "../../document.hpp"
#include "../../error.hpp"
#include "../compact_sort.hpp"
#include "../format/crc32.hpp"
#include "../format/dictionary.hpp"
#include "../format/meta.hpp"
#include "../format/sections.hpp"
#include "../format/stored.hpp"
#include "../format/term_key.hpp"
#include "../format/variant_terms.hpp"
#include "../hints.hpp"
#include "../huge_pages.hpp"
#include "../prefix_sort.hpp"
#include "batch_inverter.hpp"
#include "variant_groups.hpp"

namespace fahras::detail {

/// Where an index being streamed goes (index_builder's is a std::ostream). An interface, so that
/// a program that builds only in memory, as fahras.wasm does, links no iostreams.
class index_sink {
 public:
  virtual ~index_sink() = default;
  virtual void write(const char* data, std::size_t size) = 0;
  /// Writes `size` bytes at `offset`, before the end; the next write goes to the end again.
  /// False when the output cannot do that (not seekable) or a write failed.
  virtual bool overwrite(std::uint64_t offset, const char* data, std::size_t size) = 0;
  /// Flushes the output; false if any write failed.
  virtual bool flush() = 0;
};

/// Writes an index to a stream (seekable: the header's size is written last) or to memory,
/// with the running CRC-32. Per document it keeps only its lengths and record offset.
class index_writer {
 public:
  /// `out` null: build in memory (`take_bytes()`).
  index_writer(bool store_text, index_sink* out) : store_text_(store_text), stream_(out) {}

  bool writes_to_stream() const noexcept {
#ifdef FAHRAS_IN_MEMORY_BUILDS_ONLY
    return false;  // index_builder has no streaming constructor: the stream code is left out
#else
    return stream_ != nullptr;
#endif
  }
  std::uint32_t doc_count() const noexcept {
    return static_cast<std::uint32_t>(lengths_.size() / 2);
  }
  /// Bytes written so far.
  std::uint64_t written() const noexcept { return written_; }

  /// Writes the header, once, before the first stored record.
  void begin() {
    if (started_) return;
    started_ = true;
    emit_unchecked(header_bytes(store_text_ ? flag_stored_text : 0));  // outside the checksum
    stored_begin_ = written_;
  }

  /// Writes a document's stored record and keeps its lengths in tokens.
  void add_document(const document& doc, std::uint32_t title_tokens, std::uint32_t text_tokens) {
    lengths_.push_back(title_tokens);
    lengths_.push_back(text_tokens);
    title_total_ += title_tokens;
    text_total_ += text_tokens;
    scratch_.clear();
    put_stored_record(scratch_, doc, store_text_,
                      [this](std::string_view name) { return field_number(name); });
    stored_offsets_.push_back(written_ - stored_begin_);
    emit(scratch_);
  }

  /// Writes every other section from the inverted lists, then the table and the footer, and
  /// patches the header's size. Fails only when the index would outgrow the format.
  std::optional<error> finish(batch_inverter& inverter, const analyze_options& analysis);

  /// Flushes the stream; an error if any write failed.
  std::optional<error> flush() {
    if (!stream_->flush())
      return error{errc::io_error, static_cast<std::size_t>(written_),
                   "fahras: could not write the index"};
    return std::nullopt;
  }

  /// The error of an index that would outgrow the format.
  static error too_big() {
    return error{errc::invalid_argument, 0,
                 "fahras: the index would exceed the format's limits (4 GiB, 2^32 - 2 documents)"};
  }

  /// The whole index, when building in memory.
  std::string take_bytes() { return std::move(buffer_); }

  /// Forgets everything, for the next index.
  void reset() {
    lengths_.clear();
    stored_offsets_.clear();
    field_names_.clear();
    buffer_.clear();
    written_ = 0;
    crc_ = 0;
    title_total_ = text_total_ = 0;
    started_ = false;
  }

 private:
  void emit(const std::string& s) {
    crc_ = crc32(reinterpret_cast<const std::uint8_t*>(s.data()), s.size(), crc_);
    emit_unchecked(s);
  }
  void emit_unchecked(const std::string& s) {
    if (writes_to_stream())
      stream_->write(s.data(), s.size());
    else
      buffer_.append(s);
    written_ += s.size();
  }

  std::uint32_t field_number(std::string_view name) {
    for (std::size_t i = 0; i < field_names_.size(); ++i)
      if (field_names_[i] == name) return static_cast<std::uint32_t>(i);
    field_names_.emplace_back(name);
    return static_cast<std::uint32_t>(field_names_.size() - 1);
  }

  bool store_text_;
  index_sink* stream_;
  std::vector<std::uint32_t> lengths_;  // title, text per document
  std::vector<std::uint64_t> stored_offsets_;
  std::vector<std::string> field_names_;
  std::string buffer_;  // the index, when building in memory
  std::string scratch_;
  std::uint64_t written_ = 0;
  std::uint64_t stored_begin_ = 0;
  std::uint32_t crc_ = 0;
  std::uint64_t title_total_ = 0, text_total_ = 0;
  bool started_ = false;  // header written
};

inline std::optional<error> index_writer::finish(batch_inverter& inverter,
                                                 const analyze_options& analysis) {
  begin();  // an empty index still has its header
  inverter.invert_batch();
  inverter.wait();
  std::vector<placed_section> sections;
  std::string out;

  // stored: the records are written already; add their offsets.
  const std::uint64_t records = written_ - stored_begin_;
  if (records > 0xFFFFFFFFull) return too_big();
  stored_records::put_offsets(out, stored_offsets_, static_cast<std::uint32_t>(records));
  emit(out);
  sections.push_back({section::stored, stored_begin_, written_ - stored_begin_});

  // docs
  out.clear();
  for (std::size_t d = 0; d < lengths_.size(); d += 2)
    doc_lengths::put(out, lengths_[d], lengths_[d + 1]);
  sections.push_back({section::docs, written_, out.size()});
  emit(out);

  // meta
  if (title_total_ > 0xFFFFFFFFull || text_total_ > 0xFFFFFFFFull) return too_big();
  index_meta meta;
  meta.doc_count = doc_count();
  meta.title_tokens = static_cast<std::uint32_t>(title_total_);
  meta.text_tokens = static_cast<std::uint32_t>(text_total_);
  meta.fold_bits = analysis.normalize.bits();
  meta.stemmer_id = static_cast<std::uint8_t>(analysis.stem);
  meta.stored_text = store_text_;
  meta.keywords = analysis.keywords;
  meta.fields = field_names_;
  out = meta_bytes(meta);
  sections.push_back({section::meta, written_, out.size()});
  emit(out);

  // Terms in key order. Sorting on the first eight key bytes first keeps this fast.
  const std::uint32_t n = inverter.term_count();
  inverter.drop_lookups();
  std::string keys;
  reserve_huge(keys, std::size_t{12} * n);  // a little more than keys take on average
  std::vector<std::uint32_t> key_at;
  reserve_huge(key_at, std::size_t{n} + 1);
  key_at.resize(std::size_t{n} + 1);
  for (std::uint32_t t = 0; t < n; ++t) {
    key_at[t] = static_cast<std::uint32_t>(keys.size());
    encode_key(inverter.key(t), keys);
  }
  key_at[n] = static_cast<std::uint32_t>(keys.size());
  const auto key = [&](std::uint32_t t) {
    return std::string_view(keys.data() + key_at[t], key_at[t + 1] - key_at[t]);
  };
  struct sorted_term {
    std::uint32_t form, stem;  // while sorting: the key's first eight bytes; then its lists
    std::uint32_t term;
    std::uint32_t whole;  // 1 when the term is its stem's only spelling
  };
  std::vector<sorted_term> order;
  reserve_huge(order, n);
  order.resize(n);
  for (std::uint32_t t = 0; t < n; ++t) {
    std::uint32_t high = 0, low = 0;
    const std::string_view k = key(t);
    for (std::size_t i = 0; i < 4; ++i) {
      high = high << 8 | (i < k.size() ? static_cast<std::uint8_t>(k[i]) : 0u);
      low = low << 8 | (i + 4 < k.size() ? static_cast<std::uint8_t>(k[i + 4]) : 0u);
    }
    order[t] = {high, low, t, 0};
  }
  const auto by_key = [&](const sorted_term& a, const sorted_term& b) {
    if (a.form != b.form) return a.form < b.form;
    if (a.stem != b.stem) return a.stem < b.stem;
    return key(a.term) < key(b.term);
  };
#ifdef __EMSCRIPTEN__
  total_order_sort(order.begin(), order.end(), by_key);  // keys are distinct
#else
  {
    std::vector<sorted_term> scratch;
    prefix_sort(
        order, scratch, [](const sorted_term& o) { return std::uint64_t{o.form} << 32 | o.stem; },
        by_key);
  }
#endif
  // What the loops below need of each term, gathered in one tight pass: its reads are
  // scattered but independent, so their cache misses overlap, and the loops then go in order.
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i + 8 < n) prefetch(&inverter.state(order[i + 8].term));
    sorted_term& o = order[i];
    const term_state& st = inverter.state(o.term);
    o.form = st.form;
    o.stem = st.stem;
    o.whole = st.stem_term != term_table::none && inverter.state(st.stem_term).forms == 1;
  }

  // Spelling-variant terms, numbered by key order first: they sort after the metadata terms and
  // before every word, so a stem's ordinal is its place in `order` plus their count.
  std::vector<variant_group> variants;
  {
    std::vector<std::uint32_t> place(n);
    for (std::uint32_t i = 0; i < n; ++i) place[order[i].term] = i;
    // Terms in the table's order, not in key order: the groups do not depend on it, and the
    // states and keys are then read in memory order.
    const auto form_at = [&](std::uint32_t t, std::string_view& form, std::uint32_t& stem) {
      const term_state& st = inverter.state(t);
      if (st.stem_term == term_table::none || is_meta_key(key(t))) return false;
      form = inverter.key(t);
      stem = place[st.stem_term];
      return true;
    };
#ifdef __EMSCRIPTEN__
    variants = group_variants(analyzer(analysis), n, form_at);
#else
    const auto stem_of = [&](std::uint32_t t, std::string_view& stem, std::string_view& stem_key) {
      const std::uint32_t s = inverter.state(t).stem_term;
      stem = inverter.key(s);
      stem_key = key(s);
    };
    variants = group_variants(analyzer(analysis), n, form_at, stem_of);
#endif
  }
  const auto variant_count = static_cast<std::uint32_t>(variants.size());
  for (variant_group& g : variants)
    for (std::uint32_t& s : g.stems) s += variant_count;

  // Lists gather in `chunk` and go out a megabyte at a time: one write and one checksum call
  // per chunk rather than per list (there are about two lists per distinct word).
  constexpr std::size_t chunk_bytes = std::size_t{1} << 20;
  std::string chunk;
  const auto flush_chunk = [&](std::size_t at_least) {
    if (chunk.size() < at_least) return;
    emit(chunk);
    chunk.clear();
  };
  const slice_pool& pool = inverter.pool();
  // Appends a list's bytes to the chunk, and returns their size: its skip rows (without a row
  // closing the list) and its entries.
  const auto append_list = [&](const building_list& l) {
    const std::size_t before = chunk.size();
    pool.copy_to(l.skips, chunk);
    chunk.resize(chunk.size() - l.encoder.unused_row_bytes());
    pool.copy_to(l.docs, chunk);
    return static_cast<std::uint32_t>(chunk.size() - before);
  };
  const building_list no_list{};
  const auto form_of = [&](const sorted_term& o) -> const building_list& {
    return o.form == term_table::none ? no_list : inverter.form_list(o.form);
  };
  const auto stem_of = [&](const sorted_term& o) -> const building_list& {
    return o.stem == term_table::none ? no_list : inverter.stem_list(o.stem).list;
  };

  // positions
  std::vector<std::uint32_t> position_size(n, 0);  // by key order
  const std::uint64_t positions_begin = written_;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i + 8 < n && order[i + 8].stem != term_table::none)  // scattered: load a little ahead
      prefetch(&inverter.stem_list(order[i + 8].stem).positions);
    if (i + 4 < n && order[i + 4].stem != term_table::none)
      pool.prefetch(inverter.stem_list(order[i + 4].stem).positions.bits);
    if (stem_of(order[i]).encoder.doc_freq == 0) continue;
    const building_positions& p = inverter.stem_list(order[i].stem).positions;
    const std::size_t before = chunk.size();
    pool.copy_to(p.bits, chunk);
    std::uint8_t last = 0;
    if (p.rice.finish(&last) != 0) chunk.push_back(static_cast<char>(last));
    position_size[i] = static_cast<std::uint32_t>(chunk.size() - before);
    flush_chunk(chunk_bytes);
  }
  flush_chunk(0);
  if (written_ - positions_begin > 0xFFFFFFFFull) return too_big();
  sections.push_back({section::positions, positions_begin, written_ - positions_begin});

  // postings, and the dictionary alongside.
  dictionary_writer dictionary;
  const std::uint64_t postings_begin = written_;
  bool variants_written = false;
  const auto write_variants = [&] {
    variants_written = true;
    for (const variant_group& g : variants) {
      const std::uint32_t size = append_ordinal_list(g.stems, chunk);
      dictionary.add(g.key, list_docs, 0, {static_cast<std::uint32_t>(g.stems.size()), size, 0},
                     {});
    }
  };
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i + 8 < n) {  // the lists are scattered: start loading those of a term a little ahead
      const sorted_term& ahead = order[i + 8];
      if (ahead.form != term_table::none) prefetch(&inverter.form_list(ahead.form));
      if (ahead.stem != term_table::none) prefetch(&inverter.stem_list(ahead.stem).list);
      prefetch(&key_at[ahead.term]);
    }
    if (i + 4 < n) {  // and then their bytes
      const sorted_term& ahead = order[i + 4];
      if (ahead.form != term_table::none) pool.prefetch(inverter.form_list(ahead.form).docs);
      if (ahead.stem != term_table::none) pool.prefetch(inverter.stem_list(ahead.stem).list.docs);
      prefetch(keys.data() + key_at[ahead.term]);
    }
    const std::uint32_t t = order[i].term;
    const list_encoder& form_list = form_of(order[i]).encoder;
    const list_encoder& stem_list = stem_of(order[i]).encoder;
    const std::string_view k = key(t);
    const bool meta_term = is_meta_key(k);
    if (!meta_term && !variants_written) write_variants();
    const bool form = form_list.doc_freq > 0 && !meta_term;
    // A form that is its stem's only spelling occurs exactly where the stem does: no list.
    const bool whole = order[i].whole != 0;
    std::uint8_t lists = 0;
    if (form) lists |= whole ? list_whole : list_form;
    if (stem_list.doc_freq > 0) lists |= list_stem;
    if (meta_term) lists |= list_docs;
    dictionary_writer::list_sizes form_or_docs, stem;
    if ((form && !whole) || meta_term)
      form_or_docs = {form_list.doc_freq, append_list(form_of(order[i])), 0};
    if (stem_list.doc_freq > 0)
      stem = {stem_list.doc_freq, append_list(stem_of(order[i])), position_size[i]};
    dictionary.add(k, lists, form_list.doc_freq, form_or_docs, stem);
    if (dictionary.postings_size() > 0xFFFFFFFFull) return too_big();
    flush_chunk(chunk_bytes);
  }
  if (!variants_written) write_variants();
  flush_chunk(0);
  sections.push_back({section::postings, postings_begin, dictionary.postings_size()});

  // dictionary
  out = dictionary.head();
  sections.push_back({section::dictionary, written_, out.size() + dictionary.blocks().size()});
  emit(out);
  emit(dictionary.blocks());

  // section table and footer
  emit(table_bytes(sections, written_));
  out.clear();
  put_u32(out, crc_);
  emit_unchecked(out);
  if (written_ > 0xFFFFFFFFull) return too_big();

  // The total size goes into the header last.
  out.clear();
  put_u32(out, static_cast<std::uint32_t>(written_));
  if (!writes_to_stream()) {
    std::memcpy(&buffer_[total_size_offset], out.data(), 4);
  } else if (!stream_->overwrite(total_size_offset, out.data(), 4)) {
    return error{errc::io_error, 8, "fahras: the output must be a seekable file"};
  }
  return std::nullopt;
}

}  // namespace fahras::detail
