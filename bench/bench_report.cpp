// fahras-bench-report: markdown tables from the engine benchmarks' JSON result files.
// SPDX-License-Identifier: MIT

// usage: fahras-bench-report RESULT.json...
// One row per engine (its label), in order of first appearance. An engine may come with several
// files, one per round (bench/run runs the engines in turn, round after round, because this
// machine's speed drifts): each figure is then the median over its rounds, and "x FTS5" is the
// median of each round's ratio, so that an engine is only ever compared with FTS5 measured
// moments apart. Three tables: indexing in process, loading and size; query latency by kind
// of query, ids only and with snippets; and issue 10's targets, met or not. MB here means MiB.

#include <algorithm>
#include <cstdio>
#include <exception>
#include <fstream>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

using json = nlohmann::json;
using ptr = json::json_pointer;
constexpr double mib = 1024.0 * 1024.0;

json load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  return json::parse(in);
}

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string joined(const std::vector<double>& v, int decimals) {
  std::string out;
  for (double x : v) out += (out.empty() ? "" : " / ") + fixed(x, decimals);
  return out;
}

/// Microseconds as the tables show them: µs below 10 ms, else ms with a unit.
std::string micros(double us) { return us >= 10000 ? fixed(us / 1000, 1) + " ms" : fixed(us, 0); }

/// A duration with its unit, for the targets.
std::string duration(double us) {
  return us >= 1000 ? fixed(us / 1000, 2) + " ms" : fixed(us, 0) + " µs";
}

// One engine's rounds, in the order given.
struct engine_rounds {
  std::string name;
  std::vector<json> rounds;

  /// The value at `path` in each round that has it.
  std::vector<double> each(const ptr& path) const {
    std::vector<double> v;
    for (const auto& r : rounds)
      if (r.contains(path) && r.at(path).is_number()) v.push_back(r.at(path).get<double>());
    return v;
  }
  std::optional<double> median_of(const ptr& path) const {
    const std::vector<double> v = each(path);
    if (v.empty()) return std::nullopt;
    return median(v);
  }
  const json& first() const { return rounds.front(); }
  bool searched() const { return !first().at("search").value("modes", json::object()).empty(); }

  /// Bytes of the size parts with these names, if the engine reports them all.
  std::optional<double> parts_bytes(const std::vector<std::string>& names) const {
    double total = 0;
    for (const std::string& name : names) {
      bool found = false;
      for (const auto& part : first().at("sizes").at("parts")) {
        if (part.at("name") == name) {
          total += part.at("bytes").get<double>();
          found = true;
        }
      }
      if (!found) return std::nullopt;
    }
    return total;
  }
  double raw_bytes() const { return first().at("corpus").at("raw_bytes").get<double>(); }
};

const std::vector<std::string> core_index_parts = {"dictionary", "postings", "positions"};

/// Per-round ratios f(other) / f(engine), over the rounds both have.
std::vector<double> ratios(const engine_rounds& engine, const engine_rounds& other,
                           const ptr& path) {
  const std::vector<double> mine = engine.each(path), theirs = other.each(path);
  std::vector<double> out;
  for (std::size_t k = 0; k < mine.size() && k < theirs.size(); ++k)
    if (mine[k] > 0) out.push_back(theirs[k] / mine[k]);
  return out;
}

std::string row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const std::string& c : cells) out += " " + c + " |";
  return out;
}

void print_indexing(const std::vector<engine_rounds>& engines, const engine_rounds* fts5) {
  std::printf("### Indexing in process, loading, size\n\n");
  std::printf(
      "Documents in memory -> index written to disk -> loaded back (**in process**; `x FTS5` = "
      "FTS5's time / this engine's, per round). **load**: opening the written index again, "
      "median. **core/raw**: dictionary + postings + positions over raw text (fahras; the peers "
      "do not split their index). **RSS**: peak resident memory after indexing, above the "
      "documents held in memory. **CPU**: the process's CPU time, which other processes on a "
      "busy machine cannot stretch as they stretch the wall clock.\n\n");
  std::printf("%s\n", row({"engine", "index MB/s", "in process s", "x FTS5", "CPU s", "x FTS5 CPU",
                           "load ms", "load CPU ms", "index/raw", "core/raw", "disk/raw", "RSS MB",
                           "RSS/raw"})
                          .c_str());
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& e : engines) {
    const auto& sizes = e.first().at("sizes");
    const auto vs_fts5 = [&](const char* path) {
      if (!fts5 || &e == fts5) return std::string("-");
      const std::vector<double> v = ratios(e, *fts5, ptr(path));
      return v.empty() ? std::string("-") : fixed(median(v), 2);
    };
    const std::optional<double> core = e.parts_bytes(core_index_parts);
    std::printf(
        "%s\n",
        row({e.name, fixed(*e.median_of(ptr("/indexing/mib_per_second")), 2),
             fixed(*e.median_of(ptr("/indexing/in_process_seconds")), 2),
             vs_fts5("/indexing/in_process_seconds"),
             fixed(*e.median_of(ptr("/indexing/in_process_cpu_seconds")), 2),
             vs_fts5("/indexing/in_process_cpu_seconds"),
             fixed(1000 * *e.median_of(ptr("/load/median_seconds")), 1),
             fixed(1000 * *e.median_of(ptr("/load/cpu_median_seconds")), 1),
             sizes.at("index_to_raw").is_null() ? "n/a" : fixed(sizes.at("index_to_raw"), 3),
             core ? fixed(*core / e.raw_bytes(), 3) : "n/a", fixed(sizes.at("disk_to_raw"), 3),
             fixed(*e.median_of(ptr("/memory/index_peak_rss_above_documents_bytes")) / mib, 0),
             fixed(*e.median_of(ptr("/memory/peak_rss_to_raw")), 2)})
            .c_str());
  }
  std::printf("\n");
  for (const auto& e : engines) {
    std::printf("- %s, in process s by round: %s", e.name.c_str(),
                joined(e.each(ptr("/indexing/in_process_seconds")), 2).c_str());
    if (fts5 && &e != fts5) {
      std::printf("; x FTS5: %s",
                  joined(ratios(e, *fts5, ptr("/indexing/in_process_seconds")), 2).c_str());
    }
    std::printf("\n");
  }
  std::vector<std::string> listed;  // an engine's second row (2 threads) has the same parts
  for (const auto& e : engines) {
    std::string parts;
    for (const auto& part : e.first().at("sizes").at("parts")) {
      const double bytes = part.at("bytes").get<double>();
      parts += (parts.empty() ? "" : ", ") + part.at("name").get<std::string>() + " " +
               fixed(bytes / mib, 1) + " MB (" + fixed(bytes / e.raw_bytes(), 3) + "x)";
    }
    if (std::find(listed.begin(), listed.end(), parts) != listed.end()) continue;
    listed.push_back(parts);
    std::printf("- %s parts: %s\n", e.name.c_str(), parts.c_str());
  }
  std::printf("\n");
}

/// The latency groups to show, in this order, with the header each gets.
struct group {
  const char* key;
  const char* header;
};
const group latency_groups[] = {{"all", "all queries"},
                                {"exact", "no typo"},
                                {"typo", "mistyped word"},
                                {"typo non-word", "... a non-word"},
                                {"expanded", "typo expansion (engine's notes)"},
                                {"not expanded", "no typo expansion"}};

/// The latency table of wall time (`cpu` false) or CPU time.
void print_latency(const std::vector<engine_rounds>& engines, bool cpu) {
  // Which groups exist, and their query counts (the same in every engine and mode).
  std::vector<std::pair<group, std::string>> shown;
  for (const group& g : latency_groups) {
    for (const auto& e : engines) {
      if (!e.searched()) continue;
      const json& latency = e.first().at("search").at("modes").at("ids").at("latency");
      if (latency.contains(g.key) && !latency.at(g.key).is_null()) {
        shown.emplace_back(g, std::to_string(latency.at(g.key).at("queries").get<int>()));
        break;
      }
    }
  }
  if (shown.empty()) return;
  if (cpu) {
    std::printf("### Query CPU time: p50 / p95 / p99 in µs\n\n");
    std::printf(
        "The same queries, the process's CPU time during each (what the query costs, "
        "without the waits for a core that a busy machine adds to the wall time).\n\n");
  } else {
    std::printf("### Query latency: p50 / p95 / p99 in µs\n\n");
    std::printf(
        "Each query timed alone (wall time); percentiles over all timed passes, medians over "
        "rounds. Query kinds from the generator's side file (--kinds); typo expansion from the "
        "engine's own notes (fahras only). **ids**: the top 10 ids; **snippets**: the top 10 "
        "with title highlights and a 30-word snippet each.\n\n");
  }
  const std::string stat = cpu ? "/cpu_" : "/";
  std::vector<std::string> header{"engine", "results", "queries with hits"};
  for (const auto& [g, count] : shown) header.push_back(std::string(g.header) + " (" + count + ")");
  std::printf("%s\n|---|---|---:|", row(header).c_str());
  for (std::size_t i = 0; i < shown.size(); ++i) std::printf("---:|");
  std::printf("\n");
  for (const char* mode : {"ids", "snippets"}) {
    for (const auto& e : engines) {
      if (!e.searched() || !e.first().at("search").at("modes").contains(mode)) continue;
      const std::string base = std::string("/search/modes/") + mode;
      const json& m = e.first().at(ptr(base));
      std::vector<std::string> cells{
          e.name, mode,
          std::to_string(m.at("queries_with_hits").get<int>()) + "/" +
              std::to_string(e.first().at("search").at("queries").get<int>())};
      for (const auto& [g, count] : shown) {
        const std::string at = base + "/latency/" + g.key;  // keys have no / or ~
        if (!e.median_of(ptr(at + stat + "p50_us"))) {
          cells.push_back("");
          continue;
        }
        cells.push_back(micros(*e.median_of(ptr(at + stat + "p50_us"))) + " / " +
                        micros(*e.median_of(ptr(at + stat + "p95_us"))) + " / " +
                        micros(*e.median_of(ptr(at + stat + "p99_us"))));
      }
      std::printf("%s\n", row(cells).c_str());
    }
  }
  std::printf("\n");
}

/// The first query of each kind after the index is loaded, as the warm-up pass timed it: what a
/// user who just opened the index waits for, structures built on first use included.
void print_first_queries(const std::vector<engine_rounds>& engines) {
  std::vector<group> shown;
  for (const group& g : latency_groups)
    for (const auto& e : engines)
      if (e.searched() &&
          e.median_of(ptr(std::string("/search/modes/ids/warm_up_first_us/") + g.key))) {
        shown.push_back(g);
        break;
      }
  if (shown.empty()) return;
  std::printf("### The first query after loading, µs\n\n");
  std::printf(
      "Right after the index is loaded again (the last of the load rounds above), the first "
      "query of each kind in the untimed warm-up pass, timed alone (wall time, ids only; one "
      "query each, so noisy: medians over rounds). **load**: the median load above.\n\n");
  std::vector<std::string> header{"engine", "load"};
  for (const group& g : shown) header.push_back(std::string("first: ") + g.header);
  std::printf("%s\n|---|---:|", row(header).c_str());
  for (std::size_t i = 0; i < shown.size(); ++i) std::printf("---:|");
  std::printf("\n");
  for (const auto& e : engines) {
    if (!e.searched()) continue;
    std::vector<std::string> cells{e.name, micros(1e6 * *e.median_of(ptr("/load/median_seconds")))};
    for (const group& g : shown) {
      const std::optional<double> us =
          e.median_of(ptr(std::string("/search/modes/ids/warm_up_first_us/") + g.key));
      cells.push_back(us ? micros(*us) : "");
    }
    std::printf("%s\n", row(cells).c_str());
  }
  std::printf("\n");
}

/// Issue 10's targets, each with what this run measured and whether it holds.
void print_targets(const std::vector<engine_rounds>& engines) {
  const auto find = [&](const std::function<bool(const std::string&)>& match) {
    const engine_rounds* found = nullptr;
    for (const auto& e : engines)
      if (!found && match(e.name)) found = &e;
    return found;
  };
  const engine_rounds* fahras = find([](const std::string& n) { return n == "fahras"; });
  const engine_rounds* fahras2 = find([](const std::string& n) {
    return n.rfind("fahras", 0) == 0 && n.find(" threads") != std::string::npos;
  });
  const engine_rounds* fts5 = find([](const std::string& n) { return n == "fts5"; });
  const engine_rounds* xapian = find([](const std::string& n) { return n == "xapian"; });
  if (!fahras) return;
  std::printf(
      "### Issue 10 targets (this corpus; see bench/README.md for which corpus each "
      "target is for)\n\n");
  std::printf("| target | measured | met |\n|---|---|---|\n");
  const auto verdict = [](bool met) { return met ? "yes" : "**no**"; };
  const auto line = [&](const std::string& target, const std::string& measured, const char* met) {
    std::printf("| %s | %s | %s |\n", target.c_str(), measured.c_str(), met);
  };
  if (fahras->searched()) {
    const auto p = [&](const engine_rounds& e, const char* mode, const std::string& stat) {
      return e.median_of(ptr(std::string("/search/modes/") + mode + "/latency/all/" + stat));
    };
    const auto cpu_too = [&](const engine_rounds& e, const char* mode, const std::string& stat) {
      return duration(*p(e, mode, stat)) + " (CPU " + duration(*p(e, mode, "cpu_" + stat)) + ")";
    };
    const double p99 = *p(*fahras, "ids", "p99_us");
    line("native query p99 ≤ 1 ms, typo queries included", cpu_too(*fahras, "ids", "p99_us"),
         verdict(p99 <= 1000));
    if (xapian && xapian->searched()) {
      const double mine = *p(*fahras, "ids", "p50_us"), theirs = *p(*xapian, "ids", "p50_us");
      const double mine_cpu = *p(*fahras, "ids", "cpu_p50_us");
      const double theirs_cpu = *p(*xapian, "ids", "cpu_p50_us");
      line("native query p50 ≤ Xapian's",
           duration(mine) + " vs " + duration(theirs) + " (" + fixed(mine / theirs, 2) + "x; CPU " +
               fixed(mine_cpu / theirs_cpu, 2) + "x)",
           verdict(mine <= theirs));
    }
    if (const std::optional<double> p95 = p(*fahras, "snippets", "p95_us")) {
      line("10 hits with 30-word snippets: native p95 ≤ 2 ms (50 MB)",
           cpu_too(*fahras, "snippets", "p95_us"), verdict(*p95 <= 2000));
    }
  }
  double index_file = 0;
  for (const auto& part : fahras->first().at("sizes").at("parts"))
    index_file += part.at("bytes").get<double>();
  const double load_ms = 1000 * *fahras->median_of(ptr("/load/median_seconds"));
  line("loading a 70 MB index ≤ 100 ms (50 MB realistic corpus)",
       fixed(load_ms, 0) + " ms for " + fixed(index_file / mib, 1) + " MB",
       verdict(load_ms <= 100));
  if (fts5) {
    const double x = median(ratios(*fahras, *fts5, ptr("/indexing/in_process_seconds")));
    const double x_cpu = median(ratios(*fahras, *fts5, ptr("/indexing/in_process_cpu_seconds")));
    line("indexing in process ≥ 2.5x FTS5, one thread",
         fixed(x, 2) + "x (CPU " + fixed(x_cpu, 2) + "x)", verdict(x >= 2.5));
  }
  if (fahras2) {
    const double speedup = median(ratios(*fahras2, *fahras, ptr("/indexing/in_process_seconds")));
    const std::size_t comma = fahras2->name.find(", ");  // "fahras, 2 threads"
    line("speed-up with " +
             (comma == std::string::npos ? fahras2->name : fahras2->name.substr(comma + 2)) +
             " (reported)",
         fixed(speedup, 2) + "x", "-");
  }
  if (const std::optional<double> core = fahras->parts_bytes(core_index_parts)) {
    const double ratio = *core / fahras->raw_bytes();
    line("dictionary + postings + positions ≤ 0.30x raw (realistic corpus)", fixed(ratio, 3) + "x",
         verdict(ratio <= 0.30));
  }
  std::printf("\n");
}

/// Issue 12's query cost: fahras against itself with the spelling siblings and soft AND off
/// (bench/run runs that right after fahras in each round). The index is the same.
void print_layer_cost(const std::vector<engine_rounds>& engines) {
  const engine_rounds *fahras = nullptr, *off = nullptr;
  for (const auto& e : engines) {
    if (e.name == "fahras") fahras = &e;
    if (e.name.rfind("fahras", 0) == 0 && e.name.find("layers off") != std::string::npos) off = &e;
  }
  if (!fahras || !off || !fahras->searched() || !off->searched()) return;
  std::printf("### Issue 12 target: what its query layers cost\n\n");
  std::printf("| target | measured | met |\n|---|---|---|\n");
  const auto p50 = [](const char* stat) {
    return ptr(std::string("/search/modes/ids/latency/all/") + stat);
  };
  // Per round, the two runs were neighbours in time: the median of those ratios.
  const double growth = median(ratios(*off, *fahras, p50("p50_us")));
  const double growth_cpu = median(ratios(*off, *fahras, p50("cpu_p50_us")));
  std::printf(
      "| query p50 grows by at most 20%% (spelling siblings and soft AND on, against off) "
      "| %s vs %s (%+.0f%%; CPU %+.0f%%) | %s |\n\n",
      duration(*fahras->median_of(p50("p50_us"))).c_str(),
      duration(*off->median_of(p50("p50_us"))).c_str(), 100 * (growth - 1), 100 * (growth_cpu - 1),
      growth <= 1.2 ? "yes" : "**no**");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: fahras-bench-report RESULT.json...\n");
    return 2;
  }
  try {
    std::vector<engine_rounds> engines;
    for (int i = 1; i < argc; ++i) {
      json r = load(argv[i]);
      const std::string name = r.at("engine");
      auto e = std::find_if(engines.begin(), engines.end(),
                            [&](const engine_rounds& x) { return x.name == name; });
      if (e == engines.end()) e = engines.insert(engines.end(), engine_rounds{name, {}});
      e->rounds.push_back(std::move(r));
    }
    const auto fts5 = std::find_if(engines.begin(), engines.end(),
                                   [](const engine_rounds& x) { return x.name == "fts5"; });
    const json& first = engines.front().first();
    const json& corpus = first.at("corpus");
    std::size_t most_rounds = 0;
    for (const auto& e : engines) most_rounds = std::max(most_rounds, e.rounds.size());
    std::printf("Corpus: %s (%llu documents, %.1f MiB of title+text)",
                corpus.at("file").get<std::string>().c_str(),
                corpus.at("documents").get<unsigned long long>(),
                corpus.at("raw_bytes").get<double>() / mib);
    if (most_rounds > 1) {
      std::printf("; %zu rounds, the engines in turn: medians over rounds", most_rounds);
    }
    const json& search = first.at("search");
    std::printf(".\nQueries: %s, %d, top %d, %d timed passes",
                search.at("queries_file").get<std::string>().c_str(),
                search.at("queries").get<int>(), search.at("k").get<int>(),
                search.at("passes").get<int>());
    if (search.contains("kinds_file") && search.at("kinds_file").is_string()) {
      std::printf("; kinds: %s", search.at("kinds_file").get<std::string>().c_str());
    }
    std::printf(".\n\n");

    print_indexing(engines, fts5 == engines.end() ? nullptr : &*fts5);
    print_latency(engines, false);
    print_latency(engines, true);
    print_first_queries(engines);
    print_targets(engines);
    print_layer_cost(engines);
    for (const auto& e : engines) {
      std::string line;
      for (const auto& [key, value] : e.first().at("settings").items()) {
        line += (line.empty() ? "" : ", ") + key + "=" +
                (value.is_string() ? value.get<std::string>() : value.dump());
      }
      std::printf("- %s: %s\n", e.name.c_str(), line.c_str());
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fahras-bench-report: %s\n", e.what());
    return 1;
  }
}
