#!/usr/bin/env bash
# Foundation benchmarks (issue 2): the demo generator and the KPI query.
#
#   tests/bench/run_foundation.sh BUILD_DIR [X500_DB]      (RUNS=N to change the run count)
#
# Builds nothing: BUILD_DIR must hold bin/mwangaza-cli. Steps:
#   1. `demo create` at scale 1 and at scale 500 (about 1.2M incidents): wall time and
#      database size. X500_DB (default BUILD_DIR/bench/demo-x500.mwz) is written anew and
#      left in place for the GUI start benchmark, which reuses it.
#   2. `mwangaza-cli kpi X500_DB --json` against `sqlite3 X500_DB "SELECT count(*) FROM
#      incident"` on the same file in the same hyperfine run (warm-ups, no shell).
#      Target: kpi mean at most 3x the sqlite3 mean.
set -euo pipefail

if [[ $# -lt 1 ]]; then
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
BUILD=$(cd "$1" && pwd)
X500=${2:-$BUILD/bench/demo-x500.mwz}
RUNS=${RUNS:-30}
CLI=$BUILD/bin/mwangaza-cli
[[ -x $CLI ]] || { echo "missing $CLI: build first" >&2; exit 1; }
for tool in hyperfine sqlite3; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$(dirname "$X500")"

now_ns() { date +%s%N; }
seconds_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
mib() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.0f", b / 1048576 }'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "mwangaza-cli: $("$CLI" --version), sqlite3 $(sqlite3 --version | cut -d' ' -f1), $(hyperfine --version)"
echo

start=$(now_ns)
"$CLI" demo create "$WORK/demo-x1.mwz" >/dev/null
echo "demo create --scale 1:   $(seconds_since "$start") s, $(mib "$WORK/demo-x1.mwz") MiB"

rm -f "$X500" "$X500-wal" "$X500-shm"
start=$(now_ns)
"$CLI" demo create "$X500" --scale 500 >/dev/null
echo "demo create --scale 500: $(seconds_since "$start") s, $(mib "$X500") MiB ($(stat -c %s "$X500") bytes)"
echo "  incidents: $(sqlite3 "$X500" 'SELECT count(*) FROM incident'), verified: $("$CLI" kpi "$X500" --json | sed -n 's/^  "incidents_verified": \([0-9]*\),/\1/p')"
echo

KPI="$CLI kpi $X500 --json"
COUNT="sqlite3 $X500 \"SELECT count(*) FROM incident\""
hyperfine -N --warmup 5 --runs "$RUNS" --export-csv "$WORK/kpi.csv" \
    --command-name "mwangaza-cli kpi --json" "$KPI" \
    --command-name "sqlite3 count(*)" "$COUNT" >"$WORK/hyperfine.txt"
sed 's/^/  /' "$WORK/hyperfine.txt"
echo
# CSV columns: command,mean,stddev,median,user,system,min,max (seconds)
awk -F, 'NR == 2 { kpi = $2; kpi_sd = $3 } NR == 3 { cnt = $2; cnt_sd = $3 }
    END {
        printf "kpi --json:      %.1f ms +- %.1f\n", kpi * 1000, kpi_sd * 1000
        printf "sqlite3 count(*): %.1f ms +- %.1f\n", cnt * 1000, cnt_sd * 1000
        printf "ratio kpi / sqlite3: %.2f (target <= 3)\n", kpi / cnt
    }' "$WORK/kpi.csv"
echo
# For information (no target): filtered figures count raw records instead of tallies.
hyperfine -N --warmup 2 --runs 10 --export-csv "$WORK/filtered.csv" \
    --command-name "kpi --json --site CD-KOL-01 --from 2021-07-01 --to 2021-09-30" \
    "$CLI kpi $X500 --json --site CD-KOL-01 --from 2021-07-01 --to 2021-09-30" \
    --command-name "kpi --json --province Lualaba" "$CLI kpi $X500 --json --province Lualaba" \
    --command-name "kpi --json --area child_labour;wfcl" "$CLI kpi $X500 --json --area child_labour,wfcl" \
    --command-name "kpi --json --country CD --from 2021-07-01" "$CLI kpi $X500 --json --country CD --from 2021-07-01" \
    >/dev/null
awk -F, 'NR > 1 { printf "%-62s %7.1f ms +- %.1f\n", $1 ":", $2 * 1000, $3 * 1000 }' "$WORK/filtered.csv"
