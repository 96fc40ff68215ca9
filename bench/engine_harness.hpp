// One driver for every search engine benchmark: adapters say how, the harness measures.
// SPDX-License-Identifier: MIT
#pragma once

// An engine joins the benchmark with one small file: a subclass of engine_adapter and
//
//   int main(int argc, char** argv) {
//     my_engine engine;
//     return fahras::bench::run_engine_benchmark(argc, argv, engine);
//   }
//
// plus one line in bench/CMakeLists.txt: fahras_bench_engine(my bench_my.cpp <libraries>).
// The command line is then the same for every engine:
//   bench_<engine> --corpus FILE.jsonl --queries FILE.txt --workdir DIR --json OUT.json
//                  [--kinds FILE.jsonl] [--passes N] [--k N] [--snippet-words N]
//                  [--load-repeats N] [--phases index|index,search] [--label NAME]
//                  [--hits FILE.jsonl] [--set key=value]...
//
// What is measured (see bench/README.md):
// - indexing in process, as a user does it: the corpus is read into memory first (not timed),
//   then add() for every document, finish() (the index is on disk) and open_for_search() (it
//   is loaded back), each timed with steady_clock. Throughput is raw bytes (title + text,
//   UTF-8) per second, in MiB/s.
// - loading: open_for_search() once more, --load-repeats times; the median.
// - sizes: the adapter's named byte counts; those marked `index` (dictionary, postings,
//   positions, document lengths: what answering a query needs, not stored text) make the index
//   size, reported as a ratio to the raw bytes. The whole work directory is summed too.
// - memory: peak resident set (getrusage ru_maxrss) right after finish(), and above the
//   documents held in memory. Each engine runs in its own process.
// - search, in two modes: ids only (snippet_words 0) and, unless --snippet-words 0, each hit
//   with its title and a snippet. One warm-up pass over the queries, then `passes` timed
//   passes; every query is timed on its own and p50/p95/p99 are taken over all samples, in
//   microseconds: over all queries, and (with --kinds, the generator's side file) over exact
//   queries and those with a mistyped word, and, for an engine that says so, over the queries
//   whose words it expanded to similar words because one matched nothing.

#include <fahras/document.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fahras::bench {

/// One named part of what an engine wrote, e.g. {"postlist", 123456, true}.
struct size_entry {
  std::string name;
  std::uint64_t bytes = 0;
  bool index = false;  // counts as index: dictionary, postings, positions, doc lengths
};

/// One query as the harness asks it.
struct search_request {
  std::string_view query;
  std::size_t k = 10;  ///< hits wanted, best first
  /// 0: ids only. Otherwise each hit also comes with its title and a passage of its text of
  /// about this many words with the query's words marked, as a result page shows them.
  std::size_t snippet_words = 0;
};

/// What a search returned.
struct search_answer {
  std::vector<std::string> ids;  ///< document ids, best first
  std::uint64_t text_bytes = 0;  ///< bytes of the titles and snippets (keeps them observable)
  /// The engine searched similar words because a query word matched nothing (its own notes).
  bool typo_expanded = false;
};

/// What an engine implements to be measured. Calls come in this order: set_option()*,
/// begin(), add()*, finish(), open_for_search(), sizes(), open_for_search()*, search()*.
/// Errors are exceptions (std::exception); the harness reports them and exits non-zero.
class engine_adapter {
 public:
  virtual ~engine_adapter() = default;

  /// Short lowercase name: "fts5", "xapian", "fahras". Used in results and the table.
  virtual std::string name() const = 0;

  /// Settings worth recording with the results (tokenizer, stemmer, thresholds...). Called
  /// after begin(), so it can report what was actually available.
  virtual std::vector<std::pair<std::string, std::string>> settings() const { return {}; }

  /// An engine-specific option given as --set key=value. Returns false for an unknown key.
  virtual bool set_option(const std::string& /*key*/, const std::string& /*value*/) {
    return false;
  }

  /// Prepares an empty index in `workdir` (created and emptied by the harness). Not timed.
  virtual void begin(const std::filesystem::path& workdir) = 0;

  /// Indexes one document. Timed. `doc` is only valid during the call.
  virtual void add(const fahras::document& doc) = 0;

  /// Commits, flushes or serializes everything to disk. Timed.
  virtual void finish() = 0;

  /// Opens the on-disk index for searching (a fresh handle, as a searching process would),
  /// replacing any handle opened before. Timed: loading is part of indexing in process.
  virtual void open_for_search() = 0;

  /// Named sizes of what finish() left on disk.
  virtual std::vector<size_entry> sizes() = 0;

  /// True when search() fills search_answer::typo_expanded from the engine's own notes.
  virtual bool reports_typo_expansion() const { return false; }

  /// The best `request.k` hits for a user query. Timed.
  virtual search_answer search(const search_request& request) = 0;
};

/// Parses the command line, runs the whole benchmark on `engine`, prints a one-line summary
/// to stdout and writes the JSON result file. Returns the process exit code.
int run_engine_benchmark(int argc, char** argv, engine_adapter& engine);

/// Percentile p (0..100) of ascending `sorted` samples, nearest-rank method; 0 when empty.
double percentile(const std::vector<double>& sorted, double p);

}  // namespace fahras::bench
