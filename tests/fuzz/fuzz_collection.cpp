// libFuzzer target: a file of a small collection replaced by any bytes, its names kept
// consistent, then the collection used in every way (collection_target.hpp).
// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "collection_target.hpp"

// With FAHRAS_WRITE_COLLECTION_SEEDS=DIR, writes one seed per file of the collection to DIR
// (the selector byte, then the file) and exits: how tests/data/fuzz/collection/ was made.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* dir = std::getenv("FAHRAS_WRITE_COLLECTION_SEEDS");
  if (dir == nullptr) return 0;
  int selector = 0;
  for (const auto& [path, bytes] : fahras::fuzz::collection_base()) {
    const std::string name = path.substr(path.rfind('/') + 1);  // "root", "dict", "post", ...
    const std::string kind = name.substr(0, std::min(name.find('-'), name.find('.')));
    std::ofstream out(std::string(dir) + "/" + kind + "-" + std::to_string(selector),
                      std::ios::binary);
    out.put(static_cast<char>(selector++));
    out << bytes;
  }
  std::exit(0);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string problem = fahras::fuzz::collection_target(data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_collection: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
