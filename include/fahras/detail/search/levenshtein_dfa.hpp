// The Levenshtein automaton of levenshtein_rows as a DFA made while it runs: each distinct row
// is a state and each transition is computed once, so a walk over many keys reads a table
// where the rows would compute a row a byte.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../hints.hpp"
#include "key_letters.hpp"
#include "levenshtein_band.hpp"

namespace fahras::detail {

/// The automaton of levenshtein_rows (the same rows, the same answers) for max_edits up to
/// max_supported, with the interface the typo walk over a typo_key_table uses. Row i keeps
/// the band of cells j = i - max_edits .. i + max_edits, as levenshtein_rows does; a state is
/// a row's band and i, and the transitions of a state depend on a byte only through which of
/// the target's bytes it equals. A walk over the dictionary meets the same few hundred states
/// again and again (the rows of a long path mostly differ only in i): most of its steps are a
/// table lookup.
class levenshtein_dfa {
 public:
  static constexpr std::size_t max_supported = 3;  // a band of 7 cells and i fit in 64 bits

  /// `max_edits` at most max_supported, and `target` shorter than 255 bytes (so that some byte
  /// is not in it).
  levenshtein_dfa(std::string_view target, std::size_t max_edits)
      : target_(target),
        max_(std::min(max_edits, max_supported)),
        band_(2 * max_ + 1),
        path_(target.size() + max_ + 2, '\0'),
        at_(target.size() + max_ + 3, dead),
        bound_(target) {
    // Byte classes: the target's distinct bytes, then every other byte (`other`).
    class_.fill(0xFF);
    std::uint8_t other = 0;
    for (const char c : target_) {
      const auto b = static_cast<std::uint8_t>(c);
      if (class_[b] == 0xFF) class_[b] = other++;
    }
    for (auto& c : class_)
      if (c == 0xFF) c = other;
    classes_ = std::size_t{other} + 1;
    states_.push_back({});  // state 0: dead
    next_.assign(classes_, dead);
    std::array<std::uint8_t, 8> cells{};
    cells.fill(cap());
    for (std::size_t j = 0; j <= std::min(max_, target_.size()); ++j)
      cells[j + max_] = static_cast<std::uint8_t>(j);
    at_[0] = intern(0, cells);
  }

  /// The bytes read so far.
  std::string_view path() const noexcept { return {path_.data(), depth_}; }

  /// Reads one more byte after a live path; false if the new path is dead.
  bool push(std::uint8_t byte) {
    const std::uint32_t s = next(at_[depth_], byte);
    path_[depth_] = static_cast<char>(byte);
    at_[++depth_] = s;
    return s != dead;
  }

  /// What reading one more byte does to the path, for passing over many of its children:
  /// `largest` is the largest byte that leaves it live (-1 if none), and rejects(byte) whether
  /// `byte` makes it dead, by a bit of a set. Valid until the next push().
  struct children {
    int largest;
    const std::uint64_t* live;  // the state's live bytes, a bit each; null if all are live
    bool rejects(std::uint8_t byte) const noexcept {
      return live != nullptr && ((live[byte >> 6] >> (byte & 63)) & 1u) == 0;
    }
  };
  children next_bytes() {
    state& s = states_[at_[depth_]];
    if (s.largest_live == unknown) find_live_bytes(s);
    if (s.largest_live == every_byte) return {0xFF, nullptr};
    return {s.largest_live, s.live_bytes.data()};
  }

  /// Whether no key that goes on from the path with bytes among `letters` (key_letter_bit)
  /// only, and is at most `longest` bytes long (key_length_unknown: of any length), is within
  /// max_edits: lev(path + rest, target) is the least of lev(path, target[0..j)) +
  /// lev(rest, target[j..)) over j, and key_letter_bound bounds the second.
  bool beyond_reach(std::uint32_t letters, std::size_t longest) const {
    if (!bound_.usable()) return false;
    const state& s = states_[at_[depth_]];
    if (letters != letters_) {  // (the walk asks about the same letters for a key's bytes)
      letters_ = letters;
      missing_ = bound_.missing(letters);
    }
    const std::size_t room = longest >= key_length_unknown ? longest
                             : longest > s.row             ? longest - s.row
                                                           : 0;
    for (std::size_t q = 0; q < s.live; ++q)
      if (bound_.within(s.live_at[q], missing_, room, s.spare[q])) return false;
    return true;
  }

  /// Cuts the path back to its first `length` bytes.
  void truncate(std::size_t length) { depth_ = length; }

  /// The distance from the path to the target if it is at most max_edits, else max_edits + 1.
  std::size_t distance() const { return states_[at_[depth_]].distance; }

  /// Whether the path is within max_edits of the target.
  bool accepted() const { return distance() <= max_; }

 private:
  static constexpr std::uint32_t dead = 0, unknown_state = 0xFFFFFFFFu;
  static constexpr int unknown = -2, every_byte = 0x100;

  struct state {
    std::array<std::uint8_t, 8> cells{};  // the band; cells[band_] is a cap of its own
    std::size_t row = 0;
    std::uint64_t key = 0;  // row and cells, as intern() makes it
    std::uint8_t distance = 0;
    int largest_live = unknown;  // the largest byte that leaves it live, -1 if none; or
                                 // every_byte if a byte not in the target does
    std::array<std::uint64_t, 4> live_bytes{};  // the bytes that leave it live, unless every one
    // The cells within max_edits: j, and the edits to spare there (for beyond_reach).
    std::uint8_t live = 0;
    std::array<std::uint8_t, 8> live_at{}, spare{};
  };

  std::uint8_t cap() const { return static_cast<std::uint8_t>(max_ + 1); }

  // Which bytes leave state s live, read off its cells rather than by computing a transition
  // for each class of bytes (most of them dead ones, which the walk never takes): the next
  // row, i, has a cell within max_edits k iff some cell of s below k spares an edit (then every
  // byte does: a deletion or a substitution), or a cell of s at k is followed by its target
  // byte (a match on the diagonal). Past row target size + k every byte is dead; up to row k,
  // cell 0 (i deletions) keeps every byte live. As levenshtein_band_row computes the rows.
  void find_live_bytes(state& s) const {
    const std::size_t k = max_, m = target_.size(), i = s.row + 1;
    int largest = -1;
    if (i <= k) {
      largest = every_byte;
    } else if (i <= m + k) {
      const std::size_t last = std::min(2 * k, m + k - i);  // (cells[band_] is a cap)
      for (std::size_t b = 0; b <= last && largest != every_byte; ++b)
        if (s.cells[b] < k || s.cells[b + 1] < k) largest = every_byte;
      for (std::size_t b = 0; b <= last && largest != every_byte; ++b) {
        if (s.cells[b] != k) continue;
        const auto byte = static_cast<std::uint8_t>(target_[i - k - 1 + b]);  // target[j - 1]
        s.live_bytes[byte >> 6] |= std::uint64_t{1} << (byte & 63);
        largest = std::max<int>(largest, byte);
      }
    }
    s.largest_live = largest;
  }

  std::uint32_t next(std::uint32_t s, std::uint8_t byte) {
    const std::size_t at = s * classes_ + class_[byte];
    if (next_[at] == unknown_state) {
      const std::uint32_t t = compute(s, byte);  // (may grow next_: no reference kept)
      next_[at] = t;
    }
    return next_[at];
  }

  // Row i from row i - 1 and the byte read, as levenshtein_rows::step computes it. Out of line:
  // it runs once per transition, and next(), a table lookup, must stay small enough to inline.
  FAHRAS_NOINLINE std::uint32_t compute(std::uint32_t from, std::uint8_t byte) {
    const std::array<std::uint8_t, 8> up = states_[from].cells;
    const std::size_t i = states_[from].row + 1;
    if (i > target_.size() + max_) return dead;
    std::array<std::uint8_t, 8> out{};
    out.fill(cap());
    const unsigned best =
        levenshtein_band_row(up.data(), out.data(), i, target_, max_, cap(), byte);
    if (best > max_) return dead;
    return intern(i, out);
  }

  std::uint32_t intern(std::size_t row, const std::array<std::uint8_t, 8>& cells) {
    std::uint64_t key = std::uint64_t{row} << 56;
    for (std::size_t b = 0; b < band_; ++b) key |= std::uint64_t{cells[b]} << (8 * b);
    if (2 * states_.size() >= slots_.size()) rehash(std::max<std::size_t>(64, 2 * slots_.size()));
    std::size_t h = slot_of(key);
    for (; slots_[h] != dead; h = (h + 1) & (slots_.size() - 1))
      if (states_[slots_[h]].key == key) return slots_[h];
    const auto id = static_cast<std::uint32_t>(states_.size());
    slots_[h] = id;
    state s;
    s.key = key;
    s.cells = cells;
    s.cells[band_] = cap();
    s.row = row;
    const std::size_t m = target_.size();
    s.distance = row > m + max_ || m > row + max_ ? cap() : cells[m + max_ - row];
    for (std::size_t b = 0; b < band_; ++b) {
      if (cells[b] > max_) continue;  // (cells of j outside 0..target size are too)
      s.live_at[s.live] = static_cast<std::uint8_t>(row + b - max_);
      s.spare[s.live++] = static_cast<std::uint8_t>(max_ - cells[b]);
    }
    states_.push_back(s);
    next_.resize(next_.size() + classes_, unknown_state);
    return id;
  }

  std::size_t slot_of(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15u) >> 32) & (slots_.size() - 1);
  }

  // A table of `size` slots (a power of two) for the states interned so far.
  void rehash(std::size_t size) {
    slots_.assign(size, dead);
    for (std::uint32_t id = 1; id < states_.size(); ++id) {
      std::size_t h = slot_of(states_[id].key);
      while (slots_[h] != dead) h = (h + 1) & (size - 1);
      slots_[h] = id;
    }
  }

  std::string target_;
  std::size_t max_;
  std::size_t band_;
  std::array<std::uint8_t, 256> class_{};  // each byte's class
  std::size_t classes_ = 0;
  std::vector<state> states_;
  std::vector<std::uint32_t> next_;  // state s's transition on class c at s * classes_ + c
  // The states by key, open addressing (dead, which is never interned, marks a free slot):
  // a walk interns hundreds of states, and a node-based map allocated one node each.
  std::vector<std::uint32_t> slots_;
  std::string path_;               // path() is its first depth_ bytes
  std::vector<std::uint32_t> at_;  // the state after each prefix of the path
  std::size_t depth_ = 0;
  key_letter_bound bound_;
  mutable std::uint32_t letters_ = 0;  // beyond_reach's last letters, and their missing()
  mutable std::uint64_t missing_ = bound_.missing(0);
};

}  // namespace fahras::detail
