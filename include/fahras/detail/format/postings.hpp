// Posting lists (doc/format.md, "postings"): the entry and skip-row coding, the encoder the
// builder keeps per list, the cursor searches walk lists with, and the full check of a list
// that loading runs on untrusted bytes.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "../../types.hpp"
#include "bytes.hpp"
#include "index_source.hpp"
#include "rice.hpp"
#include "varint.hpp"

namespace fahras::detail {

inline constexpr std::uint32_t skip_block = 128;
inline constexpr std::uint32_t no_doc = 0xFFFFFFFFu;

/// Where one list lives: its bytes in the postings section, its document frequency, and its
/// positions (empty for lists without positions).
struct list_ref {
  const std::uint8_t* data = nullptr;
  std::uint32_t size = 0;
  std::uint32_t doc_freq = 0;
  const std::uint8_t* positions = nullptr;  // Rice parameter byte, then the bit stream
  std::uint32_t positions_size = 0;
  bool has_positions = false;
  // In a collection (doc/collection.md) the bytes load on first use: `data` and `positions`
  // stay null until `source` fills them from these offsets in the postings and positions.
  const list_source* source = nullptr;
  std::uint32_t postings_at = 0, positions_at = 0;

  bool empty() const noexcept { return doc_freq == 0; }
};

// --- entries -------------------------------------------------------------------------------

/// Writes an entry to `out` (room for 15 bytes); returns the byte count.
inline std::size_t put_entry(std::uint8_t* out, std::uint32_t doc_gap, std::uint32_t tf_text,
                             std::uint32_t tf_title) noexcept {
  if (tf_title == 0 && tf_text == 1) return put_varint(out, doc_gap << 2);
  if (tf_title == 0) {
    const std::size_t n = put_varint(out, doc_gap << 2 | 1u);
    return n + put_varint(out + n, tf_text - 2);
  }
  if (tf_text == 0) {
    const std::size_t n = put_varint(out, doc_gap << 2 | 2u);
    return n + put_varint(out + n, tf_title - 1);
  }
  std::size_t n = put_varint(out, doc_gap << 2 | 3u);
  n += put_varint(out + n, tf_text - 1);
  return n + put_varint(out + n, tf_title - 1);
}

/// The term frequencies an entry's `code` announces; `next()` reads each varint after it.
template <class Next>
inline void read_frequencies(std::uint32_t code, Next&& next, std::uint32_t& tf_text,
                             std::uint32_t& tf_title) {
  switch (code & 3u) {
    case 0:
      tf_text = 1;
      tf_title = 0;
      break;
    case 1:
      tf_text = next() + 2;
      tf_title = 0;
      break;
    case 2:
      tf_text = 0;
      tf_title = next() + 1;
      break;
    default:
      tf_text = next() + 1;
      tf_title = next() + 1;
      break;
  }
}

// --- skip rows -----------------------------------------------------------------------------

/// One skip row as stored: the last document of its block less that of the previous block,
/// the bytes of the block's entries and (lists with positions) the bits of its positions.
struct skip_row_fields {
  std::uint32_t doc_delta = 0, doc_bytes = 0, position_bits = 0;
};

/// Writes a row to `out` (room for 15 bytes); returns the byte count.
inline std::size_t put_skip_row(std::uint8_t* out, const skip_row_fields& row,
                                bool with_positions) noexcept {
  std::size_t n = put_varint(out, row.doc_delta);
  n += put_varint(out + n, row.doc_bytes);
  if (with_positions) n += put_varint(out + n, row.position_bits);
  return n;
}

inline skip_row_fields read_skip_row(byte_reader& r, bool with_positions) {
  skip_row_fields row;
  row.doc_delta = r.varint();
  row.doc_bytes = r.varint();
  if (with_positions) row.position_bits = r.varint();
  return row;
}

/// Skip rows a list of `doc_freq` entries starts with: one per block but the last.
inline std::uint32_t skip_rows(std::uint32_t doc_freq) noexcept {
  return doc_freq == 0 ? 0 : (doc_freq - 1) / skip_block;
}

// --- writing -------------------------------------------------------------------------------

/// The writer's side of one list, kept per term while its entries arrive in document order.
/// It encodes; the caller stores entries and skip rows in two streams, and writes the rows
/// first when the list is finished, without the bytes `unused_row_bytes()` says.
struct list_encoder {
  std::uint32_t written_doc = no_doc;  // last document (or stem entry) written
  std::uint32_t doc_freq = 0;
  std::uint32_t docs_bytes = 0;     // bytes of the entries
  std::uint32_t block_start = 0;    // bytes of the entries before the current block
  std::uint32_t row_doc = no_doc;   // last document of the previous block
  std::uint8_t last_row_bytes = 0;  // size of the last skip row

  /// Encodes the entry of `doc` into `out` (room for 15 bytes); returns its size.
  std::size_t put(std::uint32_t doc, std::uint32_t tf_text, std::uint32_t tf_title,
                  std::uint8_t* out) noexcept {
    const std::size_t n = put_entry(out, doc - written_doc - 1, tf_text, tf_title);
    docs_bytes += static_cast<std::uint32_t>(n);
    written_doc = doc;
    ++doc_freq;
    return n;
  }

  /// Whether the last entry closed a block: a skip row is due.
  bool block_closed() const noexcept { return doc_freq % skip_block == 0; }

  /// The row of the block just closed into `out` (room for 15 bytes), given the bits its
  /// positions took (lists with positions); returns its size.
  std::size_t put_row(std::uint8_t* out, bool with_positions,
                      std::uint32_t position_bits = 0) noexcept {
    const std::size_t n = put_skip_row(
        out, {written_doc - row_doc, docs_bytes - block_start, position_bits}, with_positions);
    last_row_bytes = static_cast<std::uint8_t>(n);
    row_doc = written_doc;
    block_start = docs_bytes;
    return n;
  }

  /// A row that closes the list is not stored: nothing follows it.
  std::size_t unused_row_bytes() const noexcept {
    return doc_freq > 0 && block_closed() ? last_row_bytes : 0;
  }
};

// --- reading -------------------------------------------------------------------------------

/// Walks one list. IMPORTANT: the list must have passed validate_list (searches get lists only
/// through `index::lookup`, which checks them first): entries are bounds-checked, but a skip
/// row is trusted to point inside the list.
class postings_cursor {
 public:
  postings_cursor() = default;
  explicit postings_cursor(const list_ref& list) : list_(list) {
    // A collection's list whose bytes cannot be had reads as empty; the collection reports why.
    const list_source* source = if_collections(list_.source);
    if (source != nullptr && list_.data == nullptr && !source->load_postings(list_))
      list_ = list_ref{};
    byte_reader r(list_.data, list_.data + list_.size);
    const std::uint32_t rows = skip_rows(list_.doc_freq);
    skips_.reserve(rows);
    doc_id last = no_doc;
    std::uint32_t doc_begin = 0;
    std::uint64_t pos_begin = 0;
    for (std::uint32_t i = 0; i < rows; ++i) {
      const skip_row_fields row = read_skip_row(r, list_.has_positions);
      last += row.doc_delta;  // wraps from no_doc for the first row: deltas count from -1
      doc_begin += row.doc_bytes;
      pos_begin += row.position_bits;
      skips_.push_back({last, doc_begin, pos_begin});
    }
    entries_ = r.position();
    p_ = entries_;
    end_ = list_.data + list_.size;
    if (list_.has_positions && list_.positions != nullptr && list_.positions_size > 0)
      rice_ = list_.positions[0];
  }

  /// Moves to the next document; false at the end.
  bool next() {
    if (index_ >= list_.doc_freq) {
      doc_ = no_doc;
      return false;
    }
    if (index_ % skip_block == 0 && index_ != 0) {
      block_positions_ = skips_[index_ / skip_block - 1].next_pos_begin;
      positions_before_ = 0;
    } else {
      positions_before_ += tf_text_ + tf_title_;
    }
    // A local pointer and local frequencies: the compiler keeps them in registers.
    const std::uint8_t* p = p_;
    std::uint32_t code = 0, tf_text = 0, tf_title = 0;
    p += get_varint(p, end_, code);
    read_frequencies(
        code,
        [&p, this] {
          std::uint32_t v = 0;
          p += get_varint(p, end_, v);
          return v;
        },
        tf_text, tf_title);
    p_ = p;
    tf_text_ = tf_text;
    tf_title_ = tf_title;
    doc_ = prev_ + (code >> 2) + 1;  // prev_ starts at no_doc: wraps to the first doc
    prev_ = doc_;
    ++index_;
    return true;
  }

  /// Moves to the first document >= target (never backwards); false if there is none.
  bool advance(doc_id target) {
    if (index_ != 0 && doc_ != no_doc && doc_ >= target) return true;
    // Skip whole blocks whose last document is below the target.
    std::size_t block = index_ == 0 ? 0 : (index_ - 1) / skip_block;
    std::size_t to = block;
    while (to < skips_.size() && skips_[to].last_doc < target) ++to;
    if (to > block) {
      const skip_row& row = skips_[to - 1];
      index_ = static_cast<std::uint32_t>(to * skip_block);
      prev_ = row.last_doc;
      p_ = entries_ + row.next_doc_begin;
      block_positions_ = row.next_pos_begin;
      positions_before_ = 0;
      tf_text_ = tf_title_ = 0;  // next() sees a block start and resets the same way
    }
#ifndef __EMSCRIPTEN__
    return scan_to(target);
#else
    while (next()) {
      if (doc_ >= target) return true;
    }
    return false;
#endif
  }

  doc_id doc() const noexcept { return doc_; }
  /// Number of the current entry in the list, from 0.
  std::uint32_t entry() const noexcept { return index_ - 1; }
  std::uint32_t tf_text() const noexcept { return tf_text_; }
  std::uint32_t tf_title() const noexcept { return tf_title_; }
  std::uint32_t tf() const noexcept { return tf_text_ + tf_title_; }
  std::uint32_t doc_freq() const noexcept { return list_.doc_freq; }
  bool has_positions() const noexcept { return list_.has_positions; }

  /// Appends the positions of the current document to `out` (lists with positions only).
  /// Decoding resumes where the previous call in the same block stopped, so walking a block's
  /// documents in order decodes each position once.
  void positions(std::vector<term_pos>& out) const {
    if (!list_.has_positions || list_.positions_size == 0) return;
    if (list_.positions == nullptr) {  // a collection's list: positions load on first use
      const list_source* source = if_collections(list_.source);
      if (source == nullptr || !source->load_positions(list_)) return;
      rice_ = list_.positions[0];
    }
    std::uint64_t start = block_positions_;
    std::uint32_t skip = positions_before_;
    if (cache_block_ == block_positions_ && cache_values_ <= positions_before_) {
      start = cache_bit_;
      skip = positions_before_ - cache_values_;
    }
    bit_reader bits(list_.positions + 1, list_.positions_size - 1, start);
#ifdef __EMSCRIPTEN__
    for (std::uint32_t i = 0; i < skip; ++i) bits.rice(rice_);  // no room for skip() there
#else
    bits.skip(skip, rice_);
#endif
    std::uint32_t pos = 0;
    for (std::uint32_t i = 0; i < tf() && !bits.overrun(); ++i) {
      const std::uint32_t v = bits.rice(rice_);
      pos = i == 0 ? v : pos + v + 1;
      out.push_back(pos);
    }
    cache_block_ = block_positions_;
    cache_values_ = positions_before_ + tf();
    cache_bit_ = bits.position();
  }

 private:
#ifndef __EMSCRIPTEN__
  // advance()'s walk to `target`: next() in a loop, with the cursor's state in locals (the
  // compiler's registers) and stored once, where the walk stops. Natively only: the
  // WebAssembly module has no room for the code.
  bool scan_to(doc_id target) {
    const std::uint8_t* p = p_;
    std::uint32_t index = index_, before = positions_before_;
    std::uint32_t tf_text = tf_text_, tf_title = tf_title_;
    doc_id doc = prev_;
    bool found = false;
    while (index < list_.doc_freq) {
      if (index % skip_block == 0 && index != 0) {
        block_positions_ = skips_[index / skip_block - 1].next_pos_begin;
        before = 0;
      } else {
        before += tf_text + tf_title;
      }
      std::uint32_t code = 0;
      p += get_varint(p, end_, code);
      if ((code & 3u) == 0) {  // one occurrence in the text, most entries: no switch
        tf_text = 1;
        tf_title = 0;
      } else {
        read_frequencies(
            code,
            [&p, this] {
              std::uint32_t v = 0;
              p += get_varint(p, end_, v);
              return v;
            },
            tf_text, tf_title);
      }
      doc += (code >> 2) + 1;  // from no_doc, wraps to the first doc, as in next()
      ++index;
      if (doc >= target) {
        found = true;
        break;
      }
    }
    p_ = p;
    index_ = index;
    positions_before_ = before;
    tf_text_ = tf_text;
    tf_title_ = tf_title;
    prev_ = doc;
    doc_ = found ? doc : no_doc;
    return found;
  }
#endif

  struct skip_row {
    doc_id last_doc;               // last document of this block
    std::uint32_t next_doc_begin;  // where the next block's entries start (bytes)
    std::uint64_t next_pos_begin;  // where the next block's positions start (bits)
  };

  mutable list_ref list_;  // mutable: a collection's positions load on first use
  std::vector<skip_row> skips_;
  const std::uint8_t* entries_ = nullptr;
  const std::uint8_t* p_ = nullptr;
  const std::uint8_t* end_ = nullptr;
  std::uint64_t block_positions_ = 0;   // bit where this block's positions start
  std::uint32_t positions_before_ = 0;  // positions of earlier entries in this block
  mutable std::uint32_t rice_ = 0;
  // Where the last positions() call stopped: its block, values consumed, bit reached.
  mutable std::uint64_t cache_block_ = ~std::uint64_t{0};
  mutable std::uint32_t cache_values_ = 0;
  mutable std::uint64_t cache_bit_ = 0;
  std::uint32_t index_ = 0;  // entries consumed
  doc_id prev_ = no_doc;
  doc_id doc_ = no_doc;
  std::uint32_t tf_text_ = 0, tf_title_ = 0;
};

/// What validate_list is given when the documents' lengths are elsewhere (a collection's
/// document shards): positions are then checked without their fields' bounds.
struct unknown_lengths {};

/// Decodes one posting list completely and checks it: entry numbers ("documents") increasing
/// and below `bound`, skip rows that match the entries, and, for lists with positions, Rice
/// streams whose positions are increasing, inside their field (`lengths.title(d)`,
/// `lengths.text(d)`, unless `unknown_lengths`) and exactly as many as the frequencies say. A
/// collection's list whose positions are not loaded (null) is checked without them.
/// `check(doc, tf_text, tf_title)` adds the caller's checks of each entry. Returns an empty
/// string or what is wrong.
template <class DocLengths, class Check>
const char* validate_list(const list_ref& list, std::uint32_t bound, const DocLengths& lengths,
                          Check&& check) {
  constexpr bool fields_known = !std::is_same_v<DocLengths, unknown_lengths>;
  const bool positions = list.has_positions && list.positions != nullptr;
  if (list.doc_freq == 0 || list.doc_freq > bound) return "document frequency out of range";
  byte_reader r(list.data, list.data + list.size);
  const std::uint32_t rows = skip_rows(list.doc_freq);
  // Each row takes at least two bytes of the list: a count above that cannot be real.
  if (rows > list.size / 2) return "skip table larger than the list";
  struct row {
    std::uint32_t last, doc_bytes, pos_bits;
  };
  std::vector<row> skips;
  skips.reserve(rows);
  std::uint32_t last = no_doc;
  for (std::uint32_t i = 0; i < rows; ++i) {
    const skip_row_fields fields = read_skip_row(r, list.has_positions);
    if (!r.ok()) return "truncated skip table";
    last += fields.doc_delta;
    skips.push_back({last, fields.doc_bytes, fields.position_bits});
  }
  const std::uint8_t* entries = r.position();
  std::uint32_t rice = 0;
  if (positions) {
    if (list.positions_size == 0) return "missing positions";
    rice = list.positions[0];
    if (rice > max_rice_parameter) return "bad Rice parameter";
  }
  bit_reader bits(positions ? list.positions + 1 : nullptr,
                  positions ? list.positions_size - 1 : 0);
  std::uint32_t doc = no_doc;
  std::size_t block_doc_start = 0;
  std::uint64_t block_pos_start = 0;
  for (std::uint32_t i = 1; i <= list.doc_freq; ++i) {
    const std::uint32_t code = r.varint();
    std::uint32_t tf_text = 0, tf_title = 0;
    read_frequencies(
        code, [&r] { return r.varint(); }, tf_text, tf_title);
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
      std::uint64_t title_len = 0, text_len = 0;
      if constexpr (fields_known) {
        title_len = lengths.title(doc);
        text_len = lengths.text(doc);
      }
      const std::uint64_t tf = std::uint64_t{tf_text} + tf_title;
      std::uint64_t previous = 0;
      for (std::uint64_t k = 0; k < tf; ++k) {
        const std::uint32_t v = bits.rice(rice);
        if (bits.overrun()) return "truncated positions";
        const std::uint64_t at = k == 0 ? v : previous + v + 1;
        if (fields_known && (k < tf_title ? at >= title_len
                                          : (at < title_len + 1 || at >= title_len + 1 + text_len)))
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

}  // namespace fahras::detail
