// libFuzzer target: any bytes as an index file (load -> use -> save -> load).
// SPDX-License-Identifier: MIT
#include <cstdio>
#include <cstdlib>

#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string problem = fahras::fuzz::load_target(data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_load: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
