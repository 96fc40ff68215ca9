// `fahras facets`: how many documents a query matches for each value of the metadata fields.
// SPDX-License-Identifier: MIT
#include <fahras/facets.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"
#include "open_index.hpp"
#include "results_json.hpp"

namespace fahras::cli {
namespace {

using json = nlohmann::ordered_json;

struct facets_request {
  std::string index;
  std::string query;  // empty: every document
  std::vector<std::string> fields;
  search_options options;
  bool json = false;
};

facets_request parse_facets(const std::vector<std::string>& args) {
  const parsed_args parsed =
      parse_args(args, {{"--fields", "", true}, {"--prefix", "", false}, {"--json", "", false}});
  if (parsed.positionals().empty()) throw usage_error("missing INDEX");
  if (parsed.positionals().size() > 2) {
    throw usage_error("unexpected argument '" + parsed.positionals()[2] + "'");
  }
  facets_request r;
  r.index = parsed.positionals()[0];
  if (parsed.positionals().size() == 2) r.query = parsed.positionals()[1];
  if (const auto list = parsed.value("--fields")) {
    std::string_view rest = *list;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      if (comma != 0) r.fields.emplace_back(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  r.options.prefix = parsed.has("--prefix");
  r.json = parsed.has("--json");
  return r;
}

int run_facets(const std::vector<std::string>& args) {
  const facets_request r = parse_facets(args);
  const std::optional<index_argument> opened = index_argument::open("facets", r.index);
  if (!opened) return exit_failure;
  const auto found =
      opened->call([&](const index& idx) { return facets(idx, r.query, r.fields, r.options); });
  if (!found) return exit_failure;
  if (r.json) {
    std::cout << facets_json(*found).dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
    return exit_success;
  }
  for (const facet& f : *found) {
    std::cout << f.field << '\n';
    for (const facet_value& v : f.values) {
      char count[24];
      std::snprintf(count, sizeof count, "%10zu  ", v.count);
      std::cout << count << v.value << '\n';
    }
  }
  return exit_success;
}

}  // namespace

constexpr std::string_view facets_help =
    R"(usage: fahras facets INDEX [QUERY] [--fields F1,F2] [--prefix] [--json]

Counts, for each value of each metadata field (source, date...), how many documents QUERY
matches: all of them, not a page. Without QUERY, every document: the values there are. Prints
each field, then one line per value, most documents first: COUNT VALUE.

INDEX is an index file (fahras index) or a collection folder (fahras bundle).

options:
  --fields F1,F2      only these fields, in this order (default: every metadata field)
  --prefix            search as you type, as `fahras search --prefix`
  --json              print {"FIELD": {"VALUE": COUNT, ...}, ...}: the Facets of the
                      JavaScript API (wasm/fahras.d.ts)
)";

const command facets_command{"facets", "count a query's matches by metadata value", facets_help,
                             run_facets};

}  // namespace fahras::cli
