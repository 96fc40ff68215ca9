// Highlights and snippets: finding matched words again in the original stored text.
// SPDX-License-Identifier: MIT
//
// A highlight is the byte span of a whole original word, as the tokenizer saw it: with its
// clitics, diacritics and tatweel, never a bare proclitic such as ال, never shifted by the
// characters normalization removed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyze.hpp"
#include "detail/search/phrase.hpp"
#include "types.hpp"

namespace fahras {

/// What counts as a match when a text is read again: atoms are single words or phrases; a
/// word matches a token whose stem is one of `stems`.
struct match_spec {
  struct word {
    std::vector<std::string> stems;  ///< sorted
    bool accepts(std::string_view stem) const {
      return std::binary_search(stems.begin(), stems.end(), stem);
    }
  };
  struct atom {
    std::vector<word> words;  ///< one word, or the words of a phrase in order
  };
  std::vector<atom> atoms;

  bool empty() const noexcept { return atoms.empty(); }
};

/// A passage of a document's text around its best matches.
struct snippet {
  std::string text;                   ///< a slice of the original text, whole words
  std::size_t begin = 0;              ///< byte offset of `text` in the document's text
  std::vector<byte_span> highlights;  ///< byte spans in `text`, ascending
  bool words_before = false;          ///< the text has words before the snippet ("…")
  bool words_after = false;           ///< ... and after it
};

namespace detail {

struct marked_token {
  std::size_t begin, end;
  int atom;  // index of the atom this token belongs to a match of, or -1
};

// Appends a span, merging it into the previous one when they overlap: the words of a
// ligature that stands for several (ﷺ) share one original character.
inline void add_span(std::vector<byte_span>& spans, byte_span s) {
  if (!spans.empty() && s.begin < spans.back().end) {
    spans.back().end = std::max(spans.back().end, s.end);
    return;
  }
  spans.push_back(s);
}

// The words of a spec in atom order, at most 64 (a longer query marks only its first atoms).
struct spec_word {
  const match_spec::word* word;
  std::size_t atom, index;  // its atom, and its place in the atom
};

inline std::vector<spec_word> spec_words(const match_spec& spec) {
  std::vector<spec_word> words;
  for (std::size_t a = 0; a < spec.atoms.size(); ++a)
    for (std::size_t k = 0; k < spec.atoms[a].words.size() && words.size() < 64; ++k)
      words.push_back({&spec.atoms[a].words[k], a, k});
  return words;
}

// Calls `mark(position, atom)` (a std::size_t and an int) for each token position of an atom's
// match, given the positions each of `words` matches (`accepted[w]`, ascending): phrases only where
// all their words line up, in order, on consecutive tokens (detail::for_each_phrase, as searches
// match them). Atoms come in order, so a caller that keeps the first mark of a token keeps the
// first atom that covers it.
template <class Mark>
void mark_atoms(const match_spec& spec, const std::vector<spec_word>& words,
                const std::vector<std::vector<term_pos>>& accepted, Mark&& mark) {
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (words[w].index != 0) continue;  // walk each atom from its first word
    const std::size_t length = spec.atoms[words[w].atom].words.size();
    if (w + length > words.size()) continue;  // cut by the limit on words
    detail::for_each_phrase(accepted.data() + w, length, [&](term_pos first) {
      for (std::size_t k = 0; k < length; ++k)
        mark(std::size_t{first} + k, static_cast<int>(words[w].atom));
    });
  }
}

// Tokens of `text` with the atom each one matches. Each token is tested once against every
// query word.
inline std::vector<marked_token> mark_tokens(std::string_view text, const analyzer& analysis,
                                             const match_spec& spec) {
  const std::vector<spec_word> words = spec_words(spec);
  std::vector<marked_token> tokens;
  std::vector<std::vector<term_pos>> accepted(words.size());  // per word: tokens it matches
  analysis.for_each_token(text, [&](const analyzed_view& t) {
    const auto position = static_cast<term_pos>(tokens.size());
    for (std::size_t w = 0; w < words.size(); ++w)
      if (words[w].word->accepts(t.stem) ||
          (!t.alternate_stem.empty() && words[w].word->accepts(t.alternate_stem)))
        accepted[w].push_back(position);
    tokens.push_back({t.begin, t.end, -1});
  });
  mark_atoms(spec, words, accepted, [&](std::size_t p, int atom) {
    if (tokens[p].atom < 0) tokens[p].atom = atom;
  });
  return tokens;
}

/// A snippet's tokens: `count` of them from `first`.
struct token_window {
  std::size_t first = 0, count = 0;
};

// The window of `words` of a text's `tokens` tokens (all of them if fewer) with the most
// distinct matched atoms, then the most matches, then the earliest, opened a few words before
// its first match. `atom_of(i)` is the atom token i matches, or -1; `atoms` how many there are.
template <class AtomOf>
token_window best_window(std::size_t tokens, std::size_t words, std::size_t atoms,
                         AtomOf&& atom_of) {
  const std::size_t w = std::min(words, tokens);
  std::vector<int> counts(atoms, 0);
  int distinct = 0, matched = 0;
  const auto add = [&](std::size_t i, int d) {
    const int atom = atom_of(i);
    if (atom < 0) return;
    matched += d;
    int& c = counts[static_cast<std::size_t>(atom)];
    if (c == 0 && d > 0) ++distinct;
    c += d;
    if (c == 0 && d < 0) --distinct;
  };
  for (std::size_t i = 0; i < w; ++i) add(i, 1);
  std::size_t best = 0;
  long best_score = static_cast<long>(distinct) * 1000 + matched;
  for (std::size_t start = 1; start + w <= tokens; ++start) {
    add(start - 1, -1);
    add(start + w - 1, 1);
    const long score = static_cast<long>(distinct) * 1000 + matched;
    if (score > best_score) {
      best_score = score;
      best = start;
    }
  }
  // Open the passage a few words before its first match, so it reads as a sentence.
  std::size_t first = best;
  while (first < best + w && atom_of(first) < 0) ++first;
  if (first < best + w && best_score > 0) {
    const std::size_t lead = std::min<std::size_t>(first, std::min<std::size_t>(5, w / 3));
    best = std::min(first - lead, tokens - w);
  }
  return {best, w};
}

// The snippet of `window` given its tokens' spans and marks (`window_tokens[k]` is token
// `window.first + k`).
inline snippet cut_snippet(std::string_view text, const marked_token* window_tokens,
                           const token_window& window, std::size_t tokens) {
  const std::size_t count = window.count;
  snippet out;
  out.words_before = window.first > 0;
  out.words_after = window.first + count < tokens;
  const std::size_t begin = window_tokens[0].begin;
  const std::size_t end = window_tokens[count - 1].end;
  out.begin = begin;
  out.text.assign(text.substr(begin, end - begin));
  for (std::size_t i = 0; i < count; ++i) {
    const marked_token& t = window_tokens[i];
    if (t.atom >= 0) add_span(out.highlights, {t.begin - begin, t.end - begin});
  }
  return out;
}

}  // namespace detail

/// Every match of `spec` in `text`: byte spans of whole original words, ascending.
inline std::vector<byte_span> find_matches(std::string_view text, const analyzer& analysis,
                                           const match_spec& spec) {
  std::vector<byte_span> spans;
  if (spec.empty()) return spans;
  for (const auto& t : detail::mark_tokens(text, analysis, spec))
    if (t.atom >= 0) detail::add_span(spans, {t.begin, t.end});
  return spans;
}

/// The passage of about `words` tokens with the most distinct matched atoms (then the most
/// matches, then the earliest), with its highlights. Without matches: the opening words.
inline snippet make_snippet(std::string_view text, const analyzer& analysis, const match_spec& spec,
                            std::size_t words) {
  if (words == 0) return {};
  const auto tokens = detail::mark_tokens(text, analysis, spec);
  if (tokens.empty()) return {};
  const detail::token_window window = detail::best_window(
      tokens.size(), words, spec.atoms.size(), [&](std::size_t i) { return tokens[i].atom; });
  return detail::cut_snippet(text, tokens.data() + window.first, window, tokens.size());
}

}  // namespace fahras
