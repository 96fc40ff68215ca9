// Loads the index file named on a command line, reporting failures the CLI way.
// SPDX-License-Identifier: MIT
#include "open_index.hpp"

#include <fahras/serialize.hpp>

#include <cstdio>
#include <filesystem>
#include <string_view>

#include "cli.hpp"

namespace fahras::cli {

std::optional<index> open_index_file(const char* command, const std::string& path) {
  namespace fs = std::filesystem;
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
    return std::nullopt;
  }
  return std::move(loaded).value();
}

bool is_collection_folder(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

std::optional<collection> open_collection_folder(const char* command, const std::string& path) {
  result<collection> opened = open_collection(path);
  if (!opened) {
    report_error(command, opened.error());
    return std::nullopt;
  }
  return std::move(opened).value();
}

void report_error(const char* command, const error& e) {
  // The library's messages start with "fahras: "; the command name takes its place.
  std::string_view why = e.message;
  if (why.substr(0, 8) == "fahras: ") why.remove_prefix(8);
  std::fprintf(stderr, "fahras %s: %.*s\n", command, static_cast<int>(why.size()), why.data());
}

}  // namespace fahras::cli
