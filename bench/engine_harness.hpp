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
//                  [--passes N] [--k N] [--hits FILE.jsonl] [--set key=value]...
//
// What is measured (see bench/README.md):
// - indexing: only the time spent inside add() and finish(), summed with steady_clock; the
//   corpus is streamed from disk by the harness and its parsing is not counted. Throughput is
//   raw bytes (title + text, UTF-8) per second, in MiB/s.
// - sizes: the adapter's named byte counts; those marked `index` (dictionary, postings,
//   positions, document lengths: what answering a query needs, not stored text) make the index
//   size, reported as a ratio to the raw bytes. The whole work directory is summed too.
// - memory: peak resident set (getrusage ru_maxrss) right after finish(). Each engine runs in
//   its own process, so the peak is that engine's (plus the harness's small baseline, reported).
// - search: one warm-up pass over the queries, then `passes` timed passes; every query is
//   timed on its own and p50/p95/p99 are taken over all samples, in microseconds.

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

/// What an engine implements to be measured. Calls come in this order: set_option()*,
/// begin(), add()*, finish(), sizes(), open_for_search(), search()*. Errors are exceptions
/// (std::exception); the harness reports them and exits non-zero.
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

  /// Named sizes of what finish() left on disk.
  virtual std::vector<size_entry> sizes() = 0;

  /// Opens the on-disk index for searching (a fresh handle, as a searching process would).
  virtual void open_for_search() = 0;

  /// The ids (document.id) of the best `k` hits for a user query, best first. Timed.
  virtual std::vector<std::string> search(std::string_view query, std::size_t k) = 0;
};

/// Parses the command line, runs the whole benchmark on `engine`, prints a one-line summary
/// to stdout and writes the JSON result file. Returns the process exit code.
int run_engine_benchmark(int argc, char** argv, engine_adapter& engine);

/// Percentile p (0..100) of ascending `sorted` samples, nearest-rank method; 0 when empty.
double percentile(const std::vector<double>& sorted, double p);

}  // namespace fahras::bench
