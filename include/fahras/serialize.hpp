// Loading and saving the binary index format; doc/format.md specifies every byte of it.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "error.hpp"
#include "index.hpp"

namespace fahras {

/// Loads an index from untrusted bytes, copying them. Everything is validated first: any byte
/// string (random, truncated, bit-flipped, hostile, or from a newer fahras) gives an error
/// value with a clear message, such as "fahras: truncated index at byte 42". Never undefined
/// behaviour, never an allocation larger than the input justifies; only std::bad_alloc escapes.
///
/// **Example**: `auto idx = fahras::load_index(bytes.data(), bytes.size()); if (!idx) ...`
inline result<index> load_index(const std::uint8_t* data, std::size_t size) {
  auto owned = std::make_shared<std::vector<std::uint8_t>>(data, data + size);
  const std::uint8_t* p = owned->data();
  return detail::open_index(p, size, std::move(owned), /*validate_all=*/true);
}

/// Loads an index from bytes it takes over (no copy).
inline result<index> load_index(std::vector<std::uint8_t> bytes) {
  auto owned = std::make_shared<std::vector<std::uint8_t>>(std::move(bytes));
  const std::uint8_t* p = owned->data();
  const std::size_t size = owned->size();
  return detail::open_index(p, size, std::move(owned), /*validate_all=*/true);
}

/// Loads an index from bytes that the caller keeps alive (no copy), e.g. a memory-mapped file.
/// IMPORTANT: the bytes must outlive the index and every copy of it.
inline result<index> load_index_view(const std::uint8_t* data, std::size_t size) {
  return detail::open_index(data, size, nullptr, /*validate_all=*/true);
}

/// Reads and loads an index file.
inline result<index> load_index_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return error{errc::io_error, 0, "fahras: cannot open " + path};
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  if (in.bad()) return error{errc::io_error, 0, "fahras: cannot read " + path};
  return load_index(std::move(bytes));
}

/// Writes an index's bytes to a file.
inline error save_index_file(const index& idx, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(idx.data()), static_cast<std::streamsize>(idx.size()));
  out.close();
  if (!out) return error{errc::io_error, 0, "fahras: cannot write " + path};
  return {};
}

}  // namespace fahras
