// bench_analyze: single-thread throughput of fahras's analysis chain over a corpus in memory.
// SPDX-License-Identifier: MIT

// usage: bench_analyze --corpus FILE.jsonl [--reps N] [--json OUT.json]
// Loads every title and text of the corpus into memory (bench/run uses the 50 MiB corpus),
// then runs each step over all of it `reps` times and reports the median: a plain whitespace
// split (the floor any tokenizer pays to touch the bytes), fahras::normalize,
// fahras::tokenizer::for_each (normalize + tokenize), analyzer::for_each_token (normalize +
// tokenize + light10 stem, no allocation per token) and fahras::analyze (the same, returning
// a vector of tokens with owned strings). Token counts and a checksum of the stems are folded
// so that no work can be optimized away, and printed so runs can be compared.

#include <fahras/analyze.hpp>
#include <fahras/normalize.hpp>
#include <fahras/tokenize.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "corpus_reader.hpp"

namespace {

using fahras::bench::corpus_reader;

/// What one pass over the texts produced.
struct tally {
  std::uint64_t tokens = 0;
  std::uint64_t checksum = 0;
};

/// Cheap order-sensitive fold of a string into the checksum: its length, first and last bytes.
inline void mix(tally& t, std::string_view word) {
  const std::uint64_t ends = word.empty() ? 0
                                          : static_cast<unsigned char>(word.front()) +
                                                7u * static_cast<unsigned char>(word.back());
  t.checksum = t.checksum * 31 + word.size() + ends;
}

/// Counts a token and mixes it into the checksum.
inline void fold(tally& t, std::string_view word) {
  t.tokens += 1;
  mix(t, word);
}

inline bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

struct step {
  std::string name;
  std::function<tally(const std::vector<std::string>&)> run;
};

std::vector<step> steps() {
  return {
      {"whitespace split (reference)",
       [](const std::vector<std::string>& texts) {
         tally t;
         for (const std::string& text : texts) {
           std::size_t i = 0;
           while (i < text.size()) {
             while (i < text.size() && is_space(text[i])) ++i;
             const std::size_t begin = i;
             while (i < text.size() && !is_space(text[i])) ++i;
             if (i > begin) fold(t, std::string_view(text).substr(begin, i - begin));
           }
         }
         return t;
       }},
      {"fahras::normalize",
       [](const std::vector<std::string>& texts) {
         tally t;
         for (const std::string& text : texts) mix(t, fahras::normalize(text));
         return t;
       }},
      {"tokenizer::for_each",
       [](const std::vector<std::string>& texts) {
         const fahras::tokenizer tokenizer;
         tally t;
         for (const std::string& text : texts) {
           tokenizer.for_each(text,
                              [&](const fahras::token_view& token) { fold(t, token.normalized); });
         }
         return t;
       }},
      {"analyzer::for_each_token",
       [](const std::vector<std::string>& texts) {
         const fahras::analyzer analyzer;
         tally t;
         for (const std::string& text : texts) {
           analyzer.for_each_token(
               text, [&](const fahras::analyzed_view& token) { fold(t, token.stem); });
         }
         return t;
       }},
      {"fahras::analyze (allocating)",
       [](const std::vector<std::string>& texts) {
         tally t;
         for (const std::string& text : texts) {
           for (const fahras::analyzed_token& token : fahras::analyze(text)) fold(t, token.stem);
         }
         return t;
       }},
  };
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus, json_path;
  int reps = 5;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      const auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
        return argv[++i];
      };
      if (arg == "--corpus") {
        corpus = value();
      } else if (arg == "--reps") {
        reps = std::stoi(value());
      } else if (arg == "--json") {
        json_path = value();
      } else {
        throw std::invalid_argument("unknown argument " + arg);
      }
    }
    if (corpus.empty() || reps < 1) throw std::invalid_argument("--corpus FILE is required");
  } catch (const std::exception& e) {
    std::fprintf(stderr,
                 "bench_analyze: %s\nusage: bench_analyze --corpus FILE.jsonl "
                 "[--reps N] [--json OUT.json]\n",
                 e.what());
    return 2;
  }

  try {
    std::vector<std::string> texts;  // titles and texts, as an indexer would see them
    std::uint64_t bytes = 0;
    corpus_reader reader(corpus);
    fahras::document doc;
    while (reader.next(doc)) {
      bytes += doc.title.size() + doc.text.size();
      texts.push_back(std::move(doc.title));
      texts.push_back(std::move(doc.text));
    }
    const double mib = static_cast<double>(bytes) / (1024.0 * 1024.0);
    std::printf(
        "Corpus: %s (%llu documents, %.1f MiB of title+text in memory), median of %d "
        "runs, one thread\n\n",
        corpus.c_str(), static_cast<unsigned long long>(reader.documents_read()), mib, reps);
    std::printf("| step | MB/s | M tokens/s | tokens | checksum |\n|---|---:|---:|---:|---:|\n");
    nlohmann::json rows = nlohmann::json::array();
    for (const step& s : steps()) {
      std::vector<double> seconds;
      tally result;
      for (int r = 0; r < reps; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        result = s.run(texts);
        seconds.push_back(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      }
      std::sort(seconds.begin(), seconds.end());
      const double median = seconds[seconds.size() / 2];
      const double tokens_per_s = static_cast<double>(result.tokens) / median;
      char token_columns[64] = "- | -";  // normalize does not split into tokens
      if (result.tokens > 0) {
        std::snprintf(token_columns, sizeof token_columns, "%.2f | %llu", tokens_per_s / 1e6,
                      static_cast<unsigned long long>(result.tokens));
      }
      std::printf("| %s | %.1f | %s | %016llx |\n", s.name.c_str(), mib / median, token_columns,
                  static_cast<unsigned long long>(result.checksum));
      std::fflush(stdout);
      rows.push_back({{"step", s.name},
                      {"median_seconds", median},
                      {"all_seconds", seconds},
                      {"mib_per_second", mib / median},
                      {"tokens", result.tokens},
                      {"tokens_per_second", tokens_per_s},
                      {"checksum", result.checksum}});
    }
    if (!json_path.empty()) {
      const nlohmann::json out = {
          {"benchmark", "analyze"},
          {"corpus",
           {{"file", corpus}, {"documents", reader.documents_read()}, {"raw_bytes", bytes}}},
          {"reps", reps},
          {"steps", rows}};
      std::ofstream file(json_path, std::ios::binary);
      file << out.dump(2) << '\n';
      if (!file) throw std::runtime_error("cannot write " + json_path);
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_analyze: %s\n", e.what());
    return 1;
  }
}
