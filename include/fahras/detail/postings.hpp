// Posting lists: how documents, term frequencies and positions of one term are encoded, and a
// cursor that walks them with skips.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "../types.hpp"
#include "varint.hpp"

namespace fahras::detail {

// A list holds one entry per document containing the term, in increasing doc order:
//
//   entry := varint(code) [varint(a)] [varint(b)]
//   code  := (doc - previous_doc - 1) << 2 | k        (previous_doc of the first entry is -1)
//   k = 0: tf_text = 1, tf_title = 0
//   k = 1: tf_text = a + 2, tf_title = 0
//   k = 2: tf_text = 0, tf_title = a + 1
//   k = 3: tf_text = a + 1, tf_title = b + 1
//
// Lists longer than `skip_block` entries start with a skip table, one row per block but the
// last: varint(last doc of the block - last doc of the previous block), varint(bytes of the
// block's entries), and for lists with positions varint(bytes of the block's positions).
//
// Positions (stem lists only) live in their own section: per entry, tf_title + tf_text
// positions, increasing: the first as is, then each as (position - previous - 1). Title words
// take positions [0, title_length), text words [title_length + 1, title_length + 1 + length).
inline constexpr std::uint32_t skip_block = 128;
inline constexpr std::uint32_t no_doc = 0xFFFFFFFFu;

inline void put_entry(std::string& out, std::uint32_t doc_gap, std::uint32_t tf_text,
                      std::uint32_t tf_title) {
  if (tf_title == 0) {
    if (tf_text == 1) {
      put_varint(out, doc_gap << 2);
    } else {
      put_varint(out, doc_gap << 2 | 1u);
      put_varint(out, tf_text - 2);
    }
  } else if (tf_text == 0) {
    put_varint(out, doc_gap << 2 | 2u);
    put_varint(out, tf_title - 1);
  } else {
    put_varint(out, doc_gap << 2 | 3u);
    put_varint(out, tf_text - 1);
    put_varint(out, tf_title - 1);
  }
}

/// Where one list lives: its bytes in the postings section, its document frequency, and its
/// positions (empty for lists without positions).
struct list_ref {
  const std::uint8_t* data = nullptr;
  std::uint32_t size = 0;
  std::uint32_t doc_freq = 0;
  const std::uint8_t* positions = nullptr;
  std::uint32_t positions_size = 0;
  bool has_positions = false;

  bool empty() const noexcept { return doc_freq == 0; }
};

/// Walks one list. Lists were validated when the index was loaded, yet every read is still
/// bounds-checked: a cursor never reads outside its list.
class postings_cursor {
 public:
  postings_cursor() = default;
  explicit postings_cursor(const list_ref& list) : list_(list) {
    const std::uint8_t* p = list.data;
    const std::uint8_t* end = list.data + list.size;
    const std::uint32_t rows = list.doc_freq == 0 ? 0 : (list.doc_freq - 1) / skip_block;
    skips_.reserve(rows);
    doc_id last = no_doc;
    std::uint32_t doc_begin = 0, pos_begin = 0;
    for (std::uint32_t i = 0; i < rows; ++i) {
      std::uint32_t delta = 0, doc_bytes = 0, pos_bytes = 0;
      p += get_varint(p, end, delta);
      p += get_varint(p, end, doc_bytes);
      if (list.has_positions) p += get_varint(p, end, pos_bytes);
      last += delta;  // wraps from no_doc for the first row: deltas count from -1
      doc_begin += doc_bytes;
      pos_begin += pos_bytes;
      skips_.push_back({last, doc_begin, pos_begin});
    }
    entries_ = p;
    p_ = p;
    end_ = end;
    block_positions_ = list.positions;
  }

  /// Moves to the next document; false at the end.
  bool next() {
    if (index_ >= list_.doc_freq) {
      doc_ = no_doc;
      return false;
    }
    if (index_ % skip_block == 0 && index_ != 0) {
      block_positions_ = list_.positions + skips_[index_ / skip_block - 1].next_pos_begin;
      positions_before_ = 0;
    } else {
      positions_before_ += tf_text_ + tf_title_;
    }
    std::uint32_t code = 0, a = 0, b = 0;
    p_ += get_varint(p_, end_, code);
    switch (code & 3u) {
      case 0: tf_text_ = 1; tf_title_ = 0; break;
      case 1: p_ += get_varint(p_, end_, a); tf_text_ = a + 2; tf_title_ = 0; break;
      case 2: p_ += get_varint(p_, end_, a); tf_text_ = 0; tf_title_ = a + 1; break;
      default:
        p_ += get_varint(p_, end_, a);
        p_ += get_varint(p_, end_, b);
        tf_text_ = a + 1;
        tf_title_ = b + 1;
        break;
    }
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
      block_positions_ = list_.positions + row.next_pos_begin;
      positions_before_ = 0;
      tf_text_ = tf_title_ = 0;  // next() sees a block start and resets the same way
    }
    while (next()) {
      if (doc_ >= target) return true;
    }
    return false;
  }

  doc_id doc() const noexcept { return doc_; }
  std::uint32_t tf_text() const noexcept { return tf_text_; }
  std::uint32_t tf_title() const noexcept { return tf_title_; }
  std::uint32_t tf() const noexcept { return tf_text_ + tf_title_; }
  std::uint32_t doc_freq() const noexcept { return list_.doc_freq; }
  bool has_positions() const noexcept { return list_.has_positions; }

  /// Appends the positions of the current document to `out` (lists with positions only).
  void positions(std::vector<term_pos>& out) const {
    const std::uint8_t* p = block_positions_;
    const std::uint8_t* end = list_.positions + list_.positions_size;
    for (std::uint32_t i = 0; i < positions_before_ && p < end; ++i) {
      while (p < end && (*p & 0x80)) ++p;  // skip one varint
      ++p;
    }
    std::uint32_t pos = 0;
    for (std::uint32_t i = 0; i < tf(); ++i) {
      std::uint32_t v = 0;
      const std::size_t n = p < end ? get_varint(p, end, v) : 0;
      if (n == 0) return;
      p += n;
      pos = i == 0 ? v : pos + v + 1;
      out.push_back(pos);
    }
  }

 private:
  struct skip_row {
    doc_id last_doc;               // last document of this block
    std::uint32_t next_doc_begin;  // where the next block's entries start
    std::uint32_t next_pos_begin;  // where the next block's positions start
  };

  list_ref list_;
  std::vector<skip_row> skips_;
  const std::uint8_t* entries_ = nullptr;
  const std::uint8_t* p_ = nullptr;
  const std::uint8_t* end_ = nullptr;
  const std::uint8_t* block_positions_ = nullptr;
  std::uint32_t positions_before_ = 0;  // positions of earlier entries in this block
  std::uint32_t index_ = 0;             // entries consumed
  doc_id prev_ = no_doc;
  doc_id doc_ = no_doc;
  std::uint32_t tf_text_ = 0, tf_title_ = 0;
};

}  // namespace fahras::detail
