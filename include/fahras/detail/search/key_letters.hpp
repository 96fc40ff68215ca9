// Key letters: the letters of dictionary keys as bits of a set, and the edits they imply: a
// key that lacks some of a target's letters is at least that many edits from it. The typo
// walk passes over the keys below a path when none of them can be within reach.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fahras::detail {

/// A key byte's bit in a set of letters. Keys encode the Arabic letters U+0621..U+064A as
/// 0x80..0xA9 (term_key.hpp), and the normalizer leaves 29 of them: the ten from U+0641 on
/// take the bits of letters it folds away (آ أ ؤ إ ئ ة and U+063B..U+063E), so every letter a
/// key holds has a bit of its own. Every other byte shares bit 31. (A byte that shares a bit
/// only weakens the bound below, never falsifies it.)
inline std::uint32_t key_letter_bit(std::uint8_t byte) noexcept {
  static constexpr std::uint8_t from_u0641[10] = {1, 2, 3, 4, 5, 8, 26, 27, 28, 29};
  const unsigned bit = byte < 0x80 || byte > 0xA9 ? 31u
                       : byte < 0xA0              ? byte - 0x80u
                                                  : from_u0641[byte - 0xA0];
  return std::uint32_t{1} << bit;
}

/// A longest key length that stands for "not known" (that long or longer).
inline constexpr std::size_t key_length_unknown = 0xFF;

/// A lower bound on the edits from the end of a target to what follows a path: if every byte
/// after the path is among a set of letters, each target byte whose letter is not in it must
/// be substituted or deleted; and if at most `room` bytes follow, the target's bytes beyond
/// that many must be deleted. For targets of up to 64 bytes (one bit a position); none else.
class key_letter_bound {
 public:
  explicit key_letter_bound(std::string_view target) : size_(target.size()) {
    if (size_ > 64) return;
    usable_ = true;
    for (std::size_t j = 0; j < size_; ++j) {
      const std::uint32_t bit = key_letter_bit(static_cast<std::uint8_t>(target[j]));
      letters_ |= bit;
      positions_[static_cast<std::size_t>(__builtin_ctz(bit))] |= std::uint64_t{1} << j;
    }
    // missing() by table, a byte of the letter set at a time: the walk asks about a new set
    // of letters every other key. Entry v holds the positions of v's lowest letter, with
    // those of v without it (an entry before).
    for (std::size_t q = 0; q < 4; ++q)
      for (unsigned v = 1; v < 256; ++v)
        missing_by_byte_[q][v] = missing_by_byte_[q][v & (v - 1)] |
                                 positions_[8 * q + static_cast<std::size_t>(__builtin_ctz(v))];
  }

  bool usable() const noexcept { return usable_; }

  /// The target's positions (a bit each) whose letter is not among `letters`.
  std::uint64_t missing(std::uint32_t letters) const noexcept {
    const std::uint32_t absent = letters_ & ~letters;
    return missing_by_byte_[0][absent & 0xFF] | missing_by_byte_[1][(absent >> 8) & 0xFF] |
           missing_by_byte_[2][(absent >> 16) & 0xFF] | missing_by_byte_[3][absent >> 24];
  }

  /// Whether target[j..) may be within `budget` edits of a string of at most `room` bytes
  /// among the letters whose missing() is `missing` (false if it cannot).
  bool within(std::size_t j, std::uint64_t missing, std::size_t room,
              std::size_t budget) const noexcept {
    const std::size_t left = size_ - j;
    if (left > room && left - room > budget) return false;
    std::uint64_t lacking = j < 64 ? missing >> j : 0;
    for (std::size_t e = 0; e < budget && lacking != 0; ++e) lacking &= lacking - 1;
    return lacking == 0;  // at most `budget` positions lack their letter
  }

 private:
  std::size_t size_;
  bool usable_ = false;
  std::uint32_t letters_ = 0;                  // the target's
  std::array<std::uint64_t, 32> positions_{};  // each letter's positions in the target
  std::array<std::array<std::uint64_t, 256>, 4> missing_by_byte_{};  // letters 8q .. 8q + 7
};

}  // namespace fahras::detail
