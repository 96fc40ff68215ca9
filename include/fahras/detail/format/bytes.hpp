// Little-endian integers and length-prefixed strings: writing them, and reading untrusted bytes
// back with a bounds check before every read.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../../error.hpp"
#include "../decimal.hpp"
#include "varint.hpp"

namespace fahras::detail {

inline void put_u16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>(v >> 8));
}

inline void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

/// A string as its varint length and its bytes.
inline void put_string(std::string& out, std::string_view s) {
  put_varint(out, static_cast<std::uint32_t>(s.size()));
  out.append(s);
}

/// How many leading bytes `a` and `b` share: what a front-coded key takes from the key before it.
inline std::size_t shared_prefix(std::string_view a, std::string_view b) noexcept {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

/// The u32 at `p`, for structures whose size was checked as a whole (the section table, the
/// document table, offset tables).
inline std::uint32_t read_u32(const std::uint8_t* p) noexcept {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

/// Reads little-endian integers, varints and byte strings from [begin, end), checking the bytes
/// left before every read. The first failure is remembered with the absolute offset where it
/// happened (`base` is the offset of `begin` in the whole index), and every later read fails
/// too, so a parser can check `ok()` once per structure.
class byte_reader {
 public:
  byte_reader(const std::uint8_t* begin, const std::uint8_t* end, std::size_t base = 0)
      : begin_(begin), p_(begin), end_(end), base_(base) {}

  bool ok() const noexcept { return err_ == errc::ok; }
  errc code() const noexcept { return err_; }
  std::size_t error_offset() const noexcept { return err_offset_; }
  std::size_t offset() const noexcept { return base_ + static_cast<std::size_t>(p_ - begin_); }
  std::size_t left() const noexcept { return static_cast<std::size_t>(end_ - p_); }
  bool at_end() const noexcept { return p_ == end_; }
  const std::uint8_t* position() const noexcept { return p_; }

  std::uint8_t u8() {
    if (!need(1)) return 0;
    return *p_++;
  }
  std::uint16_t u16() {
    if (!need(2)) return 0;
    const auto v = static_cast<std::uint16_t>(p_[0] | p_[1] << 8);
    p_ += 2;
    return v;
  }
  std::uint32_t u32() {
    if (!need(4)) return 0;
    const std::uint32_t v = read_u32(p_);
    p_ += 4;
    return v;
  }
  std::uint32_t varint() {
    if (!ok()) return 0;
    std::uint32_t v = 0;
    const std::size_t n = get_varint(p_, end_, v);
    if (n == 0) {
      // Running out of bytes mid-varint is truncation; a sixth byte or an overflow is
      // corruption.
      bool all_continue = true;
      for (const std::uint8_t* q = p_; q < end_; ++q) all_continue = all_continue && (*q & 0x80);
      fail(left() < max_varint_bytes && all_continue ? errc::truncated : errc::corrupt);
      return 0;
    }
    p_ += n;
    return v;
  }
  /// A varint that must not exceed `max` (a count checked against what can exist).
  std::uint32_t varint_at_most(std::uint32_t max) {
    const std::size_t at = offset();
    const std::uint32_t v = varint();
    if (ok() && v > max) fail_at(errc::corrupt, at);
    return ok() ? v : 0;
  }
  std::string_view bytes(std::size_t n) {
    if (!need(n)) return {};
    std::string_view s(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return s;
  }
  void skip(std::size_t n) {
    if (need(n)) p_ += n;
  }

  void fail(errc code) { fail_at(code, offset()); }
  void fail_at(errc code, std::size_t at) {
    if (err_ != errc::ok) return;
    err_ = code;
    err_offset_ = at;
    p_ = end_;
  }

 private:
  bool need(std::size_t n) {
    if (!ok()) return false;
    if (left() < n) {
      fail(errc::truncated);
      return false;
    }
    return true;
  }

  const std::uint8_t* begin_;
  const std::uint8_t* p_;
  const std::uint8_t* end_;
  std::size_t base_;
  errc err_ = errc::ok;
  std::size_t err_offset_ = 0;
};

/// The error for a failed read: "fahras: truncated index at byte 42".
inline error make_error(errc code, std::size_t offset, std::string_view what = {}) {
  std::string message = "fahras: ";
  switch (code) {
    case errc::bad_magic: message += "not a fahras index (bad magic)"; break;
    case errc::unsupported_version: message += "unsupported index format version"; break;
    case errc::truncated: message += "truncated index"; break;
    case errc::corrupt: message += "corrupt index"; break;
    case errc::bad_crc: message += "index checksum mismatch"; break;
    default: message += to_string(code); break;
  }
  if (!what.empty()) {
    message += " (";
    message += what;
    message += ")";
  }
  message += " at byte ";
  append_decimal(message, offset);
  return error{code, offset, std::move(message)};
}

inline error corrupt(std::size_t at, std::string_view what) {
  return make_error(errc::corrupt, at, what);
}

}  // namespace fahras::detail
