// Corpus tools: counts, frequency lists, keyword-in-context concordances and collocates.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "detail/compact_sort.hpp"
#include "detail/format/dictionary.hpp"
#include "detail/format/term_key.hpp"
#include "detail/search/execute.hpp"
#include "detail/search/plan.hpp"
#include "detail/string_map.hpp"
#include "highlight.hpp"
#include "index.hpp"
#include "query.hpp"
#include "stopwords.hpp"
#include "written_forms.hpp"

namespace fahras {

struct corpus_counts {
  std::size_t documents = 0;
  std::uint64_t tokens = 0;               ///< words in titles and texts
  std::size_t normalized_vocabulary = 0;  ///< distinct normalized forms
  std::size_t stem_vocabulary = 0;        ///< distinct stems
};

/// Counts of the whole corpus, from the dictionary (no text is read).
inline corpus_counts count_corpus(const index& idx) {
  corpus_counts c;
  c.documents = idx.doc_count();
  c.tokens = idx.token_count();
  if (idx.dictionary().term_count() == 0) return c;
  for (detail::dictionary_iterator it(idx.dictionary(), 0); it.valid(); it.next()) {
    const auto& e = it.entry();
    if (detail::is_control_key(e.key)) continue;
    c.normalized_vocabulary += e.is_form();
    c.stem_vocabulary += !e.stem.empty();
  }
  return c;
}

struct frequency_entry {
  std::string term;
  /// How the term is most often written (written_forms.hpp): the word to show a person.
  std::string written;
  std::uint64_t count = 0;  ///< occurrences
  std::uint32_t docs = 0;   ///< documents containing it
};

struct frequency_options {
  term_form by = term_form::stem;
  std::size_t top = 50;
  bool skip_stopwords = true;
};

namespace detail {

// Sum of term frequencies of a list.
inline std::uint64_t collection_frequency(const list_ref& list) {
  std::uint64_t total = 0;
  postings_cursor c(list);
  while (c.next()) total += c.tf();
  return total;
}

inline bool more_frequent(const frequency_entry& a, const frequency_entry& b) {
  return a.count != b.count ? a.count > b.count : a.term < b.term;
}

inline void keep_top(std::vector<frequency_entry>& v, std::size_t top) {
  compact_sort(v.begin(), v.end(), more_frequent);
  v.resize(std::min(top, v.size()));
}

}  // namespace detail

/// The most frequent words by surface form, normalized form or stem, most frequent first
/// (ties alphabetical). Surface forms are read from the stored titles and texts.
inline std::vector<frequency_entry> frequencies(const index& idx,
                                                const frequency_options& options = {}) {
  std::vector<frequency_entry> out;
  if (options.by == term_form::surface) {
    struct tally {
      std::uint64_t count = 0;
      std::uint32_t docs = 0;
      doc_id last = detail::no_doc;
    };
    detail::string_map<std::string, tally> counts;
    for (doc_id d = 0; d < idx.doc_count(); ++d) {
      const stored_document doc = idx.document(d);
      for (std::string_view text : {doc.title, doc.text}) {
        idx.analyzer().for_each_token(text, [&](const analyzed_view& t) {
          if (options.skip_stopwords && is_stopword(t.normalized)) return;
          tally& c = counts[text.substr(t.begin, t.end - t.begin)];
          ++c.count;
          if (c.last != d) {
            c.last = d;
            ++c.docs;
          }
        });
      }
    }
    for (auto& [term, c] : counts) out.push_back({term, term, c.count, c.docs});
    detail::keep_top(out, options.top);
    return out;
  }
  if (idx.dictionary().term_count() == 0) return out;
  // A stem list counts a stopword's stem too (على -> علي -> عل): leave those out as well.
  std::vector<std::string_view> stopword_stems;
  if (options.by == term_form::stem)
    for (std::string_view w : detail::arabic_stopwords)
      stopword_stems.push_back(idx.analyzer().stem(w));
  detail::compact_sort(stopword_stems.begin(), stopword_stems.end());
  // Keep at most 4 x top candidates while scanning, trimming as we go.
  for (detail::dictionary_iterator it(idx.dictionary(), 0); it.valid(); it.next()) {
    const auto& e = it.entry();
    if (detail::is_control_key(e.key)) continue;
    if (options.by == term_form::stem ? e.stem.empty() : !e.is_form()) continue;
    if (!idx.usable(e)) continue;  // damaged lists count as absent, as in searches
    std::string term = detail::decode_key(e.key);
    if (options.skip_stopwords &&
        (is_stopword(term) ||
         std::binary_search(stopword_stems.begin(), stopword_stems.end(), std::string_view(term))))
      continue;
    std::uint64_t count = 0;
    if (options.by == term_form::stem) {
      count = detail::collection_frequency(e.stem);
    } else if (!e.form_whole) {
      count = detail::collection_frequency(e.form);
    } else if (const auto s = detail::lookup_word(idx, idx.analyzer().stem(term)); s) {
      count = detail::collection_frequency(s->stem);  // the form's occurrences are its stem's
    }
    const std::uint32_t docs = options.by == term_form::stem ? e.stem.doc_freq : e.form_doc_freq;
    out.push_back({std::move(term), {}, count, docs});
    if (out.size() > 1024 && (out.size() - 1024) / 4 > options.top)
      detail::keep_top(out, options.top);
  }
  detail::keep_top(out, options.top);
  std::vector<std::string> terms;
  for (const frequency_entry& e : out) terms.push_back(e.term);
  terms = written_forms(idx, terms, options.by);
  for (std::size_t i = 0; i < out.size(); ++i) out[i].written = std::move(terms[i]);
  return out;
}

/// One line of a concordance: `left + match + right` is a slice of the document's text.
struct kwic_line {
  doc_id doc = 0;
  std::string id;
  std::string left, match, right;
  byte_span span;  ///< of `match` in the document's text
};

struct kwic_options {
  /// The widest context honoured; `kwic` takes a larger `width` as this. A whole article a side
  /// is plenty, and a caller's 10^9 must not become a gigabyte of padding.
  static constexpr std::size_t max_width = 100000;
  std::size_t width = 40;   ///< context on each side, in characters, whole words, at most
                            ///< `max_width`
  std::size_t limit = 100;  ///< lines at most
};

namespace detail {

// The last `chars` characters of s (whole UTF-8 characters).
inline std::string_view tail_chars(std::string_view s, std::size_t chars) {
  std::size_t i = s.size(), n = 0;
  while (i > 0 && n < chars) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    ++n;
  }
  return s.substr(i);
}

inline std::string_view head_chars(std::string_view s, std::size_t chars) {
  std::size_t i = 0, n = 0;
  while (i < s.size() && n < chars) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++n;
  }
  return s.substr(0, i);
}

// The first positive atom of a query, alone, as a plan.
inline query_plan single_atom_plan(const index& idx, std::string_view query) {
  parsed_query q = parse_query(query, idx.analyzer());
  query_plan plan = plan_query(idx, q, {});  // stems only: no weight matters
  query_plan one;
  for (auto& c : plan.clauses) {
    if (c.negated || c.atoms.empty()) continue;
    one.clauses.push_back({{std::move(c.atoms[0])}, false});
    break;
  }
  return one;
}

}  // namespace detail

/// Keyword in context for a word or a "quoted phrase", in document order: every occurrence in
/// the stored texts (by stem, as search matches), with up to `width` characters on each side
/// (at most `kwic_options::max_width`), never the part of a word the width would cut.
inline std::vector<kwic_line> kwic(const index& idx, std::string_view query,
                                   const kwic_options& options = {}) {
  std::vector<kwic_line> lines;
  const detail::query_plan plan = detail::single_atom_plan(idx, query);
  if (plan.clauses.empty() || !idx.stores_text()) return lines;
  const std::size_t width = std::min(options.width, kwic_options::max_width);
  const match_spec spec = detail::match_spec_of(plan);
  const std::size_t phrase_length = spec.atoms[0].words.size();
  for (const detail::scored_doc& m : detail::execute(idx, plan, {})) {
    const stored_document doc = idx.document(m.doc);
    const auto tokens = detail::mark_tokens(doc.text, idx.analyzer(), spec);
    for (std::size_t i = 0; i < tokens.size() && lines.size() < options.limit; ++i) {
      if (tokens[i].atom < 0) continue;
      const std::size_t last = std::min(i + phrase_length, tokens.size()) - 1;
      const std::size_t b = tokens[i].begin, e = tokens[last].end;
      // The context, without the word the width cuts in two at either end.
      std::size_t from = b - detail::tail_chars(doc.text.substr(0, b), width).size();
      std::size_t to = e + detail::head_chars(doc.text.substr(e), width).size();
      for (std::size_t k = i; k-- > 0 && tokens[k].end > from;)
        if (tokens[k].begin < from) from = tokens[k].end;
      for (std::size_t k = last + 1; k < tokens.size() && tokens[k].begin < to; ++k)
        if (tokens[k].end > to) to = tokens[k].begin;
      kwic_line line;
      line.doc = m.doc;
      line.id.assign(doc.id);
      line.left.assign(doc.text.substr(from, b - from));
      line.match.assign(doc.text.substr(b, e - b));
      line.right.assign(doc.text.substr(e, to - e));
      line.span = {b, e};
      lines.push_back(std::move(line));
      i = last;
    }
    if (lines.size() >= options.limit) break;
  }
  return lines;
}

struct collocate {
  std::string term;     ///< the collocate's most frequent normalized form near the word
  std::string written;  ///< ... and how it is most often written there, to show a person
  std::string stem;
  std::uint32_t count = 0;  ///< co-occurrences within the window
  double score = 0;         ///< log-likelihood ratio G²
};

struct collocate_options {
  /// The widest window honoured; `collocates` takes a larger `window` as this.
  static constexpr std::size_t max_window = 1000;
  std::size_t window = 4;  ///< words on each side, at most `max_window`
  std::size_t top = 20;
  std::uint32_t min_count = 2;
  bool skip_stopwords = true;
};

/// Words that occur near `word` more often than chance, ranked by Dunning's log-likelihood
/// ratio G² over the 2x2 table (in window / elsewhere) x (collocate / other words). The window
/// is at most `collocate_options::max_window` words a side.
inline std::vector<collocate> collocates(const index& idx, std::string_view word,
                                         const collocate_options& options = {}) {
  std::vector<collocate> out;
  const detail::query_plan plan = detail::single_atom_plan(idx, word);
  if (plan.clauses.empty() || !idx.stores_text()) return out;
  const detail::word_plan& target = plan.clauses[0].atoms[0].words[0];
  const std::size_t window = std::min(options.window, collocate_options::max_window);
  struct tally {
    std::uint32_t count = 0;
    detail::string_map<std::string, std::uint32_t> forms;
    detail::string_map<std::string_view, std::uint32_t> written;  // views into the index
  };
  detail::string_map<std::string, tally> near;
  std::uint64_t window_tokens = 0;
  struct tok {
    std::string normalized, stem;
    std::string_view written;
  };
  std::vector<tok> tokens;
  for (const detail::scored_doc& m : detail::execute(idx, plan, {})) {
    tokens.clear();
    const std::string_view text = idx.document(m.doc).text;
    idx.analyzer().for_each_token(text, [&](const analyzed_view& t) {
      tokens.push_back(
          {std::string(t.normalized), std::string(t.stem), text.substr(t.begin, t.end - t.begin)});
    });
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (!std::binary_search(target.stems.begin(), target.stems.end(), tokens[i].stem)) continue;
      const std::size_t from = i >= window ? i - window : 0;
      const std::size_t to = std::min(tokens.size(), i + window + 1);
      for (std::size_t k = from; k < to; ++k) {
        if (k == i) continue;
        ++window_tokens;
        const tok& c = tokens[k];
        if (std::binary_search(target.stems.begin(), target.stems.end(), c.stem)) continue;
        if (options.skip_stopwords && is_stopword(c.normalized)) continue;
        tally& t = near[c.stem];
        ++t.count;
        ++t.forms[c.normalized];
        ++t.written[c.written];
      }
    }
  }
  const double n = static_cast<double>(idx.token_count());
  const double r1 = static_cast<double>(window_tokens);
  const auto xlogx = [](double o, double e) { return o > 0 && e > 0 ? o * std::log(o / e) : 0.0; };
  for (auto& [stem, t] : near) {
    if (t.count < options.min_count) continue;
    const auto e = detail::lookup_word(idx, stem);
    if (!e || e->stem.empty()) continue;
    const double c1 = static_cast<double>(detail::collection_frequency(e->stem));
    const double o11 = t.count, o12 = r1 - o11, o21 = std::max(0.0, c1 - o11);
    const double o22 = std::max(0.0, n - r1 - o21);
    const double g2 = 2 * (xlogx(o11, r1 * c1 / n) + xlogx(o12, r1 * (n - c1) / n) +
                           xlogx(o21, (n - r1) * c1 / n) + xlogx(o22, (n - r1) * (n - c1) / n));
    // Only attraction counts: fewer co-occurrences than expected is not a collocation.
    if (o11 <= r1 * c1 / n) continue;
    out.push_back({detail::most_frequent(t.forms), std::string(detail::most_frequent(t.written)),
                   stem, t.count, g2});
  }
  detail::compact_sort(out.begin(), out.end(), [](const collocate& a, const collocate& b) {
    return a.score != b.score ? a.score > b.score : a.stem < b.stem;
  });
  if (out.size() > options.top) out.resize(options.top);
  return out;
}

}  // namespace fahras
