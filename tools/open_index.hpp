// Loads the index file named on a command line, reporting failures the CLI way.
// SPDX-License-Identifier: MIT
#pragma once

#include <fahras/collection.hpp>
#include <fahras/index.hpp>

#include <optional>
#include <string>

namespace fahras::cli {

/// The index in `path`, or nothing after printing `fahras COMMAND: PATH: why` on stderr.
std::optional<index> open_index_file(const char* command, const std::string& path);

/// Whether `path` is a collection folder (holds a root.fahras) rather than an index file.
bool is_collection_folder(const std::string& path);

/// The collection in folder `path`, or nothing after printing why.
std::optional<collection> open_collection_folder(const char* command, const std::string& path);

/// Prints a library error the CLI way: `fahras COMMAND: why`.
void report_error(const char* command, const error& e);

}  // namespace fahras::cli
