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

}  // namespace fahras::cli
