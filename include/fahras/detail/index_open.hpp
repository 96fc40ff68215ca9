// Opening index bytes: every structure is checked before a search may touch it.
// SPDX-License-Identifier: MIT
#pragma once

// Included at the end of index.hpp.

namespace fahras {
namespace detail {

/// Decodes one posting list completely and checks it against the documents: increasing doc
/// numbers below doc_count, term frequencies within the document's lengths, skip rows that
/// match the entries, and positions that are increasing, inside their field, and exactly as
/// many as the frequencies say. Returns an empty string or what is wrong.
inline const char* validate_list(const list_ref& list, const index& idx) {
  const std::uint32_t doc_count = idx.doc_count();
  if (list.doc_freq == 0 || list.doc_freq > doc_count) return "document frequency out of range";
  const std::uint8_t* p = list.data;
  const std::uint8_t* end = list.data + list.size;
  byte_reader r(p, end);
  const std::uint32_t rows = (list.doc_freq - 1) / skip_block;
  // The skip table is bounded by the list's own bytes: at most 3 varints of >= 1 byte a row.
  if (rows > list.size) return "skip table larger than the list";
  struct row {
    std::uint32_t last, doc_bytes, pos_bytes;
  };
  std::vector<row> skips;
  skips.reserve(rows);
  std::uint32_t last = no_doc;
  for (std::uint32_t i = 0; i < rows; ++i) {
    row k{};
    const std::uint32_t delta = r.varint();
    k.doc_bytes = r.varint();
    if (list.has_positions) k.pos_bytes = r.varint();
    if (!r.ok()) return "truncated skip table";
    last += delta;
    k.last = last;
    skips.push_back(k);
  }
  const std::uint8_t* entries = r.position();
  const std::uint8_t* pos = list.positions;
  const std::uint8_t* pos_end = list.positions + list.positions_size;
  std::uint32_t doc = no_doc;
  std::size_t block_doc_start = 0;
  const std::uint8_t* block_pos_start = pos;
  std::vector<term_pos> positions;
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
    if (doc >= doc_count) return "document number out of range";
    const std::uint32_t title_len = idx.title_length(doc);
    const std::uint32_t text_len = idx.text_length(doc);
    if (tf_text < 2 && (code & 3u) == 1) return "term frequency overflow";
    if (tf_title == 0 && (code & 3u) >= 2) return "term frequency overflow";
    if (tf_text > text_len || tf_title > title_len) return "term frequency above document length";
    if (list.has_positions) {
      // tf_title positions in [0, T), then tf_text in [T + 1, T + 1 + L), increasing.
      const std::uint64_t tf = std::uint64_t{tf_text} + tf_title;
      std::uint64_t previous = 0;
      for (std::uint64_t k = 0; k < tf; ++k) {
        std::uint32_t v = 0;
        const std::size_t n = pos < pos_end ? get_varint(pos, pos_end, v) : 0;
        if (n == 0) return "truncated or malformed positions";
        pos += n;
        const std::uint64_t at = k == 0 ? v : previous + v + 1;
        if (k < tf_title ? at >= title_len
                         : (at < std::uint64_t{title_len} + 1 ||
                            at >= std::uint64_t{title_len} + 1 + text_len))
          return "position outside its field";
        previous = at;
      }
    }
    if (i % skip_block == 0 && i < list.doc_freq) {
      const row& k = skips[i / skip_block - 1];
      const auto doc_bytes = static_cast<std::size_t>(r.position() - entries) - block_doc_start;
      if (k.last != doc || k.doc_bytes != doc_bytes ||
          (list.has_positions && k.pos_bytes != static_cast<std::size_t>(pos - block_pos_start)))
        return "skip table does not match the list";
      block_doc_start += doc_bytes;
      block_pos_start = pos;
    }
  }
  if (!r.at_end()) return "posting list longer than announced";
  if (list.has_positions && pos != pos_end) return "positions longer than announced";
  return "";
}

inline error corrupt(std::size_t at, std::string_view what) {
  return make_error(errc::corrupt, at, what);
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
  const auto view = [&](section s) { return views[static_cast<std::uint32_t>(s)]; };

  index idx;
  idx.keepalive_ = std::move(keepalive);
  idx.data_ = data;
  idx.size_ = size;

  // meta
  const section_view meta = view(section::meta);
  byte_reader m(meta.data, meta.data + meta.size, meta.offset);
  index_meta& im = idx.meta_;
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
  if (meta_flags != flags) return corrupt(meta.offset, "flags differ from the header");
  im.stored_text = (flags & flag_stored_text) != 0;
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

  if (validate_all) {
    // Walk every entry: keys strictly increasing, lists tiling the postings and positions
    // sections exactly, every list decoding cleanly.
    std::string previous;
    std::uint32_t expected_post = 0, expected_pos = 0, count = 0;
    dictionary_iterator it(idx.dictionary_, 0);
    for (std::uint32_t b = 0; b < block_count; ++b) {
      const auto h = idx.dictionary_.block(b);
      if (h.postings_begin != expected_post || h.positions_begin != expected_pos)
        return corrupt(static_cast<std::size_t>(block_index - data) + 16u * b,
                       "dictionary block offsets");
      if (!it.valid() || it.block_index() != b) break;
      const std::uint32_t block_end =
          b + 1 < block_count ? idx.dictionary_.block(b + 1).first_term : term_count;
      for (; it.valid() && it.entry().ordinal < block_end; it.next()) {
        const dictionary_entry& e = it.entry();
        if (count > 0 && !(previous < e.key))
          return corrupt(dict.offset, "dictionary keys out of order");
        previous.assign(e.key);
        for (const list_ref* l : {&e.exact, &e.stem}) {
          if (l->data == nullptr) continue;
          if (l->data != postings.data + expected_post ||
              (l->has_positions && l->positions != positions.data + expected_pos))
            return corrupt(postings.offset + expected_post, "posting lists out of place");
          if (const char* what = validate_list(*l, idx); *what != '\0')
            return corrupt(postings.offset + expected_post, what);
          expected_post += l->size;
          expected_pos += l->positions_size;
        }
        ++count;
      }
      if (it.failed()) break;
    }
    if (it.failed())
      return corrupt(static_cast<std::size_t>(blocks - data) + it.fail_offset(), "dictionary entry");
    if (count != term_count) return corrupt(dict.offset, "dictionary term count");
    if (expected_post != postings.size || expected_pos != positions.size)
      return corrupt(postings.offset + expected_post, "posting lists do not fill their section");
  }

  idx.analyzer_ = std::make_shared<const fahras::analyzer>(analyze_options{
      normalize_options::from_bits(im.fold_bits), static_cast<stemmer>(im.stemmer_id),
      im.keywords});
  return idx;
}

}  // namespace detail
}  // namespace fahras
