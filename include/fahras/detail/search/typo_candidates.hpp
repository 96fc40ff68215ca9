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

namespace fahras::detail {

/// The Levenshtein automaton of a target, run one byte at a time: the state after reading a
/// string p is the row of the edit-distance table, lev(p, target[0..j)) for every j, capped at
/// max_edits + 1. A row whose minimum exceeds max_edits is dead: no string starting with p is
/// within max_edits of the target (a row's minimum never falls as p grows). Rows of every
/// prefix of the current path are kept, so a path can be cut back and extended again.
///
/// The metric is plain Levenshtein over bytes (insert, delete or substitute one byte; a
/// transposition counts 2), as the scan it replaced computed it (tests/bounded_levenshtein.hpp).
class levenshtein_rows {
 public:
  // No key is further than max(key size, target size) away: a larger bound changes nothing.
  levenshtein_rows(std::string_view target, std::size_t max_edits)
      : target_(target),
        max_(std::min(max_edits, target.size() + max_key_bytes)),
        width_(target.size() + 1),
        cap_(max_ + 1) {
    cells_.resize(width_);
    for (std::size_t j = 0; j < width_; ++j) cells_[j] = std::min(j, cap_);
    mins_.push_back(0);
  }

  /// The bytes read so far.
  const std::string& path() const noexcept { return path_; }

  /// Reads one more byte; false if the new path is dead.
  bool push(std::uint8_t byte) {
    const std::size_t i = path_.size() + 1;
    if (mins_.size() <= i) {
      cells_.resize((i + 1) * width_);
      mins_.resize(i + 1);
    }
    const std::size_t* up = row(i - 1);
    std::size_t* out = row(i);
    // Only cells within max_ of the diagonal can be within max_: the band [i - max_, i + max_].
    // Cells outside hold cap_ where the next row reads them (the band moves right by one).
    const std::size_t first = i > max_ ? i - max_ : 1, last = std::min(i + max_, width_ - 1);
    out[0] = std::min(i, cap_);
    if (first > 1) out[first - 1] = cap_;
    std::size_t best = out[0];
    for (std::size_t j = first; j <= last; ++j) {
      const std::size_t diagonal = up[j - 1] + (static_cast<std::uint8_t>(target_[j - 1]) != byte);
      out[j] = std::min({up[j] + 1, out[j - 1] + 1, diagonal, cap_});
      best = std::min(best, out[j]);
    }
    if (last + 1 < width_) out[last + 1] = cap_;
    path_.push_back(static_cast<char>(byte));
    mins_[i] = best;
    return best <= max_;
  }

  /// Cuts the path back to its first `length` bytes (their rows stay valid).
  void truncate(std::size_t length) { path_.resize(length); }

  /// The distance from the path to the target if it is at most max_edits, else max_edits + 1.
  std::size_t distance() const { return cell(path_.size(), width_ - 1); }

  /// Whether the path is within max_edits of the target.
  bool accepted() const { return distance() <= max_; }

  /// The smallest string the automaton can accept that is greater than every string starting
  /// with the path, or a lower bound of it, in `out`; false if there is none. The path is cut
  /// back to a prefix of it (Lucene's AutomatonTermsEnum.nextString, on these rows).
  bool next_live(std::string& out) {
    while (!path_.empty()) {
      const unsigned last = static_cast<std::uint8_t>(path_.back());
      truncate(path_.size() - 1);
      if (const std::optional<std::uint8_t> b = smallest_live_byte(last + 1)) {
        push(*b);
        out.assign(path_);
        append_smallest_completion(out);
        return true;
      }
    }
    return false;
  }

 private:
  // Without an edit to spare, a live path that is not accepted can only go on by matching the
  // target: appends the smallest such completion, so that a seek lands on the candidate itself
  // or past it. (With an edit to spare every byte is live, and the path is as good a bound.)
  // Followed through the positions j where lev(path, target[0..j)) == max_edits, not rows.
  void append_smallest_completion(std::string& out) {
    const std::size_t m = width_ - 1;
    if (accepted() || edit_to_spare()) return;
    positions_.clear();
    for (std::size_t j = 0; j < m; ++j)
      if (cell(path_.size(), j) <= max_) positions_.push_back(j);
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

  const std::size_t* row(std::size_t i) const { return cells_.data() + i * width_; }
  std::size_t* row(std::size_t i) { return cells_.data() + i * width_; }

  // Cell j of row i, which push() computes only within the band (cap_ outside it).
  std::size_t cell(std::size_t i, std::size_t j) const {
    return i > j + max_ || j > i + max_ ? cap_ : row(i)[j];
  }

  // Whether one more byte, any byte, leaves the path live: a byte that matches nothing adds
  // one to the row's minimum.
  bool edit_to_spare() const { return mins_[path_.size()] < max_; }

  // The smallest byte from `from` on that leaves the path live. Without an edit to spare,
  // only a byte matching the target where the row is still within max_edits does.
  std::optional<std::uint8_t> smallest_live_byte(unsigned from) const {
    if (from > 0xFF) return std::nullopt;
    if (edit_to_spare()) return static_cast<std::uint8_t>(from);
    std::optional<std::uint8_t> best;
    for (std::size_t j = 0; j + 1 < width_; ++j) {
      const auto b = static_cast<std::uint8_t>(target_[j]);
      if (b >= from && (!best || b < *best) && cell(path_.size(), j) <= max_) best = b;
    }
    return best;
  }

  std::string target_;
  std::size_t max_;
  std::size_t width_;                   // target size + 1 cells a row
  std::size_t cap_;                     // max_ + 1: every larger distance is stored as this
  std::vector<std::size_t> cells_;      // row i (the state after path_[0..i)) at i * width_
  std::vector<std::size_t> mins_;       // each row's minimum (rows 0..path_.size() are valid)
  std::vector<std::size_t> positions_;  // append_smallest_completion's
  std::string path_;
};

/// How much of the dictionary a walk touched: for tests and benchmarks.
struct typo_walk_stats {
  std::size_t keys_decoded = 0;  ///< dictionary entries read
  std::size_t seeks = 0;         ///< jumps to a later block through the block index
  std::size_t block_probes = 0;  ///< block first keys compared while jumping
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
    const std::uint32_t b = dict.find_block(target);
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

}  // namespace typo_walk

/// Calls `f(const dictionary_entry&, std::size_t edits)` for every word form of the dictionary
/// (an entry with `is_form()`) whose key is within `max_edits` of `target_key`, in key order,
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
                             std::size_t max_edits, F&& f, typo_walk_stats* stats = nullptr) {
  typo_walk_stats local;
  typo_walk_stats& st = stats != nullptr ? *stats : local;
  if (dict.term_count() == 0 || dict.block_count() == 0) return;
  levenshtein_rows rows(target_key, max_edits);
  std::optional<dictionary_iterator> it;
  it.emplace(dict, 0);
  st.keys_decoded += it->valid();
  std::string target;
  while (it->valid()) {
    const std::string_view key = it->key();
    // Rows of the prefix the key shares with the path are known already.
    const std::string& path = rows.path();
    const std::size_t limit = std::min(key.size(), path.size());
    std::size_t shared = 0;
    while (shared < limit && key[shared] == path[shared]) ++shared;
    rows.truncate(shared);
    bool live = true;
    while (live && rows.path().size() < key.size())
      live = rows.push(static_cast<std::uint8_t>(key[rows.path().size()]));
    if (live) {
      if (rows.accepted()) {
        const dictionary_entry& e = it->decode();
        if (it->valid() && e.is_form()) f(e, rows.distance());
      }
      typo_walk::next(*it, st);
      continue;
    }
    // No key starting with the path can match: go to the next one whose prefix can.
    if (!rows.next_live(target)) return;
    typo_walk::seek(dict, it, target, st);
  }
}

}  // namespace fahras::detail
