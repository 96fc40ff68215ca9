// Rice-coded bit streams (doc/format.md, "positions"): the writer the index builder keeps per
// stem, the reader the posting cursors decode with, and the choice of the Rice parameter.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace fahras::detail {

/// A quotient of this many ones or more is written as exactly this many ones and the value in
/// 32 plain bits, so that no value codes longer than 64 bits.
inline constexpr std::uint32_t rice_escape = 32;
inline constexpr std::uint32_t max_rice_parameter = 30;

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

/// The Rice parameter that codes `values` in the fewest bits. The optimum lies near log2 of
/// the mean, so only its neighbourhood is tried.
inline std::uint32_t best_rice_parameter(const std::vector<std::uint32_t>& values) {
  if (values.empty()) return 0;
  std::uint64_t sum = 0;
  for (std::uint32_t v : values) sum += v;
  std::uint32_t guess = 0;
  while (guess < max_rice_parameter && (std::uint64_t{1} << (guess + 1)) <= sum / values.size())
    ++guess;
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

/// Writes one Rice-coded stream a value at a time, handing whole bytes to the caller, who
/// stores them (the builder keeps millions of these streams, one per stem, so this state is
/// small: the bits not yet a whole byte, and the count of bits written).
class rice_writer {
 public:
  /// Bytes `put` writes at most.
  static constexpr std::size_t max_put_bytes = 9;

  void set_parameter(std::uint32_t r) noexcept { parameter_ = static_cast<std::uint8_t>(r); }
  std::uint32_t parameter() const noexcept { return parameter_; }
  /// Bits written so far, the pending ones included.
  std::uint64_t bits() const noexcept { return total_bits_; }

  /// Codes `v`; the bytes it completes go to `out` (room for max_put_bytes). Returns their
  /// count. Bits fill each byte from its least significant bit.
  std::size_t put(std::uint32_t v, std::uint8_t* out) noexcept {
    const std::uint32_t r = parameter_;
    const std::uint32_t q = v >> r;
    std::uint64_t bits;
    std::uint32_t count;
    if (q < rice_escape) {  // q ones, a zero, the r low bits of v
      bits = ((std::uint64_t{1} << q) - 1) | (std::uint64_t{v & ((1u << r) - 1)} << (q + 1));
      count = q + 1 + r;
    } else {  // the escape: 32 ones, then v in 32 bits
      bits = 0xFFFFFFFFull | (std::uint64_t{v} << 32);
      count = 64;
    }
    total_bits_ += count;
    std::size_t n = 0;
    std::uint64_t acc = pending_;
    std::uint32_t used = pending_count_;
    for (std::uint32_t done = 0; done < count;) {
      const std::uint32_t take = count - done < 32 ? count - done : 32;
      acc |= ((bits >> done) & ((std::uint64_t{1} << take) - 1)) << used;
      used += take;
      done += take;
      while (used >= 8) {
        out[n++] = static_cast<std::uint8_t>(acc & 0xFF);
        acc >>= 8;
        used -= 8;
      }
    }
    pending_ = static_cast<std::uint32_t>(acc);
    pending_count_ = static_cast<std::uint8_t>(used);
    return n;
  }

  /// The stream's last byte, zero-padded, when bits are pending: writes it to `out` and
  /// returns 1, else 0.
  std::size_t finish(std::uint8_t* out) const noexcept {
    if (pending_count_ == 0) return 0;
    out[0] = static_cast<std::uint8_t>(pending_ & 0xFF);
    return 1;
  }

 private:
  std::uint64_t total_bits_ = 0;
  std::uint32_t pending_ = 0;  // bits not yet a whole byte, low `pending_count_` of them
  std::uint8_t pending_count_ = 0;
  std::uint8_t parameter_ = 0;
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

  /// Moves past `n` values coded with parameter `r`, to where rice(r) `n` times would leave
  /// the reader. Many codes fit one 64-bit window: read it once for all of them (positions
  /// skip the earlier documents' values of their block).
  void skip(std::uint32_t n, std::uint32_t r) {
    while (n > 0) {
      const std::uint64_t w = peek();
      std::uint32_t used = 0;
      for (; n > 0; --n) {
        const std::uint32_t ones = count_trailing_ones(w >> used);
        if (ones >= rice_escape || used + ones + 1 + r > 57) break;
        used += ones + 1 + r;
      }
      bit_ += used;
      if (n > 0 && used == 0) {  // an escape, or a code longer than what is left of the window
        rice(r);
        --n;
      }
    }
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
      // Little-endian, whatever the host order; spelled out, not a loop, so that compilers
      // see one 8-byte load (GCC -O2 kept the loop: half of a decode's instructions).
      const std::uint8_t* b = data_ + byte;
      w = std::uint64_t{b[0]} | std::uint64_t{b[1]} << 8 | std::uint64_t{b[2]} << 16 |
          std::uint64_t{b[3]} << 24 | std::uint64_t{b[4]} << 32 | std::uint64_t{b[5]} << 40 |
          std::uint64_t{b[6]} << 48 | std::uint64_t{b[7]} << 56;
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

}  // namespace fahras::detail
