// The libFuzzer executable for every target of all_targets.hpp: it runs the target it is named
// after (build/fuzz/tests/fuzz/fuzz_<name> are links to it), one compile for them all.
// SPDX-License-Identifier: MIT
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "all_targets.hpp"

namespace {
const fahras::fuzz::target* chosen = nullptr;

// Adds -max_len=<the target's> to the command line libFuzzer reads next, unless it has one or
// names input files (run as they are: libFuzzer would cut them to max_len).
void add_max_len(int* argc, char*** argv) {
  static std::vector<std::string> added;
  static std::vector<char*> args;
  if (chosen->max_len == 0) return;
  for (int i = 1; i < *argc; ++i) {
    const std::string_view arg = (*argv)[i];
    std::error_code ec;
    if (arg.rfind("-max_len=", 0) == 0 ||
        (arg.rfind('-', 0) != 0 && std::filesystem::is_regular_file(std::string(arg), ec)))
      return;
  }
  added.push_back("-max_len=" + std::to_string(chosen->max_len));
  std::fprintf(stderr, "fahras fuzz: fuzz_%.*s %s (the target's own; give -max_len to change it)\n",
               static_cast<int>(chosen->name.size()), chosen->name.data(), added.back().c_str());
  args.assign(*argv, *argv + *argc);
  args.push_back(added.back().data());
  args.push_back(nullptr);
  *argc += 1;
  *argv = args.data();
}
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
  add_max_len(argc, argv);
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
