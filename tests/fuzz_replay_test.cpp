// Replays the fuzz seeds and every crash input kept in tests/data/fuzz/ through the same code
// as the libFuzzer targets (tests/fuzz/), so that a fixed crash stays fixed in every build.
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/all_targets.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path fuzz_data = fs::path(FAHRAS_TEST_DATA_DIR) / "fuzz";

// The files of `dir` but its README, sorted.
std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename() != "README.md") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

template <class Target>
void replay(const std::vector<fs::path>& files, Target target) {
  for (const fs::path& f : files) {
    const std::string name = f.filename().string();
    CAPTURE(name);
    const std::string bytes = fahras::test::read_file(f.string());
    const std::string problem =
        target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    CHECK_MESSAGE(problem.empty(), problem);
  }
}

}  // namespace

TEST_SUITE("fuzz replay") {

TEST_CASE("the load seeds are valid indexes and pass the load target") {
  const auto seeds = files_in(fuzz_data / "load");
  REQUIRE(seeds.size() >= 3);
  for (const fs::path& f : seeds) {
    const std::string name = f.filename().string();
    CAPTURE(name);
    const std::string bytes = fahras::test::read_file(f.string());
    CHECK(fahras::load_index(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  }
  replay(seeds, fahras::fuzz::load_target);
}

TEST_CASE("every target passes its seeds") {
  for (const fahras::fuzz::target& t : fahras::fuzz::all_targets) {
    const std::string name(t.name);
    CAPTURE(name);
    const auto seeds = files_in(fuzz_data / std::string(t.seeds));
    CHECK(seeds.size() >= 3);
    replay(seeds, t.run);
  }
}

TEST_CASE("every kept crash input passes its target") {
  // Named after the target that found them, as libFuzzer's -artifact_prefix writes them:
  // fuzz_load-crash-<sha1>, fuzz_search-timeout-<sha1>, ... A name that names no target, or
  // no input at all, fails: the replay must never pass by finding nothing to replay.
  const auto inputs = files_in(fuzz_data / "crashes");
  REQUIRE(!inputs.empty());
  for (const fs::path& f : inputs) {
    const std::string name = f.filename().string();
    const fahras::fuzz::target* t = fahras::fuzz::target_named(name);
    CHECK_MESSAGE(t != nullptr, name, " is not named after a fuzz target (fuzz_<target>-...)");
    if (t != nullptr) replay({f}, t->run);
  }
}

}  // TEST_SUITE("fuzz replay")
