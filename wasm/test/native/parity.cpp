// fahras-parity: the native side of the WebAssembly parity tests, answering the same requests.
// SPDX-License-Identifier: MIT
//
//   fahras-parity build DOCS.jsonl OUT.fahras [--no-store-text]
//   fahras-parity run [INDEX.fahras] < requests.jsonl > results.jsonl
//
// `build` indexes JSON Lines documents as fahras.mjs's buildIndex does: "id", "title" and
// "text", every other string field as metadata, in file order. `run` answers one request per
// line with one JSON line, calling the library directly: {"op": "search" | "document" |
// "facets" | "kwic" | "frequencies" | "collocates" | "stats" | "analyze" | "normalize", ...the
// options of the
// JavaScript API}. Options left out take the C++ defaults, so the tests also check that
// fahras.d.ts promises the library's defaults. Offsets are BYTE offsets, as the library gives
// them (the tests convert them to UTF-16 themselves); scores are plain JSON doubles.
// Search results, facets and stats are shaped by tools/results_json.hpp, as the CLI's --json.
#include <cstdio>
#include <fahras/fahras.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "results_json.hpp"

namespace {

// Ordered as the CLI's: results_json.hpp writes the shapes for both.
using json = nlohmann::ordered_json;
using fahras::cli::spans_json;

// The options search and facets share.
fahras::search_options query_options(const json& r) {
  fahras::search_options o;
  o.prefix = r.value("prefix", o.prefix);
  o.typo_fallback = r.value("typoFallback", o.typo_fallback);
  if (r.contains("filters"))
    for (const auto& [field, value] : r["filters"].items())
      o.filters.emplace_back(field, value.get<std::string>());
  return o;
}

json search(const fahras::index& idx, const json& r) {
  fahras::search_options o = query_options(r);
  o.limit = r.value("limit", o.limit);
  o.offset = r.value("offset", o.offset);
  o.snippet_words = r.value("snippetWords", o.snippet_words);
  return fahras::cli::search_result_json(fahras::search(idx, r.value("q", ""), o));
}

json document(const fahras::index& idx, const json& r) {
  const std::optional<fahras::doc_id> d = idx.find_document(r.value("id", ""));
  if (!d) return nullptr;
  const fahras::stored_document doc = idx.document(*d);
  const fahras::document_matches m =
      fahras::match_document(idx, *d, r.value("q", ""), r.value("prefix", false));
  json fields = {{"title", doc.title}};
  if (idx.stores_text()) fields["text"] = doc.text;
  for (const auto& [name, value] : doc.fields) fields[std::string(name)] = value;
  return {{"id", doc.id},
          {"fields", fields},
          {"highlights", spans_json(m.text)},
          {"titleHighlights", spans_json(m.title)}};
}

json facets(const fahras::index& idx, const json& r) {
  std::vector<std::string> fields;
  if (r.contains("fields")) fields = r["fields"].get<std::vector<std::string>>();
  return fahras::cli::facets_json(fahras::facets(idx, r.value("q", ""), fields, query_options(r)));
}

json kwic(const fahras::index& idx, const json& r) {
  fahras::kwic_options o;
  o.width = r.value("width", o.width);
  o.limit = r.value("limit", o.limit);
  json out = json::array();
  for (const fahras::kwic_line& l : fahras::kwic(idx, r.value("q", ""), o))
    out.push_back({{"id", l.id},
                   {"left", l.left},
                   {"match", l.match},
                   {"right", l.right},
                   {"start", l.span.begin},
                   {"end", l.span.end}});
  return out;
}

json frequencies(const fahras::index& idx, const json& r) {
  fahras::frequency_options o;
  const std::string by = r.value("by", "stem");
  o.by = by == "surface"      ? fahras::term_form::surface
         : by == "normalized" ? fahras::term_form::normalized
                              : fahras::term_form::stem;
  o.top = r.value("top", o.top);
  o.skip_stopwords = r.value("skipStopwords", o.skip_stopwords);
  json out = json::array();
  for (const fahras::frequency_entry& e : fahras::frequencies(idx, o))
    out.push_back({{"term", e.term}, {"written", e.written}, {"count", e.count}, {"docs", e.docs}});
  return out;
}

json collocates(const fahras::index& idx, const json& r) {
  fahras::collocate_options o;
  o.window = r.value("window", o.window);
  o.top = r.value("top", o.top);
  o.min_count = r.value("minCount", o.min_count);
  json out = json::array();
  for (const fahras::collocate& c : fahras::collocates(idx, r.value("q", ""), o))
    out.push_back(
        {{"term", c.term}, {"written", c.written}, {"count", c.count}, {"score", c.score}});
  return out;
}

json analyze(const json& r) {
  json out = json::array();
  for (const fahras::analyzed_token& t : fahras::analyze(r.value("text", "")))
    out.push_back(
        {{"start", t.begin}, {"end", t.end}, {"normalized", t.normalized}, {"stem", t.stem}});
  return out;
}

int build(const std::string& docs_path, const std::string& out_path, bool store_text) {
  std::ifstream in(docs_path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fahras-parity: cannot read %s\n", docs_path.c_str());
    return 1;
  }
  fahras::index_options options;
  options.store_text = store_text;
  fahras::index_builder builder(options);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto record = nlohmann::ordered_json::parse(line);  // metadata in file order
    fahras::document doc;
    for (const auto& [name, value] : record.items()) {
      if (name == "id")
        doc.id = value.get<std::string>();
      else if (name == "title")
        doc.title = value.get<std::string>();
      else if (name == "text")
        doc.text = value.get<std::string>();
      else
        doc.fields.emplace_back(name, value.get<std::string>());
    }
    builder.add(doc);
  }
  auto idx = builder.build();
  if (!idx) {
    std::fprintf(stderr, "%s\n", idx.error().message.c_str());
    return 1;
  }
  if (const fahras::error e = fahras::save_index_file(*idx, out_path)) {
    std::fprintf(stderr, "%s\n", e.message.c_str());
    return 1;
  }
  return 0;
}

int run(const std::optional<std::string>& index_path) {
  std::optional<fahras::index> idx;
  if (index_path) {
    auto loaded = fahras::load_index_file(*index_path);
    if (!loaded) {
      std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
      return 1;
    }
    idx.emplace(std::move(*loaded));
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    const json r = json::parse(line);
    const std::string op = r.value("op", "");
    json result;
    if (op == "analyze")
      result = analyze(r);
    else if (op == "normalize")
      result = fahras::normalize(r.value("text", ""));
    else if (!idx)
      result = {{"error", "no index"}};
    else if (op == "search")
      result = search(*idx, r);
    else if (op == "document")
      result = document(*idx, r);
    else if (op == "facets")
      result = facets(*idx, r);
    else if (op == "kwic")
      result = kwic(*idx, r);
    else if (op == "frequencies")
      result = frequencies(*idx, r);
    else if (op == "collocates")
      result = collocates(*idx, r);
    else if (op == "stats")
      result = fahras::cli::stats_json(*idx, fahras::count_corpus(*idx));
    else
      result = {{"error", "unknown op " + op}};
    std::cout << result.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 3 && args[0] == "build")
    return build(args[1], args[2], !(args.size() > 3 && args[3] == "--no-store-text"));
  if (!args.empty() && args[0] == "run")
    return run(args.size() > 1 ? std::optional<std::string>(args[1]) : std::nullopt);
  std::fprintf(stderr,
               "usage: fahras-parity build DOCS.jsonl OUT.fahras [--no-store-text]\n"
               "       fahras-parity run [INDEX.fahras] < requests.jsonl\n");
  return 2;
}
