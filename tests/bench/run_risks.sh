#!/usr/bin/env bash
# The programme-wide risk view at scale (issue 5): tests/bench/run_risks.sh BUILD_DIR X500_DB
#
# X500_DB must already be at the build's schema (open it once with the build's
# mwangaza-cli, e.g. `mwangaza-cli risks overview X500_DB`; the first opening migrates it).
# Steps, on the same file in the same run:
#   1. risk_view_bench: store::risk_overview timed warm in-process (target: at most
#      100 ms), and the register lists (every open risk; one site).
#   2. The same figures by plain GROUP BYs over the raw records in the sqlite3 CLI
#      (tests/bench/risk_view.sql), timed; the two outputs must be identical.
#   3. hyperfine: `mwangaza-cli risks overview DB --json` against that sqlite3 run.
#   4. The register's full list (every open risk): store::list_risks timed in step 1
#      (target: at most 100 ms warm) against the same rows by plain GROUP BYs in sqlite3
#      (tests/bench/risk_list.sql: latest assessment, open actions and incidents per
#      risk), timed twice; the two lists must be identical.
set -euo pipefail
build=${1:?usage: run_risks.sh BUILD_DIR X500_DB}
db=${2:?usage: run_risks.sh BUILD_DIR X500_DB}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --build "$build" --target risk_view_bench mwangaza-cli >/dev/null
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores; sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo "open risks: $(sqlite3 -readonly "$db" "SELECT count(*) FROM risk WHERE status = 'open'"), assessments: $(sqlite3 -readonly "$db" 'SELECT count(*) FROM risk_assessment'), actions: $(sqlite3 -readonly "$db" 'SELECT count(*) FROM corrective_action')"
echo "== risk_view_bench (in-process, store::risk_overview)"
"$build/tests/risk_view_bench" "$db" 20 "$work/list.txt" >"$work/view.txt"
echo "== sqlite3 plain GROUP BY (tests/bench/risk_view.sql), twice (the second is warm)"
for run in 1 2; do
    start=$(date +%s%N)
    sqlite3 -readonly -batch "$db" <"$here/risk_view.sql" >"$work/sql.txt"
    echo "  run $run: $(( ($(date +%s%N) - start) / 1000000 )) ms"
done
if diff "$work/view.txt" "$work/sql.txt" >"$work/diff.txt"; then
    echo "figures: identical ($(wc -l <"$work/view.txt") risk areas)"
else
    echo "figures DIFFER:"; cat "$work/diff.txt"; exit 1
fi
echo "== hyperfine"
hyperfine -N --warmup 3 --runs 10 \
    --command-name "mwangaza-cli risks overview --json" "$build/bin/mwangaza-cli risks overview $db --json" \
    --command-name "sqlite3 risk_view.sql (GROUP BY)" "sqlite3 -readonly -batch $db -init $here/risk_view.sql .quit"
echo "== the register's full list: sqlite3 plain GROUP BYs (tests/bench/risk_list.sql), three runs"
for run in 1 2 3; do
    start=$(date +%s%N)
    sqlite3 -readonly -batch "$db" <"$here/risk_list.sql" >"$work/list-sql.txt"
    echo "  run $run: $(( ($(date +%s%N) - start) / 1000000 )) ms"
done
if cmp -s "$work/list.txt" "$work/list-sql.txt"; then
    echo "list: identical ($(wc -l <"$work/list.txt") open risks)"
else
    echo "list DIFFERS:"; diff "$work/list.txt" "$work/list-sql.txt" | head -20; exit 1
fi
