// Every libFuzzer target by name: the table the fuzz executable (fuzz_main.cpp) and the
// doctest replay of tests/data/fuzz/ (tests/fuzz_replay_test.cpp) both read.
// SPDX-License-Identifier: MIT
#pragma once

#include <fahras/query.hpp>
#include <fahras/tokenize.hpp>

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
/// `max_len` is the longest input libFuzzer makes unless told otherwise (its -max_len): long
/// enough to pass every limit the target meets, no longer, as time grows with the length; 0
/// leaves it to libFuzzer (the largest seed, at least 4,096 bytes).
struct target {
  std::string_view name;
  std::string (*run)(const std::uint8_t* data, std::size_t size);
  std::string_view seeds;
  std::size_t max_len;
};

// Queries: the deep targets past max_query_bytes (truncated); the planner's limits (clauses,
// alternatives, phrase words, typo words) are all reached in 512 bytes. Text: a few tokens
// longer than a token may be.
inline constexpr target all_targets[] = {
    // index bytes, loaded and used in every way
    {"load", load_target, "load", 0},
    // index bytes, only loaded and validated
    {"load_shallow", load_shallow_target, "load", 0},
    // a query against a small fixed index
    {"search", search_target, "search", max_query_bytes + 512},
    // the same, only searched
    {"search_shallow", search_shallow_target, "search", 512},
    // a query, parsed alone
    {"query", query_target, "query", max_query_bytes + 512},
    // text through normalize, tokenize, stem
    {"analyze", analyze_target, "analyze", 4 * max_token_bytes},
    // a JSON Lines and a JSON array file
    {"ingest", ingest_target, "ingest", 0},
    // a collection's file replaced by any bytes
    {"collection", collection_target, "collection", 0},
    // the same, only opened and searched once
    {"collection_shallow", collection_shallow_target, "collection", 0},
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
