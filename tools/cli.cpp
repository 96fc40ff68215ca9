// Plumbing shared by the fahras subcommands: the command table, exit codes, argument parsing.
// SPDX-License-Identifier: MIT
#include "cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>

namespace fahras::cli {

bool parsed_args::has(std::string_view name) const {
  return std::any_of(options_.begin(), options_.end(),
                     [&](const auto& option) { return option.first == name; });
}

std::optional<std::string> parsed_args::value(std::string_view name) const {
  for (auto it = options_.rbegin(); it != options_.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  return std::nullopt;
}

std::size_t parsed_args::number(std::string_view name, std::size_t fallback, std::size_t min,
                                std::size_t max) const {
  const auto text = value(name);
  if (!text) return fallback;
  std::size_t n = 0;
  const char* first = text->data();
  const char* last = first + text->size();
  const auto [end, ec] = std::from_chars(first, last, n);
  if (ec != std::errc() || end != last || n < min || n > max) {
    throw usage_error(std::string(name) + " needs an integer >= " + std::to_string(min) +
                      (max == SIZE_MAX ? "" : " and <= " + std::to_string(max)) + ", not '" +
                      *text + "'");
  }
  return n;
}

std::string parsed_args::choice(std::string_view name,
                                std::initializer_list<std::string_view> choices,
                                std::string_view fallback) const {
  const auto text = value(name);
  if (!text) return std::string(fallback);
  if (std::find(choices.begin(), choices.end(), *text) != choices.end()) return *text;
  std::string list;
  for (std::string_view c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
  throw usage_error(std::string(name) + " must be one of " + list + ", not '" + *text + "'");
}

parsed_args parse_args(const std::vector<std::string>& args,
                       const std::vector<option_spec>& options) {
  parsed_args out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      out.positionals_.insert(out.positionals_.end(), args.begin() + static_cast<long>(i) + 1,
                              args.end());
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      out.positionals_.push_back(arg);
      continue;
    }
    const auto equals = arg.find('=');
    const std::string_view name = std::string_view(arg).substr(0, equals);
    const auto spec = std::find_if(options.begin(), options.end(), [&](const option_spec& o) {
      return o.name == name || (!o.alias.empty() && o.alias == name);
    });
    if (spec == options.end()) throw usage_error("unknown option '" + std::string(name) + "'");
    if (!spec->takes_value) {
      if (equals != std::string::npos) {
        throw usage_error(std::string(spec->name) + " takes no value");
      }
      out.options_.emplace_back(spec->name, "");
    } else if (equals != std::string::npos) {
      out.options_.emplace_back(spec->name, arg.substr(equals + 1));
    } else if (i + 1 < args.size()) {
      out.options_.emplace_back(spec->name, args[++i]);
    } else {
      throw usage_error(std::string(name) + " needs a value");
    }
  }
  return out;
}

void exclusive(const parsed_args& args, std::initializer_list<std::string_view> names) {
  std::vector<std::string_view> given;
  for (std::string_view n : names) {
    if (args.has(n)) given.push_back(n);
  }
  if (given.size() > 1) {
    throw usage_error(std::string(given[0]) + " and " + std::string(given[1]) +
                      " cannot be used together");
  }
}

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

std::string_view message_of(const error& e) {
  std::string_view why = e.message;
  if (why.substr(0, 8) == "fahras: ") why.remove_prefix(8);
  return why;
}

}  // namespace fahras::cli
