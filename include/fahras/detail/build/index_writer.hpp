// index_builder's last step: sorting the terms and writing positions, postings and dictionary.
// SPDX-License-Identifier: MIT
#pragma once

// Included at the end of index.hpp.

namespace fahras {

inline std::optional<error> index_builder::write_rest() {
  using namespace detail;
  const auto too_big = [] {
    return error{errc::invalid_argument, 0,
                 "fahras: the index would exceed the format's limits (4 GiB, 2^32 - 2 documents)"};
  };
  if (overflow_) return too_big();
  begin_output();  // an empty index still has its header
  invert_batch();
  const auto doc_count = static_cast<std::uint32_t>(lengths_.size() / 2);
  struct placed {
    section id;
    std::uint64_t offset, size;
  };
  std::vector<placed> sections;
  std::string out;

  // stored: the records are written already; add their offsets.
  const std::uint64_t records = written_ - stored_begin_;
  if (records > 0xFFFFFFFFull) return too_big();
  for (std::uint64_t off : stored_offsets_) put_u32(out, static_cast<std::uint32_t>(off));
  put_u32(out, static_cast<std::uint32_t>(records));
  emit(out);
  sections.push_back({section::stored, stored_begin_, written_ - stored_begin_});

  // docs
  out.clear();
  for (std::uint32_t v : lengths_) put_u32(out, v);
  sections.push_back({section::docs, written_, out.size()});
  emit(out);

  // meta
  if (title_total_ > 0xFFFFFFFFull || text_total_ > 0xFFFFFFFFull) return too_big();
  out.clear();
  put_varint(out, doc_count);
  put_varint(out, static_cast<std::uint32_t>(title_total_));
  put_varint(out, static_cast<std::uint32_t>(text_total_));
  put_u16(out, options_.analysis.normalize.bits());
  out.push_back(static_cast<char>(options_.analysis.stem));
  out.push_back(static_cast<char>(options_.store_text ? flag_stored_text : 0));
  put_varint(out, static_cast<std::uint32_t>(options_.analysis.keywords.size()));
  for (const std::string& k : options_.analysis.keywords) put_string(out, k);
  put_varint(out, static_cast<std::uint32_t>(field_names_.size()));
  for (const std::string& f : field_names_) put_string(out, f);
  sections.push_back({section::meta, written_, out.size()});
  emit(out);

  // Terms in key order. Sorting on the first eight key bytes first keeps this fast.
  const std::uint32_t n = terms_.size();
  terms_.drop_lookup();
  local_ = term_table();
  std::string keys;
  std::vector<std::uint32_t> key_at(n + 1);
  for (std::uint32_t t = 0; t < n; ++t) {
    key_at[t] = static_cast<std::uint32_t>(keys.size());
    encode_key(terms_.key(t), keys);
  }
  key_at[n] = static_cast<std::uint32_t>(keys.size());
  const auto key = [&](std::uint32_t t) {
    return std::string_view(keys.data() + key_at[t], key_at[t + 1] - key_at[t]);
  };
  struct sorted_term {
    std::uint32_t form, stem;  // while sorting: the key's first eight bytes; then its lists
    std::uint32_t term;
    std::uint32_t whole;       // 1 when the term is its stem's only spelling
  };
  std::vector<sorted_term> order(n);
  for (std::uint32_t t = 0; t < n; ++t) {
    std::uint32_t high = 0, low = 0;
    const std::string_view k = key(t);
    for (std::size_t i = 0; i < 4; ++i) {
      high = high << 8 | (i < k.size() ? static_cast<std::uint8_t>(k[i]) : 0u);
      low = low << 8 | (i + 4 < k.size() ? static_cast<std::uint8_t>(k[i + 4]) : 0u);
    }
    order[t] = {high, low, t, 0};
  }
  std::sort(order.begin(), order.end(), [&](const sorted_term& a, const sorted_term& b) {
    if (a.form != b.form) return a.form < b.form;
    if (a.stem != b.stem) return a.stem < b.stem;
    return key(a.term) < key(b.term);
  });
  // What the loops below need of each term, gathered in one tight pass: its reads are
  // scattered but independent, so their cache misses overlap, and the loops then go in order.
  for (sorted_term& o : order) {
    const term_state& st = states_[o.term];
    o.form = st.form;
    o.stem = st.stem;
    o.whole = st.stem_term != term_table::none && states_[st.stem_term].forms == 1;
  }
  const auto is_meta = [&](std::uint32_t t) { return is_meta_key(key(t)); };

  // Lists gather in `chunk` and go out a megabyte at a time: one write and one checksum call
  // per chunk rather than per list (there are about two lists per distinct word).
  constexpr std::size_t chunk_bytes = std::size_t{1} << 20;
  std::string chunk;
  const auto flush_chunk = [&](std::size_t at_least) {
    if (chunk.size() < at_least) return;
    emit(chunk);
    chunk.clear();
  };
  // Appends a list's bytes to the chunk, and returns their size: its skip rows (without a row
  // closing the list) and its entries.
  const auto append_list = [&](const list_state& l) {
    const std::size_t before = chunk.size();
    pool_.copy_to(l.skips, chunk);
    if (l.doc_freq % skip_block == 0 && l.doc_freq > 0)
      chunk.resize(chunk.size() - l.last_row_bytes);
    pool_.copy_to(l.docs, chunk);
    return chunk.size() - before;
  };
  const list_state no_list{};
  const auto form_of = [&](const sorted_term& o) -> const list_state& {
    return o.form == term_table::none ? no_list : form_lists_[o.form];
  };
  const auto stem_of = [&](const sorted_term& o) -> const list_state& {
    return o.stem == term_table::none ? no_list : stem_lists_[o.stem].list;
  };

  // positions
  std::vector<std::uint32_t> position_size(n, 0);  // by key order
  const std::uint64_t positions_begin = written_;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (stem_of(order[i]).doc_freq == 0) continue;
    const position_state& p = stem_lists_[order[i].stem].positions;
    const std::size_t before = chunk.size();
    pool_.copy_to(p.bits, chunk);
    if (p.pending_count > 0) chunk.push_back(static_cast<char>(p.pending & 0xFF));
    position_size[i] = static_cast<std::uint32_t>(chunk.size() - before);
    flush_chunk(chunk_bytes);
  }
  flush_chunk(0);
  if (written_ - positions_begin > 0xFFFFFFFFull) return too_big();
  sections.push_back({section::positions, positions_begin, written_ - positions_begin});

  // postings, and the dictionary alongside.
  std::string dict_blocks, dict_index, prev_key;
  std::uint64_t postings_size = 0, positions_size = 0;
  const std::uint64_t postings_begin = written_;
  std::uint32_t block_count = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i + 8 < n) {  // the lists are scattered: start loading those of a term a little ahead
      const sorted_term& ahead = order[i + 8];
      if (ahead.form != term_table::none) prefetch(&form_lists_[ahead.form]);
      if (ahead.stem != term_table::none) prefetch(&stem_lists_[ahead.stem].list);
      prefetch(&key_at[ahead.term]);
    }
    const std::uint32_t t = order[i].term;
    const list_state& form_list = form_of(order[i]);
    const list_state& stem_list = stem_of(order[i]);
    const std::string_view k = key(t);
    if (i % dictionary_block_terms == 0) {
      put_u32(dict_index, static_cast<std::uint32_t>(dict_blocks.size()));
      put_u32(dict_index, i);
      put_u32(dict_index, static_cast<std::uint32_t>(postings_size));
      put_u32(dict_index, static_cast<std::uint32_t>(positions_size));
      prev_key.clear();
      ++block_count;
    }
    std::size_t shared = 0;
    while (shared < prev_key.size() && shared < k.size() && prev_key[shared] == k[shared]) ++shared;
    put_varint(dict_blocks, static_cast<std::uint32_t>(shared));
    put_string(dict_blocks, k.substr(shared));
    prev_key.assign(k);
    const bool meta = is_meta(t);
    const bool form = form_list.doc_freq > 0 && !meta;
    // A form that is its stem's only spelling occurs exactly where the stem does: no list.
    const bool whole = order[i].whole != 0;
    std::uint8_t lists = 0;
    if (form) lists |= whole ? list_whole : list_form;
    if (stem_list.doc_freq > 0) lists |= list_stem;
    if (meta) lists |= list_docs;
    dict_blocks.push_back(static_cast<char>(lists));
    if (form && whole) put_varint(dict_blocks, form_list.doc_freq);
    if ((form && !whole) || meta) {
      const std::size_t size = append_list(form_list);
      put_varint(dict_blocks, form_list.doc_freq);
      put_varint(dict_blocks, static_cast<std::uint32_t>(size));
      postings_size += size;
    }
    if (stem_list.doc_freq > 0) {
      const std::size_t size = append_list(stem_list);
      put_varint(dict_blocks, stem_list.doc_freq);
      put_varint(dict_blocks, static_cast<std::uint32_t>(size));
      put_varint(dict_blocks, position_size[i]);
      postings_size += size;
      positions_size += position_size[i];
    }
    if (postings_size > 0xFFFFFFFFull) return too_big();
    flush_chunk(chunk_bytes);
  }
  flush_chunk(0);
  sections.push_back({section::postings, postings_begin, postings_size});

  // dictionary
  out.clear();
  put_varint(out, block_count);
  put_varint(out, n);
  out += dict_index;
  out += dict_blocks;
  sections.push_back({section::dictionary, written_, out.size()});
  emit(out);

  // section table and footer
  const std::uint64_t table_offset = written_;
  out.clear();
  for (const placed& p : sections) {
    put_u32(out, static_cast<std::uint32_t>(p.id));
    put_u32(out, static_cast<std::uint32_t>(p.offset));
    put_u32(out, static_cast<std::uint32_t>(p.size));
  }
  put_u32(out, static_cast<std::uint32_t>(table_offset));
  put_u32(out, static_cast<std::uint32_t>(sections.size()));
  emit(out);
  out.clear();
  put_u32(out, crc_);
  emit_unchecked(out);
  if (written_ > 0xFFFFFFFFull) return too_big();

  // The total size goes into the header last.
  out.clear();
  put_u32(out, static_cast<std::uint32_t>(written_));
  if (stream_ == nullptr) {
    std::memcpy(&buffer_[8], out.data(), 4);
  } else {
    const auto end = stream_->tellp();
    stream_->seekp(8);
    stream_->write(out.data(), 4);
    stream_->seekp(end);
    if (!*stream_) return error{errc::io_error, 8, "fahras: the output must be a seekable file"};
  }
  return std::nullopt;
}

}  // namespace fahras
