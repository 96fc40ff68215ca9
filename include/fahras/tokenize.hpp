// Tokenization with exact offsets into the original text.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "normalize.hpp"
#include "types.hpp"

namespace fahras {

namespace detail {
// Per-token callbacks are called out of line so that the flattened character loop does not
// pull the caller's whole callback (and everything it calls) into itself.
template <class F, class View>
FAHRAS_NOINLINE void call_per_token(F& f, const View& view) {
  f(view);
}
}  // namespace detail

/// Longest token key in bytes; a longer run of letters is cut into several tokens (as Lucene's
/// maxTokenLength does), so a hostile document cannot make huge dictionary keys.
inline constexpr std::size_t max_token_bytes = 255;

/// A token: its key (normalized form), its position, and where it came from.
///
/// `begin`/`end` are byte offsets into the ORIGINAL text, half-open: they cover the word with
/// its diacritics, tatweel and format characters, so a highlight lands on the original word.
/// `position` counts the tokens of one text from 0.
struct token {
  term_pos position = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string normalized;
};

/// A token as seen during `tokenizer::for_each`: `normalized` is valid only during the call.
struct token_view {
  term_pos position = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view normalized;
  std::size_t letters = 0;  ///< code points in `normalized`
};

/// Splits text into tokens: runs of letters and digits (any script) after folding. Marks and
/// format characters never split a word; whitespace, punctuation (، ؛ ؟ ٪ ٫ ٬ « » ۔ quotes,
/// ...), symbols and invalid UTF-8 bytes do. A presentation form that expands to several
/// words (ﷺ) gives several tokens, each spanning the one original character.
class tokenizer {
 public:
  explicit tokenizer(const normalize_options& options = {})
      : table_(detail::fold_table::get(options.bits())) {}

  /// Calls `f(const token_view&)` for each token, in order. Allocates nothing.
  template <class F>
  void for_each(std::string_view text, F&& f) const {
    char key[max_token_bytes + 4];
    std::size_t length = 0, letters = 0, begin = 0, end = 0;
    term_pos position = 0;
    const auto flush = [&] {
      if (length == 0) return;
      detail::call_per_token(f, token_view{position++, begin, end, std::string_view(key, length), letters});
      length = 0;
      letters = 0;
    };
    const auto append = [&](const detail::folded_char& c, std::size_t b, std::size_t e) {
      if (length + c.length > max_token_bytes) flush();
      if (length == 0) begin = b;
      std::memcpy(key + length, c.bytes, 4);  // copies 4, counts c.length
      length += c.length;
      ++letters;
      end = e;
    };
    table_->for_each(text, [&](const detail::folded_char& c, std::size_t b, std::size_t e) {
      switch (c.kind) {
        case detail::char_kind::letter: append(c, b, e); break;
        case detail::char_kind::kept_mark: if (length != 0) append(c, b, e); break;
        case detail::char_kind::ignorable: if (length != 0) end = e; break;
        default: flush(); break;
      }
    });
    flush();
  }

  /// All tokens of `text`.
  std::vector<token> operator()(std::string_view text) const {
    std::vector<token> tokens;
    for_each(text, [&](const token_view& t) {
      tokens.push_back(token{t.position, t.begin, t.end, std::string(t.normalized)});
    });
    return tokens;
  }

  std::uint16_t fold_bits() const noexcept { return table_->bits(); }

 private:
  std::shared_ptr<const detail::fold_table> table_;
};

/// The tokens of `text`, with offsets into `text` and normalized keys.
///
/// **Example**: `fahras::tokenize("قرأ الولدُ الكتابَ").size() == 3`, and the second token
/// spans "الولدُ" (its damma included) with key "الولد".
inline std::vector<token> tokenize(std::string_view text, const normalize_options& options = {}) {
  return tokenizer(options)(text);
}

}  // namespace fahras
