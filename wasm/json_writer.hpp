// A tiny JSON writer for the results the WebAssembly module hands to JavaScript.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fahras/detail/decimal.hpp>
#include <fahras/detail/hints.hpp>
#include <fahras/detail/unicode/utf8.hpp>

namespace fahras::wasm {

/// Appends JSON text to a buffer, inserting the commas itself. Only what the bindings need:
/// objects, arrays, strings, unsigned integers, booleans, null and exact doubles.
///
/// Strings are always valid UTF-8 on output: each byte of an invalid sequence (stored text
/// read from a file may hold some) becomes one U+FFFD, as `utf16_cursor` counts it.
/// A double goes out beside the text, exactly: the JSON holds its index in `numbers()`, which
/// fahras.mjs reads as a Float64Array. Formatting it in decimal would pull printf or Ryu's tables
/// into the module, and JSON.parse reads a pair of long integers (mantissa, exponent) slowly.
///
/// The text is written to a buffer of its own, not a std::string: at -Oz, std::string's
/// push_back and append stay calls, and writing the results was several percent of a search.
class json_writer {
 public:
  void clear() {
    size_ = 0;
    comma_ = false;
    numbers_.clear();
    // A large answer's buffer (the analysis of a book) goes back to the allocator: kept, it
    // would hold the memory a later call needs.
    if (capacity_ > kept_capacity) {
      data_.reset();
      capacity_ = 0;
    }
  }
  /// The buffer `clear()` keeps for the next answer, at most.
  static constexpr std::size_t kept_capacity = std::size_t{1} << 20;
  std::size_t capacity() const noexcept { return capacity_; }
  std::string_view str() const noexcept { return {data_.get(), size_}; }
  /// The doubles the text refers to by index.
  const std::vector<double>& numbers() const noexcept { return numbers_; }

  json_writer& begin_object() { return open('{'); }
  json_writer& end_object() { return close('}'); }
  json_writer& begin_array() { return open('['); }
  json_writer& end_array() { return close(']'); }

  /// An object key; the next call writes its value.
  json_writer& key(std::string_view name) {
    separate();
    quoted(name);
    put(':');
    comma_ = false;
    return *this;
  }

  json_writer& value(std::string_view s) {
    separate();
    quoted(s);
    comma_ = true;
    return *this;
  }
  json_writer& value(const char* s) { return value(std::string_view(s)); }
  json_writer& value(bool b) { return literal(b ? "true" : "false"); }
  template <class T, std::enable_if_t<std::is_unsigned_v<T> && !std::is_same_v<T, bool>, int> = 0>
  json_writer& value(T n) {
    return unsigned_value(n);
  }
  json_writer& null() { return literal("null"); }

  /// `"name": value` inside an object.
  template <class T>
  json_writer& field(std::string_view name, const T& v) {
    return key(name).value(v);
  }
  /// `"name": i`, an exact double inside an object (see the class comment).
  json_writer& exact_field(std::string_view name, double d) { return key(name).exact(d); }

  /// A double, as its index in numbers().
  json_writer& exact(double d) {
    numbers_.push_back(d);
    return unsigned_value(numbers_.size() - 1);
  }

 private:
  json_writer& unsigned_value(std::uint64_t n) {
    separate();
    char digits[detail::max_decimal_digits];
    const std::size_t first = detail::decimal_digits(n, digits);
    put(digits + first, detail::max_decimal_digits - first);
    comma_ = true;
    return *this;
  }
  json_writer& open(char c) {
    separate();
    put(c);
    comma_ = false;
    return *this;
  }
  json_writer& close(char c) {
    put(c);
    comma_ = true;
    return *this;
  }
  json_writer& literal(const char* text) {
    separate();
    put(text, std::strlen(text));
    comma_ = true;
    return *this;
  }
  void separate() {
    if (comma_) put(',');
  }

  // Copies each run of bytes that need no escape in one append: in wasm, where -Oz leaves
  // std::string's push_back and decode_at calls, writing strings byte by byte was 12-14% of a
  // search call.
  void quoted(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    put('"');
    std::size_t copied = 0;  // s[copied, i) is valid and needs no escape
    for (std::size_t i = 0; i < s.size();) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0xC2 && c < 0xE0 && i + 1 < s.size() &&
          (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
        i += 2;  // a well-formed pair (all of Arabic), without calling decode_at
        continue;
      }
      if (c >= 0x80) {
        char32_t cp = 0;
        const std::size_t length = detail::decode_at(s, i, cp);
        if (length != 0) {
          i += length;
          continue;
        }
      } else if (c >= 0x20 && c != '"' && c != '\\') {
        ++i;
        continue;
      }
      put(s.data() + copied, i - copied);
      if (c >= 0x80) {
        put("\xEF\xBF\xBD", 3);  // U+FFFD for each byte of an invalid sequence
      } else if (c < 0x20) {
        put("\\u00", 4);
        put(hex[c >> 4]);
        put(hex[c & 15]);
      } else {
        put('\\');
        put(static_cast<char>(c));
      }
      copied = ++i;
    }
    put(s.data() + copied, s.size() - copied);
    put('"');
  }

  void put(char c) {
    if (size_ == capacity_) grow(1);
    data_[size_++] = c;
  }
  void put(const char* p, std::size_t n) {
    if (capacity_ - size_ < n) grow(n);
    if (n != 0) std::memcpy(data_.get() + size_, p, n);
    size_ += n;
  }
  // Room for `more` bytes, at least doubling: out of memory traps in operator new (bindings.cpp).
  FAHRAS_NOINLINE void grow(std::size_t more) {
    const std::size_t capacity = std::max(capacity_ * 2, std::max(size_ + more, std::size_t{1024}));
    std::unique_ptr<char[]> data(new char[capacity]);
    if (size_ != 0) std::memcpy(data.get(), data_.get(), size_);
    data_ = std::move(data);
    capacity_ = capacity;
  }

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0, capacity_ = 0;
  std::vector<double> numbers_;
  bool comma_ = false;
};

}  // namespace fahras::wasm
