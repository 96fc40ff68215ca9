// Loading and saving the binary index format; doc/format.md specifies every byte of it.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "detail/io/atomic_file.hpp"
#include "detail/io/load_index_file.hpp"
#include "error.hpp"
#include "index.hpp"

namespace fahras {

/// Loads an index from untrusted bytes, copying them. Loading checks the frame (header,
/// checksum, section table), the meta section, the document lengths, the stored records'
/// offsets and the dictionary's block index, in time that does not grow with the postings; a
/// search checks each dictionary entry's lists the first time it looks the entry up, and each
/// stored document is checked as it is read (see `index`: damage is treated as absent and
/// reported by `index::damage()`). `index::verify()` checks every byte at once.
///
/// Any byte string (random, truncated, bit-flipped, hostile, or from a newer fahras) gives an
/// error value with a clear message, such as "fahras: truncated index at byte 42", or an index
/// that searches consistently. Never undefined behaviour, never an allocation larger than the
/// input justifies; only std::bad_alloc escapes.
///
/// **Example**: `auto idx = fahras::load_index(bytes.data(), bytes.size()); if (!idx) ...`
inline result<index> load_index(const std::uint8_t* data, std::size_t size) {
  auto owned = std::make_shared<std::vector<std::uint8_t>>(data, data + size);
  const std::uint8_t* p = owned->data();
  return detail::open_index(p, size, std::move(owned), /*trusted=*/false);
}

/// Loads an index from bytes it takes over (no copy).
inline result<index> load_index(std::vector<std::uint8_t> bytes) {
  auto owned = std::make_shared<std::vector<std::uint8_t>>(std::move(bytes));
  const std::uint8_t* p = owned->data();
  const std::size_t size = owned->size();
  return detail::open_index(p, size, std::move(owned), /*trusted=*/false);
}

/// Loads an index from bytes that the caller keeps alive (no copy), e.g. a memory-mapped file.
/// IMPORTANT: the bytes must outlive the index and every copy of it.
inline result<index> load_index_view(const std::uint8_t* data, std::size_t size) {
  return detail::open_index(data, size, nullptr, /*trusted=*/false);
}

/// Reads and loads an index file. Its 12-byte header is checked against the file's size before
/// the rest is read, so a large file that is not an index is refused at once ("fahras: not a
/// fahras index (bad magic) at byte 0"). Errors: those of `load_index`, and `errc::io_error`
/// for a file that cannot be read or does not fit in memory (never a bare std::bad_alloc).
inline result<index> load_index_file(const std::string& path) {
  return detail::io::load_index_file(
      path, [](std::vector<std::uint8_t> bytes) { return load_index(std::move(bytes)); });
}

/// Writes an index's bytes to a file, atomically: the file is replaced only once the new bytes
/// are complete and on disk, so a failure leaves the old file as it was (see
/// `detail/io/atomic_file.hpp`: links are followed, and a target that is not a regular file,
/// such as a device, is refused).
inline error save_index_file(const index& idx, const std::string& path) {
  return detail::io::write_file_atomically(path, idx.data(), idx.size());
}

}  // namespace fahras
