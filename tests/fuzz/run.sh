#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time: tests/fuzz/run.sh TARGET SECONDS [BUILD_DIR]
# SPDX-License-Identifier: MIT
#
# TARGET is load or search (or fuzz_load, fuzz_search). Configures BUILD_DIR (default
# build-fuzz) with clang and FAHRAS_BUILD_FUZZERS=ON if needed, builds the target, and fuzzes
# from the seeds in tests/data/fuzz/<target>/. New inputs go to BUILD_DIR/fuzz-corpus/<target>/
# and failures to BUILD_DIR/fuzz-crashes/, never into the sources: copy a crash input into
# tests/data/fuzz/crashes/ (keeping its fuzz_<target>- name) and the doctest suite replays it.
# Exit status: 0 when the time ran out without a failure, non-zero otherwise.
set -euo pipefail

usage() {
  echo "usage: tests/fuzz/run.sh load|search SECONDS [BUILD_DIR]" >&2
  exit 2
}
(($# >= 2)) || usage
target=${1#fuzz_}
seconds=$2
[[ $target == load || $target == search ]] || usage
[[ $seconds =~ ^[0-9]+$ ]] || usage

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(readlink -m "${3:-$root/build-fuzz}")
jobs=${FAHRAS_JOBS:-2}

if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS="-O1 -g" -DFAHRAS_BUILD_FUZZERS=ON -DFAHRAS_INSTALL=OFF >/dev/null
fi
cmake --build "$build" --target "fuzz_$target" -j "$jobs" >/dev/null

corpus=$build/fuzz-corpus/$target
crashes=$build/fuzz-crashes
mkdir -p "$corpus" "$crashes"
dict=()
[[ -f $root/tests/fuzz/$target.dict ]] && dict=("-dict=$root/tests/fuzz/$target.dict")

# -malloc_limit_mb: a hostile index must never make the loader allocate much more than its size.
exec "$build/tests/fuzz/fuzz_$target" "${dict[@]}" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256 \
  -print_final_stats=1 -artifact_prefix="$crashes/fuzz_$target-" \
  "$corpus" "$root/tests/data/fuzz/$target"
