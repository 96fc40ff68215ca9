// Searching an index: matching, BM25F ranking, snippets and highlights.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/compact_sort.hpp"
#include "detail/format/term_key.hpp"
#include "detail/hints.hpp"
#include "detail/search/execute.hpp"
#include "detail/search/hit_snippets.hpp"
#include "detail/search/plan.hpp"
#include "detail/search/rank.hpp"
#include "highlight.hpp"
#include "index.hpp"
#include "query.hpp"
#include "score.hpp"
#include "variants.hpp"
#include "written_forms.hpp"

namespace fahras {

struct search_options {
  std::size_t limit = 10;  ///< hits returned, at most 1000
  std::size_t offset = 0;  ///< hits skipped, for paging
  /// Search as you type: the last word of the query is also a prefix.
  bool prefix = false;
  /// With `prefix`: when no index word starts with the last word, it is searched as a whole
  /// word with typo tolerance (note "typo"). false: a prefix that completes to nothing finds
  /// nothing (for a search box that waits for a pause before correcting).
  bool typo_fallback = true;
  /// Metadata filters ANDed with the query, as `field:value` in the query text would be. One
  /// whose name cannot name a field (ASCII letters, digits, '_', '-' and '.', 64 at most) or
  /// whose value has no word matches no document.
  std::vector<std::pair<std::string, std::string>> filters;
  /// Snippet length in words; 0 leaves snippets and highlights out (fastest).
  std::size_t snippet_words = 30;
  /// Fill `hit::fields` with the stored title and metadata.
  bool stored_fields = true;
  /// Soft AND: when fewer documents than the page asks for have every word of a query of 2
  /// or more plain words, fill it with documents that have more than half of them, after
  /// every full match (`search_results::partial`, note "partial"). When none has even that
  /// and every word is in the index, each is also searched a typo away (note "typo"), and the
  /// documents where they meet are the partial matches; when still none, those with two of 4
  /// or more plain words, or either of two. false: only full matches.
  bool soft_and = true;
  /// Spelling siblings (doc/variants.md): each word also finds the index's spellings of other
  /// stems with its skeleton (السموات, ابرهيم for السماوات, إبراهيم) and, by default, its
  /// transliteration key (بيونج for بيونغ), ranked below the typed spelling (note "variant").
  spelling_variants spelling = spelling_variants::skeleton_and_transliteration;
  scoring_params scoring;
};

struct hit {
  doc_id doc = 0;
  std::string id;
  double score = 0;
  /// "title" first, then the metadata fields in stored order.
  std::vector<std::pair<std::string, std::string>> fields;
  /// The best passage of the stored text, with highlights (empty without stored text).
  fahras::snippet snippet;
  /// Byte spans of matched words in the title.
  std::vector<byte_span> title_highlights;
};

/// How the engine read the query, for a user interface to explain.
struct query_note {
  enum class kind {
    typo,          ///< `word` matched nothing, or the words never met; similar index
                   ///< words were searched too, ranked lower
    stopword,      ///< `word` was ignored
    prefix,        ///< `word` was completed as a prefix
    truncated,     ///< the query was longer than the limits; the rest was ignored
    typo_skipped,  ///< `word` matched nothing and was not expanded: enough words already were
    partial,       ///< the hits after the `total` full matches have only some of the words
    variant,       ///< `word` was also searched in other spellings (`expansions`), ranked lower
  };
  kind what = kind::typo;
  std::string word;
  /// Normalized index words searched instead; for a typo note whose word no index word is
  /// near, the index stems near its stem (جاءو, whose words وجاءو the text has, for جاءوا).
  std::vector<std::string> expansions;
  /// For a typo note, each expansion as the text writes it (written_forms.hpp): the words to
  /// show a person. Empty for the other kinds.
  std::vector<std::string> written;
};

/// Stable name of a note's kind, as the CLI's JSON and the JavaScript API spell it: "typo",
/// "stopword", "prefix", "truncated", "typo_skipped", "partial".
inline const char* to_string(query_note::kind k) noexcept {
  switch (k) {
    case query_note::kind::typo: return "typo";
    case query_note::kind::stopword: return "stopword";
    case query_note::kind::prefix: return "prefix";
    case query_note::kind::truncated: return "truncated";
    case query_note::kind::typo_skipped: return "typo_skipped";
    case query_note::kind::partial: return "partial";
    case query_note::kind::variant: return "variant";
  }
  return "unknown";
}

struct search_results {
  std::size_t total = 0;  ///< matching documents, all of them
  /// Soft AND: documents with more than half of the query's plain words but not all (or, when
  /// there are none, with every word or a word a typo away, or two of 4 or more words, or one
  /// of two: see `soft_and`); ranked after the full matches (hits from position
  /// `total - offset` on). Counted only when the page reaches past the full matches; 0
  /// otherwise.
  std::size_t partial = 0;
  std::vector<hit> hits;
  std::vector<query_note> notes;
};

/// Every match of a query in one document, for a reader view.
struct document_matches {
  std::vector<byte_span> title;
  std::vector<byte_span> text;
};

namespace detail {

// Documents read per typo expansion for its written form: a note must stay cheap.
inline constexpr std::size_t note_form_documents = 2;

// The notes of a planned query; a typo note's expansions also as the text writes them.
inline std::vector<query_note> notes_of(const index& idx, const parsed_query& parsed,
                                        const query_plan& plan) {
  std::vector<query_note> notes;
  for (const auto& w : parsed.ignored_stopwords)
    notes.push_back({query_note::kind::stopword, w, {}, {}});
  for (const clause_plan& c : plan.clauses)
    for (const atom_plan& a : c.atoms)
      for (const word_plan& w : a.words) {
        if (w.typo)
          notes.push_back({query_note::kind::typo, w.text, w.expansion_words,
                           written_forms(idx, w.expansion_words,
                                         w.typo_stems ? term_form::stem : term_form::normalized,
                                         {note_form_documents})});
        else if (w.typo_skipped)
          notes.push_back({query_note::kind::typo_skipped, w.text, {}, {}});
        else if (w.prefix)
          notes.push_back({query_note::kind::prefix, w.text, w.expansion_words, {}});
        if (!w.variant_words.empty())
          notes.push_back({query_note::kind::variant, w.text, w.variant_words, {}});
      }
  if (parsed.truncated) notes.push_back({query_note::kind::truncated, {}, {}, {}});
  return notes;
}

inline parsed_query parse_for(const index& idx, std::string_view query, bool prefix,
                              bool typo_fallback = true) {
  parse_options po;
  po.prefix_last = prefix;
  po.typo_fallback = typo_fallback;
  for (const std::string& f : idx.field_names()) {
    std::string name = filter_field_name(f);
    if (!name.empty()) po.fields.push_back(std::move(name));
  }
  return parse_query(query, idx.analyzer(), po);
}

// The query with the options' filters: what search() and matching_documents() run.
inline parsed_query parse_search(const index& idx, std::string_view query,
                                 const search_options& options) {
  parsed_query parsed = parse_for(idx, query, options.prefix, options.typo_fallback);
  for (const auto& [field, value] : options.filters) {
    query_filter f = make_filter(filter_field_name(field), value, idx.analyzer(), false);
    // Left out, it would let every document through.
    if (f.field.empty() || f.stems.empty())
      parsed.impossible_filter = true;
    else
      parsed.filters.push_back(std::move(f));
  }
  return parsed;
}

}  // namespace detail

/// Runs `query` (see query.hpp for the syntax) and returns the total number of matching
/// documents and the hits of the requested page, best first. Ties break by document order.
/// Never fails: a query that reads as nothing returns no hits.
///
/// **Example**: `fahras::search(idx, "العقوبات كوريا", {}).hits[0].id`
inline search_results search(const index& idx, std::string_view query,
                             const search_options& options = {}) {
  search_results out;
  const parsed_query parsed = detail::parse_search(idx, query, options);
  detail::query_plan plan = detail::plan_query(idx, parsed, options.scoring, options.spelling);
  std::vector<detail::scored_doc> matches = detail::execute(idx, plan, options.scoring);
  out.total = matches.size();
  const std::size_t limit = std::min<std::size_t>(options.limit, 1000);
  std::size_t want = std::min(matches.size(), options.offset + limit);
  detail::rank(plan, options.scoring, idx.doc_count(), matches, want);
  if (options.soft_and && want < options.offset + limit) {
    // Soft AND: the page reaches past the full matches, which all come first.
    using detail::which_matches;
    std::vector<detail::scored_doc> partial =
        detail::execute(idx, plan, options.scoring, which_matches::most);
    if (matches.empty() && partial.empty() && !idx.lacks_parts() &&
        detail::all_matched_as_typed(plan)) {
      // Every word is in the index, yet not even most of them meet: one may be a typo that
      // makes another word. The documents with every word or a word a typo away (اصحاب الفيل
      // finds بأصحاب الفيل) are partial matches, so "no results" still comes first.
      plan = detail::plan_query(idx, parsed, options.scoring, options.spelling, true);
      partial = detail::execute(idx, plan, options.scoring);
    }
    // A topic told in 4 or more words may share only two of them with the best text on it;
    // of two words, those with either.
    if (partial.empty()) partial = detail::execute(idx, plan, options.scoring, which_matches::some);
    out.partial = partial.size();
    const std::size_t more = std::min(partial.size(), options.offset + limit - want);
    detail::rank_partial(partial, more);
    for (std::size_t i = 0; i < more; ++i) matches.push_back(partial[i]);
    want += more;
  }
  out.notes = detail::notes_of(idx, parsed, plan);
  if (out.partial > 0) out.notes.push_back({query_note::kind::partial, {}, {}, {}});
  if (options.offset >= want) return out;

#ifndef __EMSCRIPTEN__
  if (!options.stored_fields && options.snippet_words == 0) {
    // The page's records lie far apart in the stored section, and reading each id waited for
    // its cache and TLB misses in turn. A byte at both ends of every record, loaded before any
    // id is read, overlaps them (prefetch instructions did not help: a TLB miss drops them).
    std::uint32_t loaded = 0;
    for (std::size_t i = options.offset; i < want; ++i)
      loaded += idx.stored().load_ends(matches[i].doc);
    detail::keep(loaded);
  }
#endif
  std::vector<stored_document> stored;
  for (std::size_t i = options.offset; i < want; ++i) {
    hit h;
    h.doc = matches[i].doc;
    h.score = matches[i].score;
#ifndef __EMSCRIPTEN__
    // Ids only: the record's fields are not gathered. Natively only: no room in the module.
    if (!options.stored_fields && options.snippet_words == 0) {
      h.id.assign(idx.document_id(h.doc));
      out.hits.push_back(std::move(h));
      continue;
    }
#endif
    stored.push_back(idx.document(h.doc));
    h.id.assign(stored.back().id);
    if (options.stored_fields) {
      h.fields.emplace_back("title", std::string(stored.back().title));
      for (const auto& [name, value] : stored.back().fields) h.fields.emplace_back(name, value);
    }
    out.hits.push_back(std::move(h));
  }
  if (options.snippet_words > 0) {
    const match_spec spec = detail::match_spec_of(plan);
    // In document order: the snippets read the matched words' positions with forward cursors.
    std::vector<std::size_t> by_doc(out.hits.size());
    for (std::size_t i = 0; i < by_doc.size(); ++i) by_doc[i] = i;
    detail::compact_sort(by_doc.begin(), by_doc.end(), [&](std::size_t a, std::size_t b) {
      return out.hits[a].doc < out.hits[b].doc;
    });
    detail::hit_snippets snippets(idx, plan, spec);
    for (const std::size_t i : by_doc) {
      hit& h = out.hits[i];
      h.snippet = snippets.make(h.doc, stored[i].text, options.snippet_words);
      h.title_highlights = find_matches(stored[i].title, idx.analyzer(), spec);
    }
  }
  return out;
}

/// Every document `query` matches (with the options' prefix and filters), in document order:
/// the documents search() counts in `total`, for counting them by metadata (facets.hpp).
inline std::vector<doc_id> matching_documents(const index& idx, std::string_view query,
                                              const search_options& options = {}) {
  const detail::query_plan plan = detail::plan_query(idx, detail::parse_search(idx, query, options),
                                                     options.scoring, options.spelling);
  std::vector<doc_id> docs;
  for (const detail::scored_doc& m : detail::execute(idx, plan, options.scoring))
    docs.push_back(m.doc);
  return docs;
}

/// Every match of `query` in document `d`: byte spans in its title and stored text. A spelling
/// sibling marks every word of its stem (as `search`'s highlights do).
inline document_matches match_document(
    const index& idx, doc_id d, std::string_view query, bool prefix = false,
    spelling_variants spelling = spelling_variants::skeleton_and_transliteration) {
  document_matches out;
  if (d >= idx.doc_count()) return out;
  const parsed_query parsed = detail::parse_for(idx, query, prefix);
  // The spec needs only the stems, which no scoring weight changes.
  detail::query_plan plan = detail::plan_query(idx, parsed, {}, spelling);
  // A hit of search's typo rescue (see search) shows the words it found a typo away.
  using detail::which_matches;
  if (!idx.lacks_parts() && detail::all_matched_as_typed(plan) &&
      detail::execute(idx, plan, {}).empty() &&
      detail::execute(idx, plan, {}, which_matches::most).empty())
    plan = detail::plan_query(idx, parsed, {}, spelling, true);
  const match_spec spec = detail::match_spec_of(plan);
  const stored_document stored = idx.document(d);
  out.title = find_matches(stored.title, idx.analyzer(), spec);
  out.text = find_matches(stored.text, idx.analyzer(), spec);
  return out;
}

}  // namespace fahras
