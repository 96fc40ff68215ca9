// Hints to the compiler and the CPU, for the few loops that decide fahras's speed.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

// The per-character loops must inline utfcpp's validator and their own callback to run at
// hundreds of MB/s, which compilers do not do on their own at -O2: `FAHRAS_FLATTEN` asks for
// it, `FAHRAS_NOINLINE` marks where the flattening stops (slow paths, per-token callbacks) and
// keeps rare paths out of hot functions. `FAHRAS_ALWAYS_INLINE` is for the few leaves every
// walk of the index calls (a varint's one-byte case): the WebAssembly build's -Oz keeps them
// calls otherwise, and they were a fifth of its search time (bench/README.md).
#if defined(__GNUC__) || defined(__clang__)
#define FAHRAS_FLATTEN __attribute__((flatten))
#define FAHRAS_NOINLINE __attribute__((noinline))
#define FAHRAS_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define FAHRAS_FLATTEN
#define FAHRAS_NOINLINE
#define FAHRAS_ALWAYS_INLINE inline
#endif

namespace fahras::detail {

/// Starts loading the cache line at `p`. The index builder's tables outgrow the cache and its
/// loops visit them in an order of their own (by key, by hash): asking for an address a few
/// iterations ahead overlaps the misses that would otherwise be waited for one by one.
inline void prefetch(const void* p) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

/// Makes the compiler compute `v`, and the loads it is made of, though nothing reads it: loads
/// that bring far-apart data into the cache together, where prefetch() would be dropped (the
/// processor drops a prefetch that misses the TLB).
inline void keep(std::uint32_t v) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  asm volatile("" : : "r"(v));
#else
  (void)v;
#endif
}

}  // namespace fahras::detail
