// Analyzing a stored text only as far as a token position: for readers that know from the
// index's positions where the words they look for are (snippets, written forms).
// SPDX-License-Identifier: MIT
//
// A prefix of a text gives the tokens of the whole text unchanged for every token that ends
// before the cut: a character after a token that was read and did not extend it ends it, in
// the prefix as in the whole text.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../../analyze.hpp"

namespace fahras::detail {

/// Calls `f(const analyzed_view&)` once for each token of `text` at positions `from` to `last`,
/// in order, reading the shortest prefix of the text that holds token `last` whole (with
/// stems if `with_stems`, else keys only). `tokens`, the text's token count as the index has
/// it, guesses where that prefix ends. Returns false if the text has fewer tokens than `last`
/// + 1 (the index and the text disagree, or `last` is past the end on purpose): `f` has then
/// seen every token from `from` on.
template <bool with_stems, class F>
bool analyze_through(const analyzer& a, std::string_view text, std::size_t tokens, std::size_t from,
                     std::size_t last, F&& f) {
  // A guess from the average token length, with room for two more tokens; doubled if short.
  // (A `last` past the text's size reads it all: a token takes a byte at least, or a part of
  // a presentation form that stands for a few words.)
  const std::uint64_t per_token = text.size() / std::max<std::size_t>(tokens, 1) + 1;
  const std::uint64_t through = std::min<std::uint64_t>(last, text.size());
  std::size_t cut = static_cast<std::size_t>(
      std::min<std::uint64_t>(text.size(), (through + 3) * per_token + 64));
  std::size_t next = from;  // the first position f has not seen
  const auto each = [&](const analyzed_view& t) {
    // Only the prefix's last token can be cut short: it is whole if a character after it was
    // read, or the prefix is the whole text.
    if (t.position < next || t.position > last || (t.end >= cut && cut < text.size())) return;
    f(t);
    next = std::size_t{t.position} + 1;
  };
  for (;;) {
    // Cut between characters: a character cut in two would read as a separator.
    while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
    if constexpr (with_stems)
      a.for_each_token(text.substr(0, cut), each);
    else
      a.for_each_key(text.substr(0, cut), each);
    if (next > last) return true;
    if (cut == text.size()) return false;
    cut = std::min(text.size(), 2 * cut);
  }
}

}  // namespace fahras::detail
