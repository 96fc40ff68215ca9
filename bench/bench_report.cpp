// fahras-bench-report: a markdown table from the engine benchmarks' JSON result files.
// SPDX-License-Identifier: MIT

// usage: fahras-bench-report RESULT.json...
// One row per file, in the order given; "x FTS5" divides each engine's indexing throughput by
// FTS5's when an fts5 result is among the files. MB here means MiB (2^20 bytes).

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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: fahras-bench-report RESULT.json...\n");
    return 2;
  }
  try {
    std::vector<nlohmann::json> results;
    for (int i = 1; i < argc; ++i) results.push_back(load(argv[i]));
    double fts5_speed = 0;
    for (const auto& r : results) {
      if (r.at("engine") == "fts5") fts5_speed = r.at("indexing").at("mib_per_second");
    }
    const auto& corpus = results.front().at("corpus");
    std::printf("Corpus: %s (%llu documents, %.1f MiB of title+text)\n\n",
                corpus.at("file").get<std::string>().c_str(),
                corpus.at("documents").get<unsigned long long>(),
                corpus.at("raw_bytes").get<double>() / (1024.0 * 1024.0));
    std::printf("| engine | index MB/s | x FTS5 | index/raw | disk/raw | p50 µs | p95 µs | "
                "p99 µs | peak RSS MB | RSS/raw | queries with hits |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const auto& r : results) {
      const auto& indexing = r.at("indexing");
      const auto& sizes = r.at("sizes");
      const auto& memory = r.at("memory");
      const auto& search = r.at("search");
      const double speed = indexing.at("mib_per_second");
      const std::string vs_fts5 = fts5_speed > 0 ? fixed(speed / fts5_speed, 2) : "-";
      const std::string index_ratio =
          sizes.at("index_to_raw").is_null() ? "n/a" : fixed(sizes.at("index_to_raw"), 3);
      std::printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %llu/%llu |\n",
                  r.at("engine").get<std::string>().c_str(), fixed(speed, 2).c_str(),
                  vs_fts5.c_str(), index_ratio.c_str(), fixed(sizes.at("disk_to_raw"), 3).c_str(),
                  fixed(search.at("p50_us"), 0).c_str(), fixed(search.at("p95_us"), 0).c_str(),
                  fixed(search.at("p99_us"), 0).c_str(),
                  fixed(memory.at("peak_rss_after_index_bytes").get<double>() / (1024.0 * 1024.0),
                        0)
                      .c_str(),
                  fixed(memory.at("peak_rss_to_raw"), 2).c_str(),
                  search.at("queries_with_hits").get<unsigned long long>(),
                  search.at("queries").get<unsigned long long>());
    }
    std::printf("\n");
    for (const auto& r : results) {
      std::string line;
      for (const auto& [key, value] : r.at("settings").items()) {
        line += (line.empty() ? "" : ", ") + key + "=" +
                (value.is_string() ? value.get<std::string>() : value.dump());
      }
      std::printf("- %s: %s\n", r.at("engine").get<std::string>().c_str(), line.c_str());
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fahras-bench-report: %s\n", e.what());
    return 1;
  }
}
