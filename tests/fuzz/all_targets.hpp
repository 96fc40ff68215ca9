// Every libFuzzer target by name: the table the fuzz executable (fuzz_main.cpp) and the
// doctest replay of tests/data/fuzz/ (tests/fuzz_replay_test.cpp) both read.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "collection_target.hpp"
#include "fuzz_targets.hpp"
#include "ingest_target.hpp"
#include "text_targets.hpp"

namespace fahras::fuzz {

/// One target: `fuzz_<name>` runs `run` on each input, starting from the seeds in
/// tests/data/fuzz/<seeds>/ (and tests/fuzz/<seeds>.dict when there is one). `run` returns
/// what went wrong, or an empty string; memory errors are the sanitizers' to report.
struct target {
  std::string_view name;
  std::string (*run)(const std::uint8_t* data, std::size_t size);
  std::string_view seeds;
};

inline constexpr target all_targets[] = {
    {"load", load_target, "load"},                  // index bytes, loaded and used in every way
    {"load_shallow", load_shallow_target, "load"},  // index bytes, only loaded and validated
    {"search", search_target, "search"},            // a query against a small fixed index
    {"search_shallow", search_shallow_target, "search"},  // the same, only searched
    {"query", query_target, "query"},                     // a query, parsed alone
    {"analyze", analyze_target, "analyze"},               // text through normalize, tokenize, stem
    {"ingest", ingest_target, "ingest"},                  // a JSON Lines and a JSON array file
    {"collection", collection_target, "collection"},  // a collection's file replaced by any bytes
};

/// The target an input file or executable is named after: "fuzz_<name>" followed by the end
/// or by '-' (libFuzzer's artifact names: fuzz_load-crash-<sha1>), or null.
inline const target* target_named(std::string_view file_name) {
  for (const target& t : all_targets) {
    const std::string prefix = "fuzz_" + std::string(t.name);
    if (file_name.substr(0, prefix.size()) == prefix &&
        (file_name.size() == prefix.size() || file_name[prefix.size()] == '-'))
      return &t;
  }
  return nullptr;
}

}  // namespace fahras::fuzz
