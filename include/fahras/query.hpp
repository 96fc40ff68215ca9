// The query language, parsed from what a person types into a search box.
// SPDX-License-Identifier: MIT
//
//   روسيا كوريا          every word must match (by stem); results are ranked
//   "كوريا الشمالية"     a phrase: the words in this order, next to each other
//   -العقوبات -"..."     exclude documents with this word or phrase
//   روسيا OR الصين       either word (OR binds tighter than the implicit AND)
//   كور*                 a prefix; in search-as-you-type mode the last word is one too
//   source:إرم date:2024  metadata filters (every word of the value must be in the field)
//
// Parsing never fails. An unclosed quote runs to the end of the query; lone operators are
// ignored; stopwords are dropped unless quoted or unless every word is one; invalid UTF-8
// separates words; only the first `max_query_bytes` bytes, `max_clauses` clauses (exclusions
// included) and `max_alternatives` alternatives of one OR count.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyze.hpp"
#include "detail/format/term_key.hpp"
#include "stopwords.hpp"

namespace fahras {

inline constexpr std::size_t max_query_bytes = 2048;
inline constexpr std::size_t max_clauses = 32;
inline constexpr std::size_t max_phrase_words = 32;
/// Alternatives of one clause (`a OR b OR ...`); more are ignored and the query is truncated.
inline constexpr std::size_t max_alternatives = 16;

struct query_word {
  std::string text;        ///< as typed (a slice of the query)
  std::string normalized;  ///< its search key
  std::string stem;
  bool prefix = false;    ///< `word*`, or the word being typed in search-as-you-type mode
  std::string alternate;  ///< full-alef spelling of a word typed with a superscript alef
  std::string alternate_stem;
  /// The word being typed, with `parse_options::typo_fallback`: when no index word starts
  /// with it, it is searched as a whole word, with typo tolerance (a typo half-way through a
  /// word is not a dead end).
  bool typing = false;
};

/// A word, or a phrase of several words that must be adjacent and in order.
struct query_atom {
  std::vector<query_word> words;
  bool quoted = false;
  bool is_phrase() const noexcept { return words.size() > 1; }
};

/// Atoms joined by OR; a document matches the clause if it matches any of them.
struct query_clause {
  std::vector<query_atom> alternatives;
  bool negated = false;
};

/// `field:value`: every word of the value (by stem) must occur in the metadata field.
struct query_filter {
  std::string field;  ///< lowercase field name
  std::string value;  ///< as typed
  std::vector<std::string> stems;
  bool negated = false;
};

struct parsed_query {
  std::vector<query_clause> clauses;
  std::vector<query_filter> filters;
  std::vector<std::string> ignored_stopwords;  ///< as typed
  bool truncated = false;                      ///< the query was longer than the limits
  /// A filter no document can meet: from search_options::filters, a name that cannot be a
  /// field's or a value without a word (in the query text, `field:` alone is left out instead,
  /// as it is typed).
  bool impossible_filter = false;

  bool has_positive() const noexcept {
    for (const auto& c : clauses)
      if (!c.negated) return true;
    return false;
  }
};

struct parse_options {
  /// Search as you type: the last word, unless followed by a space, is also a prefix.
  bool prefix_last = false;
  /// With `prefix_last`: the word being typed falls back to typo tolerance when it completes
  /// to nothing (query_word::typing).
  bool typo_fallback = true;
  /// Field names accepted in `field:value` (lowercase); other `a:b` words are plain text.
  std::vector<std::string> fields;
};

namespace detail {

inline bool is_query_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Cuts at the last space before `max` bytes (never inside a UTF-8 sequence).
inline std::string_view cut_query(std::string_view text, std::size_t max, bool& truncated) {
  if (text.size() <= max) return text;
  truncated = true;
  std::size_t cut = max;
  while (cut > 0 && !is_query_space(text[cut])) --cut;
  if (cut == 0) {
    cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  return text.substr(0, cut);
}

// `field:value` (the field name as filter_field_name gives it) as a filter: every word of the
// value, by stem; no stems when the value has no word.
inline query_filter make_filter(std::string field, std::string_view value, const analyzer& analysis,
                                bool negated) {
  query_filter f{std::move(field), std::string(value), {}, negated};
  analysis.for_each_token(value, [&](const analyzed_view& t) { f.stems.emplace_back(t.stem); });
  return f;
}

}  // namespace detail

/// Parses `text` with the index's analyzer. See the top of this header for the syntax.
///
/// **Example**: `parse_query("\"كوريا الشمالية\" -الصين", analyzer)` gives a phrase clause and
/// a negated word clause.
inline parsed_query parse_query(std::string_view text, const analyzer& analysis,
                                const parse_options& options = {}) {
  parsed_query q;
  text = detail::cut_query(text, max_query_bytes, q.truncated);
  const bool typing = options.prefix_last && !text.empty() && !detail::is_query_space(text.back());

  const auto analyze_words = [&](std::string_view chunk) {
    std::vector<query_word> words;
    analysis.for_each_token(chunk, [&](const analyzed_view& t) {
      words.push_back({std::string(chunk.substr(t.begin, t.end - t.begin)),
                       std::string(t.normalized), std::string(t.stem), false,
                       std::string(t.alternate), std::string(t.alternate_stem)});
    });
    return words;
  };

  bool pending_or = false;
  query_atom* last_atom = nullptr;  // the atom the query ends with, for search-as-you-type
  bool last_atom_open = false;      // ... and whether nothing closed it (a quote)
  const auto add_atom = [&](query_atom atom, bool negated) {
    if (q.clauses.size() >= max_clauses) {
      q.truncated = true;
      return;
    }
    if (pending_or && !q.clauses.empty() && !negated && !q.clauses.back().negated) {
      if (q.clauses.back().alternatives.size() >= max_alternatives) {
        q.truncated = true;
        pending_or = false;
        last_atom = nullptr;
        return;
      }
      q.clauses.back().alternatives.push_back(std::move(atom));
    } else {
      q.clauses.push_back(query_clause{{std::move(atom)}, negated});
    }
    pending_or = false;
    last_atom = &q.clauses.back().alternatives.back();
  };

  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && detail::is_query_space(text[i])) ++i;
    if (i >= text.size()) break;
    bool negated = false;
    if (text[i] == '-' && i + 1 < text.size() && !detail::is_query_space(text[i + 1])) {
      negated = true;
      ++i;
    }
    last_atom = nullptr;
    if (text[i] == '"') {  // a phrase, to the closing quote or the end
      const std::size_t close = text.find('"', i + 1);
      const std::string_view inside = text.substr(
          i + 1, close == std::string_view::npos ? std::string_view::npos : close - i - 1);
      i = close == std::string_view::npos ? text.size() : close + 1;
      std::vector<query_word> words = analyze_words(inside);
      if (words.size() > max_phrase_words) {
        words.resize(max_phrase_words);
        q.truncated = true;
      }
      if (words.empty()) continue;
      add_atom(query_atom{std::move(words), true}, negated);
      last_atom_open = close == std::string_view::npos && !inside.empty() &&
                       !detail::is_query_space(inside.back());
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !detail::is_query_space(text[end]) && text[end] != '"') ++end;
    std::string_view chunk = text.substr(i, end - i);
    i = end;
    if (!negated && (chunk == "OR" || chunk == "|")) {
      pending_or = !q.clauses.empty();
      continue;
    }
    // field:value, or field:"quoted value"
    if (const std::size_t colon = chunk.find(':'); colon != std::string_view::npos && colon > 0) {
      const std::string field = detail::filter_field_name(chunk.substr(0, colon));
      if (!field.empty() &&
          std::find(options.fields.begin(), options.fields.end(), field) != options.fields.end()) {
        std::string_view value = chunk.substr(colon + 1);
        if (value.empty() && i < text.size() && text[i] == '"') {
          const std::size_t close = text.find('"', i + 1);
          value = text.substr(
              i + 1, close == std::string_view::npos ? std::string_view::npos : close - i - 1);
          i = close == std::string_view::npos ? text.size() : close + 1;
        }
        query_filter f = detail::make_filter(field, value, analysis, negated);
        if (!f.stems.empty()) q.filters.push_back(std::move(f));
        continue;
      }
    }
    bool prefix = false;
    while (!chunk.empty() && chunk.back() == '*') {
      chunk.remove_suffix(1);
      prefix = true;
    }
    std::vector<query_word> words = analyze_words(chunk);
    if (words.empty()) continue;  // a lone operator or punctuation
    words.back().prefix = prefix;
    if (negated || words.size() == 1) {
      if (words.size() > max_phrase_words) words.resize(max_phrase_words);
      add_atom(query_atom{std::move(words), false}, negated);
    } else {
      // "كوريا-الشمالية": each piece is a word of its own.
      for (query_word& w : words) add_atom(query_atom{{std::move(w)}, false}, false);
    }
    last_atom_open = true;
  }

  if (typing && last_atom != nullptr && last_atom_open) {
    query_word& w = last_atom->words.back();
    w.typing = options.typo_fallback && !w.prefix;  // `word*` asked for a prefix, nothing else
    w.prefix = true;
  }

  // Stopwords: dropped, unless quoted, being typed (a prefix: في may become فيتنام), or every
  // positive word is one.
  const auto droppable = [](const query_atom& a) {
    return !a.quoted && !a.is_phrase() && !a.words[0].prefix && is_stopword(a.words[0].normalized);
  };
  bool all_stopwords = true;
  for (const auto& c : q.clauses)
    for (const auto& a : c.alternatives)
      if (!c.negated && !droppable(a)) all_stopwords = false;
  if (!all_stopwords) {
    for (auto& c : q.clauses) {
      auto& alts = c.alternatives;
      alts.erase(std::remove_if(alts.begin(), alts.end(),
                                [&](const query_atom& a) {
                                  const bool drop = droppable(a);
                                  if (drop) q.ignored_stopwords.push_back(a.words[0].text);
                                  return drop;
                                }),
                 alts.end());
    }
    q.clauses.erase(std::remove_if(q.clauses.begin(), q.clauses.end(),
                                   [](const query_clause& c) { return c.alternatives.empty(); }),
                    q.clauses.end());
  }
  return q;
}

}  // namespace fahras
