// Plumbing shared by the fahras subcommands: the command table, exit codes, argument parsing.
// SPDX-License-Identifier: MIT
#pragma once

#include <fahras/error.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fahras::cli {

/// Process exit codes: 0 done, 1 the work failed (bad input, unreadable file), 2 bad usage.
enum exit_code : int { exit_success = 0, exit_failure = 1, exit_usage = 2 };

/// A mistake in how a command was called; `main` prints it with a hint and exits with 2.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One subcommand: `fahras NAME ...`.
struct command {
  std::string_view name;
  std::string_view summary;  ///< one line for `fahras --help`
  std::string_view help;     ///< `fahras help NAME`: usage lines, then what it does, then options
  int (*run)(const std::vector<std::string>& args);  ///< args after the command name
};

/// An option a command accepts: `--name VALUE`, `--name=VALUE`, or a flag without value.
struct option_spec {
  std::string_view name;        ///< "--limit"
  std::string_view alias = {};  ///< "-o", or empty
  bool takes_value = false;
};

/// The options and positional arguments of one command line.
class parsed_args {
 public:
  bool has(std::string_view name) const;
  /// The value given last for `name`, if any.
  std::optional<std::string> value(std::string_view name) const;
  /// `name`'s value as an integer from `min` to `max`, or `fallback` when absent; usage_error
  /// otherwise.
  std::size_t number(std::string_view name, std::size_t fallback, std::size_t min = 1,
                     std::size_t max = SIZE_MAX) const;
  /// `name`'s value, which must be one of `choices`, or `fallback` when absent.
  std::string choice(std::string_view name, std::initializer_list<std::string_view> choices,
                     std::string_view fallback) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  friend parsed_args parse_args(const std::vector<std::string>&, const std::vector<option_spec>&);
  std::vector<std::pair<std::string, std::string>> options_;  // canonical name, value
  std::vector<std::string> positionals_;
};

/// Splits `args` into options and positionals. `--` ends the options; a lone `-` is positional.
/// Throws usage_error for an unknown option or a missing value.
parsed_args parse_args(const std::vector<std::string>& args,
                       const std::vector<option_spec>& options);

/// Throws usage_error unless at most one of `names` was given.
void exclusive(const parsed_args& args, std::initializer_list<std::string_view> names);

/// Whether the standard stream `fd` (0, 1, 2) is a terminal.
bool is_terminal(int fd);

/// A library error's message without its "fahras: " prefix, for "fahras COMMAND: ..." lines.
std::string_view message_of(const error& e);

}  // namespace fahras::cli
