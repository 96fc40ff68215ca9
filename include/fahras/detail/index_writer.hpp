// index_builder's last step: sorting the terms and writing positions, postings and dictionary.
// SPDX-License-Identifier: MIT
#pragma once

// Included at the end of index.hpp.

namespace fahras {

namespace detail {

struct built_entry {
  std::uint32_t doc, tf_text, tf_title;
};

// Decodes a builder stream of complete entries.
inline void decode_entries(const std::string& bytes, std::uint32_t count,
                           std::vector<built_entry>& out) {
  out.clear();
  out.reserve(count);
  const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const auto* end = p + bytes.size();
  std::uint32_t doc = no_doc;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t code = 0, a = 0, b = 0;
    p += get_varint(p, end, code);
    built_entry e{0, 1, 0};
    switch (code & 3u) {
      case 0: break;
      case 1: p += get_varint(p, end, a); e.tf_text = a + 2; break;
      case 2: p += get_varint(p, end, a); e.tf_text = 0; e.tf_title = a + 1; break;
      default:
        p += get_varint(p, end, a);
        p += get_varint(p, end, b);
        e.tf_text = a + 1;
        e.tf_title = b + 1;
        break;
    }
    doc += (code >> 2) + 1;
    e.doc = doc;
    out.push_back(e);
  }
}

// Encodes entries as a list: skip rows (with the given bits of positions per block, if any)
// then the entries. Returns the list's bytes in `out`.
inline void encode_list(const std::vector<built_entry>& entries,
                        const std::vector<std::uint32_t>* block_position_bits, std::string& out,
                        std::string& scratch) {
  out.clear();
  scratch.clear();
  std::uint32_t previous = no_doc, last_row_doc = no_doc;
  std::size_t block_start = 0;
  const std::size_t n = entries.size();
  for (std::size_t i = 0; i < n; ++i) {
    const built_entry& e = entries[i];
    put_entry(scratch, e.doc - previous - 1, e.tf_text, e.tf_title);
    previous = e.doc;
    if ((i + 1) % skip_block == 0 && i + 1 < n) {
      put_varint(out, e.doc - last_row_doc);
      put_varint(out, static_cast<std::uint32_t>(scratch.size() - block_start));
      if (block_position_bits != nullptr) put_varint(out, (*block_position_bits)[i / skip_block]);
      last_row_doc = e.doc;
      block_start = scratch.size();
    }
  }
  out += scratch;
}

}  // namespace detail

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
  std::string out, scratch;

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

  // Form lists: each word form's documents, as entry numbers of its stem's list. A form that
  // is its stem's only form and occurs exactly where the stem does needs no list at all.
  std::vector<std::uint32_t> form_at(n, 0), form_size(n, 0);
  std::vector<bool> form_whole(n, false);
  std::string forms;
  {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> by_stem;  // (stem, form)
    for (std::uint32_t t = 0; t < n; ++t)
      if (states_[t].form.doc_freq > 0 && !is_meta(t)) by_stem.emplace_back(states_[t].stem_term, t);
    std::sort(by_stem.begin(), by_stem.end());
    std::vector<built_entry> stem_entries, form_entries, mapped;
    std::string bytes;
    for (std::size_t i = 0; i < by_stem.size();) {
      std::size_t j = i;
      while (j < by_stem.size() && by_stem[j].first == by_stem[i].first) ++j;
      const term_state& stem = states_[by_stem[i].first];
      bytes.clear();
      pool_.copy_to(stem.stem.docs, bytes);
      decode_entries(bytes, stem.stem.doc_freq, stem_entries);
      for (std::size_t k = i; k < j; ++k) {
        const std::uint32_t t = by_stem[k].second;
        bytes.clear();
        pool_.copy_to(states_[t].form.docs, bytes);
        decode_entries(bytes, states_[t].form.doc_freq, form_entries);
        if (j - i == 1 && form_entries.size() == stem_entries.size()) {
          bool same = true;
          for (std::size_t e = 0; e < form_entries.size() && same; ++e)
            same = form_entries[e].tf_text == stem_entries[e].tf_text &&
                   form_entries[e].tf_title == stem_entries[e].tf_title;
          if (same) {
            form_whole[t] = true;
            continue;
          }
        }
        mapped.clear();
        std::size_t at = 0;
        for (const built_entry& e : form_entries) {
          while (stem_entries[at].doc < e.doc) ++at;  // every form document is a stem document
          mapped.push_back({static_cast<std::uint32_t>(at), e.tf_text, e.tf_title});
        }
        encode_list(mapped, nullptr, out, scratch);
        form_at[t] = static_cast<std::uint32_t>(forms.size());
        form_size[t] = static_cast<std::uint32_t>(out.size());
        forms += out;
      }
      i = j;
    }
  }

  // positions, Rice-coded per stem list; the bits of each block feed the skip rows.
  std::vector<std::uint32_t> position_size(n, 0), block_bits_at(n + 1, 0), block_bits;
  const std::uint64_t positions_begin = written_;
  {
    std::vector<built_entry> entries;
    std::vector<std::uint32_t> values;
    std::string docs, raw;
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::uint32_t t = order[i].second;
      block_bits_at[t] = static_cast<std::uint32_t>(block_bits.size());
      const term_state& s = states_[t];
      if (s.stem.doc_freq == 0) continue;
      docs.clear();
      pool_.copy_to(s.stem.docs, docs);
      decode_entries(docs, s.stem.doc_freq, entries);
      raw.clear();
      pool_.copy_to(s.positions, raw);
      values.clear();
      const auto* p = reinterpret_cast<const std::uint8_t*>(raw.data());
      const auto* end = p + raw.size();
      while (p < end) {
        std::uint32_t v = 0;
        p += get_varint(p, end, v);
        values.push_back(v);
      }
      const std::uint32_t r = best_rice_parameter(values);
      out.clear();
      out.push_back(static_cast<char>(r));
      bit_writer bits(out);
      std::size_t v = 0;
      std::uint64_t block_start = 0;
      for (std::size_t e = 0; e < entries.size(); ++e) {
        for (std::uint32_t k = 0; k < entries[e].tf_text + entries[e].tf_title; ++k)
          bits.rice(values[v++], r);
        if ((e + 1) % skip_block == 0 && e + 1 < entries.size()) {
          block_bits.push_back(static_cast<std::uint32_t>(bits.bits() - block_start));
          block_start = bits.bits();
        }
      }
      bits.finish();
      if (out.size() > 0xFFFFFFFFull) return too_big();
      position_size[t] = static_cast<std::uint32_t>(out.size());
      emit(out);
    }
  }
  if (written_ - positions_begin > 0xFFFFFFFFull) return too_big();
  sections.push_back({section::positions, positions_begin, written_ - positions_begin});

  // postings, and the dictionary alongside.
  std::string dict_blocks, dict_index, prev_key, docs;
  std::uint64_t postings_size = 0, positions_size = 0;
  const std::uint64_t postings_begin = written_;
  std::uint32_t block_count = 0;
  std::vector<built_entry> entries;
  std::vector<std::uint32_t> bits_of_blocks;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t t = order[i].second;
    const term_state& s = states_[t];
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
    const bool has_form = s.form.doc_freq > 0 && !meta;
    std::uint8_t lists = 0;
    if (has_form) lists |= form_whole[t] ? list_whole : list_form;
    if (s.stem.doc_freq > 0) lists |= list_stem;
    if (meta) lists |= list_docs;
    dict_blocks.push_back(static_cast<char>(lists));
    if (has_form && form_whole[t]) put_varint(dict_blocks, s.form.doc_freq);
    if (has_form && !form_whole[t]) {
      emit(forms.data() + form_at[t], form_size[t]);
      put_varint(dict_blocks, s.form.doc_freq);
      put_varint(dict_blocks, form_size[t]);
      postings_size += form_size[t];
    }
    if (s.stem.doc_freq > 0) {
      docs.clear();
      pool_.copy_to(s.stem.docs, docs);
      decode_entries(docs, s.stem.doc_freq, entries);
      const auto first_block = block_bits.begin() + static_cast<std::ptrdiff_t>(block_bits_at[t]);
      bits_of_blocks.assign(first_block,
                            first_block + static_cast<std::ptrdiff_t>((s.stem.doc_freq - 1) / skip_block));
      encode_list(entries, &bits_of_blocks, out, scratch);
      emit(out);
      put_varint(dict_blocks, s.stem.doc_freq);
      put_varint(dict_blocks, static_cast<std::uint32_t>(out.size()));
      put_varint(dict_blocks, position_size[t]);
      postings_size += out.size();
      positions_size += position_size[t];
    }
    if (meta) {
      docs.clear();
      pool_.copy_to(s.form.docs, docs);
      decode_entries(docs, s.form.doc_freq, entries);
      encode_list(entries, nullptr, out, scratch);
      emit(out);
      put_varint(dict_blocks, s.form.doc_freq);
      put_varint(dict_blocks, static_cast<std::uint32_t>(out.size()));
      postings_size += out.size();
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
