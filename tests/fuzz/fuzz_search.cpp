// libFuzzer target: any bytes as a query against a small fixed index, plain and as you type.
// SPDX-License-Identifier: MIT
#include <cstdio>
#include <cstdlib>

#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string problem = fahras::fuzz::search_target(data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_search: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
