// The fahras subcommands, each defined next to its implementation.
// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "cli.hpp"

namespace fahras::cli {

extern const command normalize_command;   // text_commands.cpp
extern const command analyze_command;     // text_commands.cpp
extern const command index_command;       // index_command.cpp
extern const command bundle_command;      // bundle_command.cpp
extern const command search_command;      // search_command.cpp
extern const command facets_command;      // facets_command.cpp
extern const command stats_command;       // corpus_commands.cpp
extern const command freq_command;        // corpus_commands.cpp
extern const command kwic_command;        // corpus_commands.cpp
extern const command collocates_command;  // corpus_commands.cpp
extern const command check_command;       // check_command.cpp

/// `fahras index ARGS` as another command runs it (bundle), into a scratch file given with -o:
/// messages start with `fahras COMMAND:`, and the scratch file is not announced. Defined in
/// index_command.cpp.
int index_into_scratch(const char* command, const std::vector<std::string>& args);

}  // namespace fahras::cli
