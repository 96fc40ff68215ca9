// The dictionary section (doc/format.md, "dictionary"): front-coded keys in blocks, each with
// the sizes of its term's lists; its writer, the view and iterator that read it in place, and
// the check of every entry and list that loading runs on untrusted bytes.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../../error.hpp"
#include "bytes.hpp"
#include "index_source.hpp"
#include "postings.hpp"
#include "sections.hpp"
#include "term_key.hpp"
#include "varint.hpp"

namespace fahras::detail {

inline constexpr std::uint32_t dictionary_block_terms = 32;
inline constexpr std::size_t max_key_bytes = 1024;
inline constexpr std::size_t block_header_size = 16;
inline constexpr std::uint32_t min_entry_bytes = 4;
// The lists a term has: one bit each.
inline constexpr std::uint8_t list_form = 1;
inline constexpr std::uint8_t list_stem = 2;
inline constexpr std::uint8_t list_whole = 4;
inline constexpr std::uint8_t list_docs = 8;

/// One dictionary entry as decoded: its key and its lists.
struct dictionary_entry {
  std::uint32_t ordinal = 0;
  std::string_view key;  // valid until the iterator moves
  /// Documents with this exact normalized form: 0 if the key is not a word form.
  std::uint32_t form_doc_freq = 0;
  /// The form's occurrences as a list over its stem list's entries; empty when `form_whole`.
  list_ref form;
  bool form_whole = false;
  list_ref stem;         // documents with a word of this stem, with positions
  list_ref docs;         // documents of a metadata term; term ordinals of a variant term
  bool variant = false;  // a spelling-variant term: `docs` numbers dictionary terms

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
      : dict_(dict),
        postings_(postings),
        positions_(positions),
        block_count_(block_count),
        term_count_(term_count),
        index_(index),
        blocks_(blocks) {}
  /// A collection's: the sections only give their sizes; `source` has the bytes.
  dictionary_view(const dictionary_source* source, section_view dict, section_view postings,
                  section_view positions, std::uint32_t block_count, std::uint32_t term_count)
      : dict_(dict),
        postings_(postings),
        positions_(positions),
        block_count_(block_count),
        term_count_(term_count),
        source_(source) {}

  std::uint32_t block_count() const noexcept { return block_count_; }
  std::uint32_t term_count() const noexcept { return term_count_; }
  /// Null for a single-file index.
  const dictionary_source* source() const noexcept { return if_collections(source_); }

  // The single-file dictionary's block index row of block b (not for a collection).
  struct block_header {
    std::uint32_t offset, first_term, postings_begin, positions_begin;
  };
  block_header block(std::uint32_t b) const {
    const std::uint8_t* p = index_ + static_cast<std::size_t>(b) * 16;
    return {read_u32(p), read_u32(p + 4), read_u32(p + 8), read_u32(p + 12)};
  }
  const section_view& section() const noexcept { return dict_; }
  const std::uint8_t* block_index() const noexcept { return index_; }
  const std::uint8_t* blocks_begin() const noexcept { return blocks_; }
  const std::uint8_t* dict_end() const noexcept { return dict_.data + dict_.size; }
  const section_view& postings() const noexcept { return postings_; }
  const section_view& positions() const noexcept { return positions_; }

  /// Block b, wherever it is; false when a collection cannot load it.
  bool locate(std::uint32_t b, dictionary_read read, dictionary_block& out) const {
    if (source_ != nullptr) return source_->block(b, read, out);
    const block_header h = block(b);
    out = {h.first_term,       h.postings_begin, h.positions_begin,
           blocks_ + h.offset, dict_end(),       nullptr};
    return true;
  }
  /// The ordinal of block b's first term.
  std::uint32_t first_term(std::uint32_t b) const {
    return source_ != nullptr ? source_->first_term(b) : block(b).first_term;
  }

  /// The first key of block b (stored whole).
  std::string_view first_key(std::uint32_t b) const {
    if (source_ != nullptr) return source_->first_key(b);
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
    if (source_ != nullptr) return source_->find_block(key, dictionary_read::point);
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

  /// The entry of `key` (term_key encoded), if present; its `key` is left empty.
  std::optional<dictionary_entry> find(std::string_view key) const {
    return find(key, find_block(key));
  }
  /// find(key) when the caller has found the key's block (find_block(key)) its own way.
  std::optional<dictionary_entry> find(std::string_view key, std::uint32_t block) const;

 private:
  section_view dict_, postings_, positions_;
  std::uint32_t block_count_ = 0, term_count_ = 0;
  const std::uint8_t* index_ = nullptr;
  const std::uint8_t* blocks_ = nullptr;
  const dictionary_source* source_ = nullptr;
};

/// Iterates dictionary entries in key order from the start of a block. Bounds-checked: on
/// malformed bytes it stops and reports `failed()` (validation uses this to find errors).
///
/// next() decodes each entry whole. A walk that needs the lists of few entries moves with
/// next_key() or skip_below() instead, which read keys and only the sizes of the lists (they
/// place the lists of the entries after), and calls decode() for the entries it keeps.
class dictionary_iterator {
 public:
  /// Starts at the first entry of `block`; the walk reads no block beyond `extent`.
  dictionary_iterator(const dictionary_view& dict, std::uint32_t block, walk_extent extent = {})
      : dict_(&dict), block_(block), extent_(extent) {
    start_block(true);
  }

  bool valid() const noexcept { return valid_; }
  bool failed() const noexcept { return failed_; }
  std::size_t fail_offset() const noexcept { return fail_offset_; }
  /// The current entry, whole after next() (after next_key() or skip_below(): see decode()).
  const dictionary_entry& entry() const noexcept { return entry_; }
  /// The current entry's key, however the iterator moved to it.
  std::string_view key() const noexcept { return {key_.data(), key_size_}; }
  std::uint32_t block_index() const noexcept { return block_; }
  /// The current entry's ordinal, however the iterator moved to it.
  std::uint32_t ordinal() const noexcept { return ordinal_; }

  void next() { advance(true); }
  /// Moves to the next entry, reading its key but not its lists: entry() is stale until
  /// decode().
  void next_key() { advance(false); }

  /// The current entry whole, its lists decoded if next_key() or skip_below() passed them.
  const dictionary_entry& decode() {
    if (valid_ && !decoded_) {
      p_ = lists_at_;
      postings_at_ = entry_postings_at_;
      positions_at_ = entry_positions_at_;
      read_lists(true);  // the bytes next_key() checked: reads them again to the same place
    }
    return entry_;
  }

  /// Moves forward (as next_key()) to the first entry whose key is not below `target`; returns
  /// how many entries it moved over.
  std::size_t skip_below(std::string_view target) {
    if (!valid_) return 0;
    // `same`: the bytes the key shares with target. The next key shares its first `shared_`
    // bytes with this one: when that is more than `same`, it differs from target where this
    // key does, and is below it as well; else it is compared from `shared_` on. So a key
    // costs the bytes it adds, not a comparison from its first byte.
    std::size_t same = 0;
    std::size_t moved = 0;
    for (;;) {
      const std::size_t limit = std::min(key_size_, target.size());
      while (same < limit && key_[same] == target[same]) ++same;
      const bool below = same < limit ? static_cast<std::uint8_t>(key_[same]) <
                                            static_cast<std::uint8_t>(target[same])
                                      : key_size_ < target.size();
      if (!below) return moved;
      do {
        next_key();
        ++moved;
        if (!valid_) return moved;
      } while (shared_ > same);
      same = shared_;
    }
  }

  /// Bounds the walk to `entries` more entries from the current one (see walk_extent).
  void read_at_most(std::uint32_t entries) {
    extent_.end_term =
        entries > ~std::uint32_t{0} - ordinal_ ? ~std::uint32_t{0} : ordinal_ + entries;
  }

  /// Starts again at the first entry of block `b` (as a new iterator would, reusing this one's
  /// buffer, and forgetting a failure in the block it was in), its lists not decoded.
  void restart(std::uint32_t b) {
    block_ = b;
    failed_ = false;
    fail_offset_ = 0;
    start_block(false);
  }

 private:
  void advance(bool lists) {
    if (!valid_) return;
    ++ordinal_;
    if (ordinal_ >= dict_->term_count()) {
      valid_ = false;
      return;
    }
    if (ordinal_ >= block_end_) {
      // A collection knows the first key of a shard's first block without loading it.
      if (extent_.bounded() && !extent_.reaches(dict_->first_key(block_ + 1), block_end_)) {
        valid_ = false;
        return;
      }
      ++block_;
      start_block(lists);
      return;
    }
    read_entry(false, lists);
  }

  void start_block(bool lists) {
    valid_ = false;
    if (block_ >= dict_->block_count()) return;
    dictionary_block h;
    // A collection may lack the block (and says why).
    while (!dict_->locate(block_, extent_.read(), h)) {
      block_ = dict_->source()->resume_after(block_, extent_);
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
    key_size_ = 0;
    read_entry(true, lists);
  }

  bool fail() {
    failed_ = true;
    valid_ = false;
    fail_offset_ = lists_ == nullptr ? static_cast<std::size_t>(p_ - dict_->blocks_begin()) : 0;
    return false;
  }

  FAHRAS_ALWAYS_INLINE bool get(std::uint32_t& v) {
    const std::size_t n = get_varint(p_, end_, v);
    if (n == 0) return fail();
    p_ += n;
    return true;
  }

  // Reads a list's sizes, and the list into `list` unless it is null.
  bool read_list(list_ref* list, bool with_positions) {
    std::uint32_t df = 0, size = 0, pos_size = 0;
    if (!get(df) || !get(size)) return false;
    if (with_positions && !get(pos_size)) return false;
    if (lists_ != nullptr) {  // a collection's list: its bytes load when a cursor reads it
      if (list != nullptr)
        *list = list_ref{nullptr,        size,   df,           nullptr,      pos_size,
                         with_positions, lists_, postings_at_, positions_at_};
      postings_at_ += size;
      positions_at_ += pos_size;
      return true;
    }
    const auto& post = dict_->postings();
    const auto& pos = dict_->positions();
    if (size > post.size || postings_at_ > post.size - size) return fail();
    if (pos_size > pos.size || positions_at_ > pos.size - pos_size) return fail();
    if (list != nullptr) {
      list->data = post.data + postings_at_;
      list->size = size;
      list->doc_freq = df;
      list->has_positions = with_positions;
      list->positions = with_positions ? pos.data + positions_at_ : nullptr;
      list->positions_size = pos_size;
    }
    postings_at_ += size;
    positions_at_ += pos_size;
    return true;
  }

  // The sizes that open an entry: of the prefix it shares with the previous key (of
  // `previous_size` bytes) and of the rest, which follows.
  bool read_key_size(bool first_in_block, std::size_t previous_size, std::uint32_t& shared,
                     std::uint32_t& length) {
    if (!get(shared) || !get(length)) return false;
    if ((first_in_block && shared != 0) || shared > previous_size || length > max_key_bytes ||
        length > static_cast<std::size_t>(end_ - p_))
      return fail();
    return true;
  }

  void read_entry(bool first_in_block, bool lists) {
    std::uint32_t shared = 0, length = 0;
    if (!read_key_size(first_in_block, key_size_, shared, length)) return;
    read_key(shared, length);
    shared_ = shared;
    read_lists_byte();
    if (valid_) read_lists(lists);
  }

  // The key: the first `shared` bytes of key() and the `length` at p_ (read_key_size checked
  // them). key_ only grows, so that most keys are copied in place.
  void read_key(std::size_t shared, std::uint32_t length) {
    if (key_.size() < shared + length) key_.resize(shared + length);
    std::copy(p_, p_ + length, key_.begin() + static_cast<std::ptrdiff_t>(shared));
    key_size_ = shared + length;
    p_ += length;
  }

  // The byte saying which lists follow the key, checked (a docs list exactly for the keys that
  // are not words, is_control_key); sets valid_.
  void read_lists_byte() {
    valid_ = false;
    if (p_ >= end_) {
      fail();
      return;
    }
    const std::uint8_t lists = *p_++;
    const bool form = lists & list_form, whole = lists & list_whole, stem = lists & list_stem,
               docs = lists & list_docs;
    if (lists == 0 || lists > 15 || (form && whole) || (docs && (form || whole || stem)) ||
        docs != is_control_key(key())) {
      fail();
      return;
    }
    lists_byte_ = lists;
    lists_at_ = p_;
    entry_postings_at_ = postings_at_;
    entry_positions_at_ = positions_at_;
    valid_ = true;
  }

  // The lists lists_byte_ names, into entry_ if `decode`, else only their sizes.
  void read_lists(bool decode) {
    valid_ = false;
    decoded_ = decode;
    const std::uint8_t lists = lists_byte_;
    dictionary_entry* e = decode ? &entry_ : nullptr;
    if (decode) {
      entry_ = dictionary_entry{};
      entry_.ordinal = ordinal_;
      entry_.variant = is_variant_key(key());
    }
    if ((lists & list_form) && !read_list(e ? &e->form : nullptr, false)) return;
    if (e && (lists & list_form)) e->form_doc_freq = e->form.doc_freq;
    if (lists & list_whole) {
      std::uint32_t df = 0;
      if (!get(df)) return;
      if (df == 0) {
        fail();
        return;
      }
      if (e) {
        e->form_doc_freq = df;
        e->form_whole = true;
      }
    }
    if ((lists & list_stem) && !read_list(e ? &e->stem : nullptr, true)) return;
    if ((lists & list_docs) && !read_list(e ? &e->docs : nullptr, false)) return;
    if (e) e->key = key();
    valid_ = true;
  }

  const dictionary_view* dict_;
  std::uint32_t block_;
  walk_extent extent_;
  std::uint32_t ordinal_ = 0;
  const std::uint8_t* p_ = nullptr;
  const std::uint8_t* end_ = nullptr;
  const list_source* lists_ = nullptr;
  std::uint32_t block_end_ = 0;  // ordinal of the next block's first term
  std::uint32_t postings_at_ = 0, positions_at_ = 0;
  std::string key_;  // key() is its first key_size_ bytes
  std::size_t key_size_ = 0;
  std::size_t shared_ = 0;  // bytes the key shares with the previous one (0 first in a block)
  dictionary_entry entry_;
  // The current entry's lists: which, where their sizes start, and the offsets before them.
  std::uint8_t lists_byte_ = 0;
  const std::uint8_t* lists_at_ = nullptr;
  std::uint32_t entry_postings_at_ = 0, entry_positions_at_ = 0;
  bool decoded_ = true;  // entry_ is the current entry's
  bool valid_ = false;
  bool failed_ = false;
  std::size_t fail_offset_ = 0;
};

inline std::optional<dictionary_entry> dictionary_view::find(std::string_view key,
                                                             std::uint32_t block) const {
  if (term_count_ == 0) return std::nullopt;
  dictionary_iterator it(*this, block, walk_extent::through(key));
  it.skip_below(key);
  if (!it.valid() || it.key() != key) return std::nullopt;
  dictionary_entry e = it.decode();
  if (!it.valid()) return std::nullopt;
  e.key = {};
  return e;
}

/// Writes the dictionary section as the builder hands it each term in key order with the
/// sizes of the lists it wrote for it (in that order) to the postings and positions sections.
class dictionary_writer {
 public:
  struct list_sizes {
    std::uint32_t doc_freq = 0, size = 0, positions_size = 0;
  };

  /// The next term: its key (greater than the previous one), the lists it has (`list_*`
  /// bits), the document frequency of a whole form, its form list or (metadata terms) its
  /// document list, and its stem list.
  void add(std::string_view key, std::uint8_t lists, std::uint32_t whole_doc_freq,
           const list_sizes& form_or_docs, const list_sizes& stem) {
    if (term_count_ % dictionary_block_terms == 0) {
      put_u32(index_, static_cast<std::uint32_t>(blocks_.size()));
      put_u32(index_, term_count_);
      put_u32(index_, static_cast<std::uint32_t>(postings_size_));
      put_u32(index_, static_cast<std::uint32_t>(positions_size_));
      previous_.clear();
      ++block_count_;
    }
    const std::size_t shared = shared_prefix(previous_, key);
#ifndef __EMSCRIPTEN__
    // Natively the builder adds every term here: the entry is put together in a buffer and
    // appended whole, not a byte at a time (a call each). The same bytes as below.
    constexpr std::size_t short_key = 64;  // longer (rare): appended on its own
    const std::string_view rest = key.substr(shared);
    std::uint8_t entry[2 * max_varint_bytes + short_key + 1 + 6 * max_varint_bytes];
    std::size_t e = put_varint(entry, static_cast<std::uint32_t>(shared));
    e += put_varint(entry + e, static_cast<std::uint32_t>(rest.size()));
    if (rest.size() <= short_key) {
      std::copy(rest.begin(), rest.end(), entry + e);
      e += rest.size();
    } else {
      blocks_.append(reinterpret_cast<const char*>(entry), e);
      blocks_.append(rest);
      e = 0;
    }
    previous_.assign(key);
    entry[e++] = lists;
    if (lists & list_whole) e += put_varint(entry + e, whole_doc_freq);
    if (lists & (list_form | list_docs)) {
      e += put_varint(entry + e, form_or_docs.doc_freq);
      e += put_varint(entry + e, form_or_docs.size);
      postings_size_ += form_or_docs.size;
    }
    if (lists & list_stem) {
      e += put_varint(entry + e, stem.doc_freq);
      e += put_varint(entry + e, stem.size);
      e += put_varint(entry + e, stem.positions_size);
      postings_size_ += stem.size;
      positions_size_ += stem.positions_size;
    }
    blocks_.append(reinterpret_cast<const char*>(entry), e);
#else
    put_varint(blocks_, static_cast<std::uint32_t>(shared));
    put_string(blocks_, key.substr(shared));
    previous_.assign(key);
    blocks_.push_back(static_cast<char>(lists));
    if (lists & list_whole) put_varint(blocks_, whole_doc_freq);
    if (lists & (list_form | list_docs)) {
      put_varint(blocks_, form_or_docs.doc_freq);
      put_varint(blocks_, form_or_docs.size);
      postings_size_ += form_or_docs.size;
    }
    if (lists & list_stem) {
      put_varint(blocks_, stem.doc_freq);
      put_varint(blocks_, stem.size);
      put_varint(blocks_, stem.positions_size);
      postings_size_ += stem.size;
      positions_size_ += stem.positions_size;
    }
#endif
    ++term_count_;
  }

  /// Bytes of the lists added so far.
  std::uint64_t postings_size() const noexcept { return postings_size_; }

  /// The section, in two parts: `head()` then `blocks()` (not joined: that would copy the
  /// largest section once more).
  std::string head() const {
    std::string out;
    put_varint(out, block_count_);
    put_varint(out, term_count_);
    out += index_;
    return out;
  }
  const std::string& blocks() const noexcept { return blocks_; }

 private:
  std::string index_, blocks_, previous_;
  std::uint32_t block_count_ = 0, term_count_ = 0;
  std::uint64_t postings_size_ = 0, positions_size_ = 0;
};

/// Reads the dictionary's counts and checks its block index: blocks in order, inside their
/// sections.
inline result<dictionary_view> read_dictionary(const section_view& dict,
                                               const section_view& postings,
                                               const section_view& positions,
                                               const std::uint8_t* file) {
  byte_reader dr(dict.data, dict.data + dict.size, dict.offset);
  const std::uint32_t block_count = dr.varint_at_most(dict.size / block_header_size);
  const std::uint32_t term_count = dr.varint();
  if (!dr.ok()) return make_error(errc::corrupt, dr.error_offset(), "dictionary header");
  if (dr.left() < std::size_t{block_count} * block_header_size)
    return corrupt(dr.offset(), "dictionary block index");
  const std::uint8_t* block_index = dr.position();
  const std::uint8_t* blocks = block_index + std::size_t{block_count} * block_header_size;
  const auto blocks_size = static_cast<std::uint32_t>(dict.data + dict.size - blocks);
  // An entry takes at least 4 bytes (shared, length, lists, a list's first count): a larger
  // count cannot be real, and readers allocate a byte per term.
  if ((term_count == 0) != (block_count == 0) ||
      std::uint64_t{block_count} > (std::uint64_t{term_count} + dictionary_block_terms - 1) ||
      term_count > blocks_size / min_entry_bytes)
    return corrupt(dict.offset, "dictionary counts");
  for (std::uint32_t b = 0; b < block_count; ++b) {
    const std::uint8_t* h = block_index + std::size_t{b} * block_header_size;
    const std::size_t at = static_cast<std::size_t>(h - file);
    const std::uint32_t offset = read_u32(h), first = read_u32(h + 4);
    const std::uint32_t post = read_u32(h + 8), pos = read_u32(h + 12);
    if (offset >= blocks_size || first >= term_count || post > postings.size ||
        pos > positions.size)
      return corrupt(at, "dictionary block");
    if (b == 0 ? (offset != 0 || first != 0 || post != 0 || pos != 0)
               : (offset <= read_u32(h - 16) || first <= read_u32(h - 12) ||
                  post < read_u32(h - 8) || pos < read_u32(h - 4)))
      return corrupt(at, "dictionary blocks out of order");
  }
  return dictionary_view(dict, postings, positions, block_count, term_count, block_index, blocks);
}

/// What is wrong with a dictionary entry's own lists, or "": its stem list (frequencies
/// within the document's lengths: `lengths` is the docs section, or unknown_lengths), its docs
/// list, a whole form's document frequency. A form list is checked against its stem's list instead
/// (check_form); here it must only not be empty. A variant term's list numbers terms, below
/// `term_count`. `list` is set to the list at fault.
template <class DocLengths>
const char* check_entry_lists(const dictionary_entry& e, std::uint32_t doc_count,
                              const DocLengths& lengths, const list_ref*& list,
                              std::uint32_t term_count) {
  list = nullptr;
  if (e.form_whole && e.form_doc_freq > doc_count) return "document frequency out of range";
  const auto none = [](std::uint32_t, std::uint32_t, std::uint32_t) { return ""; };
  const auto within_document = [&](std::uint32_t d, std::uint32_t tf_text,
                                   std::uint32_t tf_title) -> const char* {
    if constexpr (std::is_same_v<DocLengths, unknown_lengths>) {
      return "";  // a collection's lengths are in its document shards: not fetched for this
    } else {
      return tf_text > lengths.text(d) || tf_title > lengths.title(d)
                 ? "term frequency above document length"
                 : "";
    }
  };
  for (const list_ref* l : {&e.form, &e.stem, &e.docs}) {
    if (l->data == nullptr) continue;
    list = l;
    const char* what = l == &e.form ? (l->doc_freq == 0 ? "empty list" : "")
                       : l == &e.stem
                           ? validate_list(*l, doc_count, lengths, within_document)
                           // a docs list has no positions: `lengths` is unread
                           : validate_list(*l, e.variant ? term_count : doc_count, lengths, none);
    if (*what != '\0') return what;
  }
  return "";
}

/// A stem list's frequencies entry by entry: what the lists of its forms are checked against.
struct stem_frequencies {
  std::uint32_t doc_freq = 0;
  std::vector<std::uint32_t> tf_text, tf_title;

  /// Decodes `stem` (a list that passed check_entry_lists).
  void read(const list_ref& stem) {
    doc_freq = stem.doc_freq;
    tf_text.clear();
    tf_title.clear();
    postings_cursor c(stem);
    while (c.next()) {
      tf_text.push_back(c.tf_text());
      tf_title.push_back(c.tf_title());
    }
  }
};

/// What is wrong with a word form against its stem's list, or "": a whole form occurs wherever
/// the stem does; a form list numbers entries of the stem list, with frequencies no larger.
/// `stem` is needed only when the form is not whole. A form list has no positions, so no
/// document lengths are needed (one validate_list for every caller).
inline const char* check_form(const dictionary_entry& form, std::uint32_t stem_doc_freq,
                              const stem_frequencies* stem) {
  if (form.form_whole)
    return form.form_doc_freq == stem_doc_freq ? "" : "whole form differs from its stem";
  if (stem == nullptr) return "word form without its stem";
  return validate_list(form.form, stem_doc_freq, unknown_lengths{},
                       [stem](std::uint32_t i, std::uint32_t tf_text, std::uint32_t tf_title) {
                         return tf_text > stem->tf_text[i] || tf_title > stem->tf_title[i]
                                    ? "word form more frequent than its stem"
                                    : "";
                       });
}

/// Where a list's bytes start in the whole index, for error offsets.
inline std::size_t list_offset(const dictionary_view& dict, const list_ref& list) {
  const section_view& postings = dict.postings();
  return postings.offset + static_cast<std::size_t>(list.data ? list.data - postings.data : 0);
}

/// Walks every dictionary entry: keys strictly increasing, lists tiling the postings and
/// positions sections exactly, every list decoding cleanly (`lengths`: the docs section); then
/// checks each word form's list against its stem's list (entries within it, frequencies no
/// larger than the stem's). `stem(word)` is the analyzer's stem of a decoded word form; `file`
/// the first byte of the index, for error offsets.
template <class DocLengths, class Stem>
std::optional<error> validate_dictionary(const dictionary_view& dict, std::uint32_t doc_count,
                                         const DocLengths& lengths, Stem&& stem,
                                         const std::uint8_t* file) {
  const section_view& postings = dict.postings();
  const section_view& positions = dict.positions();
  const std::size_t dict_offset = static_cast<std::size_t>(dict.block_index() - file);
  std::string previous;
  std::uint32_t expected_post = 0, expected_pos = 0, count = 0;
  dictionary_iterator it(dict, 0);
  for (std::uint32_t b = 0; b < dict.block_count(); ++b) {
    const auto h = dict.block(b);
    if (h.postings_begin != expected_post || h.positions_begin != expected_pos)
      return corrupt(dict_offset + block_header_size * b, "dictionary block offsets");
    if (!it.valid() || it.block_index() != b) break;
    const std::uint32_t block_end =
        b + 1 < dict.block_count() ? dict.block(b + 1).first_term : dict.term_count();
    for (; it.valid() && it.entry().ordinal < block_end; it.next()) {
      const dictionary_entry& e = it.entry();
      if (count > 0 && !(previous < e.key))
        return corrupt(dict_offset, "dictionary keys out of order");
      previous.assign(e.key);
      for (const list_ref* l : {&e.form, &e.stem, &e.docs}) {
        if (l->data == nullptr) continue;
        if (l->data != postings.data + expected_post ||
            (l->has_positions && l->positions != positions.data + expected_pos))
          return corrupt(postings.offset + expected_post, "posting lists out of place");
        expected_post += l->size;
        expected_pos += l->positions_size;
      }
      const list_ref* at = nullptr;
      if (const char* what = check_entry_lists(e, doc_count, lengths, at, dict.term_count());
          *what != '\0')
        return corrupt(at ? list_offset(dict, *at) : dict_offset, what);
      ++count;
    }
    if (it.failed()) break;
  }
  if (it.failed())
    return corrupt(static_cast<std::size_t>(dict.blocks_begin() - file) + it.fail_offset(),
                   "dictionary entry");
  if (count != dict.term_count()) return corrupt(dict_offset, "dictionary term count");
  if (expected_post != postings.size || expected_pos != positions.size)
    return corrupt(postings.offset + expected_post, "posting lists do not fill their section");

  // Word forms against their stems, grouped by stem so that each stem list is decoded once
  // (forms of one stem need not be neighbours in key order: checking them in key order could
  // decode a frequent stem's list once per form).
  struct form_to_check {
    std::string stem_key;
    dictionary_entry form;  // without its key
  };
  std::vector<form_to_check> forms;
  for (dictionary_iterator f(dict, 0); dict.term_count() > 0 && f.valid(); f.next()) {
    const dictionary_entry& e = f.entry();
    if (!e.is_form()) continue;
    forms.push_back({encode_key(stem(decode_key(e.key))), e});
    forms.back().form.key = {};
  }
  std::stable_sort(forms.begin(), forms.end(), [](const form_to_check& a, const form_to_check& b) {
    return a.stem_key < b.stem_key;
  });
  std::optional<dictionary_entry> stem_entry;
  stem_frequencies stem_lists;
  const std::string* stem_key = nullptr;
  for (const form_to_check& f : forms) {
    if (stem_key == nullptr || f.stem_key != *stem_key) {
      stem_key = &f.stem_key;
      stem_entry = dict.find(f.stem_key);
      if (stem_entry && !stem_entry->stem.empty()) stem_lists.read(stem_entry->stem);
    }
    const bool has_stem = stem_entry && !stem_entry->stem.empty();
    const char* what = has_stem ? check_form(f.form, stem_entry->stem.doc_freq, &stem_lists)
                                : "word form without its stem";
    if (*what != '\0') return corrupt(list_offset(dict, f.form.form), what);
  }
  return std::nullopt;
}

}  // namespace fahras::detail
