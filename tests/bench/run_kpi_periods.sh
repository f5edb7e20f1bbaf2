#!/usr/bin/env bash
# The implementation rate by site, month and quarter at scale (issue 5):
#   tests/bench/run_kpi_periods.sh BUILD_DIR X500_DB
#
# X500_DB must already be at the build's schema (open it once for writing with the build's
# mwangaza-cli, e.g. `mwangaza-cli actions list X500_DB --limit 1`). Steps, on the same file
# in the same run:
#   1. kpi_breakdown_bench: store::kpi_breakdown by site, month and quarter timed warm
#      in-process (target: at most 100 ms; they read the tallies of migration 14).
#   2. The same figures by plain GROUP BYs over the actions in the sqlite3 CLI
#      (tests/bench/kpi_by_period.sql), timed twice; they must equal what
#      `mwangaza-cli kpi by DB site|month|quarter --json` prints.
#   3. hyperfine: `mwangaza-cli kpi by DB site --json` against that sqlite3 run.
set -euo pipefail
build=${1:?usage: run_kpi_periods.sh BUILD_DIR X500_DB}
db=${2:?usage: run_kpi_periods.sh BUILD_DIR X500_DB}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --build "$build" --target kpi_breakdown_bench mwangaza-cli >/dev/null
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo "issued actions: $(sqlite3 -readonly "$db" 'SELECT count(*) FROM corrective_action WHERE issued_on IS NOT NULL'), sites: $(sqlite3 -readonly "$db" 'SELECT count(*) FROM site')"
echo "== kpi_breakdown_bench (in-process, store::kpi_breakdown)"
"$build/tests/kpi_breakdown_bench" "$db" 40 2>&1 >/dev/null | grep -E "site|month|quarter"
echo "== the same figures: mwangaza-cli kpi by --json, and sqlite3 plain GROUP BYs (tests/bench/kpi_by_period.sql)"
for by in site month quarter; do
    "$build/bin/mwangaza-cli" kpi by "$db" "$by" --json |
        python3 -c "import json,sys; d=json.load(sys.stdin); [print(f\"$by|{r['key']}|{r['issued']}|{r['progressing']}\") for r in d['rows']]"
done | sort >"$work/view.txt"
for run in 1 2; do
    start=$(date +%s%N)
    sqlite3 -readonly -batch "$db" <"$here/kpi_by_period.sql" | sort >"$work/sql.txt"
    echo "  sqlite3 run $run: $(( ($(date +%s%N) - start) / 1000000 )) ms"
done
if diff "$work/view.txt" "$work/sql.txt" >"$work/diff.txt"; then
    echo "figures: identical ($(wc -l <"$work/view.txt") rows: sites, months, quarters)"
else
    echo "figures DIFFER:"; head "$work/diff.txt"; exit 1
fi
echo "== hyperfine"
hyperfine -N --warmup 3 --runs 10 \
    --command-name "mwangaza-cli kpi by site --json" "$build/bin/mwangaza-cli kpi by $db site --json" \
    --command-name "mwangaza-cli kpi by month --json" "$build/bin/mwangaza-cli kpi by $db month --json" \
    --command-name "sqlite3 kpi_by_period.sql (GROUP BYs)" "sqlite3 -readonly -batch $db -init $here/kpi_by_period.sql .quit"
