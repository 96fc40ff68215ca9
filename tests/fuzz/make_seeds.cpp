// Writes the fuzz seed corpora: small valid indexes (load, load_shallow), queries in every part of
// the query language (search; query adds the parser's limits), texts for the analysis chain
// (analyze), JSON inputs (ingest) and a collection's files (collection). Usage: fuzz_make_seeds
// <tests/data/fuzz>
// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "collection_target.hpp"  // collection_base
#include "fuzz_targets.hpp"       // search_target_index

namespace {

void write(const std::string& path, const void* data, std::size_t size) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) {
    std::fprintf(stderr, "fuzz_make_seeds: cannot write %s\n", path.c_str());
    std::exit(1);
  }
}

void write_all(const std::string& prefix, const std::string& suffix,
               const std::vector<std::string>& inputs) {
  for (std::size_t i = 0; i < inputs.size(); ++i)
    write(prefix + std::to_string(i) + suffix, inputs[i].data(), inputs[i].size());
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
  write_all(dir + "/search/query-", ".txt", queries);

  // The parser alone: the search queries, and its limits (clauses, OR lists, phrase length,
  // bytes), filters and odd syntax.
  std::vector<std::string> parser_queries = queries;
  std::string many_clauses, many_ors, long_phrase = "\"";
  for (int i = 0; i < 40; ++i) {
    many_clauses += "كلمة" + std::to_string(i) + " -نفي" + std::to_string(i) + " ";
    many_ors += (i ? " OR بديل" : "بديل") + std::to_string(i);
    long_phrase += "عبارة" + std::to_string(i) + " ";
  }
  parser_queries.push_back(many_clauses);
  parser_queries.push_back(many_ors);
  parser_queries.push_back(long_phrase + "\"");
  parser_queries.push_back(std::string(1000, 'a') + " " + std::string(1500, 'b') + " كتاب");
  parser_queries.push_back("source:إرم -source:\"الحل نت\" date:2023 unknown:field a:b:c");
  parser_queries.push_back("OR | OR - -- \"\" * ** :: \"a OR b\" -\"c d\" e|f g*");
  parser_queries.push_back("كتاب ٱلۡكِتَٰبِ أبو هريرة كتا");
  write_all(dir + "/query/query-", ".txt", parser_queries);

  // The analysis chain: marks, Uthmani spelling, presentation forms, format controls, the
  // five nouns, Latin and Persian letters, digits, punctuation, a word longer than a token,
  // invalid UTF-8.
  const std::vector<std::string> texts = {
      "وَقَّعَتْ روسيا وكوريا الشمالية معاهدةَ الشراكة الاستراتيجية",
      "ٱلۡحَمۡدُ لِلَّهِ رَبِّ ٱلۡعَٰلَمِينَ مَٰلِكِ يَوۡمِ ٱلدِّينِ ٱلصَّلَوٰةَ وَٱلزَّكَوٰةَ",
      "ﷺ ﻻ ﷲ ﺍﻟﻌﺮﺑﻴﺔ ٢٠٢٤ ۱۲۳ 2025",
      "الكتـــاب\u200cالأبيض\u200f \u202bمضمن\u202c \xef\xbb\xbfعلامة",
      "أبو هريرة، عن أبي هريرة؛ إن أبا هريرة؟ امرؤ امرأ امرئ",
      "Café ÉCOLE Straße İstanbul ΣΟΦΙΑ",
      "کتاب یک ۀ ھذا گل ڪ ے",
      "« اقتباس » ۔ ٪ ٫ ٬ - \"نص\" (قوسان) [معقوفان]",
      std::string(300, 'x') + " " +
          [] {
            std::string s;
            for (int i = 0; i < 150; ++i) s += "ب";
            return s;
          }(),
      "روسيا\xFF\xC0كوريا\xED\xA0\x80 \xF4\x90\x80\x80 \xE2\x82",
  };
  write_all(dir + "/analyze/text-", ".txt", texts);

  // Ingestion: records as JSON Lines and as an array (each input is tried as both), with
  // every kind of field, numbers as written, bad records and broken structure. No "file"
  // field: the target skips inputs that could read files.
  const std::vector<std::string> json_inputs = {
      "{\"id\": \"d1\", \"title\": \"العنوان\", \"text\": \"النص\", \"source\": \"إرم\", "
      "\"year\": 2024, \"score\": 1.5, \"draft\": false, \"none\": null}\n"
      "{\"id\": \"d2\", \"text\": \"نص بلا عنوان\", \"e\": 1e2, \"z\": -0, "
      "\"big\": 12345678901234567890123}\n",
      "[\n  {\"id\": \"a1\", \"text\": \"نص، مع [أقواس] و{معقوفات} و\\\"اقتباس\\\"\"},\n"
      "  {\"title\": \"بلا معرف\"},\n  {\"id\": \"a3\", \"title\": \"t\", \"rank\": 3},\n"
      "  \"نص\"\n]\n",
      "\xEF\xBB\xBF{\"id\": \"bom\", \"title\": \"x\"}\r\n{\"id\": \"crlf\", \"text\": \"y\"}\r\n",
      "{\"id\": \"ok\", \"title\": \"a\", \"text\": \"b\"}\n{\"id\": \"broken\" \"text\": 1}\n"
      "[\"array\"]\n{\"id\": 7}\n{\"id\": \"\", \"title\": \"e\"}\n{\"id\": \"n\", \"x\": 1e400}\n"
      "{\"id\": \"ok\", \"title\": \"again\"}\n{\"id\": \"k\", \"title\": \"a\", \"title\": "
      "\"b\"}\n"
      "{\"id\": \"u\", \"text\": \"\\u0041\\ud83d\\ude00\\ud800\"}\n{\"id\": \"tags\", \"t\": [1, "
      "{}]}\n",
      "[{\"id\": \"u1\", \"title\": \"t\"}, , {\"id\": \"u2\"",
  };
  write_all(dir + "/ingest/input-", ".json", json_inputs);

  // One seed per file of the fuzz target's collection: the selector byte (which file the
  // input replaces), then the file ("root-0", "dict-1", ...).
  std::size_t selector = 0;
  for (const auto& [path, bytes] : fahras::fuzz::collection_base()) {
    const std::string name = path.substr(path.rfind('/') + 1);  // "root", "dict", "post", ...
    const std::string kind = name.substr(0, std::min(name.find('-'), name.find('.')));
    const std::string seed = static_cast<char>(selector) + bytes;
    write(dir + "/collection/" + kind + "-" + std::to_string(selector++), seed.data(), seed.size());
  }

  std::printf(
      "wrote %zu index, %zu + %zu query, %zu text, %zu JSON and %zu collection seeds under %s\n",
      indexes.size(), queries.size(), parser_queries.size(), texts.size(), json_inputs.size(),
      selector, dir.c_str());
  return 0;
}
