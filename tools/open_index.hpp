// Loads the index file named on a command line, reporting failures the CLI way.
// SPDX-License-Identifier: MIT
#pragma once

#include <fahras/index.hpp>

#include <optional>
#include <string>

namespace fahras::cli {

/// The index in `path`, or nothing after printing `fahras COMMAND: PATH: why` on stderr.
std::optional<index> open_index_file(const char* command, const std::string& path);

}  // namespace fahras::cli
