// CRC-32 (IEEE 802.3, as zlib), guarding the whole index against corruption.
// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace fahras::detail {

// Slicing-by-N: N bytes a step, through N tables of 256 entries. Loading an index checks its
// CRC first, so this is most of the time a load takes: slicing-by-16 checks a 70 MB index
// natively 3.5x faster than slicing-by-4 (16 against 56 ms). WebAssembly keeps 4 tables, the
// smaller step in code and memory.
#ifdef __EMSCRIPTEN__
inline constexpr std::size_t crc32_slices = 4;
#else
inline constexpr std::size_t crc32_slices = 16;
#endif
static_assert(crc32_slices == 4 || crc32_slices == 16, "crc32() is written out for 4 or 16");

using crc32_table_set = std::array<std::array<std::uint32_t, 256>, crc32_slices>;

/// The tables, computed. Deliberately not constexpr: a constant expression would be evaluated by
/// the compiler and its 4 or 16 KB of incompressible values stored in the binary (4 KB of gzipped
/// fahras.wasm), where filling them at first use takes microseconds.
inline crc32_table_set make_crc32_tables() noexcept {
  crc32_table_set t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[0][i] = c;
  }
  for (std::uint32_t i = 0; i < 256; ++i)
    for (std::size_t k = 1; k < crc32_slices; ++k)
      t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFF];
  return t;
}

inline const crc32_table_set& crc32_tables() {
  static const crc32_table_set tables = make_crc32_tables();
  return tables;
}

/// CRC-32 of [data, data+size), continuing from `crc` (0 to start).
inline std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0) {
  constexpr std::size_t n = crc32_slices;
  const auto& t = crc32_tables();
  crc = ~crc;
  while (size >= n) {
    // The first 4 bytes meet the running CRC; byte k goes through table n - 1 - k. Written out
    // in full: as a loop over k, compilers chained the XORs and ran at half the speed.
    crc ^= static_cast<std::uint32_t>(data[0]) | static_cast<std::uint32_t>(data[1]) << 8 |
           static_cast<std::uint32_t>(data[2]) << 16 | static_cast<std::uint32_t>(data[3]) << 24;
    const std::uint32_t head = t[n - 1][crc & 0xFF] ^ t[n - 2][(crc >> 8) & 0xFF] ^
                               t[n - 3][(crc >> 16) & 0xFF] ^ t[n - 4][crc >> 24];
    if constexpr (n == 16) {
      crc = head ^ (t[11][data[4]] ^ t[10][data[5]] ^ t[9][data[6]] ^ t[8][data[7]]) ^
            (t[7][data[8]] ^ t[6][data[9]] ^ t[5][data[10]] ^ t[4][data[11]]) ^
            (t[3][data[12]] ^ t[2][data[13]] ^ t[1][data[14]] ^ t[0][data[15]]);
    } else {
      crc = head;
    }
    data += n;
    size -= n;
  }
  while (size-- > 0) crc = t[0][(crc ^ *data++) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

}  // namespace fahras::detail
