// `fahras stats|freq|kwic|collocates`: corpus views of an index built by `fahras index`.
// SPDX-License-Identifier: MIT
#include <fahras/stats.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"
#include "open_index.hpp"
#include "progress.hpp"
#include "results_json.hpp"
#include "terminal.hpp"

namespace fahras::cli {
namespace {

using json = nlohmann::ordered_json;

/// Exactly `count` positionals, named in `what` for the message.
void expect_positionals(const parsed_args& args, std::size_t count, const char* what) {
  if (args.positionals().size() < count) throw usage_error(std::string("missing ") + what);
  if (args.positionals().size() > count) {
    throw usage_error("unexpected argument '" + args.positionals()[count] + "'");
  }
}

/// KWIC and collocates read the stored text; an index built with --no-store-text has none.
bool has_stored_text(const char* command, const index& idx, const std::string& path) {
  if (idx.stores_text()) return true;
  std::fprintf(stderr,
               "fahras %s: %s has no stored text (it was built with --no-store-text); "
               "rebuild it without that option\n",
               command, path.c_str());
  return false;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// --- stats ------------------------------------------------------------------------------

struct stats_request {
  std::string index;
  bool json = false;
};

stats_request parse_stats(const std::vector<std::string>& args) {
  const parsed_args parsed = parse_args(args, {{"--json", "", false}});
  expect_positionals(parsed, 1, "INDEX");
  return {parsed.positionals()[0], parsed.has("--json")};
}

// A collection's files: its root and the shards it names (older shards a rebuild left in the
// folder are not counted).
struct collection_files {
  std::uint64_t root = 0, shards = 0, count = 0;
};

std::optional<collection_files> files_of(const collection& c, const std::string& folder) {
  const result<std::vector<std::string>> names = c.all_shards();
  if (!names) {
    report_error("stats", names.error());
    return std::nullopt;
  }
  namespace fs = std::filesystem;
  const fs::path dir = folder.empty() ? fs::path(".") : fs::path(folder);
  const auto size_of = [](const fs::path& file) -> std::optional<std::uint64_t> {
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(file, ec);
    if (!ec) return size;
    std::fprintf(stderr, "fahras stats: %s: %s\n", file.string().c_str(), ec.message().c_str());
    return std::nullopt;
  };
  collection_files files;
  const std::optional<std::uint64_t> root = size_of(dir / detail::root_file_name);
  if (!root) return std::nullopt;
  files.root = *root;
  for (const std::string& name : *names) {
    const std::optional<std::uint64_t> size = size_of(dir / detail::shard_folder / name);
    if (!size) return std::nullopt;
    files.shards += *size;
    ++files.count;
  }
  return files;
}

int run_stats(const std::vector<std::string>& args) {
  const stats_request r = parse_stats(args);
  const std::optional<index_argument> opened = index_argument::open("stats", r.index);
  if (!opened) return exit_failure;
  const index& idx = opened->get();
  const std::optional<corpus_counts> counts =
      opened->call([](const index& i) { return count_corpus(i); });
  if (!counts) return exit_failure;
  std::optional<collection_files> files;
  if (opened->as_collection()) {
    files = files_of(*opened->as_collection(), r.index);
    if (!files) return exit_failure;
  }
  if (r.json) {  // the IndexStats of wasm/fahras.d.ts; a collection's bytes are its files'
    json out = stats_json(idx, *counts);
    if (files) {
      out["bytes"] = {{"root", files->root},
                      {"shards", files->shards},
                      {"files", files->count + 1},
                      {"total", files->root + files->shards}};
    }
    std::cout << shown(out.dump(-1, ' ', false, json::error_handler_t::replace)) << '\n';
    return exit_success;
  }
  std::string fields;
  for (const std::string& f : idx.field_names()) {
    fields += (fields.empty() ? "" : ", ") + shown(one_line(f));
  }
  char averages[96];
  std::snprintf(averages, sizeof averages, "%.1f words (title), %.1f words (text)",
                idx.average_title_length(), idx.average_text_length());
  std::cout << "documents         " << counts->documents << '\n'
            << "words             " << counts->tokens << '\n'
            << "normalized forms  " << counts->normalized_vocabulary << '\n'
            << "stems             " << counts->stem_vocabulary << '\n'
            << "average length    " << averages << '\n'
            << "stored text       " << (idx.stores_text() ? "yes" : "no") << '\n'
            << "metadata fields   " << (fields.empty() ? "none" : fields) << '\n';
  if (files) {
    std::cout << "size              " << human_bytes(files->root + files->shards) << " in "
              << files->count + 1 << " files\n"
              << "  root            " << human_bytes(files->root) << '\n'
              << "  shards          " << human_bytes(files->shards) << '\n';
    return exit_success;
  }
  const index_sizes sizes = idx.sizes();
  std::cout << "size              " << human_bytes(sizes.total) << '\n'
            << "  dictionary      " << human_bytes(sizes.dictionary) << '\n'
            << "  postings        " << human_bytes(sizes.postings) << '\n'
            << "  positions       " << human_bytes(sizes.positions) << '\n'
            << "  stored fields   " << human_bytes(sizes.stored) << '\n'
            << "  lengths, meta   " << human_bytes(sizes.docs + sizes.meta) << '\n';
  return exit_success;
}

// --- freq -------------------------------------------------------------------------------

struct freq_request {
  std::string index;
  frequency_options options;
};

freq_request parse_freq(const std::vector<std::string>& args) {
  const parsed_args parsed = parse_args(
      args, {{"--by", "", true}, {"--top", "-n", true}, {"--keep-stopwords", "", false}});
  expect_positionals(parsed, 1, "INDEX");
  freq_request r;
  r.index = parsed.positionals()[0];
  const std::string by = parsed.choice("--by", {"surface", "normalized", "stem"}, "stem");
  r.options.by = by == "surface"      ? term_form::surface
                 : by == "normalized" ? term_form::normalized
                                      : term_form::stem;
  r.options.top = parsed.number("--top", r.options.top);
  r.options.skip_stopwords = !parsed.has("--keep-stopwords");
  return r;
}

int run_freq(const std::vector<std::string>& args) {
  const freq_request r = parse_freq(args);
  const std::optional<index_argument> opened = index_argument::open("freq", r.index);
  if (!opened) return exit_failure;
  if (r.options.by == term_form::surface &&
      !has_stored_text("freq --by surface", opened->get(), r.index)) {
    return exit_failure;
  }
  const auto found = opened->call([&](const index& idx) { return frequencies(idx, r.options); });
  if (!found) return exit_failure;
  for (const frequency_entry& e : *found) {
    char counts[48];
    std::snprintf(counts, sizeof counts, "%10llu %6u  ", static_cast<unsigned long long>(e.count),
                  static_cast<unsigned>(e.docs));
    std::cout << counts << shown(one_line(e.written));
    if (e.written != e.term) std::cout << '\t' << shown(one_line(e.term));
    std::cout << '\n';
  }
  return exit_success;
}

// --- kwic -------------------------------------------------------------------------------

struct kwic_request {
  std::string index;
  std::string query;  // a word or a "phrase"
  kwic_options options;
};

kwic_request parse_kwic(const std::vector<std::string>& args) {
  const parsed_args parsed = parse_args(args, {{"--width", "-w", true}, {"--limit", "-k", true}});
  expect_positionals(parsed, 2, "INDEX and WORD");
  kwic_request r;
  r.index = parsed.positionals()[0];
  r.query = parsed.positionals()[1];
  r.options.width = std::min(parsed.number("--width", r.options.width), kwic_options::max_width);
  r.options.limit = parsed.number("--limit", r.options.limit);
  return r;
}

int run_kwic(const std::vector<std::string>& args) {
  const kwic_request r = parse_kwic(args);
  const std::optional<index_argument> opened = index_argument::open("kwic", r.index);
  if (!opened) return exit_failure;
  if (!has_stored_text("kwic", opened->get(), r.index)) return exit_failure;
  const bool terminal = shows_on_terminal(1);
  const char* open = terminal ? "\x1b[1m" : "[";
  const char* close = terminal ? "\x1b[0m" : "]";
  const auto lines = opened->call([&](const index& idx) { return kwic(idx, r.query, r.options); });
  if (!lines) return exit_failure;
  for (const kwic_line& line : *lines) {
    // Pad the left context so that the matches line up in a column.
    const std::string left = shown(one_line(line.left));
    const std::size_t pad = r.options.width - std::min(r.options.width, utf8_length(left));
    std::cout << shown(one_line(line.id)) << '\t' << std::string(pad, ' ') << left << open
              << shown(one_line(line.match)) << close << shown(one_line(line.right)) << '\n';
  }
  if (lines->empty()) std::cerr << "fahras kwic: no occurrences of " << shown(r.query, 2) << '\n';
  return exit_success;
}

// --- collocates -------------------------------------------------------------------------

struct collocates_request {
  std::string index;
  std::string word;
  collocate_options options;
};

collocates_request parse_collocates(const std::vector<std::string>& args) {
  const parsed_args parsed = parse_args(args, {{"--window", "", true},
                                               {"--top", "-n", true},
                                               {"--min-count", "", true},
                                               {"--keep-stopwords", "", false}});
  expect_positionals(parsed, 2, "INDEX and WORD");
  collocates_request r;
  r.index = parsed.positionals()[0];
  r.word = parsed.positionals()[1];
  r.options.window =
      std::min(parsed.number("--window", r.options.window), collocate_options::max_window);
  r.options.top = parsed.number("--top", r.options.top);
  r.options.min_count =
      static_cast<std::uint32_t>(std::min<std::size_t>(parsed.number("--min-count", 2), 1u << 30));
  r.options.skip_stopwords = !parsed.has("--keep-stopwords");
  return r;
}

int run_collocates(const std::vector<std::string>& args) {
  const collocates_request r = parse_collocates(args);
  const std::optional<index_argument> opened = index_argument::open("collocates", r.index);
  if (!opened) return exit_failure;
  if (!has_stored_text("collocates", opened->get(), r.index)) return exit_failure;
  const auto found =
      opened->call([&](const index& idx) { return collocates(idx, r.word, r.options); });
  if (!found) return exit_failure;
  for (const collocate& c : *found) {
    char numbers[48];
    std::snprintf(numbers, sizeof numbers, "%10.2f %6u  ", c.score, static_cast<unsigned>(c.count));
    std::cout << numbers << shown(one_line(c.written)) << '\n';
  }
  if (found->empty())
    std::cerr << "fahras collocates: no collocates of " << shown(r.word, 2) << '\n';
  return exit_success;
}

}  // namespace

constexpr std::string_view stats_help = R"(usage: fahras stats INDEX [--json]

Prints the index's document and word counts, vocabulary sizes (normalized forms and stems),
average title and text lengths, metadata fields and the size of each section.

INDEX is an index file (fahras index) or a collection folder (fahras bundle). For a
collection, the sizes are those of its files: the root and the shards it names.

options:
  --json              print them as one JSON object: the IndexStats of the JavaScript API
                      (wasm/fahras.d.ts): documents, tokens, vocabulary, averageLength,
                      storesText, fields, bytes; for a collection, bytes holds root, shards,
                      files (how many, the root included) and total
)";

const command stats_command{"stats", "print an index's counts and sizes", stats_help, run_stats};

constexpr std::string_view freq_help =
    R"(usage: fahras freq INDEX [--by surface|normalized|stem] [--top N] [--keep-stopwords]

Prints the N most frequent words, most frequent first (ties alphabetical), one per line:
OCCURRENCES DOCUMENTS WORD, where WORD is written as the text most often writes it; for a
stem or a normalized form written otherwise, a tab and the stem or form follow.

INDEX is an index file (fahras index) or a collection folder (fahras bundle).

options:
  --by FORM           count stems (the default), normalized forms, or surface forms as
                      written with their diacritics (needs the stored text)
  -n, --top N         how many to print (default 50)
  --keep-stopwords    count stopwords too (left out by default)
)";

const command freq_command{"freq", "print the most frequent words of an index", freq_help,
                           run_freq};

static_assert(kwic_options::max_width == 100000, "kwic_help states the cap");
constexpr std::string_view kwic_help = R"(usage: fahras kwic INDEX WORD [--width N] [--limit K]
       fahras kwic INDEX "PHRASE" [--width N] [--limit K]

Keyword in context: prints each occurrence of WORD (any form with the same stem) or of the
PHRASE in the stored texts, in document order, one per line: the document id, a tab, then
N characters of context on each side of the [match]. Needs an index with stored text.

INDEX is an index file (fahras index) or a collection folder (fahras bundle).

options:
  -w, --width N       characters of context on each side (default 40, at most 100000)
  -k, --limit K       lines at most (default 100)
)";

const command kwic_command{"kwic", "print every occurrence of a word or phrase in its context",
                           kwic_help, run_kwic};

static_assert(collocate_options::max_window == 1000, "collocates_help states the cap");
constexpr std::string_view collocates_help = R"(usage: fahras collocates INDEX WORD [options]

Prints the words found near WORD (any form with the same stem) more often than chance,
strongest first, one per line: G2 SCORE, CO-OCCURRENCES, WORD (as the text most often
writes it near WORD). The score is Dunning's
log-likelihood ratio. Needs an index with stored text.

INDEX is an index file (fahras index) or a collection folder (fahras bundle).

options:
  --window N          words on each side of WORD (default 4, at most 1000)
  -n, --top N         how many to print (default 20)
  --min-count N       leave out words seen fewer than N times near WORD (default 2)
  --keep-stopwords    count stopwords too (left out by default)
)";

const command collocates_command{"collocates", "print the words that occur most often near a word",
                                 collocates_help, run_collocates};

}  // namespace fahras::cli
