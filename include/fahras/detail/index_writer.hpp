// index_builder's last step: sorting the terms and writing dictionary, postings and positions.
// SPDX-License-Identifier: MIT
#pragma once

// Included at the end of index.hpp.

namespace fahras {

namespace detail {

// Reads entries back from a builder stream to find the skip points of a long list.
struct entry_scan {
  const std::string& bytes;
  std::size_t at = 0;
  std::uint32_t next(std::uint32_t& tf_total) {  // returns the doc gap
    std::uint32_t code = 0, a = 0, b = 0;
    const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
    const auto* end = p + bytes.size();
    at += get_varint(p + at, end, code);
    switch (code & 3u) {
      case 0: tf_total = 1; break;
      case 1: at += get_varint(p + at, end, a); tf_total = a + 2; break;
      case 2: at += get_varint(p + at, end, a); tf_total = a + 1; break;
      default:
        at += get_varint(p + at, end, a);
        at += get_varint(p + at, end, b);
        tf_total = a + b + 2;
        break;
    }
    return code >> 2;
  }
};

// Bytes taken by the next `count` varints of `bytes` from `at`.
inline std::size_t varints_bytes(const std::string& bytes, std::size_t at, std::uint32_t count) {
  const std::size_t start = at;
  for (std::uint32_t i = 0; i < count && at < bytes.size(); ++i) {
    while (at < bytes.size() && (static_cast<std::uint8_t>(bytes[at]) & 0x80)) ++at;
    ++at;
  }
  return at - start;
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
  for (term_state& t : states_) {
    flush(t.exact);
    flush(t.stem);
  }
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

  // postings, written as they are encoded; the dictionary is collected alongside.
  std::string dict_blocks, dict_index, docs_bytes, pos_bytes, prev_key;
  std::uint64_t postings_size = 0, positions_size = 0;
  const std::uint64_t postings_begin = written_;
  std::uint32_t block_count = 0;
  const auto encode_list = [&](const list_state& l, const slice_pool::stream* positions,
                               std::uint32_t& pos_size) {
    docs_bytes.clear();
    pool_.copy_to(l.docs, docs_bytes);
    if (positions != nullptr) {
      pos_bytes.clear();
      pool_.copy_to(*positions, pos_bytes);
      pos_size = static_cast<std::uint32_t>(pos_bytes.size());
    }
    out.clear();
    if (l.doc_freq > skip_block) {
      entry_scan scan{docs_bytes};
      std::size_t pos_at = 0, block_doc_start = 0, block_pos_start = 0;
      std::uint32_t doc = no_doc, last_written = no_doc;
      for (std::uint32_t i = 1; i <= l.doc_freq; ++i) {
        std::uint32_t tf = 0;
        doc += scan.next(tf) + 1;
        if (positions != nullptr) pos_at += varints_bytes(pos_bytes, pos_at, tf);
        if (i % skip_block == 0 && i < l.doc_freq) {
          put_varint(out, doc - last_written);
          put_varint(out, static_cast<std::uint32_t>(scan.at - block_doc_start));
          if (positions != nullptr) put_varint(out, static_cast<std::uint32_t>(pos_at - block_pos_start));
          last_written = doc;
          block_doc_start = scan.at;
          block_pos_start = pos_at;
        }
      }
    }
    out += docs_bytes;
    return static_cast<std::uint32_t>(out.size());
  };

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
    const std::uint8_t lists = static_cast<std::uint8_t>((s.exact.doc_freq ? list_exact : 0) |
                                                         (s.stem.doc_freq ? list_stem : 0));
    dict_blocks.push_back(static_cast<char>(lists));
    std::uint32_t unused = 0;
    if (s.exact.doc_freq) {
      const std::uint32_t size = encode_list(s.exact, nullptr, unused);
      emit(out);
      put_varint(dict_blocks, s.exact.doc_freq);
      put_varint(dict_blocks, size);
      postings_size += size;
    }
    if (s.stem.doc_freq) {
      std::uint32_t pos_size = 0;
      const std::uint32_t size = encode_list(s.stem, &s.stem.positions, pos_size);
      emit(out);
      put_varint(dict_blocks, s.stem.doc_freq);
      put_varint(dict_blocks, size);
      put_varint(dict_blocks, pos_size);
      postings_size += size;
      positions_size += pos_size;
    }
    if (postings_size > 0xFFFFFFFFull || positions_size > 0xFFFFFFFFull) return too_big();
  }
  sections.push_back({section::postings, postings_begin, postings_size});

  // positions, in the same order
  const std::uint64_t positions_begin = written_;
  for (std::uint32_t i = 0; i < n; ++i) {
    const term_state& s = states_[order[i].second];
    if (!s.stem.doc_freq) continue;
    pos_bytes.clear();
    pool_.copy_to(s.stem.positions, pos_bytes);
    emit(pos_bytes);
  }
  sections.push_back({section::positions, positions_begin, written_ - positions_begin});

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
