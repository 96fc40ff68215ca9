// Fuzz target bodies for the text side: the analysis chain and the query parser, each alone
// (fast: thousands of inputs a second under ASan + UBSan). Shared with the doctest replay.
// SPDX-License-Identifier: MIT
#pragma once

#include <fahras/analyze.hpp>
#include <fahras/normalize.hpp>
#include <fahras/query.hpp>
#include <fahras/tokenize.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <utf8.h>

namespace fahras::fuzz {

namespace detail_fuzz {

inline bool valid_utf8(std::string_view s) { return utf8::is_valid(s.begin(), s.end()); }

inline bool is_substring(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

/// Whether `stem` is what a stemmer may return for `word`: a slice of it, or the static الله,
/// the one stem that is not a slice of its word (لله, بالله, والله -> الله).
inline bool is_stem_of(std::string_view stem, std::string_view word) {
  return is_substring(stem, word) || stem == detail::stem_exceptions[0];
}

/// The keys of `text`'s tokens, in order.
inline std::vector<std::string> keys_of(const analyzer& a, std::string_view text) {
  std::vector<std::string> keys;
  a.for_each_token(text, [&](const analyzed_view& t) { keys.emplace_back(t.normalized); });
  return keys;
}

}  // namespace detail_fuzz

/// Bytes as text through the analysis chain (normalize, tokenize with offsets, stem), with and
/// without the optional folds. Invariants: normalizing is idempotent and gives valid UTF-8;
/// every token's span is a slice of the original text, in order (overlapping only for the
/// words of one presentation form), positions counting up by one; keys are valid UTF-8 of at most
/// `max_token_bytes`, found in the normalized slice; stems are slices of their keys (but الله); and
/// the text's normalized form has the same keys (the one analysis path: index, query and highlight
/// agree). The stemmer also gets the raw bytes.
inline std::string analyze_target(const std::uint8_t* data, std::size_t size) {
  using namespace detail_fuzz;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Each analyzer with its normalizer made once: analyzer::normalize builds a fold table for
  // options other than the defaults on every call.
  struct chain {
    analyzer analysis;
    normalizer fold;
    explicit chain(const analyze_options& o) : analysis(o), fold(o.normalize) {}
  };
  static const chain plain{analyze_options{}};
  static const chain bare{[] {
    analyze_options o;
    o.normalize.fold_alef = false;
    o.normalize.remove_marks = false;
    o.normalize.fold_presentation_forms = false;
    o.keywords = {"الكتاب"};
    return o;
  }()};
  for (const chain* c : {&plain, &bare}) {
    const analyzer* a = &c->analysis;
    const std::string normalized = c->fold(text);
    if (!valid_utf8(normalized)) return "normalize gave invalid UTF-8";
    if (c->fold(normalized) != normalized) return "normalize is not idempotent";

    std::size_t count = 0;
    std::size_t last_begin = 0, last_end = 0;
    std::string problem;
    a->for_each_token(text, [&](const analyzed_view& t) {
      if (!problem.empty()) return;
      if (t.position != count) problem = "token positions do not count up by one";
      // Spans move forward. They overlap where one character is several words: the tokens of
      // ﷺ (four words) share its span, the first and last with the letters glued to it.
      if (t.begin >= t.end || t.end > text.size()) problem = "token span outside the text";
      if (count > 0 && (t.begin < last_begin || t.end < last_end)) problem = "token spans go back";
      if (t.normalized.empty() || t.normalized.size() > max_token_bytes ||
          !valid_utf8(t.normalized))
        problem = "bad token key";
      if (problem.empty() &&
          c->fold(text.substr(t.begin, t.end - t.begin)).find(t.normalized) == std::string::npos)
        problem = "token key is not in its normalized span";
      if (t.stem.empty() || !is_stem_of(t.stem, t.normalized)) problem = "stem not in its key";
      if (a->stem(t.normalized) != t.stem) problem = "stem differs from analyzer::stem";
      if (!t.alternate.empty() && !is_stem_of(t.alternate_stem, t.alternate))
        problem = "alternate stem not in its alternate";
      last_begin = t.begin;
      last_end = t.end;
      ++count;
    });
    if (!problem.empty()) return problem;
    if (keys_of(*a, normalized) != keys_of(*a, text)) return "the normalized text has other keys";
    const std::string_view stem = a->stem(text);  // bytes the stemmer was never meant to see
    if (!is_stem_of(stem, text)) return "stem of raw bytes outside them";
  }
  return {};
}

/// Bytes as a query, parsed alone (no index): plain and as you type. Invariants: at most
/// `max_clauses` clauses and `max_phrase_words` words an atom; no empty clause, atom or word;
/// every word as typed is a slice of the query, with its key and stem as the analyzer gives
/// them; `truncated` whenever the query is longer than `max_query_bytes`.
inline std::string query_target(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const analyzer analysis;
  for (const bool typing : {false, true}) {
    parse_options options;
    options.prefix_last = typing;
    options.fields = {"source", "date"};
    const parsed_query q = parse_query(text, analysis, options);
    if (q.clauses.size() > max_clauses) return "more clauses than max_clauses";
    if (size > max_query_bytes && !q.truncated) return "a long query is not marked truncated";
    for (const query_clause& c : q.clauses) {
      if (c.alternatives.empty()) return "empty clause";
      for (const query_atom& atom : c.alternatives) {
        if (atom.words.empty() || atom.words.size() > max_phrase_words) return "atom size";
        for (const query_word& w : atom.words) {
          if (w.normalized.empty() || text.find(w.text) == std::string_view::npos)
            return "word is not from the query";
          if (!detail_fuzz::valid_utf8(w.normalized)) return "word key is not UTF-8";
          if (analysis.stem(w.normalized) != w.stem) return "word stem differs from the analyzer's";
        }
      }
    }
    for (const query_filter& f : q.filters)
      if (text.find(f.value) == std::string_view::npos) return "filter value is not from the query";
  }
  return {};
}

}  // namespace fahras::fuzz
