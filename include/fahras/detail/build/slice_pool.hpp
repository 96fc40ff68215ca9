// Growable byte streams for the index builder, packed into large blocks (as Lucene's
// ByteBlockPool): millions of short posting streams without millions of allocations.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "../hints.hpp"
#include "../huge_pages.hpp"

namespace fahras::detail {

/// 4 GiB of postings, or of terms, in one build: as good as out of memory.
[[noreturn]] inline void out_of_addresses() {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
  throw std::bad_alloc();
#else
  std::abort();
#endif
}

/// A stream is a chain of slices. Each slice ends with 4 bytes that, once the slice is full,
/// hold the address of the next one; slices grow with each link, so a stream of n bytes has
/// O(log n) links and wastes at most about half of its last slice.
class slice_pool {
 public:
  struct stream {
    std::uint32_t head = 0;   // address of the first slice; 0 = empty stream
    std::uint32_t write = 0;  // next byte to write
    std::uint32_t limit = 0;  // where the current slice's link field starts
    std::uint8_t level = 0;   // size class of the current slice
  };

  slice_pool() {
    blocks_.push_back(new_block());
    used_ = 1;
  }  // 0 = null

  void append(stream& s, const std::uint8_t* bytes, std::size_t n) {
    if (s.limit - s.write >= n && s.head != 0) {  // the common case: a few bytes that fit
      std::uint8_t* p = at(s.write);
      for (std::size_t i = 0; i < n; ++i) p[i] = bytes[i];
      s.write += static_cast<std::uint32_t>(n);
      return;
    }
    append_across(s, bytes, n);
  }

  /// Starts loading the stream's first bytes (streams are scattered over the pool).
  void prefetch(const stream& s) const noexcept { detail::prefetch(at(s.head)); }
  /// Starts loading where the stream's next bytes go.
  void prefetch_end(const stream& s) const noexcept { detail::prefetch(at(s.write)); }

  /// Appends the stream's bytes to `out`.
  void copy_to(const stream& s, std::string& out) const {
    if (s.head == 0) return;
    std::uint32_t addr = s.head;
    std::uint8_t level = 0;
    for (;;) {
      const std::uint32_t end = addr + slice_sizes[level] - 4;
      if (addr <= s.write && s.write <= end) {  // slices of a stream only ever ascend
        out.append(reinterpret_cast<const char*>(at(addr)), s.write - addr);
        return;
      }
      out.append(reinterpret_cast<const char*>(at(addr)), end - addr);
      std::memcpy(&addr, at(end), 4);
      if (level + 1u < levels) ++level;
    }
  }

 private:
  // Natively a block is one 2 MiB huge page (huge_pages.hpp): the pool of a 50 MB corpus is
  // tens of megabytes, faulted in 4 KiB at a time otherwise. WebAssembly keeps 256 KiB blocks.
#if defined(__EMSCRIPTEN__)
  static constexpr std::uint32_t block_bits = 18;
  using block = std::unique_ptr<std::uint8_t[]>;
  static block new_block() { return block(new std::uint8_t[std::size_t{1} << block_bits]); }
#else
  static constexpr std::uint32_t block_bits = 21;
  using block = huge_block;
  static block new_block() { return new_huge_block(); }
#endif
  static constexpr std::uint32_t block_size = 1u << block_bits;
  static_assert(block_size <= huge_page_bytes);
  static constexpr std::size_t levels = 10;
  static constexpr std::uint32_t slice_sizes[levels] = {8,   16,  32,   64,   128,
                                                        256, 512, 1024, 2048, 4096};

  std::uint8_t* at(std::uint32_t addr) const {
    return reinterpret_cast<std::uint8_t*>(blocks_[addr >> block_bits].get()) +
           (addr & (block_size - 1));
  }

  std::uint32_t allocate(std::uint32_t size) {
    if (used_ + size > block_size) {
      if (blocks_.size() >= (std::size_t{1} << (32 - block_bits))) out_of_addresses();
      blocks_.push_back(new_block());
      used_ = 0;
    }
    const std::uint32_t addr =
        static_cast<std::uint32_t>((blocks_.size() - 1) << block_bits) + used_;
    used_ += size;
    return addr;
  }

  // The rest of append(), kept out of line: starting the stream, or filling its slice and
  // linking new ones.
  FAHRAS_NOINLINE void append_across(stream& s, const std::uint8_t* bytes, std::size_t n) {
    if (s.head == 0) start(s);
    while (n > 0) {
      if (s.write == s.limit) grow(s);
      const std::size_t room = s.limit - s.write;
      const std::size_t k = n < room ? n : room;
      std::memcpy(at(s.write), bytes, k);
      s.write += static_cast<std::uint32_t>(k);
      bytes += k;
      n -= k;
    }
  }

  void start(stream& s) {
    s.level = 0;
    s.head = allocate(slice_sizes[0]);
    s.write = s.head;
    s.limit = s.head + slice_sizes[0] - 4;
  }

  void grow(stream& s) {
    const auto level = static_cast<std::uint8_t>(s.level + 1u < levels ? s.level + 1u : s.level);
    const std::uint32_t next = allocate(slice_sizes[level]);
    std::memcpy(at(s.limit), &next, 4);
    s.level = level;
    s.write = next;
    s.limit = next + slice_sizes[level] - 4;
  }

  std::vector<block> blocks_;
  std::uint32_t used_ = 0;
};

}  // namespace fahras::detail
