// The tokens of a text keyed by one given word, found without analysing the whole text: a scan
// of the raw bytes for the characters that one letter of the word can be written with, then the
// analysis of the words around each one found. For readers that want every occurrence of one
// word in a document and none of the other words (the written forms of typo notes).
// SPDX-License-Identifier: MIT
//
// Why it finds what the analysis of the whole text finds:
// - After a separator the tokenizer starts afresh, so the text between two ASCII separators
//   analyses alone into the tokens the whole text has there, at the same bytes.
// - A token keyed `key`, or whose full-alef spelling is `key`, holds a character that gives
//   each letter of `key` other than alef (the full-alef spelling only adds alefs, or turns a و
//   into one): a character below U+0800 that the fold table folds to that letter (or keeps as
//   it is), or a character from U+0800 on, which the scan takes as a candidate whatever it is
//   (presentation forms stand for several letters).
#pragma once

#include <algorithm>
#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "../../analyze.hpp"
#include "../../types.hpp"
#include "../unicode/fold_table.hpp"
#include "../unicode/utf8.hpp"

namespace fahras::detail {

/// The characters below U+0800 that each letter is written with (those the fold table folds
/// to it, or keeps as they are), and the ASCII separators: the fold table read once for the
/// scans of many keys (its 2,048 characters cost as much as a scan of a few documents).
class letter_sources {
 public:
  explicit letter_sources(const fold_table& folds) : folds_(folds) {
    first_.fill(none);
    for (char32_t cp = fold_table::small_size; cp-- > 0;) {  // (each chain ascends)
      const folded_char& c = folds.small(cp);
      if (cp < 0x80) separator_[cp] = c.kind == char_kind::separator;
      if ((c.kind != char_kind::letter && c.kind != char_kind::kept_mark) || c.length == 0)
        continue;
      const auto last = static_cast<unsigned char>(c.bytes[c.length - 1]);
      next_[cp] = first_[last];
      first_[last] = static_cast<std::uint16_t>(cp);
    }
  }

  /// Calls `f(char32_t)` for each character written for `letter` (below U+0800), ascending.
  template <class F>
  void for_each(char32_t letter, F&& f) const {
    char bytes[4] = {0, 0, 0, 0};
    const std::size_t length = encode_utf8(letter, bytes);
    const std::uint32_t want = load4(bytes);
    for (std::uint16_t cp = first_[static_cast<unsigned char>(bytes[length - 1])]; cp != none;
         cp = next_[cp])
      if (load4(folds_.small(cp).bytes) == want) f(char32_t{cp});
  }

  const std::array<bool, 0x80>& separators() const noexcept { return separator_; }

  /// The sources of `folds`, made into `local` if it has none yet; those of the default
  /// switches' table are made once per process (that table lives as long as the process), not
  /// once per call: making them reads all of the table, some 25,000 instructions a typo note.
  static const letter_sources& of(const fold_table& folds, std::optional<letter_sources>& local) {
    static const std::shared_ptr<const fold_table> defaults = fold_table::get(fold::all);
    if (&folds == defaults.get()) {
      static const letter_sources shared(folds);
      return shared;
    }
    if (!local) local.emplace(folds);
    return *local;
  }

 private:
  // Folded bytes are padded with zeros, which no UTF-8 sequence of a letter holds: comparing
  // the four bytes compares the lengths too.
  static std::uint32_t load4(const char* bytes) noexcept {
    std::uint32_t v;
    std::memcpy(&v, bytes, 4);
    return v;
  }

  static constexpr std::uint16_t none = 0xFFFF;
  const fold_table& folds_;
  // The characters whose folded UTF-8 ends with byte b, chained from first_[b] through next_.
  std::array<std::uint16_t, 0x100> first_{};
  std::array<std::uint16_t, fold_table::small_size> next_{};
  std::array<bool, 0x80> separator_{};
};

class key_occurrences {
 public:
  /// `key` is a normalized word, as `analyzer::for_each_key` gives them.
  key_occurrences(const analyzer& a, std::string_view key)
      : key_occurrences(a, letter_sources(a.folds()), key) {}

  /// The same, with the letter sources of `a`'s fold table made already.
  key_occurrences(const analyzer& a, const letter_sources& letters, std::string_view key)
      : analyzer_(a), key_(key), separator_(letters.separators()) {
    const auto [anchor, second] = rarest_letters(key);
    if (anchor == 0) return;
    checks_second_ = second != 0;
    if (second != 0) letters.for_each(second, [&](char32_t cp) { second_sources_.set(cp); });
    letters.for_each(anchor, [&](char32_t cp) {
      sources_.set(cp);
      // A character is found by its last byte: the byte itself, or a two-byte sequence's second.
      const auto last = static_cast<unsigned char>(cp < 0x80 ? cp : (0x80 | (cp & 0x3F)));
      if (!wanted_[last]) {
        if (last_bytes_ < lasts_.size()) lasts_[last_bytes_] = last;
        ++last_bytes_;
        wanted_[last] = true;
      }
    });
    for (std::size_t b = 0xE0; b < 0x100; ++b) wanted_[b] = true;  // leads of U+0800 on
    for (std::size_t k = std::min(last_bytes_, lasts_.size()); k > 0 && k < lasts_.size(); ++k)
      lasts_[k] = lasts_[k - 1];
#ifdef __SSE2__
    for (std::size_t k = 0; k < lasts_.size(); ++k)
      lasts_wide_[k] = _mm_set1_epi8(static_cast<char>(lasts_[k]));
#endif
    anchored_ = true;
  }

  /// Calls `f(byte_span)` for each token of `text` whose key, or full-alef spelling, is the
  /// key: its bytes in `text`, in order; the tokens `analyzer::for_each_key` would give. Stops
  /// after `most` of them: a caller that knows how many there can be at most (the positions of
  /// the key's stem) spares the rest of the text.
  template <class F>
  void for_each(std::string_view text, F&& f, std::size_t most = SIZE_MAX) const {
    if (most == 0) return;
    if (!anchored_) {
      read(text, 0, f);  // no letter to look for: the whole text
      return;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t from = 0;  // where the tokenizer starts afresh: after the last window read
    std::size_t found = 0;
    for (std::size_t i = 0; i < n;) {
      if (i + block <= n) {
        const std::size_t skip = first_wanted(p + i);
        i += skip;
        if (skip == block) continue;
      }
      for (const std::size_t stop = std::min(n, i + block); i < stop; ++i) {
        if (!wanted_[p[i]] || !candidate(p, i)) continue;
        std::size_t begin = i, end = i + 1;
        while (begin > from && !separator(p[begin - 1])) --begin;
        while (end < n && !separator(p[end])) ++end;
        from = end + 1;
        i = end + 1;
        if (checks_second_ && !holds(second_sources_, p, begin, end)) break;
        const auto counted = [&](byte_span at) {
          ++found;
          f(at);
        };
        read(text.substr(begin, end - begin), begin, counted);
        if (found >= most) return;
        break;
      }
    }
  }

 private:
  // Arabic letters, the most frequent first (after alef): the scan looks for the key's letter
  // that comes last here, or one that is not here at all, so that it stops at few places.
  static constexpr char32_t common_letters[] = {
      0x0644, 0x064A, 0x0645, 0x0648, 0x0646, 0x0647, 0x0631, 0x062A, 0x0628, 0x0639,
      0x062F, 0x0633, 0x0641, 0x0643, 0x0642, 0x062D, 0x062C, 0x0634, 0x0637, 0x0635,
      0x0632, 0x062E, 0x062B, 0x0636, 0x0630, 0x063A, 0x0638, 0x0621};

  // The key's two least frequent letters below U+0800 other than alef, the rarer first; 0 for
  // each it does not have.
  static std::pair<char32_t, char32_t> rarest_letters(std::string_view key) noexcept {
    std::pair<char32_t, char32_t> best{0, 0};
    std::size_t first_rank = 0, second_rank = 0;
    for (std::size_t i = 0; i < key.size();) {
      char32_t cp = 0;
      const std::size_t len = decode_at(key, i, cp);
      if (len == 0) return {0, 0};  // not a key the analysis makes
      i += len;
      if (cp >= fold_table::small_size || cp == 0x0627 || cp == best.first || cp == best.second)
        continue;
      std::size_t rank = 1;
      while (rank <= sizeof(common_letters) / sizeof(common_letters[0]) &&
             common_letters[rank - 1] != cp)
        ++rank;
      if (rank > first_rank) {
        best = {cp, best.first};
        second_rank = first_rank;
        first_rank = rank;
      } else if (rank > second_rank) {
        best.second = cp;
        second_rank = rank;
      }
    }
    return best;
  }

  // The scan's step: the bytes first_wanted() looks at together.
#ifdef __SSE2__
  static constexpr std::size_t block = 16;
#else
  static constexpr std::size_t block = 8;
#endif

  // Where the `block` bytes at `p` may first hold a wanted byte (`block` if they hold none):
  // many bytes at a time, where the wanted bytes below U+0800's leads are few (the key's
  // letter has one or two characters). The unused of the four compared are repeats.
  std::size_t first_wanted(const unsigned char* p) const noexcept {
    if (last_bytes_ > lasts_.size()) return 0;
#ifdef __SSE2__
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hit = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(static_cast<char>(0xE0))), v);
    for (const __m128i& last : lasts_wide_) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, last));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    return mask == 0 ? block : static_cast<std::size_t>(__builtin_ctz(mask));
#else
    constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    std::uint64_t hit = v & (v << 1) & (v << 2);  // bytes from 0xE0 on: their top three bits
    for (const unsigned char last : lasts_) {
      const std::uint64_t x = v ^ (ones * last);
      hit |= ~(((x & ~highs) + ~highs) | x);  // the high bit of each byte of x that is zero
    }
    return (hit & highs) != 0 ? 0 : block;
#endif
  }

  bool separator(unsigned char b) const noexcept { return b < 0x80 && separator_[b]; }

  // Whether the byte at `i` ends a character of `sources` (or starts one from U+0800 on), no
  // character starting before `from`.
  static bool ends_source(const std::bitset<fold_table::small_size>& sources,
                          const unsigned char* p, std::size_t from, std::size_t i) noexcept {
    const unsigned char b = p[i];
    if (b < 0x80) return sources[b];
    if (b >= 0xE0) return true;
    // A second byte: a two-byte character if a lead comes before it, which no decoder reads
    // as part of another character.
    return i > from && p[i - 1] >= 0xC2 && p[i - 1] < 0xE0 &&
           sources[(char32_t{p[i - 1]} & 0x1F) << 6 | (b & 0x3F)];
  }

  bool candidate(const unsigned char* p, std::size_t i) const noexcept {
    return ends_source(sources_, p, 0, i);
  }

  // Whether the bytes [begin, end) hold a character of `sources` (or one from U+0800 on): a
  // window without one holds no token of the key.
  static bool holds(const std::bitset<fold_table::small_size>& sources, const unsigned char* p,
                    std::size_t begin, std::size_t end) noexcept {
    for (std::size_t i = begin; i < end; ++i)
      if (ends_source(sources, p, begin, i)) return true;
    return false;
  }

  template <class F>
  void read(std::string_view window, std::size_t offset, const F& f) const {
    analyzer_.for_each_key(window, [&](const analyzed_view& t) {
      if (t.normalized == key_ || (!t.alternate.empty() && t.alternate == key_))
        f(byte_span{offset + t.begin, offset + t.end});
    });
  }

  const analyzer& analyzer_;
  std::string key_;
  bool anchored_ = false;
  std::array<bool, 0x80> separator_{};
  std::array<bool, 0x100> wanted_{};
  std::array<unsigned char, 4> lasts_{};  // the wanted bytes below 0xE0, if no more than 4
#ifdef __SSE2__
  __m128i lasts_wide_[4] = {};  // each of lasts_ in every byte
#endif
  std::size_t last_bytes_ = 0;
  std::bitset<fold_table::small_size> sources_;  // the characters of the letter looked for
  // and of a second letter of the key, which a window must hold too to be read
  std::bitset<fold_table::small_size> second_sources_;
  bool checks_second_ = false;
};

}  // namespace fahras::detail
