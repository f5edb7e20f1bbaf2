#!/usr/bin/env bash
# The stakeholders' workloads at scale (issue 5):
#   tests/bench/run_stakeholder_workloads.sh BUILD_DIR X500_DB [YYYY-MM-DD...]
#
# X500_DB must already be at the build's schema (open it once for writing with the build's
# mwangaza-cli, e.g. `mwangaza-cli actions list X500_DB --limit 1`; the first opening
# migrates it). For each day (default: 2022-03-31, the end of the demo period, and today),
# on the same file in the same run:
#   1. stakeholder_workloads_bench: store::stakeholder_workloads timed warm in-process
#      (target: at most 100 ms), 20 runs.
#   2. The same figures by plain GROUP BYs in the sqlite3 CLI
#      (tests/bench/stakeholder_workloads.sql), twice (the second is warm), timed; the two
#      outputs must be identical.
# Then hyperfine: `mwangaza-cli stakeholders show DB ID` and `stakeholders list DB --json`.
set -euo pipefail
build=${1:?usage: run_stakeholder_workloads.sh BUILD_DIR X500_DB [YYYY-MM-DD...]}
db=${2:?usage: run_stakeholder_workloads.sh BUILD_DIR X500_DB [YYYY-MM-DD...]}
shift 2
days=("$@")
[[ ${#days[@]} -gt 0 ]] || days=(2022-03-31 "$(date -u +%Y-%m-%d)")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --build "$build" --target stakeholder_workloads_bench mwangaza-cli >/dev/null
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo "stakeholders: $(sqlite3 -readonly "$db" 'SELECT count(*) FROM stakeholder'), actions: $(sqlite3 -readonly "$db" 'SELECT count(*) FROM corrective_action'), open: $(sqlite3 -readonly "$db" "SELECT count(*) FROM corrective_action WHERE status IN ('issued', 'in_progress')"), supporter links: $(sqlite3 -readonly "$db" 'SELECT count(*) FROM action_supporter')"
for on in "${days[@]}"; do
    echo "== on $on: stakeholder_workloads_bench (in-process, store::stakeholder_workloads)"
    "$build/tests/stakeholder_workloads_bench" "$db" "$on" 20 | sort >"$work/view.txt"
    echo "== on $on: sqlite3 plain GROUP BY (tests/bench/stakeholder_workloads.sql), twice"
    for run in 1 2; do
        start=$(date +%s%N)
        { echo ".parameter set @on \"'$on'\""; cat "$here/stakeholder_workloads.sql"; } |
            sqlite3 -readonly -batch "$db" | sort >"$work/sql.txt"
        echo "  run $run: $(( ($(date +%s%N) - start) / 1000000 )) ms"
    done
    if diff "$work/view.txt" "$work/sql.txt" >"$work/diff.txt"; then
        echo "figures: identical ($(wc -l <"$work/view.txt") rows)"
    else
        echo "figures DIFFER:"; head "$work/diff.txt"; exit 1
    fi
done
busy=$(sqlite3 -readonly "$db" "SELECT responsible_id FROM action_responsible_tally WHERE responsible_id <> 0 ORDER BY still_issued + in_progress DESC LIMIT 1")
echo "== hyperfine (busiest responsible stakeholder: $busy)"
hyperfine -N --warmup 2 --runs 10 \
    --command-name "mwangaza-cli stakeholders show DB $busy --json" "$build/bin/mwangaza-cli stakeholders show $db $busy --json" \
    --command-name "mwangaza-cli stakeholders list DB --json" "$build/bin/mwangaza-cli stakeholders list $db --json"
