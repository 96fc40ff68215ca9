// Error values for operations on bytes (index loading), and an opt-in exception.
// SPDX-License-Identifier: MIT
//
// Text never fails in fahras: documents and queries with invalid UTF-8 or odd syntax are read
// in the most sensible way. Bytes do fail: `load_index` returns a `result<index>` whose error
// says what was wrong and at which byte. Only std::bad_alloc escapes as an exception, and
// `result::value()` on an error throws `fahras::exception` (or aborts under -fno-exceptions).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace fahras {

enum class errc : std::uint8_t {
  ok,
  bad_magic,            ///< not a fahras index
  unsupported_version,  ///< written by a newer fahras
  truncated,            ///< ends before a structure it announces
  corrupt,              ///< a structure is inconsistent
  bad_crc,              ///< the checksum does not match
  invalid_argument,     ///< a caller's argument is out of range
  io_error,             ///< a file could not be read or written
};

/// Stable, greppable name of an error code: "truncated", "bad_crc", ...
inline const char* to_string(errc code) noexcept {
  switch (code) {
    case errc::ok: return "ok";
    case errc::bad_magic: return "bad_magic";
    case errc::unsupported_version: return "unsupported_version";
    case errc::truncated: return "truncated";
    case errc::corrupt: return "corrupt";
    case errc::bad_crc: return "bad_crc";
    case errc::invalid_argument: return "invalid_argument";
    case errc::io_error: return "io_error";
  }
  return "unknown";
}

/// What went wrong and where. `message` reads like "fahras: truncated index at byte 42".
struct error {
  errc code = errc::ok;
  std::size_t offset = 0;  ///< byte of the input where it went wrong, when it applies
  std::string message;

  explicit operator bool() const noexcept { return code != errc::ok; }
};

/// An exception carrying an `error`; thrown only by `result::value()` on an error.
class exception : public std::runtime_error {
 public:
  explicit exception(error e) : std::runtime_error(e.message), error_(std::move(e)) {}
  errc code() const noexcept { return error_.code; }
  std::size_t offset() const noexcept { return error_.offset; }
  const fahras::error& get_error() const noexcept { return error_; }

 private:
  fahras::error error_;
};

/// Either a value or an error (a small std::expected).
template <class T>
class result {
 public:
  result(T value) : value_(std::move(value)) {}      // NOLINT: implicit by design
  result(fahras::error e) : error_(std::move(e)) {}  // NOLINT: implicit by design

  bool has_value() const noexcept { return value_.has_value(); }
  explicit operator bool() const noexcept { return has_value(); }
  const fahras::error& error() const noexcept { return error_; }

  /// The value; throws fahras::exception on an error (aborts without exceptions).
  T& value() & {
    check();
    return *value_;
  }
  const T& value() const& {
    check();
    return *value_;
  }
  T&& value() && {
    check();
    return std::move(*value_);
  }
  T* operator->() {
    check();
    return &*value_;
  }
  const T* operator->() const {
    check();
    return &*value_;
  }
  T& operator*() & {
    check();
    return *value_;
  }
  const T& operator*() const& {
    check();
    return *value_;
  }

 private:
  void check() const {
    if (value_) return;
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    throw exception(error_);
#else
    std::abort();
#endif
  }

  std::optional<T> value_;
  fahras::error error_;
};

}  // namespace fahras
