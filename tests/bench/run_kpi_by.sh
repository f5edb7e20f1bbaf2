#!/usr/bin/env bash
# The KPI-by-stakeholder view at scale (issue 5): tests/bench/run_kpi_by.sh BUILD_DIR X500_DB
#
# X500_DB must already be at the build's schema (open it once with the build's
# mwangaza-cli, e.g. `mwangaza-cli kpi by X500_DB stakeholder`; the first opening migrates
# it). Steps, on the same file in the same run:
#   1. kpi_breakdown_bench: store::kpi_breakdown(Stakeholder) timed warm in-process
#      (target: at most 100 ms), the other breakdowns, a drill-down, the workloads.
#   2. The same figures by a plain GROUP BY in the sqlite3 CLI
#      (tests/bench/kpi_by_stakeholder.sql), timed; the two outputs must be identical.
#   3. hyperfine: `mwangaza-cli kpi by DB stakeholder --json` against that sqlite3 run.
set -euo pipefail
build=${1:?usage: run_kpi_by.sh BUILD_DIR X500_DB}
db=${2:?usage: run_kpi_by.sh BUILD_DIR X500_DB}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --build "$build" --target kpi_breakdown_bench mwangaza-cli >/dev/null
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores; sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo "actions: $(sqlite3 -readonly "$db" 'SELECT count(*) FROM corrective_action'), issued: $(sqlite3 -readonly "$db" 'SELECT count(*) FROM corrective_action WHERE issued_on IS NOT NULL'), stakeholders: $(sqlite3 -readonly "$db" 'SELECT count(*) FROM stakeholder')"
echo "== kpi_breakdown_bench (in-process, store::kpi_breakdown)"
"$build/tests/kpi_breakdown_bench" "$db" 20 | sort >"$work/view.txt"
echo "== sqlite3 plain GROUP BY (tests/bench/kpi_by_stakeholder.sql), twice (the second is warm)"
for run in 1 2; do
    start=$(date +%s%N)
    sqlite3 -readonly -batch "$db" <"$here/kpi_by_stakeholder.sql" | sort >"$work/sql.txt"
    echo "  run $run: $(( ($(date +%s%N) - start) / 1000000 )) ms"
done
if diff "$work/view.txt" "$work/sql.txt" >"$work/diff.txt"; then
    echo "figures: identical ($(wc -l <"$work/view.txt") rows)"
else
    echo "figures DIFFER:"; head "$work/diff.txt"; exit 1
fi
echo "== hyperfine"
hyperfine -N --warmup 3 --runs 10 \
    --command-name "mwangaza-cli kpi by stakeholder --json" "$build/bin/mwangaza-cli kpi by $db stakeholder --json" \
    --command-name "sqlite3 kpi_by_stakeholder.sql (GROUP BY)" "sqlite3 -readonly -batch $db -init $here/kpi_by_stakeholder.sql .quit"
