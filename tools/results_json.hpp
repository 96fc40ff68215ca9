// Results as JSON in the shapes wasm/fahras.d.ts defines (SearchResult, Facets, IndexStats),
// with byte offsets: what `fahras search|facets|stats --json` print and fahras-parity answers,
// written once so that the CLI and the JavaScript API cannot drift apart.
// SPDX-License-Identifier: MIT
#pragma once

#include <fahras/facets.hpp>
#include <fahras/index.hpp>
#include <fahras/search.hpp>
#include <fahras/stats.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace fahras::cli {

/// Byte spans as [begin, end] pairs.
inline nlohmann::ordered_json spans_json(const std::vector<byte_span>& spans) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const byte_span& s : spans) out.push_back({s.begin, s.end});
  return out;
}

/// A SearchResult without `tookMs`: total, partial, hits (stored fields, "title" first), notes.
inline nlohmann::ordered_json search_result_json(const search_results& results) {
  using json = nlohmann::ordered_json;
  json hits = json::array();
  for (const hit& h : results.hits) {
    json fields = json::object();  // "title" first, as hit::fields has it
    for (const auto& [name, value] : h.fields) fields[name] = value;
    hits.push_back({{"id", h.id},
                    {"score", h.score},
                    {"fields", std::move(fields)},
                    {"snippet",
                     {{"text", h.snippet.text},
                      {"start", h.snippet.begin},
                      {"wordsBefore", h.snippet.words_before},
                      {"wordsAfter", h.snippet.words_after},
                      {"highlights", spans_json(h.snippet.highlights)}}},
                    {"titleHighlights", spans_json(h.title_highlights)}});
  }
  json notes = json::array();
  for (const query_note& n : results.notes)
    notes.push_back({{"kind", to_string(n.what)},
                     {"word", n.word},
                     {"expansions", n.expansions},
                     {"written", n.written}});
  return {{"total", results.total},
          {"partial", results.partial},
          {"hits", std::move(hits)},
          {"notes", std::move(notes)}};
}

/// Facets: each field's values with their counts of matching documents.
inline nlohmann::ordered_json facets_json(const std::vector<facet>& found) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const facet& f : found) {
    nlohmann::ordered_json values = nlohmann::ordered_json::object();
    for (const facet_value& v : f.values) values[v.value] = v.count;
    out[f.field] = std::move(values);
  }
  return out;
}

/// IndexStats: the corpus counts, the analysis facts and the sections' sizes in bytes.
inline nlohmann::ordered_json stats_json(const index& idx, const corpus_counts& c) {
  const index_sizes s = idx.sizes();
  return {{"documents", c.documents},
          {"tokens", c.tokens},
          {"vocabulary", {{"normalized", c.normalized_vocabulary}, {"stem", c.stem_vocabulary}}},
          {"averageLength",
           {{"title", idx.average_title_length()}, {"text", idx.average_text_length()}}},
          {"storesText", idx.stores_text()},
          {"fields", idx.field_names()},
          {"bytes",
           {{"dictionary", s.dictionary},
            {"postings", s.postings},
            {"positions", s.positions},
            {"stored", s.stored},
            {"docs", s.docs},
            {"meta", s.meta},
            {"total", s.total}}}};
}

}  // namespace fahras::cli
