// Scores a fahras search run against the judged queries of bench/quality (nDCG@10).
// SPDX-License-Identifier: MIT
//
// Usage:
//   fahras-quality-eval JUDGMENTS RUN [--json] [--k N] [--worst N]
//   fahras-quality-eval --print-queries JUDGMENTS
//
// JUDGMENTS: JSON lines {"q": text, "kind": text, "rel": {"doc-id": grade, ...}, "note": text}
//            with grades 0..3; a document not listed has grade 0.
// RUN:       JSON lines {"q": text, "ids": [doc ids, best first], "total": full matches, ...},
//            as printed by `fahras search INDEX --queries FILE`; other fields are ignored.
//            `total` is optional: without it every id counts as a full match.
//
// nDCG@k = DCG@k / IDCG@k, DCG@k = sum over ranks r = 1..k of (2^grade - 1) / log2(r + 1), and
// IDCG@k is the DCG@k of the judged grades sorted best first. A query judged to have no relevant
// document scores 1 if the run found no full match (`total` 0; the ids after the first `total`
// are soft AND's partial matches, shown apart) and 0 otherwise. A doc id repeated in one result
// list keeps its rank but earns nothing the second time. A judged query absent from the run
// scores 0, is listed, and makes the exit status 1.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

using json = nlohmann::json;

struct judged_query {
  std::string text;
  std::string kind;
  std::map<std::string, int> grades;  // doc id -> grade 0..3
  bool has_relevant() const {
    return std::any_of(grades.begin(), grades.end(), [](const auto& g) { return g.second > 0; });
  }
};

struct scored_query {
  const judged_query* query = nullptr;
  double ndcg = 0.0;
  bool in_run = false;
  std::vector<std::string> returned;
};

// A query's line of the run: the ids, best first, and how many documents had every word.
struct run_line {
  std::vector<std::string> ids;
  std::size_t full_matches = 0;
};

struct options {
  std::string judgments_path;
  std::string run_path;
  bool print_queries = false;
  bool as_json = false;
  std::size_t k = 10;
  std::size_t worst = 10;
};

[[noreturn]] void fail(const std::string& message) {
  std::cerr << "fahras-quality-eval: " << message << '\n';
  std::exit(2);
}

[[noreturn]] void usage() {
  fail(
      "usage: fahras-quality-eval JUDGMENTS RUN [--json] [--k N] [--worst N]\n"
      "       fahras-quality-eval --print-queries JUDGMENTS");
}

std::size_t parse_count(const std::string& flag, const char* text, bool zero_allowed) {
  char* end = nullptr;
  const unsigned long value = std::strtoul(text, &end, 10);
  if (end == text || *end != '\0' || *text == '-' || (value == 0 && !zero_allowed))
    fail(flag + (zero_allowed ? " needs a count" : " needs a positive integer"));
  return static_cast<std::size_t>(value);
}

options parse_options(int argc, char** argv) {
  options opts;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      opts.as_json = true;
    } else if (arg == "--print-queries") {
      opts.print_queries = true;
    } else if (arg == "--k" || arg == "--worst") {
      if (i + 1 == argc) fail(arg + " needs a value");
      const bool is_k = arg == "--k";
      (is_k ? opts.k : opts.worst) = parse_count(arg, argv[++i], !is_k);
    } else if (!arg.empty() && arg[0] == '-') {
      usage();
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.size() != (opts.print_queries ? 1u : 2u)) usage();
  opts.judgments_path = paths[0];
  if (!opts.print_queries) opts.run_path = paths[1];
  return opts;
}

/// Calls `f(value)` for each non-blank line of a JSON-lines file; a bad line ends the program
/// with `fahras-quality-eval: FILE:LINE: reason`.
template <class F>
void for_each_json_line(const std::string& path, F&& f) {
  std::ifstream in(path);
  if (!in) fail("cannot open " + path);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(number) + ": ";
    try {
      f(json::parse(line));
    } catch (const json::exception& e) {
      fail(where + e.what());
    } catch (const std::invalid_argument& e) {
      fail(where + e.what());
    }
  }
}

std::vector<judged_query> read_judgments(const std::string& path) {
  std::vector<judged_query> queries;
  std::set<std::string> seen;
  for_each_json_line(path, [&](const json& line) {
    judged_query query;
    query.text = line.at("q").get<std::string>();
    query.kind = line.at("kind").get<std::string>();
    for (const auto& [id, grade] : line.at("rel").items()) {
      const int g = grade.get<int>();
      if (g < 0 || g > 3) throw std::invalid_argument("grade of " + id + " is not in 0..3");
      query.grades[id] = g;
    }
    if (!seen.insert(query.text).second)
      throw std::invalid_argument("query judged twice: " + query.text);
    queries.push_back(std::move(query));
  });
  return queries;
}

std::unordered_map<std::string, run_line> read_run(const std::string& path) {
  std::unordered_map<std::string, run_line> run;
  for_each_json_line(path, [&](const json& line) {
    auto text = line.at("q").get<std::string>();
    run_line r;
    r.ids = line.at("ids").get<std::vector<std::string>>();
    r.full_matches = line.contains("total") ? line.at("total").get<std::size_t>() : r.ids.size();
    if (!run.emplace(std::move(text), std::move(r)).second)
      throw std::invalid_argument("query appears twice in the run: " +
                                  line.at("q").get<std::string>());
  });
  return run;
}

double discounted_gain(const std::vector<int>& grades_by_rank, std::size_t k) {
  double sum = 0.0;
  const std::size_t depth = std::min(k, grades_by_rank.size());
  for (std::size_t i = 0; i < depth; ++i) {
    const double gain = std::pow(2.0, grades_by_rank[i]) - 1.0;
    sum += gain / std::log2(static_cast<double>(i) + 2.0);  // rank r = i + 1, discount log2(r + 1)
  }
  return sum;
}

double ndcg_at(const judged_query& query, const run_line& line, std::size_t k) {
  const std::vector<std::string>& ids = line.ids;
  std::vector<int> ideal;
  for (const auto& [id, grade] : query.grades)
    if (grade > 0) ideal.push_back(grade);
  if (ideal.empty()) return line.full_matches == 0 ? 1.0 : 0.0;
  std::sort(ideal.begin(), ideal.end(), std::greater<int>());

  std::vector<int> got;
  std::set<std::string> seen;
  for (const auto& id : ids) {
    if (got.size() == k) break;
    const auto it = query.grades.find(id);
    const bool first_time = seen.insert(id).second;
    got.push_back(first_time && it != query.grades.end() ? it->second : 0);
  }
  return discounted_gain(got, k) / discounted_gain(ideal, k);
}

double mean_of(const std::vector<const scored_query*>& scores) {
  if (scores.empty()) return 0.0;
  double sum = 0.0;
  for (const auto* s : scores) sum += s->ndcg;
  return sum / static_cast<double>(scores.size());
}

struct summary {
  std::vector<scored_query> scored;  // in judgments order
  std::vector<std::string> kinds;    // in order of first appearance
  std::map<std::string, std::vector<const scored_query*>> by_kind;
  std::vector<const scored_query*> all, with_relevant, without_relevant, missing, worst;
  std::size_t unjudged_run_lines = 0;
};

summary summarize(const std::vector<judged_query>& queries,
                  const std::unordered_map<std::string, run_line>& run, const options& opts) {
  summary s;
  s.scored.reserve(queries.size());  // pointers into `scored` below must stay valid
  for (const auto& query : queries) {
    scored_query sq;
    sq.query = &query;
    const auto it = run.find(query.text);
    sq.in_run = it != run.end();
    if (sq.in_run) {
      sq.returned = it->second.ids;
      sq.ndcg = ndcg_at(query, it->second, opts.k);
    }
    s.scored.push_back(std::move(sq));
  }
  for (const auto& sq : s.scored) {
    s.all.push_back(&sq);
    (sq.query->has_relevant() ? s.with_relevant : s.without_relevant).push_back(&sq);
    if (!sq.in_run) s.missing.push_back(&sq);
    if (s.by_kind.find(sq.query->kind) == s.by_kind.end()) s.kinds.push_back(sq.query->kind);
    s.by_kind[sq.query->kind].push_back(&sq);
  }
  s.worst = s.all;
  std::stable_sort(s.worst.begin(), s.worst.end(),
                   [](const auto* a, const auto* b) { return a->ndcg < b->ndcg; });
  if (s.worst.size() > opts.worst) s.worst.resize(opts.worst);
  std::set<std::string> judged;
  for (const auto& query : queries) judged.insert(query.text);
  for (const auto& entry : run)
    if (judged.count(entry.first) == 0) ++s.unjudged_run_lines;
  return s;
}

std::string best_judged(const judged_query& query) {
  std::string best;
  int best_grade = 0;
  for (const auto& [id, grade] : query.grades)
    if (grade > best_grade) best = id, best_grade = grade;
  return best.empty() ? "(none)" : best;
}

std::string first_ids(const std::vector<std::string>& ids, std::size_t n) {
  if (ids.empty()) return "(no hit)";
  std::string out;
  for (std::size_t i = 0; i < std::min(n, ids.size()); ++i) out += (i ? ", " : "") + ids[i];
  if (ids.size() > n) out += ", ...";
  return out;
}

void print_text(const summary& s, const options& opts) {
  const std::string at = "nDCG@" + std::to_string(opts.k);
  std::cout << std::fixed << std::setprecision(4);
  std::cout << "fahras quality: " << s.all.size() << " judged queries, " << s.with_relevant.size()
            << " with relevant documents, " << s.without_relevant.size() << " with none\n\n";
  std::cout << "  " << std::left << std::setw(46) << at + " (all queries)" << mean_of(s.all)
            << '\n';
  std::cout << "  " << std::setw(46) << at + " (queries with relevant documents)"
            << mean_of(s.with_relevant) << '\n';
  std::cout << "  " << std::setw(46) << "no-answer score (1 = no full match)"
            << mean_of(s.without_relevant) << "\n\n";
  std::cout << "  " << std::setw(24) << "kind" << std::right << std::setw(8) << "queries"
            << std::setw(10) << at << '\n';
  for (const auto& kind : s.kinds) {
    const auto& scores = s.by_kind.at(kind);
    std::cout << "  " << std::left << std::setw(24) << kind << std::right << std::setw(8)
              << scores.size() << std::setw(10) << mean_of(scores) << '\n';
  }
  if (!s.worst.empty()) std::cout << "\nlowest scores:\n";
  for (const auto* sq : s.worst) {
    std::cout << "  " << sq->ndcg << "  [" << sq->query->kind << "] " << sq->query->text
              << "\n          returned: "
              << (sq->in_run ? first_ids(sq->returned, 3) : "(query missing from run)")
              << "; best judged: " << best_judged(*sq->query) << '\n';
  }
  if (!s.missing.empty()) {
    std::cout << "\njudged queries missing from the run (scored 0):\n";
    for (const auto* sq : s.missing) std::cout << "  " << sq->query->text << '\n';
  }
  if (s.unjudged_run_lines != 0)
    std::cout << '\n' << s.unjudged_run_lines << " run lines match no judged query (ignored)\n";
}

void print_json(const summary& s, const options& opts) {
  json out;
  out["k"] = opts.k;
  out["queries"] = s.all.size();
  out["mean"] = mean_of(s.all);
  out["with_relevant"] = {{"queries", s.with_relevant.size()}, {"mean", mean_of(s.with_relevant)}};
  out["no_answer"] = {{"queries", s.without_relevant.size()},
                      {"mean", mean_of(s.without_relevant)}};
  out["by_kind"] = json::object();
  for (const auto& kind : s.kinds) {
    const auto& scores = s.by_kind.at(kind);
    out["by_kind"][kind] = {{"queries", scores.size()}, {"mean", mean_of(scores)}};
  }
  out["per_query"] = json::array();
  for (const auto* sq : s.all) {
    out["per_query"].push_back({{"q", sq->query->text},
                                {"kind", sq->query->kind},
                                {"ndcg", sq->ndcg},
                                {"in_run", sq->in_run},
                                {"returned", sq->returned}});
  }
  out["missing"] = json::array();
  for (const auto* sq : s.missing) out["missing"].push_back(sq->query->text);
  out["unjudged_run_lines"] = s.unjudged_run_lines;
  std::cout << out.dump(2) << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  const options opts = parse_options(argc, argv);
  const std::vector<judged_query> queries = read_judgments(opts.judgments_path);
  if (opts.print_queries) {
    for (const auto& query : queries) std::cout << query.text << '\n';
    return 0;
  }
  const auto run = read_run(opts.run_path);
  const summary s = summarize(queries, run, opts);
  if (opts.as_json) {
    print_json(s, opts);
  } else {
    print_text(s, opts);
  }
  if (!s.missing.empty()) {
    std::cerr << "fahras-quality-eval: " << s.missing.size()
              << " judged queries are missing from the run\n";
    return 1;
  }
  return 0;
}
