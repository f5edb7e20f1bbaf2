#!/usr/bin/env bash
# Triage at 1M incidents (issue 3, point 9): the queue filters timed cold and warm in the
# store, then applied through the triage page of the real window while a heartbeat timer
# measures the longest gap in its event loop; and the query plans of the same filters.
#
#   tests/bench/run_triage.sh BUILD_DIR [X500_DB]      (RUNS=N warm runs, default 5)
#
# X500_DB (default BUILD_DIR/bench/demo-x500.mwz, created when missing) is copied first:
# the window takes a decision and undoes it, and the cold runs drop the file from the
# page cache. The copy is deleted at the end. Runs under xvfb-run when no DISPLAY is set.
set -euo pipefail

if [[ $# -lt 1 ]]; then
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
BUILD=$(cd "$1" && pwd)
X500=${2:-$BUILD/bench/demo-x500.mwz}
RUNS=${RUNS:-5}
CLI=$BUILD/bin/mwangaza-cli
BENCH=$BUILD/tests/triage_bench
for exe in "$CLI" "$BENCH"; do
    [[ -x $exe ]] || { echo "missing $exe: build first" >&2; exit 1; }
done

if [[ -z ${DISPLAY:-} ]]; then
    exec xvfb-run -a -s '-screen 0 1600x1200x24' "$0" "$@"
fi

if [[ ! -f $X500 ]]; then
    mkdir -p "$(dirname "$X500")"
    echo "creating $X500 (scale 500)..." >&2
    "$CLI" demo create "$X500" --scale 500 >/dev/null
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home # keeps the recent-files list of the person running this untouched
mkdir -p "$HOME"
DB=$WORK/x500.mwz
echo "copying $X500..." >&2
cp "$X500" "$DB"
chmod u+w "$DB"

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# incidents: $(sqlite3 -readonly "$DB" 'SELECT count(*) FROM incident')"
"$BENCH" "$DB" --runs "$RUNS" 2>/dev/null

# The query plans of the store's queries for the same filters (the SQL IncidentQuery
# writes; every one must search an index, none scan the incident table).
AWAITING="i.status IN ('new', 'in_review', 'needs_info')"
SITE=$(sqlite3 -readonly "$DB" "SELECT s.code FROM incident i JOIN site s ON s.id = i.site_id WHERE $AWAITING GROUP BY i.site_id ORDER BY count(*) DESC LIMIT 1")
plan() {
    echo "plan	$1"
    sqlite3 -readonly "$DB" "EXPLAIN QUERY PLAN SELECT i.id FROM incident i WHERE $2 ORDER BY i.observed_on DESC, i.id DESC" |
        sed 's/^/	/'
}
plan "awaiting triage" "$AWAITING"
plan "site" "$AWAITING AND i.site_id IN (SELECT id FROM site WHERE 1 AND code = '$SITE')"
plan "province" "$AWAITING AND i.site_id IN (SELECT id FROM site WHERE 1 AND province = 'Lualaba')"
HUMAN_RIGHTS=$(sqlite3 -readonly "$DB" "SELECT group_concat(quote(code), ', ') FROM risk_area WHERE category_code = 'human_rights'")
plan "category human_rights" "$AWAITING AND i.risk_area IN ($HUMAN_RIGHTS)"
plan "dates" "$AWAITING AND i.observed_on >= '2022-01-01' AND i.observed_on <= '2022-03-31'"
plan "words" "$AWAITING AND i.id IN (SELECT rowid FROM incident_fts WHERE incident_fts MATCH '\"enfants\"')"
