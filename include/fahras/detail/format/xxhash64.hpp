// XXH64 (xxHash, 64-bit, seed 0): names a collection's shards after their bytes, so a reader can
// check that a file is the one its name promises. Fast (several GB/s) because bundling hashes
// every byte of the index; not a defence against someone forging files on purpose.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace fahras::detail {

class xxhash64 {
 public:
  void update(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return;  // (an empty vector's data() may be null, which memcpy refuses)
    total_ += size;
    if (used_ + size < 32) {
      std::memcpy(buffer_ + used_, data, size);
      used_ += size;
      return;
    }
    if (used_ > 0) {
      const std::size_t take = 32 - used_;
      std::memcpy(buffer_ + used_, data, take);
      stripe(buffer_);
      data += take;
      size -= take;
      used_ = 0;
    }
    for (; size >= 32; data += 32, size -= 32) stripe(data);
    if (size > 0) std::memcpy(buffer_, data, size);
    used_ = size;
  }

  std::uint64_t finish() const {
    std::uint64_t h;
    if (total_ >= 32) {
      h = rotl(v_[0], 1) + rotl(v_[1], 7) + rotl(v_[2], 12) + rotl(v_[3], 18);
      for (std::uint64_t v : v_) h = (h ^ round(0, v)) * p1 + p4;
    } else {
      h = p5;
    }
    h += total_;
    const std::uint8_t* p = buffer_;
    std::size_t n = used_;
    for (; n >= 8; p += 8, n -= 8) h = rotl(h ^ round(0, load64(p)), 27) * p1 + p4;
    if (n >= 4) {
      h = rotl(h ^ (std::uint64_t{load32(p)} * p1), 23) * p2 + p3;
      p += 4;
      n -= 4;
    }
    for (; n > 0; ++p, --n) h = rotl(h ^ (std::uint64_t{*p} * p5), 11) * p1;
    h ^= h >> 33;
    h *= p2;
    h ^= h >> 29;
    h *= p3;
    h ^= h >> 32;
    return h;
  }

  static std::uint64_t of(const std::uint8_t* data, std::size_t size) {
    xxhash64 h;
    h.update(data, size);
    return h.finish();
  }

 private:
  static constexpr std::uint64_t p1 = 0x9E3779B185EBCA87ull, p2 = 0xC2B2AE3D27D4EB4Full,
                                 p3 = 0x165667B19E3779F9ull, p4 = 0x85EBCA77C2B2AE63ull,
                                 p5 = 0x27D4EB2F165667C5ull;

  static std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
  static std::uint64_t round(std::uint64_t acc, std::uint64_t input) {
    return rotl(acc + input * p2, 31) * p1;
  }
  static std::uint64_t load64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = v << 8 | p[i];  // little-endian, whatever the host
    return v;
  }
  static std::uint32_t load32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
  }
  void stripe(const std::uint8_t* p) {
    for (int i = 0; i < 4; ++i) v_[i] = round(v_[i], load64(p + 8 * i));
  }

  std::uint64_t v_[4] = {p1 + p2, p2, 0, 0 - p1};
  std::uint8_t buffer_[32] = {};
  std::size_t used_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace fahras::detail
