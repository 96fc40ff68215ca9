// Byte offsets into UTF-8 text -> UTF-16 code unit offsets, for handing spans to JavaScript.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string_view>

#include <fahras/detail/unicode/utf8.hpp>

namespace fahras::wasm {

/// Converts ascending byte offsets of one text to UTF-16 offsets in a single pass.
///
/// A character of 4 UTF-8 bytes (an emoji, say) is two UTF-16 units, every other valid
/// character one. An invalid byte counts as one unit, because `json_writer` sends it to
/// JavaScript as one U+FFFD: so the offsets index the string JavaScript actually receives.
/// Offsets may go backwards (the walk restarts), but ascending ones cost O(text) in total.
class utf16_cursor {
 public:
  explicit utf16_cursor(std::string_view text) : text_(text) {}

  std::size_t operator()(std::size_t byte) {
    if (byte < byte_) byte_ = unit_ = 0;
    while (byte_ < byte && byte_ < text_.size()) {
      // ASCII and well-formed pairs (all of Arabic) inline; decode_at is a call in wasm.
      const auto lead = static_cast<unsigned char>(text_[byte_]);
      if (lead < 0x80 || (lead >= 0xC2 && lead < 0xE0 && byte_ + 1 < text_.size() &&
                          (static_cast<unsigned char>(text_[byte_ + 1]) & 0xC0) == 0x80)) {
        byte_ += lead < 0x80 ? 1 : 2;
        ++unit_;
        continue;
      }
      char32_t cp = 0;
      const std::size_t length = detail::decode_at(text_, byte_, cp);
      if (length == 0) {
        ++byte_;
        ++unit_;
      } else {
        byte_ += length;
        unit_ += cp >= 0x10000 ? 2 : 1;
      }
    }
    return unit_;
  }

 private:
  std::string_view text_;
  std::size_t byte_ = 0;
  std::size_t unit_ = 0;
};

}  // namespace fahras::wasm
