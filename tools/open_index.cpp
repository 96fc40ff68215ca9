// Opens the index file or collection folder named on a command line, reporting failures the
// CLI way.
// SPDX-License-Identifier: MIT
#include "open_index.hpp"

#include <fahras/serialize.hpp>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "cli.hpp"

namespace fahras::cli {

namespace fs = std::filesystem;

namespace {

// Whether the file at `path` starts as a collection's root.fahras does.
bool is_collection_root(const std::string& path) {
  char magic[sizeof detail::root_magic] = {};
  std::ifstream in(path, std::ios::binary);
  return in.read(magic, sizeof magic) &&
         std::memcmp(magic, detail::root_magic, sizeof detail::root_magic) == 0;
}

// The index in `path`, or nothing after printing why.
std::optional<index> open_index_file(const char* command, const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    std::fprintf(stderr, "fahras %s: %s: %s\n", command, path.c_str(),
                 fs::exists(path, ec) ? "not a regular file" : "no such file");
    return std::nullopt;
  }
  result<index> loaded = load_index_file(path);
  if (!loaded) {
    const std::string_view why = message_of(loaded.error());
    std::fprintf(stderr, "fahras %s: %s: %.*s\n", command, path.c_str(),
                 static_cast<int>(why.size()), why.data());
    if (is_collection_root(path)) {
      const std::string folder = fs::path(path).parent_path().string();
      std::fprintf(stderr, "fahras %s: %s is a collection's root: name its folder, %s\n", command,
                   path.c_str(), folder.empty() ? "." : folder.c_str());
    }
    return std::nullopt;
  }
  return std::move(loaded).value();
}

}  // namespace

std::optional<index_argument> index_argument::open(const char* command, const std::string& path) {
  index_argument opened(command);
  std::error_code ec;
  if (fs::is_directory(path, ec)) {  // a collection (fahras bundle)
    result<collection> folder = open_collection(path);
    if (!folder) {
      report_error(command, folder.error());
      return std::nullopt;
    }
    opened.folder_ = std::move(folder).value();
  } else {
    opened.file_ = open_index_file(command, path);
    if (!opened.file_) return std::nullopt;
  }
  return opened;
}

void report_error(const char* command, const error& e) {
  // The library's messages start with "fahras: "; the command name takes its place.
  const std::string_view why = message_of(e);
  std::fprintf(stderr, "fahras %s: %.*s\n", command, static_cast<int>(why.size()), why.data());
}

}  // namespace fahras::cli
