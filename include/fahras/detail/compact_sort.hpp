// A sort and a merge that are small in code: in the WebAssembly module every std::sort is about
// 1.5 KB of code per element type and comparison, each of these about 0.2 KB.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <utility>
#include <vector>

namespace fahras::detail {

/// Sorts [first, last) by `less` (a strict weak order), not stably: insertion sort for short
/// ranges, heapsort otherwise (O(n log n) always, about half as fast as std::sort). For
/// candidate lists, small tables and results to be shown; ranking keeps std::sort.
template <class It, class Less>
void compact_sort(It first, It last, Less less) {
  const std::ptrdiff_t n = last - first;
  if (n < 2) return;
  if (n <= 16) {
    for (std::ptrdiff_t i = 1; i < n; ++i)
      for (std::ptrdiff_t k = i; k > 0 && less(first[k], first[k - 1]); --k)
        std::swap(first[k], first[k - 1]);
    return;
  }
  // Moves first[at] down the max-heap [first, first + size).
  const auto sift = [&](std::ptrdiff_t at, std::ptrdiff_t size) {
    for (;;) {
      std::ptrdiff_t child = 2 * at + 1;
      if (child >= size) return;
      if (child + 1 < size && less(first[child], first[child + 1])) ++child;
      if (!less(first[at], first[child])) return;
      std::swap(first[at], first[child]);
      at = child;
    }
  };
  for (std::ptrdiff_t i = n / 2; i-- > 0;) sift(i, n);
  for (std::ptrdiff_t end = n - 1; end > 0; --end) {
    std::swap(first[0], first[end]);
    sift(0, end);
  }
}

/// compact_sort by `operator<`.
template <class It>
void compact_sort(It first, It last) {
  compact_sort(first, last, [](const auto& a, const auto& b) { return a < b; });
}

/// Sorts [first, last) by `less`, which must be a total order (then the result is the same
/// either way): std::sort natively, compact_sort in WebAssembly, where each std::sort
/// instantiation costs about 1 KB of gzipped module (the writer's term order, the variant
/// groups, the reranked top).
template <class It, class Less>
void total_order_sort(It first, It last, Less less) {
#ifdef __EMSCRIPTEN__
  compact_sort(first, last, less);
#else
  std::sort(first, last, less);
#endif
}

/// Merges the ascending runs [0, mid) and [mid, end) of `v` into one, stably; `scratch` holds
/// a copy of the second run (kept by the caller, so that its memory is reused).
template <class T>
void merge_tail(std::vector<T>& v, std::size_t mid, std::vector<T>& scratch) {
  if (mid == 0 || mid >= v.size()) return;
  scratch.assign(v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  std::size_t i = mid, j = scratch.size(), k = v.size();
  while (j > 0)
    v[--k] = i > 0 && scratch[j - 1] < v[i - 1] ? std::move(v[--i]) : std::move(scratch[--j]);
}

}  // namespace fahras::detail
