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
  std::vector<std::pair<std::uint64_t, std::uint32_t>> order(n);
  for (std::uint32_t t = 0; t < n; ++t) {
    std::uint64_t prefix = 0;
    const std::string_view k = key(t);
    for (std::size_t i = 0; i < 8; ++i)
      prefix = prefix << 8 | (i < k.size() ? static_cast<std::uint8_t>(k[i]) : 0u);
    order[t] = {prefix, t};
  }
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return key(a.second) < key(b.second);
  });
  const auto is_meta = [&](std::uint32_t t) { return is_meta_key(key(t)); };

  // A list's bytes: its skip rows (without a row closing the list) and its entries.
  const auto list_bytes = [&](const list_state& l, std::string& bytes) {
    bytes.clear();
    pool_.copy_to(l.skips, bytes);
    if (l.doc_freq % skip_block == 0 && l.doc_freq > 0) bytes.resize(bytes.size() - l.last_row_bytes);
    pool_.copy_to(l.docs, bytes);
  };
  const list_state no_list{};
  const auto form_of = [&](std::uint32_t t) -> const list_state& {
    return states_[t].form == term_table::none ? no_list : form_lists_[states_[t].form];
  };
  const auto stem_of = [&](std::uint32_t t) -> const list_state& {
    return states_[t].stem == term_table::none ? no_list : stem_lists_[states_[t].stem].list;
  };
  const auto has_form = [&](std::uint32_t t) { return form_of(t).doc_freq > 0 && !is_meta(t); };
  // A form that is its stem's only spelling occurs exactly where the stem does: no list.
  const auto whole = [&](std::uint32_t t) { return states_[states_[t].stem_term].forms == 1; };

  // positions
  std::vector<std::uint32_t> position_size(n, 0);
  const std::uint64_t positions_begin = written_;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t t = order[i].second;
    if (stem_of(t).doc_freq == 0) continue;
    const position_state& p = stem_lists_[states_[t].stem].positions;
    out.clear();
    pool_.copy_to(p.bits, out);
    if (p.pending_count > 0) out.push_back(static_cast<char>(p.pending & 0xFF));
    position_size[t] = static_cast<std::uint32_t>(out.size());
    emit(out);
  }
  if (written_ - positions_begin > 0xFFFFFFFFull) return too_big();
  sections.push_back({section::positions, positions_begin, written_ - positions_begin});

  // postings, and the dictionary alongside.
  std::string dict_blocks, dict_index, prev_key;
  std::uint64_t postings_size = 0, positions_size = 0;
  const std::uint64_t postings_begin = written_;
  std::uint32_t block_count = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t t = order[i].second;
    const list_state& form_list = form_of(t);
    const list_state& stem_list = stem_of(t);
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
    const bool form = has_form(t);
    std::uint8_t lists = 0;
    if (form) lists |= whole(t) ? list_whole : list_form;
    if (stem_list.doc_freq > 0) lists |= list_stem;
    if (meta) lists |= list_docs;
    dict_blocks.push_back(static_cast<char>(lists));
    if (form && whole(t)) put_varint(dict_blocks, form_list.doc_freq);
    if ((form && !whole(t)) || meta) {
      list_bytes(form_list, out);
      emit(out);
      put_varint(dict_blocks, form_list.doc_freq);
      put_varint(dict_blocks, static_cast<std::uint32_t>(out.size()));
      postings_size += out.size();
    }
    if (stem_list.doc_freq > 0) {
      list_bytes(stem_list, out);
      emit(out);
      put_varint(dict_blocks, stem_list.doc_freq);
      put_varint(dict_blocks, static_cast<std::uint32_t>(out.size()));
      put_varint(dict_blocks, position_size[t]);
      postings_size += out.size();
      positions_size += position_size[t];
    }
    if (postings_size > 0xFFFFFFFFull) return too_big();
  }
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
