// Written forms: how a search key or a stem is actually written in the text, for showing words
// to people (a folded key such as الشراكه, or a bare stem such as علاق, reads as a misspelling).
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyze.hpp"
#include "detail/format/postings.hpp"
#include "detail/format/term_key.hpp"
#include "detail/search/analyze_through.hpp"
#include "detail/search/key_occurrences.hpp"
#include "detail/string_map.hpp"
#include "index.hpp"

// Whether written forms of normalized words find them by a scan of the raw text for one of
// their letters (key_occurrences.hpp) rather than by analysing the texts as far as their stems
// occur: the same forms, and in a typo note the larger part of a mistyped query's time natively.
// Not in WebAssembly, where the code it takes does not fit the module's size budget.
// Define it to 0 or 1 to choose.
#ifndef FAHRAS_KEY_SCAN
#ifdef __EMSCRIPTEN__
#define FAHRAS_KEY_SCAN 0
#else
#define FAHRAS_KEY_SCAN 1
#endif
#endif

namespace fahras {

/// The forms a word can be counted or looked up by.
enum class term_form : std::uint8_t {
  surface,     ///< the word as written, with its diacritics (needs stored text)
  normalized,  ///< the search key
  stem,
};

struct written_form_options {
  /// Documents read per term, the first ones that contain it: the cost stays bounded on a
  /// large corpus, and the first few documents already show how a word is usually written.
  std::size_t max_documents = 16;
};

namespace detail {

// A document that has a term, and how far into its title and text the term occurs: no
// further than its stem, whose positions the index holds (title words at [0, T), text words
// from T + 1). Where the positions are not at hand (a collection loads them with further
// fetches), the whole title and text.
struct term_document {
  doc_id doc = 0;
  std::size_t title_tokens = 0;  // leading tokens of the title that hold every occurrence
  std::size_t text_tokens = 0;   // and of the text
  std::size_t title_words = 0;   // the stem's occurrences in the title: at most this many
  std::size_t text_words = 0;    // and in the text
};

// Up to `max` documents containing `term`, ascending.
inline std::vector<term_document> documents_with(const index& idx, const std::string& term,
                                                 term_form of, std::size_t max) {
  std::vector<term_document> docs;
  if (max == 0 || idx.dictionary().term_count() == 0) return docs;
  const std::string stem(of == term_form::stem ? std::string_view(term)
                                               : idx.analyzer().stem(term));
  const auto stem_entry = idx.lookup(encode_key(stem));
  if (!stem_entry || stem_entry->stem.empty()) return docs;
  postings_cursor stems(stem_entry->stem);
  // A normalized form that is not its stem's only form has a list over the stem list's entries.
  std::optional<postings_cursor> entries;
  if (of == term_form::normalized) {
    const auto form = idx.lookup(encode_key(term));
    if (!form || !form->is_form()) return docs;
    if (!form->form_whole && !form->form.empty()) entries.emplace(form->form);
  }
  const bool positions = stems.has_positions() && !idx.loads_on_demand();
  std::vector<term_pos> at;
  while (docs.size() < max && stems.next()) {
    if (entries && !(entries->advance(stems.entry()) && entries->doc() == stems.entry())) {
      if (entries->doc() == no_doc) break;
      continue;
    }
    term_document d{stems.doc(), SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX};
    at.clear();
    if (positions) stems.positions(at);
    if (!at.empty()) {
      const term_pos title = idx.title_length(d.doc);
      d.title_tokens = d.text_tokens = d.title_words = d.text_words = 0;
      for (const term_pos p : at) {
        if (p < title) {
          d.title_tokens = std::max(d.title_tokens, std::size_t{p} + 1);
          ++d.title_words;
        }
        if (p > title) {
          d.text_tokens = std::max(d.text_tokens, std::size_t{p - title});
          ++d.text_words;
        }
      }
    }
    docs.push_back(d);
  }
  return docs;
}

// The key counted most often; ties go to the one that sorts first.
template <class Key>
Key most_frequent(const string_map<Key, std::uint32_t>& counts) {
  Key best{};
  std::uint32_t most = 0;
  for (const auto& [key, n] : counts)
    if (n > most || (n == most && key < best)) {
      most = n;
      best = key;
    }
  return best;
}

}  // namespace detail

/// For each term, its most frequent written form in the stored titles and texts (with its
/// diacritics, as the text has it): `terms` are normalized forms, or stems with
/// `of == term_form::stem` (their most frequent word, e.g. العلاقات for علاق). Ties go to the
/// form that sorts first. A term with no stored occurrence (no stored text, not in the index)
/// stays as it is; with `term_form::surface` every term stays as it is.
///
/// **Example**: `written_forms(idx, {"الشراكه"}, term_form::normalized)[0] == "الشراكة"`
inline std::vector<std::string> written_forms(const index& idx,
                                              const std::vector<std::string>& terms, term_form of,
                                              const written_form_options& options = {}) {
  std::vector<std::string> out(terms);
  if (of == term_form::surface || terms.empty()) return out;
  // Each term's documents, ascending; read in one pass in document order (merged rather than
  // sorted: a few terms, each with a short list), each document once for all its terms.
  std::vector<std::vector<detail::term_document>> docs;
  for (const std::string& term : terms)
    docs.push_back(detail::documents_with(idx, term, of, options.max_documents));
  std::vector<std::size_t> next(terms.size(), 0);
  // Counts of each written form, per term; the terms of the document being read (a few).
  std::vector<detail::string_map<std::string_view, std::uint32_t>> counts(terms.size());
  std::vector<std::size_t> in_doc;
  const bool stems = of == term_form::stem;
  // A normalized word's tokens all have its stem, so they all lie within the positions read
  // below: scanning a whole title or text for them finds the same ones.
  const bool scan = FAHRAS_KEY_SCAN && !stems;
  std::vector<std::optional<detail::key_occurrences>> scanners(scan ? terms.size() : 0);
  std::optional<detail::letter_sources> letters;  // the scanners', if made for this call
  for (;;) {
    doc_id d = detail::no_doc;
    for (std::size_t i = 0; i < terms.size(); ++i)
      if (next[i] < docs[i].size()) d = std::min(d, docs[i][next[i]].doc);
    if (d == detail::no_doc) break;
    in_doc.clear();
    std::size_t title_tokens = 0, text_tokens = 0;  // as far as any of them occurs
    for (std::size_t i = 0; i < terms.size(); ++i)
      if (next[i] < docs[i].size() && docs[i][next[i]].doc == d) {
        title_tokens = std::max(title_tokens, docs[i][next[i]].title_tokens);
        text_tokens = std::max(text_tokens, docs[i][next[i]].text_tokens);
        ++next[i];
        in_doc.push_back(i);
      }
    const stored_document doc = idx.document(d);
    // A term's tokens in the title (or the text), by a scan: no more than its stem's positions.
    const auto scan_for = [&](std::string_view text, std::size_t detail::term_document::*words) {
      for (std::size_t i : in_doc) {
        const std::size_t most = docs[i][next[i] - 1].*words;
        if (most == 0 || text.empty()) continue;
        if (!scanners[i]) {
          scanners[i].emplace(idx.analyzer(),
                              detail::letter_sources::of(idx.analyzer().folds(), letters),
                              terms[i]);
        }
        scanners[i]->for_each(
            text, [&](byte_span at) { ++counts[i][text.substr(at.begin, at.end - at.begin)]; },
            most);
      }
    };
    if (scan) {
      scan_for(doc.title, &detail::term_document::title_words);
      scan_for(doc.text, &detail::term_document::text_words);
      continue;
    }
    const auto read = [&](std::string_view text, std::size_t tokens, std::size_t through) {
      if (through == 0 || text.empty()) return;
      const auto count = [&](const analyzed_view& t) {
        for (std::size_t i : in_doc) {
          const std::string& term = terms[i];
          if (term == (stems ? t.stem : t.normalized) ||
              (!t.alternate.empty() && term == (stems ? t.alternate_stem : t.alternate)))
            ++counts[i][text.substr(t.begin, t.end - t.begin)];
        }
      };
      // Unknown positions (SIZE_MAX) read to the end, as does a text shorter than they say.
      if (stems)
        detail::analyze_through<true>(idx.analyzer(), text, tokens, 0, through - 1, count);
      else
        detail::analyze_through<false>(idx.analyzer(), text, tokens, 0, through - 1, count);
    };
    read(doc.title, idx.title_length(d), title_tokens);
    read(doc.text, idx.text_length(d), text_tokens);
  }
  for (std::size_t i = 0; i < terms.size(); ++i)
    if (!counts[i].empty()) out[i].assign(detail::most_frequent(counts[i]));
  return out;
}

}  // namespace fahras
