// Property: a query gives exactly the same top-10 list, in the same order, whatever marks it
// was typed with. Over real sentences (the judged queries and three-word passages of every
// document of bench/quality) and every typing of tests/spelling_variants.hpp.
//
// The superscript alef is a spelling, not a fold (السمٰوٰت is the Uthmani السموت): a word typed
// with it must give what the same word typed without it gives (doc/variants.md, section 4).
// SPDX-License-Identifier: MIT
#include "spelling_variants.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string source(const std::string& relative) {
  return std::string(FAHRAS_SOURCE_DIR) + "/" + relative;
}

// The collection of bench/quality: the five articles and the three JSON-lines files.
std::vector<fahras::document> quality_collection() {
  std::vector<fahras::document> docs;
  const auto articles = nlohmann::json::parse(read_file(source("web_demo/articles/articles.json")));
  for (const auto& a : articles)
    docs.push_back({a.at("id"),
                    a.at("title"),
                    read_file(source("web_demo/articles/" + a.at("file").get<std::string>())),
                    {}});
  for (const char* name : {"vocalized.jsonl", "tanzil.jsonl", "variants.jsonl"}) {
    std::istringstream lines(read_file(source(std::string("bench/quality/") + name)));
    std::string line;
    while (std::getline(lines, line)) {
      const auto j = nlohmann::json::parse(line);
      docs.push_back({j.at("id"), j.at("title"), j.at("text"), {}});
    }
  }
  return docs;
}

// Real sentences: every judged query, and three consecutive words from the start, the middle
// and the end of each document.
std::vector<std::string> sentences(const std::vector<fahras::document>& docs) {
  std::vector<std::string> out;
  std::istringstream queries(read_file(source("bench/quality/queries.jsonl")));
  std::string line;
  while (std::getline(queries, line)) out.push_back(nlohmann::json::parse(line).at("q"));
  for (const fahras::document& d : docs) {
    std::vector<std::string> words;
    std::istringstream text(d.text);
    std::string w;
    while (text >> w)
      if (w.size() > 4 && static_cast<unsigned char>(w[0]) >= 0xD8) words.push_back(w);
    if (words.size() < 9) continue;
    for (std::size_t at : {std::size_t{0}, words.size() / 2, words.size() - 3})
      out.push_back(words[at] + " " + words[at + 1] + " " + words[at + 2]);
  }
  return out;
}

std::vector<std::string> top10(const fahras::index& idx, std::string_view query) {
  fahras::search_options o;
  o.snippet_words = 0;
  o.stored_fields = false;
  std::vector<std::string> ids;
  for (const fahras::hit& h : fahras::search(idx, query, o).hits) ids.push_back(h.id);
  return ids;
}

}  // namespace

TEST_CASE("a query gives the same top 10 however it is typed") {
  const auto docs = quality_collection();
  fahras::index_builder builder;
  for (const auto& d : docs) builder.add(d);
  const fahras::index idx = builder.build().value();

  std::map<std::string, std::vector<std::string>> failures;  // how -> examples
  std::map<std::string, std::size_t> tried;
  std::size_t sentences_tried = 0;
  for (const std::string& sentence : sentences(docs)) {
    const std::string plain = fahras::test::without_marks(sentence);
    const auto expected = top10(idx, plain);
    ++sentences_tried;
    std::vector<fahras::test::typed_variant> typings = fahras::test::spelling_variants(plain);
    if (sentence != plain) typings.push_back({"as written (marks kept)", sentence});
    for (const auto& v : typings) {
      ++tried[v.how];
      const bool spelling = v.how == "superscript alef";
      if (top10(idx, v.text) ==
          (spelling ? top10(idx, fahras::test::without_marks(v.text)) : expected))
        continue;
      failures[v.how].push_back(plain + "  ←  " + v.text);
    }
  }
  std::ostringstream report;
  report << sentences_tried << " sentences\n";
  for (const auto& [how, examples] : failures) {
    report << "  " << how << ": " << examples.size() << " of " << tried[how]
           << " change the top 10\n";
    for (std::size_t i = 0; i < examples.size() && i < 6; ++i)
      report << "      " << examples[i] << "\n";
  }
  MESSAGE(report.str());
  CHECK(failures.empty());
}
