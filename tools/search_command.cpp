// `fahras search`: one query with readable or JSON results, or a file of queries as JSON lines.
// SPDX-License-Identifier: MIT
#include <fahras/collection.hpp>
#include <fahras/search.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"
#include "open_index.hpp"
#include "results_json.hpp"
#include "terminal.hpp"

namespace fahras::cli {
namespace {

// ordered_json keeps the keys in the order written, as the help text promises them.
using json = nlohmann::ordered_json;

struct search_request {
  std::string index;
  std::string query;                        // empty with --queries
  std::optional<std::string> queries_file;  // --queries FILE: one query per line
  std::size_t limit = 10;
  bool prefix = false;
  bool all_words = false;  // --all-words: no soft AND
  spelling_variants spelling = spelling_variants::skeleton_and_transliteration;  // --spelling
  bool json = false;
};

search_request parse_search(const std::vector<std::string>& args) {
  const parsed_args parsed = parse_args(args, {{"--limit", "-k", true},
                                               {"--json", "", false},
                                               {"--queries", "", true},
                                               {"--prefix", "", false},
                                               {"--all-words", "", false},
                                               {"--spelling", "", true}});
  search_request r;
  r.queries_file = parsed.value("--queries");
  const std::size_t expected = r.queries_file ? 1 : 2;
  if (parsed.positionals().size() < expected) {
    throw usage_error(r.queries_file ? "missing INDEX" : "missing INDEX and QUERY");
  }
  if (parsed.positionals().size() > expected) {
    throw usage_error("unexpected argument '" + parsed.positionals()[expected] + "'");
  }
  r.index = parsed.positionals()[0];
  if (!r.queries_file) r.query = parsed.positionals()[1];
  r.limit = parsed.number("--limit", r.limit, 0);
  r.json = parsed.has("--json");
  r.prefix = parsed.has("--prefix");
  r.all_words = parsed.has("--all-words");
  if (const auto spelling = parsed.value("--spelling")) {
    if (*spelling == "none")
      r.spelling = spelling_variants::none;
    else if (*spelling == "skeleton")
      r.spelling = spelling_variants::skeleton;
    else if (*spelling != "all")
      throw usage_error("--spelling must be none, skeleton or all");
  }
  return r;
}

/// JSON text of `value`; invalid UTF-8 (from a query or a document) becomes U+FFFD instead of
/// an exception.
std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

/// The snippet with its highlights marked: bold on a terminal, [brackets] otherwise.
/// The text's own controls are escaped piece by piece, so that only the bold marks are obeyed.
std::string marked_snippet(const snippet& s, bool terminal) {
  const std::string_view open = terminal ? "\x1b[1m" : "[";
  const std::string_view close = terminal ? "\x1b[0m" : "]";
  const std::string_view text = s.text;
  std::string out;
  std::size_t at = 0;
  for (const byte_span& h : s.highlights) {
    if (h.begin < at || h.end > text.size()) continue;
    out.append(shown(one_line(text.substr(at, h.begin - at)))).append(open);
    out.append(shown(one_line(text.substr(h.begin, h.end - h.begin)))).append(close);
    at = h.end;
  }
  return out.append(shown(one_line(text.substr(at))));
}

/// The SearchResult of wasm/fahras.d.ts with byte offsets, and `q`, the query.
void print_json(const search_request& r, const search_results& results) {
  json out = {{"q", r.query}};
  out.update(search_result_json(results));
  std::cout << shown(dump(out)) << '\n';
}

void print_text(const search_results& results) {
  const bool terminal = shows_on_terminal(1);
  if (results.total == 0) {
    std::cout << "no documents match\n";
  } else {
    std::cout << results.total << (results.total == 1 ? " document matches" : " documents match")
              << (!results.hits.empty() && results.hits.size() < results.total
                      ? "; the best " + std::to_string(results.hits.size()) + " follow"
                      : std::string())
              << '\n';
  }
  if (results.partial > 0) {
    const bool listed = results.hits.size() > results.total;
    std::cout << results.partial << (results.partial == 1 ? " document has" : " documents have")
              << " some of the words but not all" << (listed ? "; they follow" : "") << '\n';
  }
  std::size_t rank = 0;
  for (const hit& h : results.hits) {
    std::string title;
    for (const auto& [name, value] : h.fields) {
      if (name == "title") title = value;
    }
    char score[32];
    std::snprintf(score, sizeof score, "%.3f", h.score);
    std::cout << '\n' << ++rank << ". " << shown(h.id) << "  (" << score << ")\n";
    if (!title.empty()) std::cout << "   " << shown(one_line(title)) << '\n';
    if (!h.snippet.text.empty()) std::cout << "   " << marked_snippet(h.snippet, terminal) << '\n';
  }
  for (const query_note& n : results.notes) {
    if (n.what == query_note::kind::stopword) {
      std::cerr << "note: '" << shown(n.word, 2) << "' is a stopword and was ignored\n";
    } else if (n.what == query_note::kind::truncated) {
      std::cerr << "note: the query is too long; its end was ignored\n";
    } else if (n.what == query_note::kind::typo_skipped) {
      std::cerr << "note: '" << shown(n.word, 2)
                << "' matched nothing; too many such words to look for similar ones\n";
    } else if (n.what == query_note::kind::typo) {
      std::string words;
      for (const std::string& w : n.written) words += (words.empty() ? "" : ", ") + shown(w, 2);
      std::cerr << "note: '" << shown(n.word, 2) << "': searched similar words too: " << words
                << '\n';
    }
  }
}

/// Runs a query on an index file or a collection folder; nothing, after saying why, when a
/// collection's shard is missing or damaged.
using searcher =
    std::function<std::optional<search_results>(std::string_view, const search_options&)>;

/// --queries: one JSON line per line of the file (empty lines too, to stay line-aligned).
int run_queries(const searcher& find, const search_request& r) {
  std::ifstream in(*r.queries_file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fahras search: %s: cannot open\n", r.queries_file->c_str());
    return exit_failure;
  }
  search_options options;
  options.limit = r.limit;
  options.prefix = r.prefix;
  options.soft_and = !r.all_words;
  options.spelling = r.spelling;
  options.snippet_words = 0;  // ids only: the timing is the search, not the snippets
  options.stored_fields = false;
  std::string query;
  while (std::getline(in, query)) {
    if (!query.empty() && query.back() == '\r') query.pop_back();
    const auto start = std::chrono::steady_clock::now();
    const std::optional<search_results> found = find(query, options);
    if (!found) return exit_failure;
    const search_results& results = *found;
    const auto elapsed = std::chrono::steady_clock::now() - start;
    json ids = json::array();
    for (const hit& h : results.hits) ids.push_back(h.id);
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
    std::cout << shown(dump({{"q", query},
                             {"ids", std::move(ids)},
                             {"total", results.total},
                             {"partial", results.partial},
                             {"us", us}}))
              << '\n';
  }
  // A read error (a folder given as FILE, a failing disk) is no end of the queries.
  if (in.bad()) {
    std::fprintf(stderr, "fahras search: %s: cannot read\n", r.queries_file->c_str());
    return exit_failure;
  }
  return exit_success;
}

// Damage the searches met (a loaded index checks what it reads): what was damaged is left out
// of the answers, and the user should know.
void warn_of_damage(const index& idx, const std::string& path) {
  const error e = idx.damage();
  if (!e) return;
  std::string_view why = e.message;
  if (why.substr(0, 8) == "fahras: ") why.remove_prefix(8);
  std::fprintf(stderr,
               "fahras search: %s: %.*s; the damaged part was left out of the results "
               "('fahras check %s' checks the whole index)\n",
               path.c_str(), static_cast<int>(why.size()), why.data(), path.c_str());
}

int run_search(const std::vector<std::string>& args) {
  const search_request r = parse_search(args);
  // A folder is a collection (fahras bundle): the same search, its shards read as needed.
  // Damage it meets fails the search; a file index leaves the damaged part out and warns.
  const std::optional<index_argument> opened = index_argument::open("search", r.index);
  if (!opened) return exit_failure;
  const collection* folder = opened->as_collection();
  const index* idx = folder ? nullptr : &opened->get();
  searcher find;
  if (folder) {
    find = [&](std::string_view query, const search_options& o) -> std::optional<search_results> {
      result<search_results> found = folder->search(query, o);
      if (found) return std::move(found).value();
      report_error("search", found.error());
      return std::nullopt;
    };
  } else {
    find = [&](std::string_view query, const search_options& o) { return search(*idx, query, o); };
  }
  if (r.queries_file) {
    const int code = run_queries(find, r);
    if (idx) warn_of_damage(*idx, r.index);
    return code;
  }
  search_options options;
  options.limit = r.limit;
  options.prefix = r.prefix;
  options.soft_and = !r.all_words;
  options.spelling = r.spelling;
  const std::optional<search_results> results = find(r.query, options);
  if (!results) return exit_failure;
  if (r.json) {
    print_json(r, *results);
  } else {
    print_text(*results);
  }
  std::cout.flush();
  if (idx) warn_of_damage(*idx, r.index);
  return exit_success;
}

}  // namespace

constexpr std::string_view search_help =
    R"(usage: fahras search INDEX QUERY [--limit K] [--prefix] [--all-words] [--spelling S]
                     [--json]
       fahras search INDEX --queries FILE [--limit K] [--prefix] [--all-words] [--spelling S]

INDEX is an index file (fahras index) or a collection folder (fahras bundle).

Prints how many documents match QUERY and the best K of them: id, score, title and a
snippet with the matched words [marked]. Words match by stem (كتب finds الكتب), "quoted
phrases" match words in order, -word excludes, a OR b, word* is a prefix, and field:value
filters on metadata (source:إرم). When fewer than K documents have every word of a query
of 2 or more plain words, the rest of the page are documents with more than half of them
(when none has, with the words a typo away, or with two of 4 or more words, or one of two),
after the full matches and counted apart ("partial"). Use `--` before a QUERY that starts
with '-': fahras search INDEX -- '-الصين كوريا'.

A damaged part of an index file that a search meets is left out of the results, with a
warning on stderr (see fahras check). In a collection, a missing or damaged file that a
search needs fails the search, naming the file.

With --queries, runs each line of FILE as a query and prints one JSON line per line:
{"q": query, "ids": [best K ids], "total": matching documents, "partial": documents
with only some of the words (after the full matches in "ids"), "us": microseconds}.

options:
  -k, --limit K       how many hits to print (default 10, at most 1000; 0: only the total)
  --prefix            search as you type: the last word is also a prefix (and, when it
                      completes to nothing, is corrected as a typo)
  --all-words         only documents with every word (no partial matches)
  --spelling S        other spellings each word also finds, ranked lower (doc/variants.md):
                      none, skeleton (السموات for السماوات), or all (default: also the
                      transliteration key, بيونج for بيونغ, and a name typed joined
                      spaced, بيونغ يانغ for بيونغيانغ)
  --json              print one JSON object, the SearchResult of the JavaScript API
                      (wasm/fahras.d.ts) plus "q": {"q", "total", "partial", "hits": [{"id",
                      "score", "fields": {"title", ...}, "snippet": {"text", "start",
                      "wordsBefore", "wordsAfter", "highlights"}, "titleHighlights"}],
                      "notes": [{"kind", "word", "expansions", "written"}]}; offsets
                      count bytes of UTF-8
  --queries FILE      one query per line
)";

const command search_command{"search", "search an index (one query, or a file of queries)",
                             search_help, run_search};

}  // namespace fahras::cli
