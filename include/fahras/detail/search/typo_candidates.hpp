// Typo candidates: the dictionary's word forms within a few edits of a query word, found by
// running a Levenshtein automaton over the sorted dictionary and seeking past what cannot match.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../format/dictionary.hpp"
#include "../format/term_key.hpp"
#include "levenshtein_band.hpp"
#include "levenshtein_dfa.hpp"
#include "typo_keys.hpp"

namespace fahras::detail {

/// Which terms a typo walk reports: word forms (a mistyped query word is compared with them),
/// or stems (with entries of their own: for a word no form is near, its stem is compared with
/// them, which reaches a form that a clitic puts out of reach: جاءو of وجاءو for جاءوا).
enum class typo_terms : unsigned char { forms, stems };

inline bool is_typo_term(const dictionary_entry& e, typo_terms terms) noexcept {
  return terms == typo_terms::forms ? e.is_form() : !e.stem.empty();
}

/// The documents of a typo term: those with the form, or with any word of the stem.
inline std::uint32_t typo_term_doc_freq(const dictionary_entry& e, typo_terms terms) noexcept {
  return terms == typo_terms::forms ? e.form_doc_freq : e.stem.doc_freq;
}

/// The Levenshtein automaton of a target, run one byte at a time: the state after reading a
/// string p is the row of the edit-distance table, lev(p, target[0..j)) for every j, capped at
/// max_edits + 1. A row whose minimum exceeds max_edits is dead: no string starting with p is
/// within max_edits of the target (a row's minimum never falls as p grows). Rows of every
/// prefix of the current path are kept, so a path can be cut back and extended again.
///
/// Only the cells within max_edits of the diagonal can be within max_edits, so a row keeps just
/// that band, one byte a cell: row i holds j = i - max_edits .. i + max_edits (capped outside
/// 0..target size), which makes a step a handful of byte operations. max_edits above 254 act
/// as 254 (the typo rules use 1 and 2).
///
/// The metric is plain Levenshtein over bytes (insert, delete or substitute one byte; a
/// transposition counts 2), as the scan it replaced computed it (tests/bounded_levenshtein.hpp).
class levenshtein_rows {
 public:
  // No key is further than max(key size, target size) away: a larger bound changes nothing.
  // A path longer than target size + max_edits is dead: rows beyond are never needed.
  levenshtein_rows(std::string_view target, std::size_t max_edits)
      : target_(target),
        max_(std::min({max_edits, target.size() + max_key_bytes, std::size_t{254}})),
        cap_(static_cast<std::uint8_t>(max_ + 1)),
        band_(2 * max_ + 1),
        stride_(2 * band_ + 3) {
    const std::size_t rows = target_.size() + max_ + 2;
    path_.resize(rows);
    cells_.assign(rows * stride_, static_cast<char>(cap_));
    for (std::size_t j = 0; j <= std::min(max_, target_.size()); ++j)
      row(0)[j + max_] = static_cast<std::uint8_t>(j);
    row(0)[band_ + 1] = 0;  // row 0's minimum
    if (max_ == 0) note_next_bytes(0, max_);
  }

  /// The bytes read so far.
  std::string_view path() const noexcept { return {path_.data(), depth_}; }

  /// Reads one more byte after a live path; false if the new path is dead. A path that must
  /// match the target's next bytes (no edit to spare) tries them before computing a row.
  bool push(std::uint8_t byte) {
    const std::size_t i = ++depth_;
    path_[i - 1] = static_cast<char>(byte);
    if (row(i - 1)[band_ + 1] == max_ && !is_next_byte(i - 1, byte)) return false;
    return step(i, byte);
  }

  /// What reading one more byte does to the path, as levenshtein_dfa::next_bytes() says it:
  /// known without computing a row where the path has no edit to spare, as then only the
  /// bytes it must match leave it live.
  struct children {
    int largest;
    const levenshtein_rows* rows;  // null if it has an edit to spare: every byte is live
    bool rejects(std::uint8_t byte) const {
      return rows != nullptr && !rows->is_next_byte(rows->depth_, byte);
    }
  };
  children next_bytes() const {
    if (edit_to_spare()) return {0xFF, nullptr};
    const std::uint8_t* r = row(depth_) + band_ + 2;  // the count, then the bytes
    int largest = -1;
    for (std::size_t q = 1; q <= r[0]; ++q) largest = std::max<int>(largest, r[q]);
    return {largest, this};
  }

  /// Cuts the path back to its first `length` bytes (their rows stay valid).
  void truncate(std::size_t length) { depth_ = length; }

  /// Makes `key` the path, reusing the rows of the prefix it shares with the path; false if a
  /// byte of it is dead (the path then ends at that byte).
  bool follow(std::string_view key) {
    const std::size_t limit = std::min(key.size(), depth_);
    std::size_t shared = 0;
    while (shared < limit && key[shared] == path_[shared]) ++shared;
    truncate(shared);
    while (depth_ < key.size())
      if (!push(static_cast<std::uint8_t>(key[depth_]))) return false;
    return true;
  }

  /// The distance from the path to the target if it is at most max_edits, else max_edits + 1.
  std::size_t distance() const { return cell(depth_, target_.size()); }

  /// Whether the path is within max_edits of the target.
  bool accepted() const { return distance() <= max_; }

  /// The smallest string the automaton can accept that is greater than every string starting
  /// with the path, or a lower bound of it, in `out`; false if there is none. The path is cut
  /// back to a prefix of it (Lucene's AutomatonTermsEnum.nextString, on these rows).
  bool next_live(std::string& out) {
    while (depth_ > 0) {
      const unsigned last = static_cast<std::uint8_t>(path_[depth_ - 1]);
      truncate(depth_ - 1);
      if (const std::optional<std::uint8_t> b = smallest_live_byte(last + 1)) {
        push(*b);
        out.assign(path());
        append_smallest_completion(out);
        return true;
      }
    }
    return false;
  }

 private:
  // Row i from row i - 1 and the byte read; false if it is dead. Cells of j < 0 or j > target
  // size stay cap_ (from the constructor, and never written); up[band_] is a cap_ of its own.
  bool step(std::size_t i, std::uint8_t byte) {
    if (i > target_.size() + max_) return dead(i);
    std::uint8_t* out = row(i);
    const unsigned best = levenshtein_band_row(row(i - 1), out, i, target_, max_, cap_, byte);
    const std::size_t k = max_;
    out[band_ + 1] = static_cast<std::uint8_t>(best);
    if (best == k) note_next_bytes(i, i < k ? k - i : 0);
    return best <= k;
  }

  // Without an edit to spare, a live path that is not accepted can only go on by matching the
  // target: appends the smallest such completion, so that a seek lands on the candidate itself
  // or past it. (With an edit to spare every byte is live, and the path is as good a bound.)
  // Followed through the positions j where lev(path, target[0..j)) == max_edits, not rows.
  void append_smallest_completion(std::string& out) {
    const std::size_t m = target_.size();
    if (accepted() || edit_to_spare()) return;
    positions_.clear();
    for (std::size_t j = 0; j < m; ++j)
      if (cell(depth_, j) <= max_) positions_.push_back(j);
    while (!positions_.empty() && positions_.back() < m) {
      if (positions_.size() == 1) {  // one way on: the rest of the target
        out.append(target_, positions_[0], std::string::npos);
        return;
      }
      auto b = static_cast<std::uint8_t>(0xFF);
      for (std::size_t j : positions_) b = std::min(b, static_cast<std::uint8_t>(target_[j]));
      out.push_back(static_cast<char>(b));
      std::size_t kept = 0;
      for (std::size_t j : positions_)
        if (static_cast<std::uint8_t>(target_[j]) == b) positions_[kept++] = j + 1;
      positions_.resize(kept);
    }
  }

  const std::uint8_t* row(std::size_t i) const {
    return reinterpret_cast<const std::uint8_t*>(cells_.data()) + i * stride_;
  }
  std::uint8_t* row(std::size_t i) {
    return reinterpret_cast<std::uint8_t*>(&cells_[0]) + i * stride_;
  }

  // Row i without an edit to spare: the bytes that keep it live are the target's bytes j where
  // its cell j is max_edits (a match on the diagonal), at most 2 max_edits + 1 of them. Kept,
  // so that the children of a path that must match cost a comparison or two each, not a row:
  // most children the walk meets there are dead.
  void note_next_bytes(std::size_t i, std::size_t first) {
    std::uint8_t* r = row(i);
    const std::size_t k = max_, band = band_, end = std::min(band, target_.size() + k - i);
    const auto* t = reinterpret_cast<const unsigned char*>(target_.data());
    const std::size_t shift = i - k;  // modulo 2^N: t[b + shift] is target[j]
    std::uint8_t n = 0;
    for (std::size_t b = first; b < end; ++b)
      if (r[b] == k) r[band + 3 + n++] = t[b + shift];
    r[band + 2] = n;
  }

  bool is_next_byte(std::size_t i, std::uint8_t byte) const {
    const std::uint8_t* r = row(i) + band_ + 2;  // the count, then the bytes
    for (std::size_t q = 1; q <= r[0]; ++q)
      if (r[q] == byte) return true;
    return false;
  }

  bool dead(std::size_t i) {
    row(i)[band_ + 1] = cap_;
    return false;
  }

  // Cell j of row i: cap_ outside the band.
  std::size_t cell(std::size_t i, std::size_t j) const {
    return i > j + max_ || j > i + max_ ? cap_ : row(i)[j + max_ - i];
  }

  // Whether one more byte, any byte, leaves the path live: a byte that matches nothing adds
  // one to the row's minimum.
  bool edit_to_spare() const { return row(depth_)[band_ + 1] < max_; }

  // The smallest byte from `from` on that leaves the path live. Without an edit to spare,
  // only a byte matching the target where the row is still within max_edits does.
  std::optional<std::uint8_t> smallest_live_byte(unsigned from) const {
    if (from > 0xFF) return std::nullopt;
    if (edit_to_spare()) return static_cast<std::uint8_t>(from);
    std::optional<std::uint8_t> best;
    for (std::size_t j = 0; j < target_.size(); ++j) {
      const auto b = static_cast<std::uint8_t>(target_[j]);
      if (b >= from && (!best || b < *best) && cell(depth_, j) <= max_) best = b;
    }
    return best;
  }

  std::string target_;
  std::size_t max_;
  std::uint8_t cap_;  // max_ + 1: every larger distance is stored as this
  std::size_t band_;  // cells a row: 2 max_ + 1
  // Row i (the state after path()[0..i)) at i * stride_: its band_ cells, a cap_ read as the
  // cell past the band, its minimum, and note_next_bytes's count and bytes.
  std::size_t stride_;
  std::string cells_;  // (a string, not a vector: its code is in the WebAssembly module already)
  std::vector<std::size_t> positions_;  // append_smallest_completion's
  std::string path_;                    // path() is its first depth_ bytes
  std::size_t depth_ = 0;
};

/// How much of the dictionary a walk touched: for tests and benchmarks.
struct typo_walk_stats {
  std::size_t keys_decoded = 0;  ///< dictionary entries read (typo_key_table: keys read too)
  std::size_t seeks = 0;         ///< jumps to a later block through the block index
  std::size_t block_probes = 0;  ///< block first keys compared while jumping
  std::size_t keys_passed = 0;   ///< keys a walk over a typo_key_table passed over unread
};

namespace typo_walk {

inline void next(dictionary_iterator& it, typo_walk_stats& stats) {
  it.next_key();
  stats.keys_decoded += it.valid();
}

// Moves `it` to the first entry whose key is >= target (never backwards): through the block
// index (galloping from the current block, as targets are near more often than not) when the
// target lies beyond the current block, then entry by entry. A collection's dictionary finds
// the block itself: its root knows the shards' first keys, and probing blocks would load them.
inline void seek(const dictionary_view& dict, std::optional<dictionary_iterator>& it,
                 std::string_view target, typo_walk_stats& stats) {
  const std::uint32_t here = it->block_index();
  const auto at_or_before = [&](std::uint32_t b) {
    ++stats.block_probes;
    return dict.first_key(b) <= target;
  };
  if (dict.source() != nullptr) {
    // A jump of the walk: a shard it lacks is listed with the rest of the walk's, not one a
    // round.
    const std::uint32_t b = dict.source()->find_block(target, dictionary_read::walk);
    if (b > here) {
      it->restart(b);
      ++stats.seeks;
      stats.keys_decoded += it->valid();
    }
  } else if (here + 1 < dict.block_count() && at_or_before(here + 1)) {
    std::uint32_t lo = here + 1, hi = dict.block_count(), step = 1;  // first_key(lo) <= target
    while (step < hi - lo) {
      if (!at_or_before(lo + step)) {
        hi = lo + step;
        break;
      }
      lo += step;
      step *= 2;
    }
    while (hi - lo > 1) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      (at_or_before(mid) ? lo : hi) = mid;
    }
    it->restart(lo);  // in place: an entry's key points into its iterator
    ++stats.seeks;
    stats.keys_decoded += it->valid();
  }
  stats.keys_decoded += it->skip_below(target);
}

// The entry of `ordinal`, decoded with `it`: forward from where it is if the entry is near,
// else from the start of its block. Null if the bytes are damaged.
inline const dictionary_entry* entry_at(const dictionary_view& dict,
                                        std::optional<dictionary_iterator>& it,
                                        std::uint32_t ordinal, typo_walk_stats& stats) {
  if (!it || !it->valid() || it->ordinal() > ordinal ||
      ordinal - it->ordinal() >= dictionary_block_terms) {
    std::uint32_t lo = 0, hi = dict.block_count();  // the last block starting at or before it
    while (hi - lo > 1) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      (dict.first_term(mid) <= ordinal ? lo : hi) = mid;
    }
    if (it)
      it->restart(lo);
    else
      it.emplace(dict, lo);
    stats.keys_decoded += it->valid();
  }
  while (it->valid() && it->ordinal() < ordinal) next(*it, stats);
  if (!it->valid() || it->ordinal() != ordinal) return nullptr;
  const dictionary_entry& e = it->decode();
  return it->valid() ? &e : nullptr;
}

}  // namespace typo_walk

/// Calls `f(const dictionary_entry&, std::size_t edits)` for every word form of the dictionary
/// (an entry with `is_form()`; with `terms` stems, every stem) whose key is within `max_edits`
/// of `target_key`, in key order,
/// with its distance. The distance is Levenshtein over the term_key-encoded bytes, no
/// transpositions: exactly the set a scan of every key finds.
///
/// The walk reads the keys whose every proper prefix can still lead to a match; past a prefix
/// that cannot, it seeks to the next string the automaton can accept, through the dictionary's
/// block index, and decodes that block up to it. So the work follows the dictionary prefixes
/// the automaton keeps live near the target (one edit: the target's prefixes and their
/// children; two edits: their grandchildren too), not the size of the dictionary.
///
/// IMPORTANT: the entry's `key` is valid only during the call. Malformed dictionary bytes end
/// the walk early (some candidates are then missed); it always ends.
template <class F>
void for_each_typo_candidate(const dictionary_view& dict, std::string_view target_key,
                             std::size_t max_edits, F&& f, typo_walk_stats* stats = nullptr,
                             typo_terms terms = typo_terms::forms) {
  typo_walk_stats local;
  typo_walk_stats& st = stats != nullptr ? *stats : local;
  if (dict.term_count() == 0 || dict.block_count() == 0) return;
  levenshtein_rows rows(target_key, max_edits);
  std::optional<dictionary_iterator> it;
#if FAHRAS_NO_COLLECTIONS
  it.emplace(dict, 0);
#else
  // A collection lacking a block skips the shards where no key can be live: those whose keys
  // all lie between a dead path's strings and the next string it can accept.
  std::string next_target;
  const auto live_in = [&](std::string_view first, std::string_view next) {
    if (is_control_key(next)) return false;  // only control keys: never word forms
    if (is_control_key(first)) first = std::string_view(&first_word_byte, 1);
    if (rows.follow(first)) return true;  // `first` is live: keys after it may be too
    return rows.next_live(next_target) && (next.empty() || next_target < next);
  };
  const walk_extent::shard_test shard_test = live_in;  // refers to live_in
  walk_extent extent;
  extent.may_hold = &shard_test;
  it.emplace(dict, 0, extent);
#endif
  st.keys_decoded += it->valid();
  std::string target;
  while (it->valid()) {
    const std::string_view key = it->key();
    // Metadata and spelling-variant terms sort first and are never word forms: skip them all
    // at once (one edit on their control byte would otherwise keep many of them live, and a
    // collection would fetch their shards).
    if (is_control_key(key)) {
      typo_walk::seek(dict, it, std::string(1, first_word_byte), st);
      continue;
    }
    if (rows.follow(key)) {
      if (rows.accepted()) {
        const dictionary_entry& e = it->decode();
        if (it->valid() && is_typo_term(e, terms)) f(e, rows.distance());
      }
      typo_walk::next(*it, st);
      continue;
    }
    // No key starting with the path can match: go to the next one whose prefix can.
    if (!rows.next_live(target)) return;
    typo_walk::seek(dict, it, target, st);
  }
}

namespace typo_walk {

// Whether a key below the path, which key i's added bytes lead to, may be within reach, from
// the letters and lengths of the keys below (a levenshtein_dfa knows; levenshtein_rows, for
// more edits, does not ask).
inline bool reachable(const levenshtein_dfa& rows, const typo_key_table& keys, std::uint32_t i) {
  return !rows.beyond_reach(keys.letters_below(i), keys.longest_below(i));
}
inline bool reachable(const levenshtein_rows&, const typo_key_table&, std::uint32_t) {
  return true;
}

// The walk over a key table with `rows`, a levenshtein_rows or a levenshtein_dfa. A path that
// is live but beyond reach is dropped as a dead one is.
template <class Automaton, class F>
void over_keys(Automaton& rows, const typo_key_table& keys, const dictionary_view& dict, F& f,
               typo_walk_stats& st, typo_terms terms) {
  std::optional<dictionary_iterator> it;  // reads the candidates' entries
  const std::uint32_t n = keys.size();
  // Control keys are never word forms (and share no byte with the first word's key).
  for (std::uint32_t i = keys.first_word(); i < n;) {
    ++st.keys_decoded;
    // The path is a prefix of the key read before, and of this one up to shared(i) (the keys
    // passed over since shared more with the path's last key than that).
    rows.truncate(keys.shared(i));
    bool live = true;
    for (const char c : keys.added(i))
      if (!(live = rows.push(static_cast<std::uint8_t>(c)) && reachable(rows, keys, i))) break;
    if (!live) {
      const std::size_t depth = rows.path().size() - 1;  // the dead byte's
      auto byte = static_cast<std::uint8_t>(rows.path()[depth]);
      rows.truncate(depth);
      std::uint32_t next =
          keys.shared(i) == depth ? keys.next_sibling(i) : keys.next_sharing_at_most(i + 1, depth);
      // The dead byte's next siblings that the path rejects as well (most of them, where it must
      // match the target) are passed over here, at a few instructions each; once the path
      // rejects every byte from a sibling's on, the rest of its parent's keys too. (The path
      // stays the same: what it rejects from is asked once.)
      if (depth < typo_key_table::max_shared) {
        const auto children = rows.next_bytes();
        bool beyond = children.largest < byte;  // every sibling from `next` on is rejected
        for (; !beyond && next < n && keys.shared(next) == depth; next = keys.next_sibling(next)) {
          byte = static_cast<std::uint8_t>(keys.added(next)[0]);
          beyond = children.largest < byte;
          if (beyond || !children.rejects(byte)) break;
        }
        while (beyond && next < n && keys.shared(next) == depth) next = keys.next_sibling(next);
      }
      st.keys_passed += next - (i + 1);
      i = next;
      continue;
    }
    if ((terms == typo_terms::forms ? keys.is_form(i) : keys.is_stem(i)) && rows.accepted()) {
      const dictionary_entry* e = typo_walk::entry_at(dict, it, i, st);
      if (e == nullptr) return;
      f(*e, rows.distance());
    }
    ++i;
  }
}

}  // namespace typo_walk

/// The same walk (the same calls, in the same order) over `keys`, the keys of `dict`
/// (typo_key_table::build). Past a dead prefix it passes over the keys that start with it, at
/// a byte each, and reads the entries of the candidates only.
template <class F>
void for_each_typo_candidate(const typo_key_table& keys, const dictionary_view& dict,
                             std::string_view target_key, std::size_t max_edits, F&& f,
                             typo_walk_stats* stats = nullptr,
                             typo_terms terms = typo_terms::forms) {
  typo_walk_stats local;
  typo_walk_stats& st = stats != nullptr ? *stats : local;
  if (max_edits <= levenshtein_dfa::max_supported && target_key.size() < 0xFF) {
    levenshtein_dfa rows(target_key, max_edits);
    typo_walk::over_keys(rows, keys, dict, f, st, terms);
  } else {
    levenshtein_rows rows(target_key, max_edits);
    typo_walk::over_keys(rows, keys, dict, f, st, terms);
  }
}

}  // namespace fahras::detail
