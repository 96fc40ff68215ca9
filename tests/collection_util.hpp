// Helpers for the collection tests: a generated corpus of real Arabic sentences, collections
// bundled into memory, and comparing every kind of result with the single-file index's.
// No doctest here: the libFuzzer target shares the comparisons.
// SPDX-License-Identifier: MIT
#pragma once

#include <fahras/collection.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::test {

/// A collection's files in memory: path in the folder ("root.fahras", "shards/…") -> bytes.
using collection_files = std::map<std::string, std::string>;

inline collection_files bundle_in_memory(const index& idx, const bundle_options& options = {}) {
  collection_files files;
  const auto e = write_collection(
      idx,
      [&](const std::string& path, const std::string& bytes) -> std::optional<error> {
        files[path] = bytes;
        return std::nullopt;
      },
      options);
  if (e) files.clear();
  return files;
}

/// Shard sizes small enough that a few hundred documents make many shards of every kind.
inline bundle_options tiny_shards() {
  bundle_options o;
  o.dictionary_shard_bytes = 512;
  o.inline_list_bytes = 24;
  o.positions_piece_bytes = 256;
  o.documents_shard_bytes = 96;
  o.pack_bytes = 600;
  o.typo_shard_bytes = 1024;
  return o;
}

/// A loader over `files`; the names it was asked for go to `asked` when given.
inline shard_loader loader_of(const collection_files& files,
                              std::vector<std::string>* asked = nullptr) {
  return [&files, asked](const std::string& name) {
    shard_load out;
    if (asked != nullptr) asked->push_back(name);
    const auto it = files.find("shards/" + name);
    if (it != files.end())
      out.bytes = std::vector<std::uint8_t>(it->second.begin(), it->second.end());
    else
      out.failure = error{errc::io_error, 0, "fahras: shards/" + name + ": no such file"};
    return out;
  };
}

inline result<collection> open_in_memory(const collection_files& files,
                                         std::vector<std::string>* asked = nullptr) {
  const auto root = files.find("root.fahras");
  if (root == files.end()) return error{errc::io_error, 0, "fahras: root.fahras: no such file"};
  return collection::open(reinterpret_cast<const std::uint8_t*>(root->second.data()),
                          root->second.size(), loader_of(files, asked));
}

/// Sentences of the demo's five articles (real Arabic text), split at full stops, question
/// marks and line ends.
inline std::vector<std::string> article_sentences(const std::string& source_dir) {
  std::vector<std::string> out;
  for (const char* name :
       {"000_14666f8c06eddbdd.txt", "001_d0d8910958d455b0.txt", "002_41b7292d20fe2ea6.txt",
        "003_896279f9bb41e59d.txt", "004_89ddcd5aa2687990.txt"}) {
    std::ifstream in(source_dir + "/web_demo/articles/" + name, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string sentence;
    for (std::size_t i = 0; i < text.size(); ++i) {
      sentence.push_back(text[i]);
      const bool end = text[i] == '.' || text[i] == '\n' ||
                       (i + 1 < text.size() && text.compare(i, 2, "؟") == 0);
      if (end) {
        if (sentence.size() > 20) out.push_back(sentence);
        sentence.clear();
      }
    }
  }
  return out;
}

/// `count` documents recombined from the articles' sentences (their words keep their real
/// frequencies), with metadata; deterministic for a seed. Some have no text, one no title.
inline std::vector<document> article_mix(const std::string& source_dir, std::size_t count,
                                         std::uint32_t seed) {
  const std::vector<std::string> sentences = article_sentences(source_dir);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, sentences.size() - 1);
  std::uniform_int_distribution<int> length(1, 24);
  const char* sources[] = {"مركز الدراسات العربية الأوراسية", "الحل نت", "إرم نيوز", "المجلة"};
  std::vector<document> docs;
  for (std::size_t i = 0; i < count; ++i) {
    document d;
    d.id = "doc-" + std::to_string(i);
    if (i != 7) d.title = sentences[pick(rng)].substr(0, 80 + rng() % 40);
    if (i % 11 != 3) {
      const int n = length(rng);
      for (int k = 0; k < n; ++k) d.text += sentences[pick(rng)];
    }
    d.fields = {{"source", sources[rng() % 4]}, {"date", "2024-0" + std::to_string(1 + rng() % 9)}};
    docs.push_back(std::move(d));
  }
  return docs;
}

/// Queries of every kind made of the corpus's words: frequent and rare words, two and three
/// words, phrases, OR and NOT, filters, typos, words that occur nowhere.
inline std::vector<std::string> query_mix(const std::vector<document>& docs, std::uint32_t seed,
                                          std::size_t count) {
  std::vector<std::string> words;
  for (const document& d : docs)
    for (std::string_view text : {std::string_view(d.title), std::string_view(d.text)}) {
      std::size_t at = 0;
      while (at < text.size()) {
        const std::size_t end = std::min(text.find_first_of(" \n.،:؛()\"«»", at), text.size());
        if (end - at >= 4 && words.size() < 200000) words.emplace_back(text.substr(at, end - at));
        at = end + 1;
      }
    }
  std::mt19937 rng(seed);
  const auto word = [&] { return words[rng() % words.size()]; };
  std::vector<std::string> q = {"روسيا",
                                "كوريا الشمالية",
                                "\"كوريا الشمالية\"",
                                "العقوبات -روسيا",
                                "روسيا OR الصين",
                                "source:الحل",
                                "الحرب source:إرم",
                                "يشربون",
                                "كوريي",
                                "ابتكاراتهمممم",
                                "\"غير",
                                "-روسيا",
                                "date:2024"};
  while (q.size() < count) {
    switch (rng() % 8) {
      case 0: q.push_back(word()); break;
      case 1: q.push_back(word() + " " + word()); break;
      case 2: q.push_back(word() + " " + word() + " " + word()); break;
      case 3: {  // a phrase from a text
        const document& d = docs[rng() % docs.size()];
        const std::size_t at = d.text.find(' ', rng() % (d.text.size() + 1));
        if (at == std::string::npos) break;
        std::size_t end = at;
        for (int k = 0; k < 3 && end != std::string::npos; ++k) end = d.text.find(' ', end + 1);
        if (end != std::string::npos)
          q.push_back("\"" + d.text.substr(at + 1, end - at - 1) + "\"");
        break;
      }
      case 4: {  // a typo: one letter replaced
        std::string w = word();
        if (w.size() >= 8) w.replace(w.size() / 2 & ~std::size_t{1}, 2, "ب");
        q.push_back(w);
        break;
      }
      case 5: q.push_back(word() + " OR " + word()); break;
      case 6: q.push_back(word() + " -" + word()); break;
      default: q.push_back(word() + " source:" + (rng() % 2 ? "الحل" : "إرم")); break;
    }
  }
  return q;
}

/// Replaces a file of a collection by `bytes` the way a consistent (if hostile) bundler would:
/// the file is renamed after its new hash and every file naming it is rewritten, up to the
/// root; a numbered file (dictionary shard, pack) keeps its name and gets a valid CRC, the root
/// a valid size and CRC. So that reading gets past
/// the hashes and meets the structures. False if `path` is not a file of the collection.
inline bool replace_consistently(collection_files& files, const std::string& path,
                                 std::string bytes) {
  namespace d = fahras::detail;
  const auto put_u32 = [](std::string& b, std::size_t at, std::uint32_t v) {
    for (unsigned i = 0; i < 4; ++i) b[at + i] = static_cast<char>(v >> (8 * i));
  };
  const auto bytes_of = [](const std::string& s) {
    return reinterpret_cast<const std::uint8_t*>(s.data());
  };
  const auto fix_root = [&](std::string& root) {
    if (root.size() < 16) return;
    put_u32(root, 8, static_cast<std::uint32_t>(root.size()));
    put_u32(root, root.size() - 4, d::crc32(bytes_of(root), root.size() - 4));
  };
  if (path == "root.fahras") {
    fix_root(bytes);
    files[path] = std::move(bytes);
    return true;
  }
  if (files.count(path) == 0 || path.rfind("shards/", 0) != 0) return false;
  const auto parsed = d::parse_shard_name(path.substr(7));
  if (!parsed) return false;
  const d::shard_kind kind = parsed->kind;
  const d::shard_hash old_hash = parsed->hash;
  if (d::numbered_kind(kind)) {  // named by its group: keep the name, fix the CRC
    if (bytes.size() >= 8)
      put_u32(bytes, bytes.size() - 4, d::crc32(bytes_of(bytes), bytes.size() - 4));
    files[path] = std::move(bytes);
    return true;
  }
  const d::shard_hash new_hash = d::hash_of(bytes);
  files.erase(path);
  files["shards/" + d::shard_name(kind, new_hash)] = std::move(bytes);
  const std::string& root_bytes = files["root.fahras"];
  result<d::collection_root> root = d::read_root(bytes_of(root_bytes), root_bytes.size());
  if (!root) return true;  // a root already broken stays so
  d::collection_root r = std::move(root).value();
  bool found = false;
  for (std::uint32_t i = 0; i < r.dictionary.size(); ++i) {
    if (kind != d::shard_kind::postings && kind != d::shard_kind::positions) continue;
    const std::string name =
        "shards/" + d::numbered_name(d::shard_kind::dictionary, r.dictionary_group, i);
    if (files.count(name) == 0) continue;
    const std::string dict = files[name];
    d::dictionary_shard_layout layout;
    if (d::read_dictionary_shard(bytes_of(dict), dict.size(), name, r.dictionary_group, i, layout))
      continue;
    std::string inline_postings, inline_positions;
    bool here = false;
    for (auto* pieces : {&layout.postings, &layout.positions})
      for (d::list_piece& p : *pieces) {
        if (p.external && p.hash == old_hash &&
            (pieces == &layout.postings) == (kind == d::shard_kind::postings))
          p.hash = new_hash, here = true;
        if (!p.external)
          (pieces == &layout.postings ? inline_postings : inline_positions)
              .append(reinterpret_cast<const char*>(p.inline_bytes), p.size);
      }
    if (!here) continue;
    files[name] = d::write_dictionary_shard(
        r.dictionary_group, i, d::write_dictionary_body(layout, inline_postings, inline_positions));
    found = true;
  }
  for (auto& h : r.documents)
    if (kind == d::shard_kind::documents && h == old_hash) h = new_hash, found = true;
  files["root.fahras"] = d::write_root(r);
  return found;
}

/// What differs between two result sets, or an empty string.
inline std::string compare_results(const search_results& a, const search_results& b) {
  if (a.total != b.total)
    return "total " + std::to_string(a.total) + " vs " + std::to_string(b.total);
  if (a.hits.size() != b.hits.size()) return "hit count";
  for (std::size_t i = 0; i < a.hits.size(); ++i) {
    const hit& x = a.hits[i];
    const hit& y = b.hits[i];
    const std::string at = " of hit " + std::to_string(i);
    if (x.doc != y.doc || x.id != y.id) return "document" + at;
    if (x.score != y.score) return "score" + at;  // to the bit
    if (x.fields != y.fields) return "fields" + at;
    if (x.snippet.text != y.snippet.text || x.snippet.begin != y.snippet.begin ||
        x.snippet.highlights != y.snippet.highlights)
      return "snippet" + at;
    if (x.title_highlights != y.title_highlights) return "title highlights" + at;
  }
  if (a.notes.size() != b.notes.size()) return "note count";
  for (std::size_t i = 0; i < a.notes.size(); ++i)
    if (a.notes[i].what != b.notes[i].what || a.notes[i].word != b.notes[i].word ||
        a.notes[i].expansions != b.notes[i].expansions)
      return "note " + std::to_string(i);
  return {};
}

}  // namespace fahras::test
