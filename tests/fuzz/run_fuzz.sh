#!/usr/bin/env bash
# usage: tests/fuzz/run_fuzz.sh [SECONDS=60]
# Builds the libFuzzer target over the row-mapping layer of import (RowMappingFuzz.cpp)
# with clang in a build folder of its own (MWANGAZA_FUZZ_BUILD, default build-fuzz/ in
# the source tree), everything instrumented for coverage, AddressSanitizer and UBSan,
# writes the seed corpus from the fixture shapes (make_seeds.py) and runs the target for
# SECONDS. The corpus it grows is kept in BUILD/fuzz-corpus for the next run; a crash is
# written to BUILD/fuzz-artifacts/ and the script exits non-zero.
set -euo pipefail

seconds=${1:-60}
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${MWANGAZA_FUZZ_BUILD:-$src/build-fuzz}
jobs=${JOBS:-2}
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"

command -v clang++ >/dev/null || { echo "run_fuzz.sh: clang++ is needed (libFuzzer)" >&2; exit 1; }

if [[ ! -f $build/CMakeCache.txt ]]; then
    mkdir -p "$build"
    CC=clang CXX=clang++ cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DMWANGAZA_BUILD_GUI=OFF -DMWANGAZA_BUILD_FUZZERS=ON \
        -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" >"$build/configure.log" 2>&1 || {
        cat "$build/configure.log" >&2
        exit 1
    }
fi
cmake --build "$build" -j"$jobs" --target row_mapping_fuzz mwangaza_plugin_kobo mwangaza_plugin_odk

seeds=$build/fuzz-seeds
corpus=$build/fuzz-corpus
artifacts=$build/fuzz-artifacts
mkdir -p "$corpus" "$artifacts"
python3 "$src/tests/fuzz/make_seeds.py" "$seeds"

echo "row_mapping_fuzz: $seconds s, corpus $corpus ($(ls "$corpus" | wc -l) inputs), seeds $seeds"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
    "$build/tests/row_mapping_fuzz" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$seeds"
