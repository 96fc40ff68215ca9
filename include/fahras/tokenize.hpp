// Tokenization with exact offsets into the original text.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "detail/function_ref.hpp"
#include "detail/hints.hpp"
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
  /// Another spelling indexed at the same position, or empty: a word written with a
  /// superscript alef (Uthmani مَٰلِكِ, ٱلۡكِتَٰبُ, ٱلصَّلَوٰةَ) is also spelled with a full alef
  /// (مالك, الكتاب, الصلاه), as readers type it.
  std::string alternate;
};

/// A token as seen during `tokenizer::for_each`: `normalized` is valid only during the call.
struct token_view {
  term_pos position = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view normalized;
  std::size_t letters = 0;     ///< code points in `normalized`
  std::string_view alternate;  ///< see `token::alternate`; empty if none
};

namespace detail {
// The full-alef spelling of a key whose word had superscript alefs at byte offsets `points`:
// an alef is inserted at each point, except after ي (ىٰ already reads as written) and where a
// و carrying it ends the word or precedes ه (صلوٰة -> صلاه), where the alef replaces the و.
inline std::size_t dagger_alef_spelling(std::string_view key, const std::size_t* points,
                                        std::size_t count, char* out) {
  constexpr char alef[2] = {'\xD8', '\xA7'};
  std::size_t n = 0, from = 0;
  bool changed = false;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t at = points[i];
    std::memcpy(out + n, key.data() + from, at - from);
    n += at - from;
    from = at;
    const bool after_yeh = at >= 2 && key.compare(at - 2, 2, "\xD9\x8A") == 0;
    const bool after_waw = at >= 2 && key.compare(at - 2, 2, "\xD9\x88") == 0;
    const bool waw_as_seat = after_waw && (at == key.size() || key.compare(at, 2, "\xD9\x87") == 0);
    if (after_yeh) continue;
    if (waw_as_seat) n -= 2;
    std::memcpy(out + n, alef, 2);
    n += 2;
    changed = true;
  }
  std::memcpy(out + n, key.data() + from, key.size() - from);
  n += key.size() - from;
  return changed ? n : 0;
}

/// `tokenizer::for_each` under `table`; `fast` (see `fast_letter_runs`) changes only the speed,
/// which tests/tokenize_test.cpp checks.
template <bool fast, class F>
FAHRAS_FLATTEN void each_token(const fold_table& table, std::string_view text, F& f) {
  static constexpr std::size_t max_points = 8;
  char key[max_token_bytes + 4];
  char alternate[max_token_bytes + 2 * max_points + 4];
  std::size_t points[max_points];
  std::size_t length = 0, letters = 0, begin = 0, end = 0, dagger_alefs = 0;
  term_pos position = 0;
  const auto flush = [&] {
    if (length == 0) return;
    token_view t{position++, begin, end, std::string_view(key, length), letters, {}};
    if (dagger_alefs > 0) {
      const std::size_t n = dagger_alef_spelling(t.normalized, points, dagger_alefs, alternate);
      if (n > 0) t.alternate = std::string_view(alternate, n);
    }
    call_per_token(f, t);
    length = 0;
    letters = 0;
    dagger_alefs = 0;
  };
  const auto append = [&](const folded_char& c, std::size_t b, std::size_t e) {
    if (length + c.length > max_token_bytes) flush();
    if (length == 0) begin = b;
    std::memcpy(key + length, c.bytes, 4);  // copies 4, counts c.length
    length += c.length;
    ++letters;
    end = e;
  };
  const auto emit = [&](const folded_char& c, std::size_t b, std::size_t e) {
    switch (c.kind) {
      case char_kind::letter: append(c, b, e); break;
      case char_kind::kept_mark:
        if (length != 0) append(c, b, e);
        break;
      case char_kind::ignorable:
        if (length != 0) end = e;
        break;
      case char_kind::dagger_alef:
        if (length == 0) break;
        end = e;
        if (dagger_alefs < max_points && (dagger_alefs == 0 || points[dagger_alefs - 1] != length))
          points[dagger_alefs++] = length;
        break;
      default: flush(); break;
    }
  };
  if constexpr (fast) {
    // Runs of plain letters straight into the key; every other character, and a letter that
    // does not fit, through `emit` as `for_each` would give it.
    folded_char expanded[32];
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
      const std::size_t from = i, had = length;
      i = table.fold_letters(text, i, key, length, letters, max_token_bytes);
      if (i != from) {
        if (had == 0) begin = from;
        end = i;
        if (i == n) break;
      }
      i += table.fold_one(text, i, expanded, emit);
    }
  } else {
    table.for_each(text, emit);
  }
  flush();
}
}  // namespace detail

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
    auto&& callback = detail::per_token_callback<void(const token_view&)>(f);
    detail::each_token<detail::fast_letter_runs>(*table_, text, callback);
  }

  /// All tokens of `text`.
  std::vector<token> operator()(std::string_view text) const {
    std::vector<token> tokens;
    for_each(text, [&](const token_view& t) {
      tokens.push_back(
          token{t.position, t.begin, t.end, std::string(t.normalized), std::string(t.alternate)});
    });
    return tokens;
  }

  std::uint16_t fold_bits() const noexcept { return table_->bits(); }

  /// The table this tokenizer folds and classifies characters with.
  const detail::fold_table& folds() const noexcept { return *table_; }

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
