// Writes the fuzz seed corpora: small valid indexes for fuzz_load and queries in every part of
// the query language for fuzz_search. Usage: fuzz_make_seeds <tests/data/fuzz>
// SPDX-License-Identifier: MIT
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz_targets.hpp"

namespace {

void write(const std::string& path, const void* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) {
    std::fprintf(stderr, "fuzz_make_seeds: cannot write %s\n", path.c_str());
    std::exit(1);
  }
}

fahras::index build(const std::vector<fahras::document>& docs, fahras::index_options o = {}) {
  fahras::index_builder b(std::move(o));
  for (const auto& d : docs) b.add(d);
  return b.build().value();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_make_seeds <tests/data/fuzz>\n");
    return 2;
  }
  const std::string dir = argv[1];

  std::vector<std::pair<std::string, fahras::index>> indexes;
  indexes.emplace_back("empty.fahras", build({}));
  indexes.emplace_back("articles.fahras", fahras::fuzz::search_target_index());
  fahras::index_options bare;
  bare.store_text = false;
  bare.analysis.keywords = {"الكتاب"};
  bare.analysis.normalize.fold_alef = false;
  indexes.emplace_back("no-text-keywords.fahras",
                       build({{"a", "الكتاب", "أحمد قرأ الكتاب", {{"lang", "ar"}}}}, bare));
  std::vector<fahras::document> many;  // a posting list with a skip table (> 128 documents)
  for (int i = 0; i < 130; ++i)
    many.push_back({std::to_string(i), i % 2 ? "روسيا" : "", i % 3 ? "كوريا" : "كوريا روسيا", {}});
  indexes.emplace_back("skip-table.fahras", build(many));
  for (const auto& [name, idx] : indexes) write(dir + "/load/" + name, idx.data(), idx.size());

  const std::vector<std::string> queries = {
      "روسيا كوريا",
      "\"كوريا الشمالية\" -العقوبات",
      "روسيا OR الصين كوريا | موسكو",
      "كور* الشراك",
      "العقوبت الاستراتجية",
      "source:\"إرم نيوز\" -date:2023 تحالف",
      "في على من",
      "\"في\" الكتاب",
      "\"غير مغلق",
      "ٱلۡحَمۡدُ لِلَّهِ",
      "-\"\" OR - * \"",
      "كوريا-الشمالية ﷺ ﻻ ٢٠٢٤",
      "روسيا\xFF\xC0كوريا",
  };
  for (std::size_t i = 0; i < queries.size(); ++i)
    write(dir + "/search/query-" + std::to_string(i) + ".txt", queries[i].data(),
          queries[i].size());
  std::printf("wrote %zu index seeds and %zu query seeds under %s\n", indexes.size(),
              queries.size(), dir.c_str());
  return 0;
}
