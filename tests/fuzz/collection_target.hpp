// The body of the collection libFuzzer target (fuzz_collection), shared with the doctest suite:
// a file of a small fixed collection replaced by any bytes, with its name and every name of it
// updated (so the hashes no longer protect), then the collection used in every way.
// Returns what went wrong, or an empty string; memory errors are the sanitizers' job.
// SPDX-License-Identifier: MIT
#pragma once

#include <fahras/collection.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "../collection_util.hpp"
#include "fuzz_targets.hpp"

namespace fahras::fuzz {

/// The fuzz target's collection: the fixed search index, cut into very small shards.
inline const test::collection_files& collection_base() {
  static const test::collection_files files = [] {
    bundle_options o;
    o.dictionary_shard_bytes = 64;
    o.inline_list_bytes = 1;
    o.positions_piece_bytes = 24;
    o.documents_shard_bytes = 2;
    o.pack_bytes = 64;
    o.typo_shard_bytes = 256;
    return test::bundle_in_memory(search_target_index(), o);
  }();
  return files;
}

namespace detail_fuzz {

inline bool starts_fahras(const error& e) { return e.message.rfind("fahras: ", 0) == 0; }

inline bool spans_inside(const std::vector<byte_span>& spans, std::size_t size) {
  std::size_t last = 0;
  for (const byte_span& s : spans) {
    if (s.begin >= s.end || s.end > size || s.begin < last) return false;
    last = s.end;
  }
  return true;
}

// One search of `c`, plain or as you type: it fails with a fahras error, or its hits hold
// together (counted, ordered, finite scores, ids as stored, snippets and highlights inside).
inline std::string check_search(const collection& c, const char* query, bool prefix) {
  search_options o;
  o.limit = 40;
  o.prefix = prefix;
  const auto r = c.search(query, o);
  if (!r) return starts_fahras(r.error()) ? "" : "search: error without the fahras: prefix";
  if (r->hits.size() != std::min<std::size_t>(r->total, o.limit)) return "hit count";
  for (std::size_t i = 0; i < r->hits.size(); ++i) {
    const hit& h = r->hits[i];
    if (h.doc >= c.doc_count()) return "hit outside the collection";
    if (!std::isfinite(h.score)) return "score not finite";
    if (i > 0 && (r->hits[i - 1].score < h.score ||
                  (r->hits[i - 1].score == h.score && r->hits[i - 1].doc >= h.doc)))
      return "hits out of order";
    const auto d = c.document(h.doc);
    if (!d) continue;
    if (d->id != h.id) return "hit id differs from the stored id";
    if (h.snippet.begin > d->text.size() ||
        d->text.substr(h.snippet.begin, h.snippet.text.size()) != h.snippet.text)
      return "snippet is not a slice of the text";
    if (!spans_inside(h.snippet.highlights, h.snippet.text.size()) ||
        !spans_inside(h.title_highlights, d->title.size()))
      return "highlight out of bounds";
  }
  return {};
}

// Every call either fails with a fahras error or gives results that hold together.
inline std::string exercise_collection(const test::collection_files& files) {
  auto c = test::open_in_memory(files);
  if (!c) return starts_fahras(c.error()) ? "" : "open: error without the fahras: prefix";
  const doc_id n = c->doc_count();
  for (const char* q : {"روسيا", "\"كوريا الشمالية\"", "كوري", "العفوبات", "source:الحل",
                        "روسيا OR الكتاب -موسكو", "ٱلۡحَمۡدُ"}) {
    for (const bool prefix : {false, true})
      if (std::string problem = check_search(*c, q, prefix); !problem.empty()) return problem;
    const auto lines = c->kwic(q, {8, 20});
    if (!lines && !starts_fahras(lines.error())) return "kwic: error without the fahras: prefix";
  }
  for (const auto by : {term_form::stem, term_form::normalized}) {
    frequency_options fo;
    fo.by = by;
    const auto list = c->frequencies(fo);
    if (!list) continue;
    for (const frequency_entry& e : *list)
      if (e.docs > n) return "frequency entry";
  }
  const auto checked = c->verify();
  if (!checked && !starts_fahras(checked.error()))
    return "verify: error without the fahras: prefix";
  return {};
}

// Only opened and searched once, a word as you type (a range of dictionary entries, their
// lists, the hits' stored documents and snippets): the call a page makes most, fast enough for
// over 1,000 inputs a second under the sanitizers; a second search would halve that.
inline std::string search_collection(const test::collection_files& files) {
  auto c = test::open_in_memory(files);
  if (!c) return starts_fahras(c.error()) ? "" : "open: error without the fahras: prefix";
  return check_search(*c, "كوري", true);
}

}  // namespace detail_fuzz

/// `base` with the file at `path` replaced by `bytes` consistently, then used in every way
/// (`use`: detail_fuzz::exercise_collection unless given).
inline std::string collection_problem(
    const test::collection_files& base, const std::string& path, const std::string& bytes,
    std::string (*use)(const test::collection_files&) = detail_fuzz::exercise_collection) {
  test::collection_files files = base;
  if (!test::replace_consistently(files, path, bytes)) return "no such file: " + path;
  return use(files);
}

/// The fuzz input: one byte choosing a file of the collection (in name order), then the bytes
/// that replace it; `use` is given the collection.
inline std::string collection_input_problem(const std::uint8_t* data, std::size_t size,
                                            std::string (*use)(const test::collection_files&)) {
  if (size == 0) return {};
  const test::collection_files& base = collection_base();
  auto it = base.begin();
  std::advance(it, static_cast<std::ptrdiff_t>(data[0] % base.size()));
  return collection_problem(base, it->first,
                            std::string(reinterpret_cast<const char*>(data + 1), size - 1), use);
}

/// The deep target: the collection searched, read, counted and verified.
inline std::string collection_target(const std::uint8_t* data, std::size_t size) {
  return collection_input_problem(data, size, detail_fuzz::exercise_collection);
}

/// The shallow target: the collection opened and searched once.
inline std::string collection_shallow_target(const std::uint8_t* data, std::size_t size) {
  return collection_input_problem(data, size, detail_fuzz::search_collection);
}

}  // namespace fahras::fuzz
