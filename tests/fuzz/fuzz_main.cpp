// The libFuzzer executable for every target of all_targets.hpp: it runs the target it is named
// after (build/fuzz/tests/fuzz/fuzz_<name> are links to it), one compile for them all.
// SPDX-License-Identifier: MIT
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "all_targets.hpp"

namespace {
const fahras::fuzz::target* chosen = nullptr;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  std::string_view name = *argc > 0 ? (*argv)[0] : "";
  name.remove_prefix(name.rfind('/') == std::string_view::npos ? 0 : name.rfind('/') + 1);
  chosen = fahras::fuzz::target_named(name);
  if (chosen == nullptr) {
    std::fprintf(stderr, "fahras fuzz: run me as one of:");
    for (const auto& t : fahras::fuzz::all_targets)
      std::fprintf(stderr, " fuzz_%.*s", static_cast<int>(t.name.size()), t.name.data());
    std::fprintf(stderr, " (not %.*s)\n", static_cast<int>(name.size()), name.data());
    std::exit(2);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string problem = chosen->run(data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_%.*s: %s\n", static_cast<int>(chosen->name.size()),
                 chosen->name.data(), problem.c_str());
    std::abort();
  }
  return 0;
}
