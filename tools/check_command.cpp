// `fahras check INDEX`: reads every byte of an index or collection and says whether it is sound.
// SPDX-License-Identifier: MIT
#include <fahras/collection.hpp>
#include <fahras/index.hpp>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"
#include "open_index.hpp"

namespace fahras::cli {
namespace {

// How many files in the folder's shards/ collection `c` does not name: an earlier build's,
// which a rebuild leaves for readers still holding the old root. A precompressed copy
// (FILE.gz) counts as its file does.
std::size_t stale_shards(const collection& c, const std::string& folder) {
  namespace fs = std::filesystem;
  const result<std::vector<std::string>> names = c.all_shards();
  if (!names) return 0;
  const std::set<std::string> current(names->begin(), names->end());
  std::size_t stale = 0;
  std::error_code ec;
  const fs::path shards = fs::path(folder.empty() ? "." : folder) / detail::shard_folder;
  for (fs::directory_iterator it(shards, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0)
      name.resize(name.size() - 3);
    stale += current.count(name) == 0;
  }
  return stale;
}

int run_check(const std::vector<std::string>& args) {
  const parsed_args parsed = parse_args(args, {});
  if (parsed.positionals().empty()) throw usage_error("missing INDEX");
  if (parsed.positionals().size() > 1)
    throw usage_error("unexpected argument '" + parsed.positionals()[1] + "'");
  const std::string& path = parsed.positionals()[0];
  const std::optional<index_argument> opened = index_argument::open("check", path);
  if (!opened) return exit_failure;
  if (const collection* c = opened->as_collection()) {
    const result<corpus_counts> checked = c->verify();
    if (!checked) {
      report_error("check", checked.error());
      return exit_failure;
    }
  } else if (const error e = opened->get().verify()) {
    const std::string_view why = message_of(e);
    std::fprintf(stderr, "fahras check: %s: %.*s\n", path.c_str(), static_cast<int>(why.size()),
                 why.data());
    return exit_failure;
  }
  std::printf("%s: ok, %u documents, %u terms\n", path.c_str(), opened->get().doc_count(),
              opened->get().dictionary().term_count());
  if (opened->as_collection()) {
    if (const std::size_t stale = stale_shards(*opened->as_collection(), path)) {
      std::printf(
          "%s: %zu %s in shards/ not this collection's (an earlier build's: remove them "
          "once no reader holds its root)\n",
          path.c_str(), stale, stale == 1 ? "file is" : "files are");
    }
  }
  return exit_success;
}

constexpr const char* check_help = R"(usage: fahras check INDEX

Reads every byte of INDEX and checks it: every stored document, dictionary entry, posting
list and position. Loading an index for a search checks only what the search touches (the
rest as it is reached), so a damaged list can go unnoticed until a search needs it; this
finds it at once. Prints "INDEX: ok, N documents, M terms" and exits with 0 when the index is
sound, or prints where it is damaged ("fahras check: INDEX: corrupt index (...) at byte N")
and exits with 1.

INDEX may be a collection folder (fahras bundle): then every shard is read and checked, and
a missing or damaged one is named. Check a collection before you publish it. A second line
counts the files in DIR/shards/ that the collection does not name: a rebuild leaves the
earlier build's shards for readers that still hold its root.
)";

}  // namespace

const command check_command{"check", "check every byte of an index or a collection", check_help,
                            run_check};

}  // namespace fahras::cli
