// Reading an index file: the 12-byte header first, checked against the file's size, then
// exactly the bytes it announces.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "../../error.hpp"
#include "../../index.hpp"
#include "../decimal.hpp"
#include "../format/bytes.hpp"
#include "../format/sections.hpp"
#include "../huge_pages.hpp"

namespace fahras::detail::io {

/// Reads the index file at `path` and hands its bytes to `load` (which validates them).
///
/// Why the header first: a large file that is not an index (a 2 GB disk image) or whose header
/// announces another size must be refused from its first 12 bytes, without reading or
/// allocating the rest. A file whose size is unknown (a pipe) is read up to the size its
/// header announces, plus one byte to notice extra bytes. Running out of memory, in the read or
/// in `load`, is an `errc::io_error` naming the file, never a bare std::bad_alloc.
template <class Load>
result<index> load_index_file(const std::string& path, Load&& load) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return error{errc::io_error, 0, "fahras: cannot open " + path};
  const auto cannot_read = [&] { return error{errc::io_error, 0, "fahras: cannot read " + path}; };

  std::uint8_t header[header_size] = {};
  in.read(reinterpret_cast<char*>(header), header_size);
  const auto header_bytes = static_cast<std::size_t>(in.gcount());
  if (in.bad()) return cannot_read();
  in.clear();
  // The size, when the file can tell it (a regular file): seek to the end and back.
  std::uint64_t size = 0;
  bool size_known = false;
  if (in.seekg(0, std::ios::end)) {
    const auto end = static_cast<std::streamoff>(in.tellg());
    size_known = end >= 0 && in.seekg(static_cast<std::streamoff>(header_bytes));
    size = size_known ? static_cast<std::uint64_t>(end) : 0;
  }
  in.clear();
  std::uint16_t flags = 0;
  if (header_bytes < header_size || size_known) {
    const std::uint64_t checked_size = size_known ? size : header_bytes;
    if (auto bad = check_header(header, header_bytes, checked_size, flags)) return std::move(*bad);
  } else if (auto bad = check_header(header, header_bytes, read_u32(header + 8), flags)) {
    return std::move(*bad);  // size unknown: the header's own size, checked after the read
  }
  const std::uint64_t wanted = size_known ? size : std::uint64_t{read_u32(header + 8)} + 1;
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
  try {
#endif
    std::vector<std::uint8_t> bytes(header, header + header_bytes);
    // A pipe is read in steps, so that a header's claim is not an allocation on its own.
    bytes.reserve(
        static_cast<std::size_t>(size_known ? wanted : std::min<std::uint64_t>(wanted, 1 << 20)));
    advise_huge_pages(bytes.data(), bytes.capacity());
    while (bytes.size() < wanted && in) {
      const std::size_t at = bytes.size();
      const auto step = static_cast<std::size_t>(std::min<std::uint64_t>(wanted - at, 1 << 20));
      bytes.resize(at + step);
      in.read(reinterpret_cast<char*>(bytes.data() + at), static_cast<std::streamsize>(step));
      bytes.resize(at + static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) return cannot_read();
    // A file that shrank (or a pipe that ended) since its size was taken: `load` reports the
    // bytes as truncated, with the offset where they end.
    return load(std::move(bytes));
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
  } catch (const std::bad_alloc&) {
    return error{
        errc::io_error, 0,
        "fahras: not enough memory to load " + path + " (" + detail::decimal(wanted) + " bytes)"};
  }
#endif
}

}  // namespace fahras::detail::io
