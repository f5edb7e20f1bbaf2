#!/usr/bin/env bash
# Duplicate hints at scale: tests/bench/run_duplicates.sh BUILD_DIR X500_DB
# Runs duplicates_bench twice on the x500 demo (the first run reads from disk what the
# page cache does not hold yet, the second runs warm). It opens the file read-only; the
# CLI is left out because it would first upgrade an older file to the build's schema.
set -euo pipefail
build=${1:?usage: run_duplicates.sh BUILD_DIR X500_DB}
db=${2:?usage: run_duplicates.sh BUILD_DIR X500_DB}
cmake --build "$build" --target duplicates_bench >/dev/null
for run in first second; do
    echo "== duplicates_bench, $run run"
    "$build/tests/duplicates_bench" "$db"
done
