// The engine benchmark driver: streams the corpus through an adapter and measures it.
// SPDX-License-Identifier: MIT

#include "engine_harness.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <exception>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "corpus_reader.hpp"

namespace fahras::bench {
namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;
constexpr double mib = 1024.0 * 1024.0;

struct options {
  std::string corpus, queries, json, hits;
  fs::path workdir;
  int passes = 5;
  std::size_t k = 10;
  std::vector<std::pair<std::string, std::string>> engine_options;
};

void usage(const std::string& program) {
  std::fprintf(stderr,
               "usage: %s --corpus FILE.jsonl --queries FILE.txt --workdir DIR --json OUT.json\n"
               "          [--passes N] [--k N] [--hits FILE.jsonl] [--set key=value]...\n"
               "  --passes N   timed passes over the queries after one warm-up pass (default 5)\n"
               "  --k N        hits per query (default 10)\n"
               "  --hits FILE  write the warm-up pass's hits, one JSON line per query\n"
               "  --set k=v    engine-specific option (see bench/README.md)\n",
               program.c_str());
}

options parse(int argc, char** argv) {
  options opts;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--corpus") {
      opts.corpus = value();
    } else if (arg == "--queries") {
      opts.queries = value();
    } else if (arg == "--workdir") {
      opts.workdir = value();
    } else if (arg == "--json") {
      opts.json = value();
    } else if (arg == "--hits") {
      opts.hits = value();
    } else if (arg == "--passes") {
      opts.passes = std::stoi(value());
    } else if (arg == "--k") {
      opts.k = std::stoul(value());
    } else if (arg == "--set") {
      const std::string kv = value();
      const std::size_t eq = kv.find('=');
      if (eq == std::string::npos) throw std::invalid_argument("--set needs key=value");
      opts.engine_options.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    } else {
      throw std::invalid_argument("unknown argument " + arg);
    }
  }
  if (opts.corpus.empty() || opts.queries.empty() || opts.workdir.empty() || opts.json.empty()) {
    throw std::invalid_argument("--corpus, --queries, --workdir and --json are required");
  }
  if (opts.passes < 1 || opts.k < 1) throw std::invalid_argument("--passes and --k must be >= 1");
  return opts;
}

/// Creates an empty work directory. A non-empty directory is only emptied when it carries the
/// marker left by an earlier run, so a mistyped --workdir never wipes someone's files.
void prepare_workdir(const fs::path& dir) {
  const fs::path marker = dir / ".fahras-bench-workdir";
  if (fs::exists(dir)) {
    if (!fs::is_directory(dir)) throw std::runtime_error(dir.string() + " is not a directory");
    if (!fs::is_empty(dir) && !fs::exists(marker)) {
      throw std::runtime_error("refusing to empty " + dir.string() +
                               ": not empty and not a benchmark work directory");
    }
    for (const auto& entry : fs::directory_iterator(dir)) fs::remove_all(entry.path());
  } else {
    fs::create_directories(dir);
  }
  std::ofstream(marker) << "created by a fahras benchmark; emptied on the next run\n";
}

std::uint64_t directory_bytes(const fs::path& dir) {
  std::uint64_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    std::error_code ec;
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

std::uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

std::vector<std::string> read_queries(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open queries " + path);
  std::vector<std::string> queries;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) queries.push_back(line);
  }
  if (queries.empty()) throw std::runtime_error("no queries in " + path);
  return queries;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

/// Rounds to `decimals` places (dividing by a power of ten keeps the JSON free of 0.30000000004).
double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

int run(const options& opts, engine_adapter& engine) {
  for (const auto& [key, value] : opts.engine_options) {
    if (!engine.set_option(key, value)) {
      throw std::invalid_argument(engine.name() + " has no option '" + key + "'");
    }
  }
  const std::vector<std::string> queries = read_queries(opts.queries);
  prepare_workdir(opts.workdir);
  const std::uint64_t baseline_rss = peak_rss_bytes();

  // --- indexing: only add() and finish() are timed ---
  auto start = clock_type::now();
  engine.begin(opts.workdir);
  const double begin_seconds = seconds_since(start);

  corpus_reader reader(opts.corpus);
  fahras::document doc;
  std::uint64_t raw_bytes = 0, documents = 0;
  clock_type::duration add_time{};
  const auto wall_start = clock_type::now();
  while (reader.next(doc)) {
    raw_bytes += doc.title.size() + doc.text.size();
    ++documents;
    const auto t0 = clock_type::now();
    engine.add(doc);
    add_time += clock_type::now() - t0;
  }
  start = clock_type::now();
  engine.finish();
  const double finish_seconds = seconds_since(start);
  const double wall_seconds = seconds_since(wall_start);
  const std::uint64_t rss_after_index = peak_rss_bytes();
  const double add_seconds = std::chrono::duration<double>(add_time).count();
  const double engine_seconds = add_seconds + finish_seconds;
  if (documents == 0) throw std::runtime_error("empty corpus " + opts.corpus);

  // --- sizes ---
  const std::vector<size_entry> sizes = engine.sizes();
  std::uint64_t index_bytes = 0;
  bool index_known = false;
  for (const size_entry& s : sizes) {
    if (s.index) {
      index_bytes += s.bytes;
      index_known = true;
    }
  }
  const std::uint64_t disk_bytes = directory_bytes(opts.workdir);

  // --- search: a warm-up pass (which also records hits), then timed passes ---
  start = clock_type::now();
  engine.open_for_search();
  const double open_seconds = seconds_since(start);

  std::ofstream hits_out;
  if (!opts.hits.empty()) {
    hits_out.open(opts.hits, std::ios::binary);
    if (!hits_out) throw std::runtime_error("cannot write " + opts.hits);
  }
  std::uint64_t queries_with_hits = 0, total_hits = 0;
  for (const std::string& query : queries) {
    const std::vector<std::string> ids = engine.search(query, opts.k);
    queries_with_hits += !ids.empty();
    total_hits += ids.size();
    if (hits_out) hits_out << nlohmann::json{{"query", query}, {"ids", ids}}.dump() << '\n';
  }
  std::vector<double> samples;  // microseconds
  samples.reserve(queries.size() * static_cast<std::size_t>(opts.passes));
  std::uint64_t checksum = 0;  // keeps the results observable
  for (int pass = 0; pass < opts.passes; ++pass) {
    for (const std::string& query : queries) {
      const auto t0 = clock_type::now();
      const std::vector<std::string> ids = engine.search(query, opts.k);
      const auto t1 = clock_type::now();
      checksum += ids.size();
      samples.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
  }
  const std::uint64_t rss_after_search = peak_rss_bytes();
  double sum = 0;
  for (const double s : samples) sum += s;
  std::sort(samples.begin(), samples.end());

  // --- results ---
  const double raw_mib = static_cast<double>(raw_bytes) / mib;
  const double mib_per_s = raw_mib / engine_seconds;
  nlohmann::json settings = nlohmann::json::object();
  for (const auto& [key, value] : engine.settings()) settings[key] = value;
  nlohmann::json size_list = nlohmann::json::array();
  for (const size_entry& s : sizes) {
    size_list.push_back({{"name", s.name}, {"bytes", s.bytes}, {"index", s.index}});
  }
  const auto ratio = [&](std::uint64_t bytes) {
    return round_to(static_cast<double>(bytes) / static_cast<double>(raw_bytes), 4);
  };
  nlohmann::json result = {
      {"engine", engine.name()},
      {"settings", settings},
      {"created", utc_now()},
      {"corpus", {{"file", opts.corpus}, {"documents", documents}, {"raw_bytes", raw_bytes}}},
      {"indexing",
       {{"engine_seconds", engine_seconds},
        {"add_seconds", add_seconds},
        {"finish_seconds", finish_seconds},
        {"begin_seconds", begin_seconds},
        {"wall_seconds_with_reading", wall_seconds},
        {"mib_per_second", round_to(mib_per_s, 3)}}},
      {"sizes",
       {{"parts", size_list},
        {"index_bytes", index_known ? nlohmann::json(index_bytes) : nlohmann::json()},
        {"index_to_raw", index_known ? nlohmann::json(ratio(index_bytes)) : nlohmann::json()},
        {"disk_bytes", disk_bytes},
        {"disk_to_raw", ratio(disk_bytes)}}},
      {"memory",
       {{"baseline_peak_rss_bytes", baseline_rss},
        {"peak_rss_after_index_bytes", rss_after_index},
        {"peak_rss_to_raw", ratio(rss_after_index)},
        {"peak_rss_after_search_bytes", rss_after_search}}},
      {"search",
       {{"queries_file", opts.queries},
        {"queries", queries.size()},
        {"k", opts.k},
        {"open_seconds", open_seconds},
        {"passes", opts.passes},
        {"samples", samples.size()},
        {"p50_us", round_to(percentile(samples, 50), 1)},
        {"p95_us", round_to(percentile(samples, 95), 1)},
        {"p99_us", round_to(percentile(samples, 99), 1)},
        {"mean_us", round_to(sum / static_cast<double>(samples.size()), 1)},
        {"max_us", round_to(samples.back(), 1)},
        {"queries_with_hits", queries_with_hits},
        {"mean_hits",
         round_to(static_cast<double>(total_hits) / static_cast<double>(queries.size()), 2)},
        {"result_checksum", checksum}}}};
  std::ofstream json_out(opts.json, std::ios::binary);
  json_out << result.dump(2) << '\n';
  if (!json_out) throw std::runtime_error("cannot write " + opts.json);

  char index_ratio[32] = "n/a";
  if (index_known) std::snprintf(index_ratio, sizeof index_ratio, "%.3f", ratio(index_bytes));
  std::printf(
      "%s: %llu docs, %.1f MiB raw | index %.2f MiB/s, index/raw %s, disk/raw %.3f | peak RSS "
      "%.0f MiB (%.2fx raw) | search p50 %.0f p95 %.0f p99 %.0f us, %llu/%zu queries with hits\n",
      engine.name().c_str(), static_cast<unsigned long long>(documents), raw_mib, mib_per_s,
      index_ratio, ratio(disk_bytes), static_cast<double>(rss_after_index) / mib,
      ratio(rss_after_index), percentile(samples, 50), percentile(samples, 95),
      percentile(samples, 99), static_cast<unsigned long long>(queries_with_hits), queries.size());
  return 0;
}

}  // namespace

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  // Nearest rank: the smallest sample with at least p% of the samples at or below it.
  const double rank = std::ceil(p / 100.0 * static_cast<double>(sorted.size()));
  const std::size_t index = rank < 1 ? 0 : static_cast<std::size_t>(rank) - 1;
  return sorted[std::min(index, sorted.size() - 1)];
}

int run_engine_benchmark(int argc, char** argv, engine_adapter& engine) {
  const std::string program = "bench_" + engine.name();
  options opts;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "-h" || std::string(argv[i]) == "--help") {
      usage(program);
      return 0;
    }
  }
  try {
    opts = parse(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", program.c_str(), e.what());
    usage(program);
    return 2;
  }
  try {
    return run(opts, engine);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", program.c_str(), e.what());
    return 1;
  }
}

}  // namespace fahras::bench
