// Opening index bytes: every structure is checked before a search may touch it.
// SPDX-License-Identifier: MIT
#pragma once

// Included at the end of index.hpp.

namespace fahras {
namespace detail {

/// Decodes one posting list completely and checks it: entry numbers ("documents") increasing
/// and below `bound`, skip rows that match the entries, and, for lists with positions, Rice
/// streams whose positions are increasing, inside their field (of `fields`, unless null) and
/// exactly as many as the frequencies say. A collection's list whose positions are not loaded
/// (null) is checked without them. `check(doc, tf_text, tf_title)` adds the caller's checks of
/// each entry. Returns an empty string or what is wrong.
template <class Check>
const char* validate_list(const list_ref& list, std::uint32_t bound, const index* fields,
                          Check&& check) {
  const bool positions = list.has_positions && list.positions != nullptr;
  if (list.doc_freq == 0 || list.doc_freq > bound) return "document frequency out of range";
  byte_reader r(list.data, list.data + list.size);
  const std::uint32_t rows = (list.doc_freq - 1) / skip_block;
  // Each row takes at least two bytes of the list: a count above that cannot be real.
  if (rows > list.size / 2) return "skip table larger than the list";
  struct row {
    std::uint32_t last, doc_bytes, pos_bits;
  };
  std::vector<row> skips;
  skips.reserve(rows);
  std::uint32_t last = no_doc;
  for (std::uint32_t i = 0; i < rows; ++i) {
    row k{};
    const std::uint32_t delta = r.varint();
    k.doc_bytes = r.varint();
    if (list.has_positions) k.pos_bits = r.varint();
    if (!r.ok()) return "truncated skip table";
    last += delta;
    k.last = last;
    skips.push_back(k);
  }
  const std::uint8_t* entries = r.position();
  std::uint32_t rice = 0;
  if (positions) {
    if (list.positions_size == 0) return "missing positions";
    rice = list.positions[0];
    if (rice > max_rice_parameter) return "bad Rice parameter";
  }
  bit_reader bits(positions ? list.positions + 1 : nullptr, positions ? list.positions_size - 1 : 0);
  std::uint32_t doc = no_doc;
  std::size_t block_doc_start = 0;
  std::uint64_t block_pos_start = 0;
  for (std::uint32_t i = 1; i <= list.doc_freq; ++i) {
    const std::uint32_t code = r.varint();
    std::uint32_t tf_text = 1, tf_title = 0;
    switch (code & 3u) {
      case 0: break;
      case 1: tf_text = r.varint(); tf_text += 2; break;
      case 2: tf_text = 0; tf_title = r.varint(); tf_title += 1; break;
      default:
        tf_text = r.varint() + 1;
        tf_title = r.varint() + 1;
        break;
    }
    if (!r.ok()) return "truncated posting list";
    const std::uint32_t gap = code >> 2;
    if (doc != no_doc && gap >= no_doc - 1 - doc) return "document number out of range";
    doc += gap + 1;
    if (doc >= bound) return "document number out of range";
    if (((code & 3u) == 1 && tf_text < 2) || ((code & 3u) >= 2 && tf_title == 0) ||
        ((code & 3u) == 3 && tf_text == 0))
      return "term frequency overflow";
    if (const char* what = check(doc, tf_text, tf_title); *what != '\0') return what;
    if (positions) {
      // tf_title positions in [0, T), then tf_text in [T + 1, T + 1 + L), increasing.
      const std::uint64_t title_len = fields ? fields->title_length(doc) : 0;
      const std::uint64_t text_len = fields ? fields->text_length(doc) : 0;
      const std::uint64_t tf = std::uint64_t{tf_text} + tf_title;
      std::uint64_t previous = 0;
      for (std::uint64_t k = 0; k < tf; ++k) {
        const std::uint32_t v = bits.rice(rice);
        if (bits.overrun()) return "truncated positions";
        const std::uint64_t at = k == 0 ? v : previous + v + 1;
        if (fields != nullptr &&
            (k < tf_title ? at >= title_len : (at < title_len + 1 || at >= title_len + 1 + text_len)))
          return "position outside its field";
        previous = at;
      }
    }
    if (i % skip_block == 0 && i < list.doc_freq) {
      const row& k = skips[i / skip_block - 1];
      const auto doc_bytes = static_cast<std::size_t>(r.position() - entries) - block_doc_start;
      if (k.last != doc || k.doc_bytes != doc_bytes ||
          (positions && k.pos_bits != bits.position() - block_pos_start))
        return "skip table does not match the list";
      block_doc_start += doc_bytes;
      block_pos_start = bits.position();
    }
  }
  if (!r.at_end()) return "posting list longer than announced";
  if (positions) {
    // The stream ends in its last byte, padded with zero bits.
    const std::uint64_t used = bits.position();
    if ((used + 7) / 8 != list.positions_size - 1) return "positions longer than announced";
    if (used % 8 != 0 && (list.positions[list.positions_size - 1] >> (used % 8)) != 0)
      return "positions padding";
  }
  return "";
}

inline error corrupt(std::size_t at, std::string_view what) {
  return make_error(errc::corrupt, at, what);
}

/// Walks every dictionary entry: keys strictly increasing, lists tiling the postings and
/// positions sections exactly, every list decoding cleanly; then checks each word form's list
/// against its stem's list (entries within it, frequencies no larger than the stem's).
inline std::optional<error> validate_dictionary(const index& idx, const std::uint8_t* block_index,
                                                const std::uint8_t* blocks) {
  const dictionary_view& dict = idx.dictionary();
  const section_view& postings = dict.postings();
  const section_view& positions = dict.positions();
  const std::uint32_t doc_count = idx.doc_count();
  const std::size_t dict_offset = static_cast<std::size_t>(block_index - idx.data());
  const auto none = [](std::uint32_t, std::uint32_t, std::uint32_t) { return ""; };
  const auto within_document = [&](std::uint32_t d, std::uint32_t tf_text, std::uint32_t tf_title) {
    return tf_text > idx.text_length(d) || tf_title > idx.title_length(d)
               ? "term frequency above document length"
               : "";
  };
  std::string previous;
  std::uint32_t expected_post = 0, expected_pos = 0, count = 0;
  dictionary_iterator it(dict, 0);
  for (std::uint32_t b = 0; b < dict.block_count(); ++b) {
    const auto h = dict.block(b);
    if (h.postings_begin != expected_post || h.positions_begin != expected_pos)
      return corrupt(dict_offset + 16u * b, "dictionary block offsets");
    if (!it.valid() || it.block_index() != b) break;
    const std::uint32_t block_end =
        b + 1 < dict.block_count() ? dict.block(b + 1).first_term : dict.term_count();
    for (; it.valid() && it.entry().ordinal < block_end; it.next()) {
      const dictionary_entry& e = it.entry();
      if (count > 0 && !(previous < e.key)) return corrupt(dict_offset, "dictionary keys out of order");
      previous.assign(e.key);
      if (e.form_whole && e.form_doc_freq > doc_count)
        return corrupt(dict_offset, "document frequency out of range");
      for (const list_ref* l : {&e.form, &e.stem, &e.docs}) {
        if (l->data == nullptr) continue;
        if (l->data != postings.data + expected_post ||
            (l->has_positions && l->positions != positions.data + expected_pos))
          return corrupt(postings.offset + expected_post, "posting lists out of place");
        // Form lists count entries of their stem list: checked below, once stems are known.
        const char* what = l == &e.form ? (l->doc_freq == 0 ? "empty list" : "")
                           : l == &e.stem ? validate_list(*l, doc_count, &idx, within_document)
                                          : validate_list(*l, doc_count, &idx, none);
        if (*what != '\0') return corrupt(postings.offset + expected_post, what);
        expected_post += l->size;
        expected_pos += l->positions_size;
      }
      ++count;
    }
    if (it.failed()) break;
  }
  if (it.failed())
    return corrupt(static_cast<std::size_t>(blocks - idx.data()) + it.fail_offset(),
                   "dictionary entry");
  if (count != dict.term_count()) return corrupt(dict_offset, "dictionary term count");
  if (expected_post != postings.size || expected_pos != positions.size)
    return corrupt(postings.offset + expected_post, "posting lists do not fill their section");

  // Word forms against their stems.
  std::string stem_key;
  std::vector<std::uint32_t> stem_tf_text, stem_tf_title;
  std::uint32_t stem_df = 0;
  for (dictionary_iterator f(dict, 0); dict.term_count() > 0 && f.valid(); f.next()) {
    const dictionary_entry& e = f.entry();
    if (!e.is_form()) continue;
    const std::size_t at = postings.offset + static_cast<std::size_t>(
                                                 e.form.data ? e.form.data - postings.data : 0);
    const std::string key = encode_key(idx.analyzer().stem(decode_key(e.key)));
    if (key != stem_key) {
      const auto s = idx.lookup(key);
      if (!s || s->stem.empty()) return corrupt(at, "word form without its stem");
      stem_key = key;
      stem_df = s->stem.doc_freq;
      stem_tf_text.clear();
      stem_tf_title.clear();
      postings_cursor c(s->stem);
      while (c.next()) {
        stem_tf_text.push_back(c.tf_text());
        stem_tf_title.push_back(c.tf_title());
      }
    }
    if (e.form_whole) {
      if (e.form_doc_freq != stem_df) return corrupt(at, "whole form differs from its stem");
      continue;
    }
    const char* what = validate_list(e.form, stem_df, &idx,
                                     [&](std::uint32_t i, std::uint32_t tf_text, std::uint32_t tf_title) {
                                       return tf_text > stem_tf_text[i] || tf_title > stem_tf_title[i]
                                                  ? "word form more frequent than its stem"
                                                  : "";
                                     });
    if (*what != '\0') return corrupt(at, what);
  }
  return std::nullopt;
}

/// The analyzer the meta section describes.
inline std::shared_ptr<const fahras::analyzer> analyzer_of(const index_meta& im) {
  return std::make_shared<const fahras::analyzer>(analyze_options{
      normalize_options::from_bits(im.fold_bits), static_cast<stemmer>(im.stemmer_id),
      im.keywords});
}

/// Reads and checks the meta section (also a collection root's, doc/collection.md).
inline std::optional<error> read_meta(const section_view& meta, index_meta& im) {
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
  if (im.stemmer_id > static_cast<std::uint8_t>(stemmer::light10)) return corrupt(meta.offset, "stemmer");
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
  return std::nullopt;
}

inline result<index> open_index(const std::uint8_t* data, std::size_t size,
                                std::shared_ptr<const void> keepalive, bool validate_all) {
  if (size < 4 || std::memcmp(data, magic, 4) != 0) {
    // A prefix of the magic is a truncated index, anything else is not an index.
    if (size < 4 && (size == 0 || std::memcmp(data, magic, size) == 0))
      return make_error(errc::truncated, size);
    return make_error(errc::bad_magic, 0);
  }
  if (size < header_size) return make_error(errc::truncated, size);
  byte_reader header(data + 4, data + header_size, 4);
  const std::uint16_t version = header.u16();
  const std::uint16_t flags = header.u16();
  const std::uint32_t total = header.u32();
  if (version == 0) return corrupt(4, "format version 0");
  if (version > format_version) return make_error(errc::unsupported_version, 4);
  if (flags > flag_stored_text) return corrupt(6, "unknown flags");
  if (size < total) return make_error(errc::truncated, size, "expected " + std::to_string(total) + " bytes");
  if (size > total) return corrupt(total, "bytes after the end of the index");
  if (size < header_size + footer_size) return corrupt(8, "index too small");

  const std::uint8_t* footer = data + size - footer_size;
  const std::uint32_t table_offset = read_u32(footer);
  const std::uint32_t rows = read_u32(footer + 4);
  const std::uint32_t stored_crc = read_u32(footer + 8);
  const std::uint32_t crc = crc32(data + header_size, size - header_size - 4);
  if (crc != stored_crc) return make_error(errc::bad_crc, size - 4);
  if (rows != section_count ||
      std::uint64_t{table_offset} + std::uint64_t{rows} * table_row_size != size - footer_size ||
      table_offset < header_size)
    return corrupt(size - footer_size, "section table");

  section_view views[section_count + 1];
  bool seen[section_count + 1] = {};
  for (std::uint32_t i = 0; i < rows; ++i) {
    const std::uint8_t* row = data + table_offset + std::size_t{i} * table_row_size;
    const std::uint32_t id = read_u32(row);
    const std::uint32_t offset = read_u32(row + 4);
    const std::uint32_t length = read_u32(row + 8);
    const std::size_t at = table_offset + std::size_t{i} * table_row_size;
    if (id == 0 || id > section_count || seen[id]) return corrupt(at, "section id");
    if (offset < header_size || std::uint64_t{offset} + length > table_offset)
      return corrupt(at, "section bounds");
    seen[id] = true;
    views[id] = section_view{data + offset, offset, length};
  }
  // Sections must not overlap: each byte belongs to one of them.
  for (std::uint32_t i = 1; i <= section_count; ++i)
    for (std::uint32_t j = i + 1; j <= section_count; ++j) {
      const section_view& a = views[i];
      const section_view& b = views[j];
      if (a.size > 0 && b.size > 0 && a.offset < b.offset + b.size && b.offset < a.offset + a.size)
        return corrupt(table_offset, "sections overlap");
    }
  const auto view = [&](section s) { return views[static_cast<std::uint32_t>(s)]; };

  index idx;
  idx.keepalive_ = std::move(keepalive);
  idx.data_ = data;
  idx.size_ = size;

  // meta
  const section_view meta = view(section::meta);
  index_meta& im = idx.meta_;
  if (auto e = read_meta(meta, im)) return *e;
  if (im.stored_text != ((flags & flag_stored_text) != 0))
    return corrupt(meta.offset, "flags differ from the header");

  // docs
  const section_view docs = view(section::docs);
  if (std::uint64_t{docs.size} != std::uint64_t{im.doc_count} * 8)
    return corrupt(docs.offset, "document table size");
  idx.docs_ = docs;
  {
    std::uint64_t title_sum = 0, text_sum = 0;
    for (doc_id d = 0; d < im.doc_count; ++d) {
      title_sum += idx.title_length(d);
      text_sum += idx.text_length(d);
    }
    if (title_sum != im.title_tokens || text_sum != im.text_tokens)
      return corrupt(docs.offset, "document lengths do not add up");
  }

  // stored
  const section_view stored = view(section::stored);
  const std::uint64_t table_bytes = (std::uint64_t{im.doc_count} + 1) * 4;
  if (stored.size < table_bytes) return corrupt(stored.offset, "stored offsets");
  const std::uint32_t records = static_cast<std::uint32_t>(stored.size - table_bytes);
  const std::uint8_t* offsets = stored.data + records;
  if (read_u32(offsets) != 0 || read_u32(offsets + 4 * std::size_t{im.doc_count}) != records)
    return corrupt(stored.offset + records, "stored offsets");
  for (doc_id d = 0; d < im.doc_count; ++d)
    if (read_u32(offsets + 4u * d) > read_u32(offsets + 4u * (d + 1)))
      return corrupt(stored.offset + records + 4u * d, "stored offsets");
  idx.stored_ = stored;
  if (validate_all) {
    for (doc_id d = 0; d < im.doc_count; ++d) {
      const std::uint32_t begin = read_u32(offsets + 4u * d);
      const std::uint32_t end = read_u32(offsets + 4u * (d + 1));
      byte_reader r(stored.data + begin, stored.data + end, stored.offset + begin);
      const int strings = im.stored_text ? 3 : 2;
      for (int s = 0; s < strings; ++s) r.skip(r.varint());
      const std::uint32_t fields = r.varint_at_most(static_cast<std::uint32_t>(r.left()));
      for (std::uint32_t f = 0; f < fields && r.ok(); ++f) {
        const std::size_t at = r.offset();
        if (r.varint() >= im.fields.size() && r.ok()) return corrupt(at, "stored field number");
        r.skip(r.varint());
      }
      if (!r.ok()) return make_error(errc::corrupt, r.error_offset(), "stored document");
      if (!r.at_end()) return corrupt(r.offset(), "stored document longer than its fields");
    }
  }

  // dictionary
  const section_view dict = view(section::dictionary);
  byte_reader dr(dict.data, dict.data + dict.size, dict.offset);
  const std::uint32_t block_count = dr.varint_at_most(dict.size / 16);
  const std::uint32_t term_count = dr.varint();
  if (!dr.ok()) return make_error(errc::corrupt, dr.error_offset(), "dictionary header");
  if (dr.left() < std::size_t{block_count} * 16) return corrupt(dr.offset(), "dictionary block index");
  const std::uint8_t* block_index = dr.position();
  const std::uint8_t* blocks = block_index + std::size_t{block_count} * 16;
  const auto blocks_size = static_cast<std::uint32_t>(dict.data + dict.size - blocks);
  if ((term_count == 0) != (block_count == 0) ||
      std::uint64_t{block_count} > (std::uint64_t{term_count} + dictionary_block_terms - 1))
    return corrupt(dict.offset, "dictionary counts");
  const section_view postings = view(section::postings), positions = view(section::positions);
  for (std::uint32_t b = 0; b < block_count; ++b) {
    const std::uint8_t* h = block_index + std::size_t{b} * 16;
    const std::size_t at = static_cast<std::size_t>(h - data);
    const std::uint32_t offset = read_u32(h), first = read_u32(h + 4);
    const std::uint32_t post = read_u32(h + 8), pos = read_u32(h + 12);
    if (offset >= blocks_size || first >= term_count || post > postings.size || pos > positions.size)
      return corrupt(at, "dictionary block");
    if (b == 0 ? (offset != 0 || first != 0 || post != 0 || pos != 0)
               : (offset <= read_u32(h - 16) || first <= read_u32(h - 12) ||
                  post < read_u32(h - 8) || pos < read_u32(h - 4)))
      return corrupt(at, "dictionary blocks out of order");
  }
  idx.dictionary_ = dictionary_view(dict, postings, positions, block_count, term_count,
                                    block_index, blocks);

  idx.sizes_ = index_sizes{dict.size, postings.size, positions.size, stored.size,
                           docs.size, meta.size, size};

  {
    const scoring_params defaults;
    auto norms = std::make_shared<std::vector<float>>(2 * std::size_t{im.doc_count});
    const double avg_text = idx.average_text_length(), avg_title = idx.average_title_length();
    for (doc_id d = 0; d < im.doc_count; ++d) {
      (*norms)[2 * std::size_t{d}] = inverse_length_norm(idx.text_length(d), avg_text, defaults.b);
      (*norms)[2 * std::size_t{d} + 1] =
          inverse_length_norm(idx.title_length(d), avg_title, defaults.title_b);
    }
    idx.norms_ = std::move(norms);
  }
  idx.analyzer_ = analyzer_of(im);
  if (validate_all) {
    if (const auto e = validate_dictionary(idx, block_index, blocks)) return *e;
  }
  return idx;
}

}  // namespace detail
}  // namespace fahras
