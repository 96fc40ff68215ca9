// fahras-bench-report: a markdown table from the engine benchmarks' JSON result files.
// SPDX-License-Identifier: MIT

// usage: fahras-bench-report RESULT.json...
// One row per engine, in order of first appearance. An engine may come with several files, one
// per round (bench/run runs the engines in turn, round after round, because this machine's
// speed drifts): each figure is then the median over its rounds, and "x FTS5" is the median of
// each round's ratio of indexing throughputs, so that an engine is only ever compared with
// FTS5 measured moments apart. MB here means MiB (2^20 bytes).

#include <algorithm>
#include <cstdio>
#include <exception>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

nlohmann::json load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  return nlohmann::json::parse(in);
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

// One engine's rounds, in the order given.
struct engine_rounds {
  std::string name;
  std::vector<nlohmann::json> rounds;

  // The median over rounds of the number at `path`.
  double median_of(const nlohmann::json::json_pointer& path) const {
    std::vector<double> v;
    for (const auto& r : rounds) v.push_back(r.at(path).get<double>());
    return median(v);
  }
  std::vector<double> speeds() const {
    std::vector<double> v;
    for (const auto& r : rounds) v.push_back(r.at("indexing").at("mib_per_second"));
    return v;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: fahras-bench-report RESULT.json...\n");
    return 2;
  }
  try {
    std::vector<engine_rounds> engines;
    for (int i = 1; i < argc; ++i) {
      nlohmann::json r = load(argv[i]);
      const std::string name = r.at("engine");
      auto e = std::find_if(engines.begin(), engines.end(),
                            [&](const engine_rounds& x) { return x.name == name; });
      if (e == engines.end()) e = engines.insert(engines.end(), engine_rounds{name, {}});
      e->rounds.push_back(std::move(r));
    }
    const auto fts5 = std::find_if(engines.begin(), engines.end(),
                                   [](const engine_rounds& x) { return x.name == "fts5"; });
    // Ratios of throughputs round by round (as many rounds as both have).
    const auto vs_fts5 = [&](const engine_rounds& e) {
      std::vector<double> ratios;
      if (fts5 == engines.end()) return ratios;
      const std::vector<double> mine = e.speeds(), theirs = fts5->speeds();
      for (std::size_t k = 0; k < mine.size() && k < theirs.size(); ++k)
        if (theirs[k] > 0) ratios.push_back(mine[k] / theirs[k]);
      return ratios;
    };
    using ptr = nlohmann::json::json_pointer;
    const auto& first = engines.front().rounds.front();
    const auto& corpus = first.at("corpus");
    std::size_t most_rounds = 0;
    for (const auto& e : engines) most_rounds = std::max(most_rounds, e.rounds.size());
    std::printf("Corpus: %s (%llu documents, %.1f MiB of title+text)",
                corpus.at("file").get<std::string>().c_str(),
                corpus.at("documents").get<unsigned long long>(),
                corpus.at("raw_bytes").get<double>() / (1024.0 * 1024.0));
    if (most_rounds > 1)
      std::printf("; %zu rounds, the engines in turn: medians over rounds", most_rounds);
    std::printf("\n\n");
    std::printf(
        "| engine | index MB/s | x FTS5 | index/raw | disk/raw | p50 µs | p95 µs | "
        "p99 µs | peak RSS MB | RSS/raw | queries with hits |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const auto& e : engines) {
      const auto& r = e.rounds.front();  // sizes, memory and hits do not change between rounds
      const auto& sizes = r.at("sizes");
      const auto& search = r.at("search");
      const std::vector<double> ratios = vs_fts5(e);
      const std::string ratio = ratios.empty() ? "-" : fixed(median(ratios), 2);
      const std::string index_ratio =
          sizes.at("index_to_raw").is_null() ? "n/a" : fixed(sizes.at("index_to_raw"), 3);
      std::printf(
          "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %llu/%llu |\n", e.name.c_str(),
          fixed(median(e.speeds()), 2).c_str(), ratio.c_str(), index_ratio.c_str(),
          fixed(sizes.at("disk_to_raw"), 3).c_str(),
          fixed(e.median_of(ptr("/search/p50_us")), 0).c_str(),
          fixed(e.median_of(ptr("/search/p95_us")), 0).c_str(),
          fixed(e.median_of(ptr("/search/p99_us")), 0).c_str(),
          fixed(e.median_of(ptr("/memory/peak_rss_after_index_bytes")) / (1024.0 * 1024.0), 0)
              .c_str(),
          fixed(e.median_of(ptr("/memory/peak_rss_to_raw")), 2).c_str(),
          search.at("queries_with_hits").get<unsigned long long>(),
          search.at("queries").get<unsigned long long>());
    }
    std::printf("\n");
    if (most_rounds > 1) {
      for (const auto& e : engines) {
        std::printf("- %s, index MB/s by round: %s", e.name.c_str(), joined(e.speeds(), 2).c_str());
        const std::vector<double> ratios = vs_fts5(e);
        if (!ratios.empty() && &e != &*fts5) std::printf("; x FTS5: %s", joined(ratios, 2).c_str());
        std::printf("\n");
      }
    }
    for (const auto& e : engines) {
      std::string line;
      for (const auto& [key, value] : e.rounds.front().at("settings").items()) {
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
