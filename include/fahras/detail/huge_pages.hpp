// A hint that a large buffer about to be filled be backed by 2 MiB pages (Linux).
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#endif

namespace fahras::detail {

/// Asks Linux to back the whole, aligned 2 MiB pages inside [p, p + n) with transparent huge
/// pages (in effect when the system's setting is "madvise", as it often is; a no-op where it
/// is "always" or "never", and elsewhere).
///
/// Why: fresh memory is faulted in 4 KiB at a time, and each fault is a trap into the kernel,
/// which clears the page: microseconds each, tens of them on a virtual machine (20 us seen on
/// the benchmark machine, against 0.3 us a 4 KiB page with huge pages). Reading a 70 MB index
/// into new memory took 17,000 faults, most of the time a load took there; the builder's
/// term table, 16 MB for the 50 MB corpus, took 4,000 as it grew.
inline void advise_huge_pages(const void* p, std::size_t n) noexcept {
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{1} << 21;
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t begin = (at + huge - 1) & ~(huge - 1);
  const std::uintptr_t end = (at + n) & ~(huge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  static_cast<void>(p);
  static_cast<void>(n);
#endif
}

/// A block of a builder's pool: `bytes` (a multiple of `huge_page_bytes`) aligned to a huge page
/// and asked to be huge pages; they are faulted in as they are first written.
constexpr std::size_t huge_page_bytes = std::size_t{1} << 21;
struct free_huge_block {
  void operator()(char* p) const noexcept {
    ::operator delete (static_cast<void*>(p), std::align_val_t{huge_page_bytes});
  }
};
using huge_block = std::unique_ptr<char, free_huge_block>;
inline huge_block new_huge_block(std::size_t bytes = huge_page_bytes) {
  void* p = ::operator new (bytes, std::align_val_t{huge_page_bytes});
  advise_huge_pages(p, bytes);
  return huge_block(static_cast<char*>(p));
}

/// Natively, room for `n` elements in `v` (a vector or string about to be filled that far),
/// with its whole 2 MiB pages asked to be huge pages before anything touches them: the
/// builder's arrays of one element per term are tens of megabytes at 50 MB of text, and
/// growing or clearing them took thousands of 4 KiB faults. WebAssembly has no huge pages:
/// there it does nothing (its module has no room for the reservations).
template <class Container>
void reserve_huge(Container& v, std::size_t n) {
#if !defined(__EMSCRIPTEN__)
  if (n <= v.capacity()) return;
  v.reserve(n);
  advise_huge_pages(v.data(), v.capacity() * sizeof(typename Container::value_type));
#else
  static_cast<void>(v);
  static_cast<void>(n);
#endif
}

}  // namespace fahras::detail
