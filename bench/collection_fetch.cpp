// fahras-collection-fetch: what each query of a query set downloads from a collection (files
// and bytes, per kind of shard, raw and gzipped, and the rounds of fetches in a row), for
// choosing shard sizes by measurement.
// Natively, with the same reader the browser runs: each query starts from an empty cache.
// SPDX-License-Identifier: MIT
#include <fahras/collection.hpp>
#include <fahras/serialize.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#ifdef FAHRAS_HAVE_ZLIB
#include <zlib.h>
#endif

namespace {

// Bytes of `b` gzipped (level 6, with the 18-byte gzip framing), or raw without zlib.
std::size_t gzipped(const std::string& b) {
#ifdef FAHRAS_HAVE_ZLIB
  uLongf n = compressBound(static_cast<uLong>(b.size()));
  std::string out(n, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(b.data()),
            static_cast<uLong>(b.size()), 6);
  return n + 18;
#else
  return b.size();
#endif
}

std::string kind_of(const std::string& name) { return name.substr(0, name.find('-')); }

// "1w", "2w", "3w" (or more), "phrase": the classes the budgets name.
std::string class_of(const std::string& q) {
  if (!q.empty() && q[0] == '"') return "phrase";
  const auto words = 1 + std::count(q.begin(), q.end(), ' ');
  return std::to_string(std::min<long>(words, 3)) + "w";
}

struct fetched {
  std::map<std::string, double> value;  // "<kind>_gz", "<kind>_n", "gz", "raw", "n"
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
double p90(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, v.size() * 9 / 10)];
}

int usage() {
  std::fprintf(
      stderr,
      "usage: fahras-collection-fetch INDEX QUERIES [--dictionary-kb N] [--inline-bytes N]\n"
      "         [--positions-kb N] [--documents-kb N] [--pack-kb N] [--typo-kb N] [--per-query]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  fahras::bundle_options o;
  bool per_query = false;
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--per-query") {
      per_query = true;
      continue;
    }
    if (i + 1 >= argc) return usage();
    const std::size_t v = std::strtoul(argv[++i], nullptr, 10);
    if (a == "--dictionary-kb")
      o.dictionary_shard_bytes = v * 1024;
    else if (a == "--inline-bytes")
      o.inline_list_bytes = v;
    else if (a == "--positions-kb")
      o.positions_piece_bytes = v * 1024;
    else if (a == "--documents-kb")
      o.documents_shard_bytes = v * 1024;
    else if (a == "--pack-kb")
      o.pack_bytes = v * 1024;
    else if (a == "--typo-kb")
      o.typo_shard_bytes = v * 1024;
    else
      return usage();
  }
  auto idx = fahras::load_index_file(argv[1]);
  if (!idx) {
    std::fprintf(stderr, "%s\n", idx.error().message.c_str());
    return 1;
  }
  std::map<std::string, std::string> files;
  std::map<std::string, std::size_t> gz;
  if (auto e = fahras::write_collection(
          *idx,
          [&](const std::string& path, const std::string& bytes) -> std::optional<fahras::error> {
            files[path] = bytes;
            return std::nullopt;
          },
          o)) {
    std::fprintf(stderr, "%s\n", e->message.c_str());
    return 1;
  }
  std::map<std::string, std::array<double, 3>> kinds;  // files, raw, gz
  for (const auto& [path, bytes] : files) {
    gz[path] = gzipped(bytes);
    auto& k = kinds[path == "root.fahras" ? "root" : kind_of(path.substr(7))];
    k[0] += 1;
    k[1] += static_cast<double>(bytes.size());
    k[2] += static_cast<double>(gz[path]);
  }
  std::printf("| files | count | MB raw | MB gzip | mean KB gzip |\n|---|---|---|---|---|\n");
  for (const auto& [k, v] : kinds)
    std::printf("| %s | %.0f | %.2f | %.2f | %.1f |\n", k.c_str(), v[0], v[1] / 1048576,
                v[2] / 1048576, v[2] / 1024 / v[0]);

  const std::string& root = files["root.fahras"];
  std::ifstream in(argv[2]);
  std::string q;
  std::map<std::string, std::vector<fetched>> classes;
  while (std::getline(in, q)) {
    if (q.empty()) continue;
    fetched f;
    // In rounds, as fahras-collection.mjs runs a call: each round fetches, in parallel, every
    // shard the call reached for and lacked, so rounds are the network round trips in a row.
    auto c =
        fahras::collection::open(reinterpret_cast<const std::uint8_t*>(root.data()), root.size());
    if (!c) {
      std::fprintf(stderr, "root.fahras: %s\n", c.error().message.c_str());
      return 1;
    }
    auto r = c->search(q);  // 10 hits with snippets, as the demo shows them
    for (int round = 0; !r && !c->missing_shards().empty() && round < 32; ++round) {
      f.value["rounds"] += 1;
      for (const std::string& name : std::vector<std::string>(c->missing_shards())) {
        const auto it = files.find("shards/" + name);
        if (it == files.end()) continue;  // the search fails below, naming it
        const std::string k = kind_of(name);
        f.value[k + "_gz"] += static_cast<double>(gz[it->first]);
        f.value[k + "_n"] += 1;
        f.value["gz"] += static_cast<double>(gz[it->first]);
        f.value["raw"] += static_cast<double>(it->second.size());
        f.value["n"] += 1;
        if (auto bad = c->add_shard(name, {it->second.begin(), it->second.end()})) {
          std::fprintf(stderr, "%s: %s\n", name.c_str(), bad->message.c_str());
          return 1;
        }
      }
      r = c->search(q);
    }
    if (!r) {
      std::fprintf(stderr, "%s: %s\n", q.c_str(), r.error().message.c_str());
      return 1;
    }
    if (per_query) {
      std::printf("%s\ttotal %zu", q.c_str(), r->total);
      for (const auto& [k, v] : f.value) std::printf("\t%s %.0f", k.c_str(), v);
      std::printf("\n");
    }
    classes[class_of(q)].push_back(f);
    classes["all"].push_back(f);
  }
  std::printf("\nper query, cold cache (median / p90; KB gzip, files):\n\n");
  std::printf(
      "| queries | n | total KB | files | rounds | dict KB | post KB | pos KB | docs KB | store KB "
      "| store files |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& [name, fetches] : classes) {
    // C++17 lambdas cannot capture a structured binding: the list gets a plain reference.
    const std::vector<fetched>& list = fetches;
    const auto column = [&](const char* key) {
      std::vector<double> v;
      for (const fetched& f : list) v.push_back(f.value.count(key) ? f.value.at(key) : 0);
      return v;
    };
    const auto kb = [&](const char* key) {
      const auto v = column(key);
      return std::to_string(static_cast<int>(median(v) / 1024)) + " / " +
             std::to_string(static_cast<int>(p90(v) / 1024));
    };
    const auto n = [&](const char* key) {
      const auto v = column(key);
      return std::to_string(static_cast<int>(median(v))) + " / " +
             std::to_string(static_cast<int>(p90(v)));
    };
    std::printf("| %s | %zu | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", name.c_str(),
                list.size(), kb("gz").c_str(), n("n").c_str(), n("rounds").c_str(),
                kb("dict_gz").c_str(), kb("post_gz").c_str(), kb("pos_gz").c_str(),
                kb("docs_gz").c_str(), kb("store_gz").c_str(), n("store_n").c_str());
  }
  return 0;
}
