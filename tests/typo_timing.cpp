// Times typo candidate search on a real index: the scan of every key that expand_typo used to
// run against the dictionary walk of detail/search/typo_candidates.hpp, on mistyped words.
// SPDX-License-Identifier: MIT
//
// Not a test and not a benchmark of bench/run: a measuring aid for the walk. Build and run:
//   cmake -S . -B build/timing -DCMAKE_BUILD_TYPE=Release -DFAHRAS_BUILD_TESTS=ON
//   cmake --build build/timing --target fahras_typo_timing
//   build/timing/tests/fahras_typo_timing INDEX [--words N] [--seed S] [--queries FILE]
// It draws N word forms of the index (length 4+, by document frequency), mistypes each (one
// letter changed, added or dropped; two for 8+ letters) until no index word is spelt so,
// checks that both ways find the same candidates, and prints the time per word (median and
// p99, best of 3 runs each) and the dictionary entries the walk decodes. --queries writes
// 1-3 word queries, each with one of the mistyped words, one a line (for `fahras search`).
#include <fahras/detail/search/typo_candidates.hpp>
#include <fahras/fahras.hpp>
#include "bounded_levenshtein.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace {

using namespace fahras::detail;

struct found_word {
  std::uint32_t ordinal;
  std::size_t edits;
  bool operator==(const found_word& o) const { return ordinal == o.ordinal && edits == o.edits; }
};

std::vector<found_word> scan(const dictionary_view& dict, const std::string& target,
                             std::size_t max_edits) {
  std::vector<found_word> out;
  bounded_levenshtein lev(target, max_edits);
  for (dictionary_iterator it(dict, 0); it.valid(); it.next()) {
    const dictionary_entry& e = it.entry();
    if (!e.is_form()) continue;
    const std::size_t d = lev.distance(e.key);
    if (d <= max_edits) out.push_back({e.ordinal, d});
  }
  return out;
}

std::vector<found_word> walk(const dictionary_view& dict, const std::string& target,
                             std::size_t max_edits, typo_walk_stats& stats) {
  std::vector<found_word> out;
  for_each_typo_candidate(
      dict, target, max_edits,
      [&](const dictionary_entry& e, std::size_t d) {
        out.push_back({e.ordinal, d});
      },
      &stats);
  return out;
}

template <class F>
double best_of_3_us(F&& f) {
  double best = 1e300;
  for (int i = 0; i < 3; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    const auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  return best;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * double(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: fahras_typo_timing INDEX [--words N] [--seed S] [--queries FILE]\n");
    return 2;
  }
  std::size_t want = 300;
  unsigned seed = 1;
  std::string queries_file;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string opt = argv[i];
    if (opt == "--words")
      want = std::strtoul(argv[i + 1], nullptr, 10);
    else if (opt == "--seed")
      seed = static_cast<unsigned>(std::strtoul(argv[i + 1], nullptr, 10));
    else if (opt == "--queries")
      queries_file = argv[i + 1];
  }
  auto loaded = fahras::load_index_file(argv[1]);
  if (!loaded) {
    std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
    return 1;
  }
  const fahras::index& idx = loaded.value();
  const dictionary_view& dict = idx.dictionary();

  // Word forms of 4+ letters, drawn by document frequency as a user's words would be.
  std::vector<std::string> forms;
  std::vector<double> weights;
  std::vector<std::string> frequent;  // forms in 20+ documents, for the other query words
  for (dictionary_iterator it(dict, 0); it.valid(); it.next()) {
    const dictionary_entry& e = it.entry();
    if (!e.is_form() || is_control_key(e.key)) continue;
    const std::string word = decode_key(e.key);
    if (count_code_points(word) >= 4) {
      forms.push_back(word);
      weights.push_back(double(e.form_doc_freq));
    }
    if (e.form_doc_freq >= 20) frequent.push_back(word);
  }
  std::mt19937 rng(seed);
  std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
  std::vector<std::string> words;
  while (words.size() < want) {
    const std::string typed = fahras::test::mistype(rng, forms[pick(rng)]);
    const std::string normalized = idx.analyzer().normalize(typed);
    if (count_code_points(normalized) < 4 || idx.lookup(encode_key(normalized))) continue;
    if (normalized.find(' ') != std::string::npos) continue;
    words.push_back(normalized);
  }

  std::vector<double> old_us[3], new_us[3], decoded[3], seeks[3];
  std::size_t candidates = 0;
  for (const std::string& word : words) {
    const std::size_t letters = count_code_points(word);
    const std::size_t max_edits = letters >= 8 ? 2 : 1;
    const std::string target = encode_key(word);
    std::vector<found_word> a, b;
    typo_walk_stats stats;
    old_us[max_edits].push_back(best_of_3_us([&] { a = scan(dict, target, max_edits); }));
    new_us[max_edits].push_back(best_of_3_us([&] {
      stats = {};
      b = walk(dict, target, max_edits, stats);
    }));
    if (a != b) {
      std::fprintf(stderr, "different candidates for %s\n", word.c_str());
      return 1;
    }
    candidates += a.size();
    decoded[max_edits].push_back(double(stats.keys_decoded));
    seeks[max_edits].push_back(double(stats.seeks));
  }
  for (std::size_t m = 1; m <= 2; ++m) {
    old_us[0].insert(old_us[0].end(), old_us[m].begin(), old_us[m].end());
    new_us[0].insert(new_us[0].end(), new_us[m].begin(), new_us[m].end());
    decoded[0].insert(decoded[0].end(), decoded[m].begin(), decoded[m].end());
    seeks[0].insert(seeks[0].end(), seeks[m].begin(), seeks[m].end());
  }
  std::printf(
      "%s: %u dictionary entries in %u blocks; %zu mistyped words, %zu candidates, "
      "same in both\n",
      argv[1], dict.term_count(), dict.block_count(), words.size(), candidates);
  std::printf("%-9s %6s | %9s %9s | %9s %9s | %7s | %9s %9s %9s | %7s\n", "words", "n", "scan p50",
              "scan p99", "walk p50", "walk p99", "ratio", "keys p50", "keys p99", "keys max",
              "seeks");
  const char* names[] = {"all", "1 edit", "2 edits"};
  for (std::size_t m = 0; m <= 2; ++m) {
    if (old_us[m].empty()) continue;
    std::printf(
        "%-9s %6zu | %7.0fus %7.0fus | %7.1fus %7.1fus | %6.0fx | %9.0f %9.0f %9.0f | %7.0f\n",
        names[m], old_us[m].size(), percentile(old_us[m], 0.5), percentile(old_us[m], 0.99),
        percentile(new_us[m], 0.5), percentile(new_us[m], 0.99),
        percentile(old_us[m], 0.5) / percentile(new_us[m], 0.5), percentile(decoded[m], 0.5),
        percentile(decoded[m], 0.99), percentile(decoded[m], 1.0), percentile(seeks[m], 0.5));
  }
  if (!queries_file.empty()) {
    std::ofstream out(queries_file);
    for (std::size_t i = 0; i < words.size(); ++i) {
      const std::string& other = frequent[rng() % frequent.size()];
      switch (i % 3) {
        case 0: out << words[i] << '\n'; break;
        case 1: out << other << ' ' << words[i] << '\n'; break;
        default:
          out << words[i] << ' ' << other << ' ' << frequent[rng() % frequent.size()] << '\n';
      }
    }
  }
  return 0;
}
