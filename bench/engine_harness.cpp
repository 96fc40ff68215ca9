// The engine benchmark driver: streams the corpus through an adapter and measures it.
// SPDX-License-Identifier: MIT

#include "engine_harness.hpp"

#include <sys/resource.h>
#include <time.h>

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
  std::string corpus, queries, kinds, json, hits, label;
  fs::path workdir;
  int passes = 5;
  int load_repeats = 3;
  std::size_t k = 10;
  std::size_t snippet_words = 30;
  bool search = true;  // --phases index: indexing, loading and sizes only
  std::vector<std::pair<std::string, std::string>> engine_options;
};

void usage(const std::string& program) {
  std::fprintf(
      stderr,
      "usage: %s --corpus FILE.jsonl --queries FILE.txt --workdir DIR --json OUT.json\n"
      "          [--kinds FILE.jsonl] [--passes N] [--k N] [--snippet-words N]\n"
      "          [--load-repeats N] [--phases index|index,search] [--label NAME]\n"
      "          [--hits FILE.jsonl] [--set key=value]...\n"
      "  --kinds FILE        the generator's query kinds (one JSON line per query): latency is\n"
      "                      also reported for exact queries and for those with a mistyped word\n"
      "  --passes N          timed passes over the queries after one warm-up pass (default 5)\n"
      "  --k N               hits per query (default 10)\n"
      "  --snippet-words N   also search with a title and an N-word snippet per hit (default\n"
      "                      30; 0: ids only)\n"
      "  --load-repeats N    load the index N more times after the first, for the median\n"
      "                      (default 3)\n"
      "  --phases index      index, load and size only; no search\n"
      "  --label NAME        the engine's name in the results (default: the engine's own)\n"
      "  --hits FILE         write the warm-up pass's hits, one JSON line per query\n"
      "  --set k=v           engine-specific option (see bench/README.md)\n",
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
    } else if (arg == "--kinds") {
      opts.kinds = value();
    } else if (arg == "--workdir") {
      opts.workdir = value();
    } else if (arg == "--json") {
      opts.json = value();
    } else if (arg == "--hits") {
      opts.hits = value();
    } else if (arg == "--label") {
      opts.label = value();
    } else if (arg == "--passes") {
      opts.passes = std::stoi(value());
    } else if (arg == "--load-repeats") {
      opts.load_repeats = std::stoi(value());
    } else if (arg == "--k") {
      opts.k = std::stoul(value());
    } else if (arg == "--snippet-words") {
      opts.snippet_words = std::stoul(value());
    } else if (arg == "--phases") {
      const std::string phases = value();
      if (phases != "index" && phases != "index,search") {
        throw std::invalid_argument("--phases is index or index,search");
      }
      opts.search = phases == "index,search";
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
  if (opts.load_repeats < 0) throw std::invalid_argument("--load-repeats must be >= 0");
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

/// This process's CPU time, all threads: unlike the wall clock, other processes on a busy
/// machine cannot stretch it (they can still slow it a little, through caches).
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

struct span {
  double wall = 0, cpu = 0;  // seconds
};

template <class F>
span timed(F&& f) {
  const auto wall = clock_type::now();
  const double cpu = cpu_seconds();
  f();
  return {seconds_since(wall), cpu_seconds() - cpu};
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

/// The groups each query belongs to, from the generator's side file (fahras-gen-corpus
/// --kinds): "exact", or "typo" and "typo <class>" (variant, real-word, non-word).
std::vector<std::vector<std::string>> read_kinds(const std::string& path,
                                                 const std::vector<std::string>& queries) {
  std::vector<std::vector<std::string>> groups(queries.size());
  if (path.empty()) return groups;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open query kinds " + path);
  std::string line;
  std::size_t i = 0;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const nlohmann::json kind = nlohmann::json::parse(line);
    if (i >= queries.size() || kind.at("query").get<std::string>() != queries[i]) {
      throw std::runtime_error(path + ": line " + std::to_string(i + 1) +
                               " does not describe query " + std::to_string(i + 1) +
                               " of the queries");
    }
    const std::string what = kind.at("kind");
    groups[i].push_back(what);
    if (what == "typo") groups[i].push_back("typo " + kind.at("class").get<std::string>());
    ++i;
  }
  if (i != queries.size()) throw std::runtime_error(path + ": fewer lines than queries");
  return groups;
}

std::vector<fahras::document> read_corpus(const std::string& path) {
  corpus_reader reader(path);
  std::vector<fahras::document> docs;
  fahras::document doc;
  while (reader.next(doc)) docs.push_back(std::move(doc));
  if (docs.empty()) throw std::runtime_error("empty corpus " + path);
  return docs;
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

double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return percentile(v, 50);
}

/// p50/p95/p99, mean and max of wall-time samples in microseconds, the percentiles of the
/// CPU-time samples, and how many queries they are of.
nlohmann::json latency(std::vector<double> wall, std::vector<double> cpu, std::size_t queries) {
  if (wall.empty()) return nullptr;
  double sum = 0;
  for (const double s : wall) sum += s;
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {{"queries", queries},
          {"samples", wall.size()},
          {"p50_us", round_to(percentile(wall, 50), 1)},
          {"p95_us", round_to(percentile(wall, 95), 1)},
          {"p99_us", round_to(percentile(wall, 99), 1)},
          {"mean_us", round_to(sum / static_cast<double>(wall.size()), 1)},
          {"max_us", round_to(wall.back(), 1)},
          {"cpu_p50_us", round_to(percentile(cpu, 50), 1)},
          {"cpu_p95_us", round_to(percentile(cpu, 95), 1)},
          {"cpu_p99_us", round_to(percentile(cpu, 99), 1)}};
}

/// One search mode (ids only, or with snippets): a warm-up pass, then timed passes.
nlohmann::json search_mode(engine_adapter& engine, const options& opts,
                           const std::vector<std::string>& queries,
                           std::vector<std::vector<std::string>> groups, std::size_t snippet_words,
                           std::ofstream* hits_out) {
  search_request request;
  request.k = opts.k;
  request.snippet_words = snippet_words;
  std::uint64_t queries_with_hits = 0, total_hits = 0, checksum = 0;
  std::size_t expanded = 0;
  // The warm-up pass's own times: right after a load, its first query of each kind is the one
  // a user who just opened the index waits for (lazily built structures included).
  std::vector<double> warm_up_wall(queries.size());
  for (std::size_t q = 0; q < queries.size(); ++q) {
    request.query = queries[q];
    search_answer answer;
    warm_up_wall[q] = 1e6 * timed([&] { answer = engine.search(request); }).wall;
    queries_with_hits += !answer.ids.empty();
    total_hits += answer.ids.size();
    if (hits_out && *hits_out) {
      *hits_out << nlohmann::json{{"query", queries[q]}, {"ids", answer.ids}}.dump() << '\n';
    }
    if (engine.reports_typo_expansion()) {
      groups[q].push_back(answer.typo_expanded ? "expanded" : "not expanded");
      expanded += answer.typo_expanded;
    }
  }
  // Microseconds per query, wall and CPU time.
  std::vector<std::vector<double>> wall(queries.size()), cpu(queries.size());
  for (int pass = 0; pass < opts.passes; ++pass) {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      request.query = queries[q];
      search_answer answer;
      const span took = timed([&] { answer = engine.search(request); });
      checksum += answer.ids.size() + answer.text_bytes;
      wall[q].push_back(1e6 * took.wall);
      cpu[q].push_back(1e6 * took.cpu);
    }
  }
  // Every group's samples: "all", then the generator's kinds and the engine's notes.
  std::vector<std::string> names{"all"};
  for (const auto& list : groups)
    for (const std::string& g : list)
      if (std::find(names.begin(), names.end(), g) == names.end()) names.push_back(g);
  nlohmann::json by_group = nlohmann::json::object();
  for (const std::string& name : names) {
    std::vector<double> pooled_wall, pooled_cpu;
    std::size_t count = 0;
    for (std::size_t q = 0; q < queries.size(); ++q) {
      if (name != "all" && std::find(groups[q].begin(), groups[q].end(), name) == groups[q].end()) {
        continue;
      }
      pooled_wall.insert(pooled_wall.end(), wall[q].begin(), wall[q].end());
      pooled_cpu.insert(pooled_cpu.end(), cpu[q].begin(), cpu[q].end());
      ++count;
    }
    by_group[name] = latency(std::move(pooled_wall), std::move(pooled_cpu), count);
  }
  nlohmann::json first = nlohmann::json::object();  // the first query of each kind, warming up
  for (std::size_t q = queries.size(); q-- > 0;) {
    first["all"] = round_to(warm_up_wall[q], 1);
    for (const std::string& g : groups[q]) first[g] = round_to(warm_up_wall[q], 1);
  }
  nlohmann::json mode = {
      {"snippet_words", snippet_words},
      {"queries_with_hits", queries_with_hits},
      {"mean_hits",
       round_to(static_cast<double>(total_hits) / static_cast<double>(queries.size()), 2)},
      {"result_checksum", checksum},
      {"latency", by_group},
      {"warm_up_first_us", first}};
  if (engine.reports_typo_expansion()) mode["typo_expanded_queries"] = expanded;
  return mode;
}

int run(const options& opts, engine_adapter& engine) {
  for (const auto& [key, value] : opts.engine_options) {
    if (!engine.set_option(key, value)) {
      throw std::invalid_argument(engine.name() + " has no option '" + key + "'");
    }
  }
  const std::string label = opts.label.empty() ? engine.name() : opts.label;
  const std::vector<std::string> queries = read_queries(opts.queries);
  const std::vector<std::vector<std::string>> groups = read_kinds(opts.kinds, queries);
  prepare_workdir(opts.workdir);

  // --- the documents in memory, as an application holds them before indexing (not timed) ---
  const std::vector<fahras::document> docs = read_corpus(opts.corpus);
  std::uint64_t raw_bytes = 0;
  for (const fahras::document& doc : docs) raw_bytes += doc.title.size() + doc.text.size();
  const std::uint64_t baseline_rss = peak_rss_bytes();

  // --- indexing in process: add every document, write the index, load it back ---
  const span begin = timed([&] { engine.begin(opts.workdir); });
  const span add = timed([&] {
    for (const fahras::document& doc : docs) engine.add(doc);
  });
  const span finish = timed([&] { engine.finish(); });
  const std::uint64_t rss_after_index = peak_rss_bytes();
  const span first_load = timed([&] { engine.open_for_search(); });
  const double engine_seconds = add.wall + finish.wall;
  const double in_process_seconds = engine_seconds + first_load.wall;
  const double in_process_cpu_seconds = add.cpu + finish.cpu + first_load.cpu;

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

  // --- loading again, for a steadier figure than the first load alone ---
  std::vector<double> loads{first_load.wall}, load_cpu{first_load.cpu};
  for (int i = 0; i < opts.load_repeats; ++i) {
    const span load = timed([&] { engine.open_for_search(); });
    loads.push_back(load.wall);
    load_cpu.push_back(load.cpu);
  }

  // --- search: ids only, then with snippets ---
  nlohmann::json modes = nlohmann::json::object();
  if (opts.search) {
    std::ofstream hits_out;
    if (!opts.hits.empty()) {
      hits_out.open(opts.hits, std::ios::binary);
      if (!hits_out) throw std::runtime_error("cannot write " + opts.hits);
    }
    modes["ids"] = search_mode(engine, opts, queries, groups, 0, &hits_out);
    if (opts.snippet_words > 0) {
      modes["snippets"] = search_mode(engine, opts, queries, groups, opts.snippet_words, nullptr);
    }
  }
  const std::uint64_t rss_after_search = peak_rss_bytes();

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
  nlohmann::json search = {
      {"queries_file", opts.queries},
      {"kinds_file", opts.kinds.empty() ? nlohmann::json() : nlohmann::json(opts.kinds)},
      {"queries", queries.size()},
      {"k", opts.k},
      {"passes", opts.passes},
      {"modes", modes}};
  if (modes.contains("ids")) {  // the figures of the ids-only mode, where earlier files had them
    const nlohmann::json& all = modes["ids"]["latency"]["all"];
    for (const char* key : {"p50_us", "p95_us", "p99_us", "mean_us", "max_us"}) {
      search[key] = all[key];
    }
    search["queries_with_hits"] = modes["ids"]["queries_with_hits"];
    search["mean_hits"] = modes["ids"]["mean_hits"];
  }
  nlohmann::json result = {
      {"engine", label},
      {"settings", settings},
      {"created", utc_now()},
      {"corpus", {{"file", opts.corpus}, {"documents", docs.size()}, {"raw_bytes", raw_bytes}}},
      {"indexing",
       {{"engine_seconds", engine_seconds},
        {"add_seconds", add.wall},
        {"finish_seconds", finish.wall},
        {"begin_seconds", begin.wall},
        {"first_load_seconds", first_load.wall},
        {"in_process_seconds", in_process_seconds},
        {"in_process_cpu_seconds", in_process_cpu_seconds},
        {"mib_per_second", round_to(mib_per_s, 3)},
        {"in_process_mib_per_second", round_to(raw_mib / in_process_seconds, 3)}}},
      {"load",
       {{"seconds", loads},
        {"median_seconds", median_of(loads)},
        {"cpu_seconds", load_cpu},
        {"cpu_median_seconds", median_of(load_cpu)}}},
      {"sizes",
       {{"parts", size_list},
        {"index_bytes", index_known ? nlohmann::json(index_bytes) : nlohmann::json()},
        {"index_to_raw", index_known ? nlohmann::json(ratio(index_bytes)) : nlohmann::json()},
        {"disk_bytes", disk_bytes},
        {"disk_to_raw", ratio(disk_bytes)}}},
      {"memory",
       {{"baseline_peak_rss_bytes", baseline_rss},
        {"peak_rss_after_index_bytes", rss_after_index},
        {"index_peak_rss_above_documents_bytes", rss_after_index - baseline_rss},
        {"peak_rss_to_raw", ratio(rss_after_index - baseline_rss)},
        {"peak_rss_after_search_bytes", rss_after_search}}},
      {"search", search}};
  std::ofstream json_out(opts.json, std::ios::binary);
  json_out << result.dump(2) << '\n';
  if (!json_out) throw std::runtime_error("cannot write " + opts.json);

  char index_ratio[32] = "n/a";
  if (index_known) std::snprintf(index_ratio, sizeof index_ratio, "%.3f", ratio(index_bytes));
  std::printf(
      "%s: %zu docs, %.1f MiB raw | index %.2f MiB/s, in process %.2f s, load %.0f ms, index/raw "
      "%s, disk/raw %.3f | peak RSS %.0f MiB above the documents",
      label.c_str(), docs.size(), raw_mib, mib_per_s, in_process_seconds, 1000 * median_of(loads),
      index_ratio, ratio(disk_bytes), static_cast<double>(rss_after_index - baseline_rss) / mib);
  for (const auto& [name, mode] : modes.items()) {
    const nlohmann::json& all = mode["latency"]["all"];
    std::printf(" | %s p50 %.0f p95 %.0f p99 %.0f us", name.c_str(), all["p50_us"].get<double>(),
                all["p95_us"].get<double>(), all["p99_us"].get<double>());
  }
  std::printf("\n");
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
