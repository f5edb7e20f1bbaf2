#!/usr/bin/env bash
# Import benchmark (issue 3, "Speed"): a Kobo-style CSV of ROWS rows imported into an
# empty programme, against sqlite3's own CSV import and ogr2ogr to GeoPackage on the
# same file, in the same run.
#
#   tests/bench/run_import.sh BUILD_DIR [ROWS=1000000]     (RUNS=N, default 3)
#
# Builds nothing: BUILD_DIR must hold bin/mwangaza-cli (and libexec/mwangaza/mwangaza-intake).
#   0. The empty programme: `mwangaza-cli init` plus the 48 sites of the demo programme
#      (copied from `demo create` at scale 1), no incidents. The CSV is written by
#      tests/bench/make_kobo_csv with those site codes (fixed seed), kept in
#      BUILD_DIR/bench/ and reused by later runs with the same ROWS.
#   a. `mwangaza-cli import DB FILE --json` into a fresh copy of the empty programme
#      (validation, dedupe, full-text index, status history, tallies, one transaction).
#   b. `sqlite3 DB` with `.mode csv`, `.separator ";"` and `.import FILE t` into a new file.
#   c. `ogr2ogr -f GPKG out.gpkg FILE` with a point geometry from the coordinate columns.
#   d. `mwangaza-cli import` of the same file again into the database of (a): all unchanged.
# Every count is checked (imported, rows in t, features in out.gpkg, unchanged). Peak
# memory of (a) and (d) from /usr/bin/time -v. Targets: a/b <= 2, a/c < 1, d/a <= 1.
set -euo pipefail

if [[ $# -lt 1 ]]; then
    sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
BUILD=$(cd "$1" && pwd)
ROWS=${2:-1000000}
RUNS=${RUNS:-3}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CLI=$BUILD/bin/mwangaza-cli
[[ -x $CLI ]] || { echo "missing $CLI: build first" >&2; exit 1; }
for tool in hyperfine sqlite3 ogr2ogr ogrinfo python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

BENCH=$BUILD/bench
mkdir -p "$BENCH"
CSV=$BENCH/kobo-$ROWS.csv
WORK=$(mktemp -d -p "$BENCH")
trap 'rm -rf "$WORK"' EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "mwangaza-cli $("$CLI" --version), sqlite3 $(sqlite3 --version | cut -d' ' -f1), $(ogr2ogr --version | cut -d, -f1), $(hyperfine --version)"

# 0. The empty programme and the file.
EMPTY=$WORK/empty.mwz
"$CLI" init "$EMPTY" >/dev/null
"$CLI" demo create "$WORK/demo.mwz" >/dev/null
sqlite3 "$EMPTY" "ATTACH '$WORK/demo.mwz' AS demo; INSERT INTO site SELECT * FROM demo.site; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
sites=$(sqlite3 "$EMPTY" "SELECT count(*) FROM site")
[[ $(sqlite3 "$EMPTY" "SELECT count(*) FROM incident") == 0 ]] || { echo "the empty programme has incidents" >&2; exit 1; }
if [[ ! -s $CSV ]]; then
    "$HERE/make_kobo_csv" "$CSV.tmp" "$ROWS" --db "$EMPTY"
    mv "$CSV.tmp" "$CSV"
fi
echo "file: $CSV, $ROWS rows, $(stat -L -c %s "$CSV") bytes ($(awk -v b="$(stat -L -c %s "$CSV")" 'BEGIN { printf "%.0f", b / 1048576 }') MiB); programme: $sites sites, 0 incidents"
echo

DB=$WORK/import.mwz
fresh_db="rm -f $DB $DB-wal $DB-shm && cp $EMPTY $DB"
IMPORT="$CLI import $DB $CSV --json"
SQLITE="sqlite3 $WORK/t.db -cmd '.mode csv' -cmd '.separator ;' '.import $CSV t'"
OGR="ogr2ogr -f GPKG $WORK/out.gpkg $CSV -oo X_POSSIBLE_NAMES=_incident/location_longitude -oo Y_POSSIBLE_NAMES=_incident/location_latitude -oo KEEP_GEOM_COLUMNS=YES -a_srs EPSG:4326"

hyperfine --runs "$RUNS" --export-json "$WORK/first.json" \
    --command-name "mwangaza-cli import (empty programme)" --prepare "$fresh_db" "$IMPORT >$WORK/first.out" \
    --command-name "sqlite3 .import" --prepare "rm -f $WORK/t.db" "$SQLITE" \
    --command-name "ogr2ogr -f GPKG" --prepare "rm -f $WORK/out.gpkg" "$OGR" | tee "$WORK/first.txt"
hyperfine --runs "$RUNS" --export-json "$WORK/again.json" \
    --command-name "mwangaza-cli import (same file again)" "$IMPORT >$WORK/again.out" | tee "$WORK/again.txt"

# Peak memory (the import runs in mwangaza-intake, which mwangaza-cli execs in the same process).
peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'; }
peak_again=$(peak "$CLI" import "$DB" "$CSV" --json)
eval "$fresh_db"
peak_first=$(peak "$CLI" import "$DB" "$CSV" --json)

# Every count checked.
json_field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
imported=$(json_field "$WORK/first.out" imported)
unchanged=$(json_field "$WORK/again.out" unchanged)
t_rows=$(sqlite3 "$WORK/t.db" "SELECT count(*) FROM t")
features=$(ogrinfo -ro -so "$WORK/out.gpkg" "kobo-$ROWS" | sed -n 's/^Feature Count: //p')
incidents=$(sqlite3 "$DB" "SELECT count(*) FROM incident")
fts=$(sqlite3 "$DB" "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'enfants OR children OR watoto'")
echo
echo "counts: imported $imported (skipped $(json_field "$WORK/first.out" skipped)), incidents $incidents, sqlite3 rows $t_rows, ogr2ogr features $features, re-import unchanged $unchanged"
echo "full-text index: $fts incidents match 'enfants OR children OR watoto'"
for n in "$imported" "$t_rows" "$features" "$unchanged" "$incidents"; do
    [[ $n == "$ROWS" ]] || { echo "a count differs from $ROWS rows" >&2; exit 1; }
done

python3 - "$WORK/first.json" "$WORK/again.json" "$peak_first" "$peak_again" <<'PY'
import json, sys
first = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
again = json.load(open(sys.argv[2]))["results"][0]
ours, sq, ogr = (first[k] for k in ("mwangaza-cli import (empty programme)", "sqlite3 .import", "ogr2ogr -f GPKG"))
def s(r): return f'{r["mean"]:.2f} s ± {r["stddev"] or 0:.2f} (min {r["min"]:.2f})'
print(f"first import      {s(ours)}, peak {int(sys.argv[3]) / 1024:.0f} MiB")
print(f"sqlite3 .import   {s(sq)}")
print(f"ogr2ogr -f GPKG   {s(ogr)}")
print(f"re-import         {s(again)}, peak {int(sys.argv[4]) / 1024:.0f} MiB")
print(f"ratio first import / sqlite3:  {ours['mean'] / sq['mean']:.2f} (target <= 2)")
print(f"ratio first import / ogr2ogr:  {ours['mean'] / ogr['mean']:.2f} (target < 1)")
print(f"ratio re-import / first import: {again['mean'] / ours['mean']:.2f} (target <= 1)")
PY
