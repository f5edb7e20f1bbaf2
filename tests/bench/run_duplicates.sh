#!/usr/bin/env bash
# Duplicate hints at scale: tests/bench/run_duplicates.sh BUILD_DIR X500_DB
# Runs duplicates_bench twice on the x500 demo (the first run reads from disk what the
# page cache does not hold yet, the second runs warm), then the CLI listing.
set -euo pipefail
build=${1:?usage: run_duplicates.sh BUILD_DIR X500_DB}
db=${2:?usage: run_duplicates.sh BUILD_DIR X500_DB}
cmake --build "$build" --target duplicates_bench mwangaza-cli >/dev/null
for run in first second; do
    echo "== duplicates_bench, $run run"
    "$build/tests/duplicates_bench" "$db"
done
echo "== mwangaza-cli incidents duplicates (whole programme, JSON)"
start=$(date +%s%N)
groups=$("$build/bin/mwangaza-cli" incidents duplicates "$db" --json | grep -c '"site_code"')
echo "$groups groups in $(( ($(date +%s%N) - start) / 1000000 )) ms"
