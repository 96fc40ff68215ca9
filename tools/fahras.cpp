// The `fahras` command: dispatches to the subcommands and turns their errors into exit codes.
// SPDX-License-Identifier: MIT
#include <fahras/detail/io/atomic_file.hpp>
#include <fahras/version.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"

namespace fahras::cli {
namespace {

const command* const all_commands[] = {
    &normalize_command, &analyze_command,    &index_command, &bundle_command,
    &search_command,    &facets_command,     &stats_command, &freq_command,
    &kwic_command,      &collocates_command, &check_command,
};

const command* find_command(std::string_view name) {
  for (const command* c : all_commands) {
    if (c->name == name) return c;
  }
  return nullptr;
}

void print_overview(std::FILE* out) {
  std::fprintf(out,
               "usage: fahras COMMAND [ARGS...]\n"
               "       fahras help COMMAND | --help | --version\n\n"
               "Arabic text search from the command line.\n\ncommands:\n");
  for (const command* c : all_commands) {
    std::fprintf(out, "  %-12s %.*s\n", std::string(c->name).c_str(),
                 static_cast<int>(c->summary.size()), c->summary.data());
  }
  std::fprintf(out, "\n'fahras help COMMAND' tells more about one command.\n");
}

int usage_failure(const std::string& context, const std::string& message, const std::string& hint) {
  std::fprintf(stderr, "%s: %s\nTry '%s'.\n", context.c_str(), message.c_str(), hint.c_str());
  return exit_usage;
}

bool asks_for_help(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--") return false;
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

int run(const std::vector<std::string>& args) {
  if (args.empty()) {
    print_overview(stderr);
    return exit_usage;
  }
  const std::string& first = args[0];
  if (first == "--help" || first == "-h") {
    print_overview(stdout);
    return exit_success;
  }
  if (first == "--version" || first == "-V") {
    std::printf("fahras %s\n", fahras::version_string);
    return exit_success;
  }
  if (first == "help") {
    if (args.size() == 1) {
      print_overview(stdout);
      return exit_success;
    }
    const command* c = find_command(args[1]);
    if (c == nullptr) {
      return usage_failure("fahras help", "unknown command '" + args[1] + "'", "fahras --help");
    }
    std::fwrite(c->help.data(), 1, c->help.size(), stdout);
    return exit_success;
  }
  if (first.size() > 1 && first[0] == '-') {
    return usage_failure("fahras", "unknown option '" + first + "'", "fahras --help");
  }
  const command* c = find_command(first);
  if (c == nullptr) {
    return usage_failure("fahras", "unknown command '" + first + "'", "fahras --help");
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (asks_for_help(rest)) {
    std::fwrite(c->help.data(), 1, c->help.size(), stdout);
    return exit_success;
  }
  const std::string context = "fahras " + std::string(c->name);
  try {
    return c->run(rest);
  } catch (const usage_error& e) {
    return usage_failure(context, e.what(), "fahras help " + std::string(c->name));
  } catch (const std::bad_alloc&) {
    std::cout.flush();
    std::fprintf(stderr, "%s: out of memory\n", context.c_str());
    return exit_failure;
  } catch (const std::exception& e) {
    std::cout.flush();
    std::fprintf(stderr, "%s: %s\n", context.c_str(), e.what());
    return exit_failure;
  }
}

}  // namespace
}  // namespace fahras::cli

int main(int argc, char** argv) {
  // The commands write through std::cout; unsynchronized, it buffers like a plain FILE.
  std::ios::sync_with_stdio(false);
  // Ctrl-C during `fahras index` must not leave its temporary file behind.
  fahras::detail::io::remove_temporaries_on_signals();
  std::vector<std::string> args(argv + 1, argv + argc);
  const int code = fahras::cli::run(args);
  // Output that never reached its file (a full disk, a closed stdout) is a failure, said so.
  errno = 0;
  const bool written =
      static_cast<bool>(std::cout.flush()) && std::fflush(stdout) == 0 && std::ferror(stdout) == 0;
  if (!written) {
    std::fprintf(stderr, "fahras: cannot write the output%s%s\n", errno != 0 ? ": " : "",
                 errno != 0 ? std::strerror(errno) : "");
    return fahras::cli::exit_failure;
  }
  return code;
}
