// Helpers for the engine tests: building small indexes and reading search results.
// SPDX-License-Identifier: MIT
#pragma once

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "test_util.hpp"

namespace fahras::test {

/// Builds an in-memory index of `docs`; the test stops if that fails.
inline index build_index(const std::vector<document>& docs, const index_options& options = {}) {
  index_builder builder(options);
  for (const document& d : docs) builder.add(d);
  result<index> built = builder.build();
  REQUIRE_MESSAGE(built.has_value(), built.error().message);
  return std::move(built).value();
}

/// `idx` written to bytes and loaded back: an index fresh from its bytes, with none of the
/// structures a search builds on first use; the test stops if loading fails.
inline index reloaded(const index& idx) {
  const std::vector<std::uint8_t> bytes = idx.to_bytes();
  result<index> loaded = load_index(bytes.data(), bytes.size());
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error().message);
  return std::move(loaded).value();
}

/// A document with just a title and a text; its id is "d<number>".
inline document doc(std::size_t number, std::string title, std::string text,
                    std::vector<std::pair<std::string, std::string>> fields = {}) {
  return document{"d" + std::to_string(number), std::move(title), std::move(text),
                  std::move(fields)};
}

#ifdef FAHRAS_SOURCE_DIR
/// The demo's five articles (web_demo/articles/*.txt) in name order, each with its first line
/// as the title.
inline std::vector<document> article_documents() {
  namespace fs = std::filesystem;
  std::vector<fs::path> paths;
  for (const auto& entry :
       fs::directory_iterator(fs::path(FAHRAS_SOURCE_DIR) / "web_demo" / "articles"))
    if (entry.path().extension() == ".txt") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  REQUIRE(paths.size() == 5);
  std::vector<document> docs;
  for (const fs::path& p : paths) {
    const std::string all = read_file(p.string());
    const std::size_t line = all.find('\n');
    docs.push_back(doc(docs.size(), all.substr(0, line), all.substr(line + 1)));
  }
  return docs;
}
#endif

/// Every document that matches `query` (up to 1000), without snippets: full matches only, no
/// soft AND (soft_and_test.cpp tests it).
inline search_results search_all(const index& idx, std::string_view query, bool prefix = false) {
  search_options o;
  o.limit = 1000;
  o.prefix = prefix;
  o.snippet_words = 0;
  o.soft_and = false;
  return search(idx, query, o);
}

/// Document numbers of the hits, in rank order.
inline std::vector<doc_id> ranked(const search_results& r) {
  std::vector<doc_id> out;
  for (const hit& h : r.hits) out.push_back(h.doc);
  return out;
}

/// Document numbers of every hit of `query`, as a set.
inline std::set<doc_id> matching(const index& idx, std::string_view query, bool prefix = false) {
  const search_results r = search_all(idx, query, prefix);
  const std::vector<doc_id> docs = ranked(r);
  return {docs.begin(), docs.end()};
}

/// The bytes a span covers.
inline std::string_view slice(std::string_view text, byte_span s) {
  return text.substr(s.begin, s.end - s.begin);
}

/// The slices of `text` that `spans` cover.
inline std::vector<std::string> slices(std::string_view text, const std::vector<byte_span>& spans) {
  std::vector<std::string> out;
  for (const byte_span& s : spans) out.emplace_back(slice(text, s));
  return out;
}

}  // namespace fahras::test

// Document sets and rankings print as {0, 3, 7} in failed checks.
namespace doctest {
template <>
struct StringMaker<std::set<fahras::doc_id>> {
  static String convert(const std::set<fahras::doc_id>& docs) {
    std::string out = "{";
    for (fahras::doc_id d : docs) out += (out.size() > 1 ? ", " : "") + std::to_string(d);
    return (out + "}").c_str();
  }
};
template <>
struct StringMaker<std::vector<fahras::doc_id>> {
  static String convert(const std::vector<fahras::doc_id>& docs) {
    std::string out = "[";
    for (fahras::doc_id d : docs) out += (out.size() > 1 ? ", " : "") + std::to_string(d);
    return (out + "]").c_str();
  }
};
}  // namespace doctest
