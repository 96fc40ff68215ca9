// Posting lists: how documents, term frequencies and positions of one term are encoded, and a
// cursor that walks them with skips.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "../types.hpp"
#include "index_source.hpp"
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
// Form lists use the same coding with "doc" meaning the entry number in their stem's list.
//
// Lists longer than `skip_block` entries start with a skip table, one row per block but the
// last: varint(last doc of the block - last doc of the previous block), varint(bytes of the
// block's entries), and for lists with positions varint(bits of the block's positions).
//
// Positions (stem lists only) live in their own section. A list's positions start with one
// byte, the Rice parameter r (0..30), then a bit stream (least significant bit first): per
// entry, tf_title + tf_text values, increasing positions coded as the first position as is
// and then (position - previous - 1). A value v is q = v >> r one-bits, a zero-bit and the r
// low bits of v; a quotient of 32 or more is 32 one-bits and then v in 32 bits. Title words
// take positions [0, title_length), text words [title_length + 1, title_length + 1 + length).
inline constexpr std::uint32_t skip_block = 128;
inline constexpr std::uint32_t no_doc = 0xFFFFFFFFu;
inline constexpr std::uint32_t rice_escape = 32;
inline constexpr std::uint32_t max_rice_parameter = 30;

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

// --- Rice-coded bit streams ----------------------------------------------------------------

inline std::uint32_t count_trailing_ones(std::uint64_t w) noexcept {
  w = ~w;
  if (w == 0) return 64;
#if defined(__GNUC__) || defined(__clang__)
  return static_cast<std::uint32_t>(__builtin_ctzll(w));
#else
  std::uint32_t n = 0;
  while ((w & 1u) == 0) {
    w >>= 1;
    ++n;
  }
  return n;
#endif
}

/// Bits of v under Rice parameter r.
inline std::uint64_t rice_bits(std::uint32_t v, std::uint32_t r) noexcept {
  const std::uint32_t q = v >> r;
  return q < rice_escape ? q + 1u + r : rice_escape + 32u;
}

class bit_writer {
 public:
  explicit bit_writer(std::string& out) : out_(out) {}
  void put(std::uint64_t bits, std::uint32_t count) {  // count <= 32
    acc_ |= (bits & ((std::uint64_t{1} << count) - 1)) << used_;
    used_ += count;
    total_ += count;
    while (used_ >= 8) {
      out_.push_back(static_cast<char>(acc_ & 0xFF));
      acc_ >>= 8;
      used_ -= 8;
    }
  }
  void rice(std::uint32_t v, std::uint32_t r) {
    const std::uint32_t q = v >> r;
    if (q < rice_escape) {
      put((std::uint64_t{1} << q) - 1, q + 1);  // q ones, then a zero
      if (r > 0) put(v, r);
    } else {
      put(0xFFFFFFFFu, rice_escape);
      put(v, 32);
    }
  }
  void finish() {
    if (used_ > 0) out_.push_back(static_cast<char>(acc_ & 0xFF));
    acc_ = 0;
    used_ = 0;
  }
  std::uint64_t bits() const noexcept { return total_; }

 private:
  std::string& out_;
  std::uint64_t acc_ = 0;
  std::uint32_t used_ = 0;
  std::uint64_t total_ = 0;
};

/// Reads a Rice-coded stream of `size` bytes; reading past the end sets `overrun()` and
/// yields zeros, so a malformed stream can never read outside its bytes.
class bit_reader {
 public:
  bit_reader(const std::uint8_t* data, std::uint32_t size, std::uint64_t bit = 0)
      : data_(data), size_bits_(std::uint64_t{size} * 8), bit_(bit) {}

  std::uint64_t position() const noexcept { return bit_; }
  bool overrun() const noexcept { return bit_ > size_bits_; }

  std::uint32_t rice(std::uint32_t r) {
    // Fast path: unary part, stop bit and low bits all inside one 64-bit window.
    const std::uint64_t w = peek();
    const std::uint32_t ones = count_trailing_ones(w);
    if (ones < rice_escape && ones + 1 + r <= 57) {
      bit_ += ones + 1 + r;
      const std::uint64_t low = r > 0 ? (w >> (ones + 1)) & ((std::uint64_t{1} << r) - 1) : 0;
      return static_cast<std::uint32_t>((std::uint64_t{ones} << r) | low);
    }
    std::uint32_t q = 0;
    for (;;) {
      const std::uint32_t ones = count_trailing_ones(peek());
      const std::uint32_t take = ones < 57 ? ones : 56;  // peek holds at least 57 valid bits
      q += take;
      bit_ += take;
      if (q >= rice_escape) {
        bit_ -= q - rice_escape;  // exactly 32 ones mark the escape
        return static_cast<std::uint32_t>(get(32));
      }
      if (ones < 57) break;
      if (overrun()) return 0;
    }
    ++bit_;  // the zero
    const std::uint32_t low = r > 0 ? static_cast<std::uint32_t>(get(r)) : 0;
    return static_cast<std::uint32_t>(q) << r | low;
  }

  std::uint64_t get(std::uint32_t count) {  // count <= 32
    const std::uint64_t v = peek() & ((std::uint64_t{1} << count) - 1);
    bit_ += count;
    return v;
  }

 private:
  // 64 bits from bit_ on (zeros past the end); the low 57 are always meaningful.
  std::uint64_t peek() const {
    const std::uint64_t byte = bit_ >> 3;
    const std::uint64_t size = size_bits_ >> 3;
    std::uint64_t w = 0;
    if (byte + 8 <= size) {
      unsigned char b[8];
      std::memcpy(b, data_ + byte, 8);  // little-endian assembly, whatever the host order
      for (int i = 0; i < 8; ++i) w |= std::uint64_t{b[i]} << (8 * i);
    } else {
      for (std::uint64_t i = 0; i < 8 && byte + i < size; ++i)
        w |= std::uint64_t{data_[byte + i]} << (8 * i);
    }
    return w >> (bit_ & 7);
  }

  const std::uint8_t* data_;
  std::uint64_t size_bits_;
  std::uint64_t bit_;
};

/// The Rice parameter that codes `values` in the fewest bits. The optimum lies near log2 of
/// the mean, so only its neighbourhood is tried.
inline std::uint32_t best_rice_parameter(const std::vector<std::uint32_t>& values) {
  if (values.empty()) return 0;
  std::uint64_t sum = 0;
  for (std::uint32_t v : values) sum += v;
  std::uint32_t guess = 0;
  while (guess < max_rice_parameter && (std::uint64_t{1} << (guess + 1)) <= sum / values.size()) ++guess;
  const std::uint32_t lo = guess > 2 ? guess - 2 : 0;
  const std::uint32_t hi = guess + 2 < max_rice_parameter ? guess + 2 : max_rice_parameter;
  std::uint32_t best = lo;
  std::uint64_t best_bits = ~std::uint64_t{0};
  for (std::uint32_t r = lo; r <= hi; ++r) {
    std::uint64_t bits = 0;
    for (std::uint32_t v : values) bits += rice_bits(v, r);
    if (bits < best_bits) {
      best_bits = bits;
      best = r;
    }
  }
  return best;
}

// --- lists ---------------------------------------------------------------------------------

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

/// Walks one list. Lists were validated when the index was loaded, yet every read is still
/// bounds-checked: a cursor never reads outside its list.
class postings_cursor {
 public:
  postings_cursor() = default;
  explicit postings_cursor(const list_ref& list) : list_(list) {
    // A collection's list whose bytes cannot be had reads as empty; the collection reports why.
    if (list_.source != nullptr && list_.data == nullptr && !list_.source->load_postings(list_))
      list_.doc_freq = 0;
    const std::uint8_t* p = list_.data;
    const std::uint8_t* end = list_.data + list_.size;
    const std::uint32_t rows = list_.doc_freq == 0 ? 0 : (list_.doc_freq - 1) / skip_block;
    skips_.reserve(rows);
    doc_id last = no_doc;
    std::uint32_t doc_begin = 0;
    std::uint64_t pos_begin = 0;
    for (std::uint32_t i = 0; i < rows; ++i) {
      std::uint32_t delta = 0, doc_bytes = 0, pos_bits = 0;
      p += get_varint(p, end, delta);
      p += get_varint(p, end, doc_bytes);
      if (list_.has_positions) p += get_varint(p, end, pos_bits);
      last += delta;  // wraps from no_doc for the first row: deltas count from -1
      doc_begin += doc_bytes;
      pos_begin += pos_bits;
      skips_.push_back({last, doc_begin, pos_begin});
    }
    entries_ = p;
    p_ = p;
    end_ = end;
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
      block_positions_ = row.next_pos_begin;
      positions_before_ = 0;
      tf_text_ = tf_title_ = 0;  // next() sees a block start and resets the same way
    }
    while (next()) {
      if (doc_ >= target) return true;
    }
    return false;
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
      if (list_.source == nullptr || !list_.source->load_positions(list_)) return;
      rice_ = list_.positions[0];
    }
    std::uint64_t start = block_positions_;
    std::uint32_t skip = positions_before_;
    if (cache_block_ == block_positions_ && cache_values_ <= positions_before_) {
      start = cache_bit_;
      skip = positions_before_ - cache_values_;
    }
    bit_reader bits(list_.positions + 1, list_.positions_size - 1, start);
    for (std::uint32_t i = 0; i < skip; ++i) bits.rice(rice_);
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

}  // namespace fahras::detail
