// The binary index layout: section table, metadata, the front-coded dictionary and the
// validation that runs before any search touches untrusted bytes.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "../error.hpp"
#include "../types.hpp"
#include "../version.hpp"
#include "byte_reader.hpp"
#include "crc32.hpp"
#include "postings.hpp"
#include "term_key.hpp"

namespace fahras::detail {

// file    := header section* table footer                      (all integers little-endian)
// header  := "FHRS" u16 format_version u16 flags u32 total_size (flags bit 0: text is stored)
// table   := { u32 id, u32 offset, u32 length } per section
// footer  := u32 table_offset u32 section_count u32 crc32
// The CRC-32 covers every byte from the end of the header to the CRC; the header is checked
// field by field (its size is written last, when the builder streams to a file).
//
// Sections, each exactly once, in any order:
//   meta        varint doc_count, varint title_tokens, varint text_tokens, u16 fold bits,
//               u8 stemmer, u8 flags (= the header's), varint keyword count + (varint length,
//               bytes) each, varint field count + (varint length, bytes) each: the metadata
//               field names
//   docs        doc_count x (u32 title_length, u32 text_length), in tokens
//   dictionary  varint block_count, varint term_count, then block_count x
//               { u32 block_offset, u32 first_term, u32 postings_begin, u32 positions_begin }
//               and the blocks: per term, varint shared_prefix, varint suffix_length, suffix,
//               u8 lists, then per list it has, in this order:
//                 form  (bit 0) varint doc_freq, varint size: where this normalized word form
//                       occurs, as a list over the entries of its stem's list
//                 whole (bit 2) varint doc_freq: the form is its stem's only form, so it
//                       occurs exactly where the stem does (no bytes of its own)
//                 stem  (bit 1) varint doc_freq, varint size, varint positions_size
//                 docs  (bit 3) varint doc_freq, varint size: documents of a metadata term
//               Keys are term_key encoded, strictly increasing; a block's first key is whole.
//               A word key has form or whole (or neither) and may have stem; a metadata key
//               has docs only.
//   postings    every list, in dictionary order (see postings.hpp)
//   positions   the positions of every stem list, in dictionary order
//   stored      per document: varint-length strings id, title, [text], varint field count,
//               (varint field number, string) each; then u32 x (doc_count + 1) record offsets
inline constexpr char magic[4] = {'F', 'H', 'R', 'S'};
inline constexpr std::size_t header_size = 12;
inline constexpr std::size_t footer_size = 12;
inline constexpr std::size_t table_row_size = 12;
inline constexpr std::uint16_t flag_stored_text = 1;
inline constexpr std::uint32_t dictionary_block_terms = 32;
inline constexpr std::size_t max_key_bytes = 1024;
inline constexpr std::uint8_t list_form = 1;
inline constexpr std::uint8_t list_stem = 2;
inline constexpr std::uint8_t list_whole = 4;
inline constexpr std::uint8_t list_docs = 8;

enum class section : std::uint32_t {
  meta = 1,
  docs = 2,
  dictionary = 3,
  postings = 4,
  positions = 5,
  stored = 6,
};
inline constexpr std::uint32_t section_count = 6;

inline const char* section_name(section s) {
  switch (s) {
    case section::meta: return "meta";
    case section::docs: return "docs";
    case section::dictionary: return "dictionary";
    case section::postings: return "postings";
    case section::positions: return "positions";
    case section::stored: return "stored";
  }
  return "unknown";
}

// Metadata filter terms: key_meta, field name, key_meta_separator, the encoded stem of one
// token of the field's value. Control bytes keep them apart from (and before) all words.
inline constexpr char key_meta = '\x01';
inline constexpr char key_meta_separator = '\x1F';

inline std::string meta_key(std::string_view field, std::string_view stem) {
  std::string key;
  key.push_back(key_meta);
  key.append(field);
  key.push_back(key_meta_separator);
  encode_key(stem, key);
  return key;
}

inline bool is_meta_key(std::string_view key) { return !key.empty() && key[0] == key_meta; }

/// A field name usable in `field:value` filters: ASCII letters, digits, '_', '-', '.', lowered.
inline std::string filter_field_name(std::string_view name) {
  std::string out;
  if (name.empty() || name.size() > 64) return out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                    c == '.';
    if (!ok) return {};
    out.push_back(c);
  }
  return out;
}

inline std::uint32_t read_u32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

struct section_view {
  const std::uint8_t* data = nullptr;
  std::uint32_t offset = 0;  // in the whole index, for error messages
  std::uint32_t size = 0;
};

/// Everything the meta section says.
struct index_meta {
  std::uint32_t doc_count = 0;
  std::uint32_t title_tokens = 0;
  std::uint32_t text_tokens = 0;
  std::uint16_t fold_bits = 0;
  std::uint8_t stemmer_id = 0;
  bool stored_text = false;
  std::vector<std::string> keywords;
  std::vector<std::string> fields;
};

/// One dictionary entry as decoded: its key and its lists.
struct dictionary_entry {
  std::uint32_t ordinal = 0;
  std::string_view key;  // valid until the iterator moves
  /// Documents with this exact normalized form: 0 if the key is not a word form.
  std::uint32_t form_doc_freq = 0;
  /// The form's occurrences as a list over its stem list's entries; empty when `form_whole`.
  list_ref form;
  bool form_whole = false;
  list_ref stem;  // documents with a word of this stem, with positions
  list_ref docs;  // documents of a metadata term

  bool is_form() const noexcept { return form_doc_freq != 0; }
};

/// The dictionary section, read in place; or a collection's dictionary, whose blocks a
/// `source` loads on demand (doc/collection.md).
class dictionary_view {
 public:
  dictionary_view() = default;
  dictionary_view(section_view dict, section_view postings, section_view positions,
                  std::uint32_t block_count, std::uint32_t term_count, const std::uint8_t* index,
                  const std::uint8_t* blocks)
      : dict_(dict), postings_(postings), positions_(positions), block_count_(block_count),
        term_count_(term_count), index_(index), blocks_(blocks) {}
  dictionary_view(const dictionary_source* source, std::uint32_t block_count,
                  std::uint32_t term_count)
      : block_count_(block_count), term_count_(term_count), source_(source) {}

  std::uint32_t block_count() const noexcept { return block_count_; }
  std::uint32_t term_count() const noexcept { return term_count_; }
  /// Null for a single-file index.
  const dictionary_source* source() const noexcept { return source_; }

  // The single-file dictionary's block index row of block b (not for a collection).
  struct block_header {
    std::uint32_t offset, first_term, postings_begin, positions_begin;
  };
  block_header block(std::uint32_t b) const {
    const std::uint8_t* p = index_ + static_cast<std::size_t>(b) * 16;
    return {read_u32(p), read_u32(p + 4), read_u32(p + 8), read_u32(p + 12)};
  }
  const std::uint8_t* blocks_begin() const noexcept { return blocks_; }
  const std::uint8_t* dict_end() const noexcept { return dict_.data + dict_.size; }
  const section_view& postings() const noexcept { return postings_; }
  const section_view& positions() const noexcept { return positions_; }

  /// Block b, wherever it is; false when a collection cannot load it.
  bool locate(std::uint32_t b, dictionary_block& out) const {
    if (source_ != nullptr) return source_->block(b, out);
    const block_header h = block(b);
    out = {h.first_term,       h.postings_begin, h.positions_begin,
           blocks_ + h.offset, dict_end(),       nullptr};
    return true;
  }
  std::uint32_t first_term(std::uint32_t b) const {
    return source_ != nullptr ? source_->first_term(b) : block(b).first_term;
  }

  /// The first key of block b (stored whole).
  std::string_view first_key(std::uint32_t b) const {
    const std::uint8_t* p = blocks_ + block(b).offset;
    const std::uint8_t* end = dict_end();
    std::uint32_t shared = 0, length = 0;
    p += get_varint(p, end, shared);
    p += get_varint(p, end, length);
    if (length > static_cast<std::size_t>(end - p)) return {};
    return {reinterpret_cast<const char*>(p), length};
  }

  /// The last block whose first key is <= key (0 if none).
  std::uint32_t find_block(std::string_view key) const {
    if (source_ != nullptr) return source_->find_block(key);
    std::uint32_t lo = 0, hi = block_count_;
    while (hi - lo > 1) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      if (first_key(mid) <= key)
        lo = mid;
      else
        hi = mid;
    }
    return lo;
  }

 private:
  section_view dict_, postings_, positions_;
  std::uint32_t block_count_ = 0, term_count_ = 0;
  const std::uint8_t* index_ = nullptr;
  const std::uint8_t* blocks_ = nullptr;
  const dictionary_source* source_ = nullptr;
};

/// Iterates dictionary entries in key order from the start of a block. Bounds-checked: on
/// malformed bytes it stops and reports `failed()` (validation uses this to find errors).
class dictionary_iterator {
 public:
  dictionary_iterator(const dictionary_view& dict, std::uint32_t block)
      : dict_(&dict), block_(block) {
    start_block();
  }

  bool valid() const noexcept { return valid_; }
  bool failed() const noexcept { return failed_; }
  std::size_t fail_offset() const noexcept { return fail_offset_; }
  const dictionary_entry& entry() const noexcept { return entry_; }
  std::uint32_t block_index() const noexcept { return block_; }

  void next() {
    if (!valid_) return;
    ++ordinal_;
    if (ordinal_ >= dict_->term_count()) {
      valid_ = false;
      return;
    }
    if (ordinal_ >= block_end_) {
      ++block_;
      start_block();
      return;
    }
    read_entry(false);
  }

 private:
  void start_block() {
    valid_ = false;
    if (block_ >= dict_->block_count()) return;
    dictionary_block h;
    while (!dict_->locate(block_, h)) {  // a collection lacks the block (and says why)
      block_ = dict_->source()->resume_after(block_);
      if (block_ >= dict_->block_count()) return;
    }
    p_ = h.begin;
    end_ = h.end;
    lists_ = h.lists;
    ordinal_ = h.first_term;
    postings_at_ = h.postings_begin;
    positions_at_ = h.positions_begin;
    block_end_ =
        block_ + 1 < dict_->block_count() ? dict_->first_term(block_ + 1) : dict_->term_count();
    key_.clear();
    read_entry(true);
  }

  bool fail() {
    failed_ = true;
    valid_ = false;
    fail_offset_ = lists_ == nullptr ? static_cast<std::size_t>(p_ - dict_->blocks_begin()) : 0;
    return false;
  }

  bool get(std::uint32_t& v) {
    const std::size_t n = get_varint(p_, end_, v);
    if (n == 0) return fail();
    p_ += n;
    return true;
  }

  bool read_list(list_ref& list, bool with_positions) {
    std::uint32_t df = 0, size = 0, pos_size = 0;
    if (!get(df) || !get(size)) return false;
    if (with_positions && !get(pos_size)) return false;
    if (lists_ != nullptr) {  // a collection's list: its bytes load when a cursor reads it
      list = list_ref{nullptr,        size,   df,           nullptr,      pos_size,
                      with_positions, lists_, postings_at_, positions_at_};
      postings_at_ += size;
      positions_at_ += pos_size;
      return true;
    }
    const auto& post = dict_->postings();
    const auto& pos = dict_->positions();
    if (size > post.size || postings_at_ > post.size - size) return fail();
    if (pos_size > pos.size || positions_at_ > pos.size - pos_size) return fail();
    list.data = post.data + postings_at_;
    list.size = size;
    list.doc_freq = df;
    list.has_positions = with_positions;
    list.positions = with_positions ? pos.data + positions_at_ : nullptr;
    list.positions_size = pos_size;
    postings_at_ += size;
    positions_at_ += pos_size;
    return true;
  }

  void read_entry(bool first_in_block) {
    std::uint32_t shared = 0, length = 0;
    if (!get(shared) || !get(length)) return;
    if ((first_in_block && shared != 0) || shared > key_.size() || length > max_key_bytes ||
        length > static_cast<std::size_t>(end_ - p_)) {
      fail();
      return;
    }
    key_.resize(shared);
    key_.append(reinterpret_cast<const char*>(p_), length);
    p_ += length;
    if (p_ >= end_) {
      fail();
      return;
    }
    const std::uint8_t lists = *p_++;
    const bool form = lists & list_form, whole = lists & list_whole, stem = lists & list_stem,
               docs = lists & list_docs;
    if (lists == 0 || lists > 15 || (form && whole) || (docs && (form || whole || stem)) ||
        docs != is_meta_key(key_)) {
      fail();
      return;
    }
    entry_ = dictionary_entry{};
    entry_.ordinal = ordinal_;
    if (form) {
      if (!read_list(entry_.form, false)) return;
      entry_.form_doc_freq = entry_.form.doc_freq;
    }
    if (whole) {
      if (!get(entry_.form_doc_freq)) return;
      if (entry_.form_doc_freq == 0) {
        fail();
        return;
      }
      entry_.form_whole = true;
    }
    if (stem && !read_list(entry_.stem, true)) return;
    if (docs && !read_list(entry_.docs, false)) return;
    entry_.key = key_;
    valid_ = true;
  }

  const dictionary_view* dict_;
  std::uint32_t block_;
  std::uint32_t ordinal_ = 0;
  const std::uint8_t* p_ = nullptr;
  const std::uint8_t* end_ = nullptr;
  const list_source* lists_ = nullptr;
  std::uint32_t block_end_ = 0;  // ordinal of the next block's first term
  std::uint32_t postings_at_ = 0, positions_at_ = 0;
  std::string key_;
  dictionary_entry entry_;
  bool valid_ = false;
  bool failed_ = false;
  std::size_t fail_offset_ = 0;
};

}  // namespace fahras::detail
