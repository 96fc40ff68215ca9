// Drives every read path of a loaded index and reports the first broken invariant. Shared by
// the hostile-bytes tests, the golden index test and the libFuzzer targets (no doctest here).
// SPDX-License-Identifier: MIT
#pragma once

#include <fahras/fahras.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::test {

namespace detail_exercise {

inline bool spans_ok(const std::vector<byte_span>& spans, std::size_t size) {
  std::size_t last = 0;
  for (const byte_span& s : spans) {
    if (s.begin >= s.end || s.end > size || s.begin < last) return false;
    last = s.end;
  }
  return true;
}

// Queries made of the index's own words, so that searches reach its posting lists even when
// the bytes are unusual; the likeliest to reach different code first: a word, a phrase, a
// prefix, OR with NOT, a filter, a typo, a cut (invalid UTF-8) word, then fixed ones.
inline std::vector<std::string> queries_for(const index& idx) {
  std::vector<std::string> words;
  if (idx.dictionary().term_count() > 0) {
    for (fahras::detail::dictionary_iterator it(idx.dictionary(), 0);
         it.valid() && words.size() < 3; it.next()) {
      if (fahras::detail::is_control_key(it.entry().key)) continue;
      std::string w = fahras::detail::decode_key(it.entry().key);
      if (!w.empty() && w.find_first_of(" \"*:-") == std::string::npos) words.push_back(w);
    }
  }
  std::vector<std::string> q;
  if (!words.empty()) {
    const std::string& first = words.front();
    const std::string& last = words.back();
    q.push_back(first);
    q.push_back("\"" + first + " " + last + "\"");
    q.push_back(last + "*");
    q.push_back(first + " OR " + last + " -" + words[words.size() / 2]);
    if (!idx.field_names().empty())
      q.push_back(last + " -" + idx.field_names().front() + ":" + first);
    q.push_back(first + "x");
    q.push_back(first.substr(0, first.size() - 1));  // may cut a letter in two
  }
  for (const char* fixed :
       {"\"كوريا الشمالية\" روس*", "العقوبت -في", "كتاب OR مدرسة", "\"غير مغلق"})
    q.emplace_back(fixed);
  for (const std::string& w : words) q.push_back(w + " " + w);
  for (const std::string& f : idx.field_names())
    q.push_back(f + ":" + (words.empty() ? "x" : words[0]));
  return q;
}

/// `matched_hits`: also run match_document on that many hits, best first (thorough, and most
/// of the time: 40 is every hit).
inline std::string check_results(const index& idx, const std::string& query, bool prefix,
                                 std::size_t matched_hits = 40) {
  search_options o;
  o.limit = 40;  // snippets and match_document for each hit: enough to reach every code path
  o.prefix = prefix;
  const search_results r = search(idx, query, o);
  // Soft AND's partial matches follow the full ones, ordered by how many words they have.
  if (r.hits.size() != std::min<std::size_t>(r.total + r.partial, o.limit))
    return "hit count differs from total and partial";
  if (r.total + r.partial > idx.doc_count()) return "more hits than documents";
  std::set<doc_id> seen;
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    const hit& h = r.hits[i];
    if (h.doc >= idx.doc_count()) return "hit outside the index";
    if (!seen.insert(h.doc).second) return "a document listed twice";
    if (!std::isfinite(h.score)) return "score not finite for " + query;
    if (i > 0 && i < r.total) {
      const hit& p = r.hits[i - 1];
      if (p.score < h.score || (p.score == h.score && p.doc >= h.doc)) return "hits out of order";
    }
    const stored_document d = idx.document(h.doc);
    if (h.id != d.id) return "hit id differs from the stored id";
    const snippet& s = h.snippet;
    if (s.begin > d.text.size() || s.text.size() > d.text.size() - s.begin ||
        d.text.substr(s.begin, s.text.size()) != s.text)
      return "snippet is not a slice of the text";
    if (!spans_ok(s.highlights, s.text.size())) return "snippet highlight out of bounds";
    if (!spans_ok(h.title_highlights, d.title.size())) return "title highlight out of bounds";
    if (i >= matched_hits) continue;
    const document_matches m = match_document(idx, h.doc, query, prefix);
    if (!spans_ok(m.title, d.title.size()) || !spans_ok(m.text, d.text.size()))
      return "match_document span out of bounds";
  }
  return {};
}

}  // namespace detail_exercise

/// How far exercise_index goes: every query, hit and document by default; less when
/// thousands of indexes are checked (the hostile-bytes tests) or hundreds a second (fuzz_load).
struct exercise_depth {
  std::size_t max_queries = 64;     // the first of queries_for's list, likeliest first
  std::size_t matched_hits = 40;    // hits of each search given to match_document, best first
  std::size_t found_documents = 0;  // documents looked up by id, evenly spread (0: every one)
};

/// Uses `idx` in every way a caller can: stored documents, searches (plain and as you type),
/// match_document, corpus counts, frequency lists, KWIC, collocates, and a save/load round
/// trip. Returns what went wrong, or an empty string. Memory errors are the sanitizers' job.
inline std::string exercise_index(const index& idx, const exercise_depth& depth = {}) {
  using namespace detail_exercise;
  const doc_id n = idx.doc_count();
  // find_document reads every id before the one it finds: looking each one up is quadratic.
  const std::size_t lookups = depth.found_documents == 0 ? n : depth.found_documents;
  const std::size_t lookup_every = std::max<std::size_t>(1, n / std::max<std::size_t>(1, lookups));
  for (doc_id d = 0; d < n; ++d) {
    const stored_document doc = idx.document(d);
    if (idx.document_id(d) != doc.id) return "document_id differs from document().id";
    if (d % lookup_every == 0 || d + 1 == n) {
      const auto found = idx.find_document(doc.id);
      if (!found || *found > d || idx.document_id(*found) != doc.id) return "find_document";
    }
    (void)idx.title_length(d);
    (void)idx.text_length(d);
  }
  const corpus_counts counts = count_corpus(idx);
  if (counts.documents != n || counts.tokens != idx.token_count()) return "count_corpus";

  std::vector<std::string> queries = queries_for(idx);
  if (queries.size() > depth.max_queries) queries.resize(depth.max_queries);
  const search_results first = search(idx, queries.front());
  for (const std::string& q : queries) {
    for (bool prefix : {false, true}) {
      const std::string what = check_results(idx, q, prefix, depth.matched_hits);
      if (!what.empty()) return what;
    }
    for (const kwic_line& line : kwic(idx, q, {10, 20})) {
      if (line.doc >= n) return "kwic line outside the index";
      const std::string_view text = idx.document(line.doc).text;
      if (line.span.begin > line.span.end || line.span.end > text.size() ||
          text.substr(line.span.begin, line.span.end - line.span.begin) != line.match)
        return "kwic match is not a slice of the text";
    }
    for (const collocate& c : collocates(idx, q, {3, 10, 1, true}))
      if (!std::isfinite(c.score) || c.count == 0) return "collocate score";
  }
  for (term_form by : {term_form::stem, term_form::normalized, term_form::surface}) {
    frequency_options fo;
    fo.by = by;
    fo.top = 20;
    fo.skip_stopwords = by != term_form::normalized;
    const auto list = frequencies(idx, fo);
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (list[i].count == 0 || list[i].docs == 0 || list[i].docs > n) return "frequency entry";
      if (i > 0 && list[i - 1].count < list[i].count) return "frequencies out of order";
    }
  }
  // A loaded index checks what it touches as it goes: the same query answers the same after
  // everything above was checked, and whatever damage that found, the full check finds too.
  const search_results second = search(idx, queries.front());
  if (second.total != first.total || second.hits.size() != first.hits.size())
    return "a query answered differently the second time";
  for (std::size_t i = 0; i < first.hits.size(); ++i)
    if (second.hits[i].doc != first.hits[i].doc || second.hits[i].score != first.hits[i].score)
      return "a query answered differently the second time";
  const error found = idx.damage();
  const error full = idx.verify();
  if (found && !full) return "damage found in use that verify() does not find: " + found.message;
  for (const error* e : {&found, &full})
    if (*e && (e->message.rfind("fahras: ", 0) != 0 || e->offset > idx.size()))
      return "damage reported without the fahras: prefix or beyond the bytes: " + e->message;
  // load -> save -> load: the bytes of a loaded index load again, to the same bytes.
  const result<index> again = load_index(idx.data(), idx.size());
  if (!again) return "a loaded index does not load again: " + again.error().message;
  if (again->to_bytes() != idx.to_bytes()) return "save after load changed the bytes";
  return {};
}

}  // namespace fahras::test
