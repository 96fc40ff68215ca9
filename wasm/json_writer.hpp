// A tiny JSON writer for the results the WebAssembly module hands to JavaScript.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include <fahras/detail/decimal.hpp>
#include <fahras/detail/unicode/utf8.hpp>

namespace fahras::wasm {

/// Appends JSON text to a string, inserting the commas itself. Only what the bindings need:
/// objects, arrays, strings, unsigned integers, booleans, null and exact doubles.
///
/// Strings are always valid UTF-8 on output: each byte of an invalid sequence (stored text
/// read from a file may hold some) becomes one U+FFFD, as `utf16_cursor` counts it.
/// A double is written as `[m, e]`, integers with value = m * 2^e: exact, and without the
/// formatting code (printf, or Ryu's tables) a decimal form would pull into the module.
/// fahras.mjs turns the pair back into the very same number. NaN and infinities are null.
class json_writer {
 public:
  void clear() {
    out_.clear();
    comma_ = false;
  }
  const std::string& str() const noexcept { return out_; }

  json_writer& begin_object() { return open('{'); }
  json_writer& end_object() { return close('}'); }
  json_writer& begin_array() { return open('['); }
  json_writer& end_array() { return close(']'); }

  /// An object key; the next call writes its value.
  json_writer& key(std::string_view name) {
    separate();
    quoted(name);
    out_ += ':';
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
    separate();
    fahras::detail::append_decimal(out_, n);
    comma_ = true;
    return *this;
  }
  json_writer& null() { return literal("null"); }

  /// `"name": value` inside an object.
  template <class T>
  json_writer& field(std::string_view name, const T& v) {
    return key(name).value(v);
  }
  /// `"name": [m, e]`, an exact double inside an object.
  json_writer& exact_field(std::string_view name, double d) { return key(name).exact(d); }

  /// A double as [mantissa, exponent], exactly (see the class comment).
  json_writer& exact(double d) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &d, sizeof bits);
    const int biased = static_cast<int>((bits >> 52) & 0x7FF);
    if (biased == 0x7FF) return null();
    std::uint64_t mantissa = bits & ((std::uint64_t{1} << 52) - 1);
    int exponent = -1074;  // zero and subnormals
    if (biased != 0) {
      mantissa |= std::uint64_t{1} << 52;
      exponent = biased - 1075;
    }
    while (mantissa != 0 && (mantissa & 1) == 0) {  // the shortest pair: 1.5 -> [3,-1]
      mantissa >>= 1;
      ++exponent;
    }
    if (mantissa == 0) exponent = 0;
    separate();
    out_ += '[';
    if ((bits >> 63) != 0 && mantissa != 0) out_ += '-';
    fahras::detail::append_decimal(out_, mantissa);
    out_ += ',';
    if (exponent < 0) out_ += '-';
    fahras::detail::append_decimal(out_,
                                   static_cast<std::uint64_t>(exponent < 0 ? -exponent : exponent));
    out_ += ']';
    comma_ = true;
    return *this;
  }

 private:
  json_writer& open(char c) {
    separate();
    out_ += c;
    comma_ = false;
    return *this;
  }
  json_writer& close(char c) {
    out_ += c;
    comma_ = true;
    return *this;
  }
  json_writer& literal(const char* text) {
    separate();
    out_ += text;
    comma_ = true;
    return *this;
  }
  void separate() {
    if (comma_) out_ += ',';
  }

  // Copies each run of bytes that need no escape in one append: in wasm, where -Oz leaves
  // std::string's push_back and decode_at calls, writing strings byte by byte was 12-14% of a
  // search call.
  void quoted(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out_ += '"';
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
      out_.append(s.data() + copied, i - copied);
      if (c >= 0x80) {
        out_ += "\xEF\xBF\xBD";  // U+FFFD for each byte of an invalid sequence
      } else if (c < 0x20) {
        out_ += "\\u00";
        out_ += hex[c >> 4];
        out_ += hex[c & 15];
      } else {
        out_ += '\\';
        out_ += static_cast<char>(c);
      }
      copied = ++i;
    }
    out_.append(s.data() + copied, s.size() - copied);
    out_ += '"';
  }

  std::string out_;
  bool comma_ = false;
};

}  // namespace fahras::wasm
