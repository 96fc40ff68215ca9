// A hint to start loading a cache line that will be read soon.
// SPDX-License-Identifier: MIT
#pragma once

namespace fahras::detail {

/// The index builder's tables outgrow the cache and its loops visit them in an order of their
/// own (by key, by hash): asking for an address a few iterations ahead overlaps the misses
/// that would otherwise be waited for one after the other.
inline void prefetch(const void* p) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

}  // namespace fahras::detail
