// Variant key filter: hashes of a single-file index's spelling-variant keys, read once searches
// have paid for it (rented_once), so that a query word whose keys the index does not hold (most
// words) costs no dictionary lookup for its siblings; and the stems those keys list, so that
// most words of the index cost not even their keys.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../format/dictionary.hpp"
#include "../format/postings.hpp"
#include "../format/term_key.hpp"

// Whether the filter keeps the stems the keys list: not in WebAssembly, where the code it takes
// (about 240 bytes of the gzipped module) does not fit the module's size budget; every word
// makes its keys there. Define it to 0 or 1 to choose.
#ifndef FAHRAS_VARIANT_STEMS
#ifdef __EMSCRIPTEN__
#define FAHRAS_VARIANT_STEMS 0
#else
#define FAHRAS_VARIANT_STEMS 1
#endif
#endif

namespace fahras::detail {

/// The variant terms' keys (they sort together, after the metadata terms), as a bit table
/// that each key's hash sets two bits of: about 2 to 4 bytes a variant term, built without a
/// sort, asked with two bit tests. A word key passes by chance about once in 70 (only a
/// lookup is wasted then).
class variant_key_filter {
 public:
  /// What build() costs, in dictionary entries read by a lookup (rented_once): the entries of
  /// the blocks that hold variant keys (they sort after the metadata terms, before the words),
  /// twice, as it decodes each whole and walks its stem list (callgrind, 5 MB realistic corpus:
  /// 780 instructions a variant entry, 370 an entry a lookup reads).
  static std::uint64_t build_reads(const dictionary_view& dict) {
    if (dict.block_count() == 0) return 0;
    const std::uint32_t first = dict.find_block(std::string(1, key_skeleton));
    const std::uint32_t last = dict.find_block(std::string(1, first_word_byte));
    const std::uint32_t end =
        last + 1 < dict.block_count() ? dict.first_term(last + 1) : dict.term_count();
    return end > dict.first_term(first) ? 2 * std::uint64_t{end - dict.first_term(first)} : 0;
  }

  /// The keys of `dict`, a single-file dictionary, and the stems they list; nullopt if an entry
  /// does not decode (every key is then looked up).
  static std::optional<variant_key_filter> build(const dictionary_view& dict) {
    variant_key_filter f;
    if (dict.source() != nullptr) return std::nullopt;
    std::vector<std::uint32_t> probes;  // two a key (32-bit words: code the module has already)
    if (dict.term_count() > 0) {
      const std::string first(1, key_skeleton);
      dictionary_iterator it(dict, dict.find_block(first));
      it.skip_below(first);
      if (FAHRAS_VARIANT_STEMS) f.listed_.resize((dict.term_count() + 31) / 32);
      for (; it.valid() && is_variant_key(it.key()); it.next_key()) {
        const std::uint64_t h = hash(it.key());
        probes.push_back(static_cast<std::uint32_t>(h));
        probes.push_back(static_cast<std::uint32_t>(h >> 32));
        if (!FAHRAS_VARIANT_STEMS) continue;
        // The list is not validated yet (a search checks it before use): a cursor's entries
        // are bounds-checked, and its skip rows are bounded by its bytes. A damaged list may
        // list too few stems here; its term is unusable then, and gives no siblings either.
        const list_ref& stems = it.decode().docs;
        if (stems.doc_freq > stems.size) return std::nullopt;
        for (postings_cursor c(stems); c.next();)
          if (c.doc() < dict.term_count()) f.listed_[c.doc() / 32] |= 1u << (c.doc() % 32);
      }
      if (it.failed()) return std::nullopt;
    }
    std::size_t bits = 64;  // at least 16 a key
    while (bits < probes.size() * 8) bits *= 2;
    f.words_.resize(bits / 32);
    f.mask_ = static_cast<std::uint32_t>(bits - 1);
    for (const std::uint32_t p : probes) f.words_[(p & f.mask_) / 32] |= 1u << (p % 32);
    return f;
  }

  /// Whether a variant term lists the stem term numbered `stem`. A word form of the index whose
  /// stem is not listed has no siblings: the builder kept each of its keys that another stem
  /// shares, with its stem in the list (detail/build/variant_groups.hpp), unless it is a stopword.
  /// Without FAHRAS_VARIANT_STEMS, true: every stem may be listed.
  bool lists(std::uint32_t stem) const {
    if (!FAHRAS_VARIANT_STEMS) return true;
    return stem / 32 < listed_.size() && (listed_[stem / 32] >> (stem % 32) & 1);
  }

  /// False when the dictionary has no term `key`; true when it may have one.
  bool may_hold(std::string_view key) const {
    const std::uint64_t h = hash(key);
    return test(static_cast<std::uint32_t>(h)) && test(static_cast<std::uint32_t>(h >> 32));
  }

 private:
  static std::uint64_t hash(std::string_view key) {  // FNV-1a, its high bits mixed down
    std::uint64_t h = 0xcbf29ce484222325u;
    for (const char c : key) h = (h ^ static_cast<std::uint8_t>(c)) * 0x100000001b3u;
    return h ^ (h >> 29);
  }
  bool test(std::uint32_t p) const { return words_[(p & mask_) / 32] >> (p % 32) & 1; }

  std::vector<std::uint32_t> words_;
  std::uint32_t mask_ = 0;
  std::vector<std::uint32_t> listed_;  // a bit a term: listed by a variant term
};

}  // namespace fahras::detail
