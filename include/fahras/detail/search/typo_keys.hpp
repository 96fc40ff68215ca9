// Typo keys: a keys-only copy of a single-file index's dictionary, decoded once typo searches
// have paid for it (rented_once), so that the typo walk passes over a dead part of the
// dictionary by reading one byte a key instead of decoding each entry's key and list sizes.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../format/dictionary.hpp"
#include "../hints.hpp"
#include "key_letters.hpp"

// Whether indexes make the table: not in WebAssembly, where the code it takes (about 1.7 KB of
// the gzipped module) does not fit the module's size budget; the walk reads the dictionary
// itself there. Define it to 0 or 1 to choose.
#ifndef FAHRAS_TYPO_KEY_TABLE
#ifdef __EMSCRIPTEN__
#define FAHRAS_TYPO_KEY_TABLE 0
#else
#define FAHRAS_TYPO_KEY_TABLE 1
#endif
#endif

namespace fahras::detail {

/// The dictionary's keys in key order, front-coded like the dictionary but without its blocks
/// or lists: for key i, the bytes it shares with key i - 1 (at most `max_shared`: the stored
/// bytes of a longer shared run start there) and the bytes it adds; whether the entry is a
/// word form, and a stem; where its next sibling is; and the letters and longest length of the keys
/// below it. About 10 bytes a key plus the bytes keys add (9.3 MB for the 721 K keys of the
/// 50 MB realistic benchmark corpus, spelling-variant terms included).
class typo_key_table {
 public:
  static constexpr std::size_t max_shared = 0x7F;

  /// The dictionary entries build() reads: all of them (rented_once).
  static std::uint64_t build_reads(const dictionary_view& dict) { return dict.term_count(); }

  /// The keys of `dict`, a single-file dictionary; nullopt if an entry does not decode (the
  /// typo walk then reads the dictionary itself, and stops where the damage is).
  static std::optional<typo_key_table> build(const dictionary_view& dict) {
    typo_key_table t;
    if (dict.source() != nullptr) return std::nullopt;
    t.shared_.reserve(std::size_t{dict.term_count()} + pad);
    t.start_.reserve(std::size_t{dict.term_count()} + 1);
    std::string previous;
    if (dict.term_count() > 0) {
      dictionary_iterator it(dict, 0);
      for (; it.valid(); it.next()) {
        const std::string_view key = it.entry().key;
        if (is_control_key(key)) t.first_word_ = static_cast<std::uint32_t>(t.shared_.size() + 1);
        std::size_t shared = 0;
        const std::size_t limit = std::min({key.size(), previous.size(), max_shared});
        while (shared < limit && key[shared] == previous[shared]) ++shared;
        t.shared_.push_back(
            static_cast<std::uint8_t>(shared | (it.entry().is_form() ? form_bit : 0)));
        const std::size_t i = t.shared_.size() - 1;
        if (i % 64 == 0) t.stem_bits_.push_back(0);
        if (!it.entry().stem.empty()) t.stem_bits_[i / 64] |= std::uint64_t{1} << (i % 64);
        t.start_.push_back(static_cast<std::uint32_t>(t.bytes_.size()));
        t.bytes_.append(key.substr(shared));
        previous.assign(key);
      }
      if (it.failed() || t.shared_.size() != dict.term_count()) return std::nullopt;
    }
    t.start_.push_back(static_cast<std::uint32_t>(t.bytes_.size()));
    t.shared_.resize(t.shared_.size() + pad, 0);  // shares nothing: ends every scan
    // Each key's next sibling: the next key that shares no more than it does (the next one
    // smaller or equal, found from the back with a stack of candidates). The keys popped for
    // key i are those between it and its sibling, in runs [j, next_sibling(j)) that end to end
    // fill the gap: what they hold below them, gathered, is what key i's siblings hold.
    const std::uint32_t n = t.size();
    t.sibling_.resize(n);
    t.letters_.resize(n);
    t.longest_.resize(n);
    std::vector<std::uint32_t> later;
    for (std::uint32_t i = n; i-- > 0;) {
      const std::string_view added = t.added(i);
      std::uint32_t letters = 0;
      for (std::size_t b = 1; b < added.size(); ++b)
        letters |= key_letter_bit(static_cast<std::uint8_t>(added[b]));
      std::size_t longest = t.shared(i) + added.size();
      while (!later.empty() && t.shared(later.back()) > t.shared(i)) {
        const std::uint32_t j = later.back();
        const std::string_view first = t.added(j).substr(0, 1);
        letters |= t.letters_below(j);
        if (!first.empty()) letters |= key_letter_bit(static_cast<std::uint8_t>(first[0]));
        longest = std::max<std::size_t>(longest, t.longest_[j]);
        later.pop_back();
      }
      const std::uint32_t sibling = later.empty() ? n : later.back();
      if (sibling - i < far) {
        t.sibling_[i] = static_cast<std::uint16_t>(sibling - i);
      } else {
        t.sibling_[i] = far;
        t.far_.emplace_back(i, sibling);  // from the back: reversed below
      }
      t.letters_[i] = static_cast<std::uint16_t>(letters | letters >> 16);
      t.longest_[i] = static_cast<std::uint8_t>(std::min(longest, key_length_unknown));
      later.push_back(i);
    }
    std::reverse(t.far_.begin(), t.far_.end());
    return t;
  }

  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(start_.size() - 1); }
  /// The first key that is a word: metadata and spelling-variant keys sort before it.
  std::uint32_t first_word() const noexcept { return first_word_; }

  /// The bytes key i shares with key i - 1 and does not store (0 for the first key).
  std::size_t shared(std::uint32_t i) const noexcept { return shared_[i] & max_shared; }

  /// Key i's bytes from shared(i) on.
  std::string_view added(std::uint32_t i) const noexcept {
    return {bytes_.data() + start_[i], std::size_t{start_[i + 1] - start_[i]}};
  }

  bool is_form(std::uint32_t i) const noexcept { return (shared_[i] & form_bit) != 0; }
  /// Whether key i is a stem (has a stem list).
  bool is_stem(std::uint32_t i) const noexcept { return (stem_bits_[i / 64] >> (i % 64)) & 1u; }

  /// The first key from `i` on (or size()) that shares at most `depth` bytes with the key
  /// before it. When key i - 1 has more than `depth` bytes, the keys passed over all start with
  /// its first depth + 1 bytes.
  std::uint32_t next_sharing_at_most(std::uint32_t i, std::size_t depth) const noexcept {
    if (depth >= max_shared) return std::min(i, size());
    // Eight keys at a time: the lowest byte of x below depth + 1 is the first such key (a
    // borrow only reaches the bytes above it). Every byte is <= 0x7F once the form bit is off.
    const std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    const std::uint64_t bound = ones * (depth + 1);
    for (;; i += 8) {
      std::uint64_t x;
      std::memcpy(&x, shared_.data() + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
      x = __builtin_bswap64(x);  // key i in the lowest byte
#endif
      x &= ~highs;
      if (const std::uint64_t below = (x - bound) & ~x & highs)
        return std::min(i + static_cast<std::uint32_t>(__builtin_ctzll(below) / 8), size());
    }
  }

  /// next_sharing_at_most(i + 1, shared(i)): the key after those that start with key i's
  /// first shared(i) + 1 bytes, found without a scan.
  std::uint32_t next_sibling(std::uint32_t i) const noexcept {
    return sibling_[i] != far ? i + sibling_[i] : far_sibling(i);
  }

  /// The letters (key_letter_bit) of the keys i .. next_sibling(i) - 1 past their first
  /// shared(i) + 1 bytes: of every key below the path that key i's first added byte ends;
  /// with each letter, the one 16 bits from it (kept in pairs, in half the bytes).
  std::uint32_t letters_below(std::uint32_t i) const noexcept {
    const std::uint32_t pairs = letters_[i];
    return pairs | pairs << 16;
  }

  /// The length of the longest of the keys i .. next_sibling(i) - 1, or key_length_unknown if
  /// it is that long or longer.
  std::size_t longest_below(std::uint32_t i) const noexcept { return longest_[i]; }

  /// Bytes of memory the table holds.
  std::size_t memory() const noexcept {
    return shared_.capacity() + start_.capacity() * sizeof(std::uint32_t) +
           sibling_.capacity() * sizeof(std::uint16_t) + far_.capacity() * sizeof(far_[0]) +
           bytes_.capacity() + letters_.capacity() * sizeof(std::uint16_t) + longest_.capacity() +
           stem_bits_.capacity() * sizeof(std::uint64_t);
  }

 private:
  static constexpr std::uint8_t form_bit = 0x80;
  static constexpr std::size_t pad = 8;         // zero bytes after the last key, for the scan
  static constexpr std::uint16_t far = 0xFFFF;  // a sibling_ entry whose sibling is in far_

  // Out of line: a few keys near the top of the trie have one (3 of 721 K at 50 MB).
  FAHRAS_NOINLINE std::uint32_t far_sibling(std::uint32_t i) const noexcept {
    return std::lower_bound(far_.begin(), far_.end(), std::make_pair(i, std::uint32_t{0}))->second;
  }

  std::vector<std::uint8_t> shared_;  // shared() | form_bit per key, then `pad` zeros
  std::vector<std::uint32_t> start_;  // where key i's added bytes start in bytes_; then the end
  std::string bytes_;
  // next_sibling(i) - i, or far: two bytes a key, as siblings are mostly near (the walk reads
  // them as it passes over keys, and more of them in a cache line is what counts).
  std::vector<std::uint16_t> sibling_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> far_;  // (i, next_sibling(i)) by i
  // letters_below(i), a bit for each pair of letters: the walk reads it at each key it
  // enters, and a narrower array misses the cache less (a pair passes over fewer keys).
  std::vector<std::uint16_t> letters_;
  std::vector<std::uint8_t> longest_;     // longest_below(i)
  std::vector<std::uint64_t> stem_bits_;  // is_stem(i): bit i % 64 of word i / 64
  std::uint32_t first_word_ = 0;
};

}  // namespace fahras::detail
