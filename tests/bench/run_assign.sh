#!/usr/bin/env bash
# Site assignment benchmark (issue 4, "Speed"): ROWS incidents assigned against the IPIS
# mining titles (2,903) and mine sites (2,058) with `mwangaza-cli assign`, against the
# same point-in-polygon join in SpatiaLite with its spatial index, same points, same run;
# then BIG incidents with `assign` alone, for the scaling.
#
#   tests/bench/run_assign.sh BUILD_DIR [ROWS=100000] [BIG=1000000]     (RUNS=N, default 3)
#
# Builds nothing: BUILD_DIR must hold bin/mwangaza-cli and libexec/mwangaza/mwangaza-intake.
# The IPIS data is read in place from MWANGAZA_SHARED_DATA_DIR/ipis (default: ../shared/data
# beside the repository).
#   0. The programme: `mwangaza-cli init`, `sites import` of mine_sites (FID codes) and
#      `concessions import` of mining_titles. Points from tests/bench/make_assign_points
#      (half within 8 km of a site, half uniform over the sites' extent; fixed seed) are
#      inserted as new incidents with sqlite3 (not timed).
#   a. `mwangaza-cli assign DB --json` on a fresh copy of that programme (hyperfine
#      --prepare copies it): loads sites and titles, builds the R-trees, tests every
#      incident (titles holding sites -> nearest site, else nearest within 5 km), writes
#      every incident's site, method, distance and concession in one transaction.
#   a2. `mwangaza-cli assign` again on the assigned copy: the same reading and testing of
#      every incident, nothing to write (how much of (a) is the writing).
#   b. `spatialite` on a database made by ogr2ogr (titles with their spatial index, the
#      same points): the point-in-polygon join alone, through the SpatialIndex virtual
#      table, counting the incidents inside a title. It reads and writes nothing else.
#   c. `mwangaza-cli assign` on BIG incidents (same generator), fresh copy each run.
# Checks: the incidents (a) finds inside a title equal the count of (b). Targets:
# b/a >= 5; c/a <= 12 (times scaled: BIG/ROWS = 10 by default).
set -euo pipefail

if [[ $# -lt 1 ]]; then
    sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
BUILD=$(cd "$1" && pwd)
ROWS=${2:-100000}
BIG=${3:-1000000}
RUNS=${RUNS:-3}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
IPIS=${MWANGAZA_SHARED_DATA_DIR:-$HERE/../../../shared/data}/ipis
CLI=$BUILD/bin/mwangaza-cli
[[ -x $CLI ]] || { echo "missing $CLI: build first" >&2; exit 1; }
[[ -s $IPIS/mining_titles.geojson ]] || { echo "missing the IPIS data in $IPIS" >&2; exit 1; }
for tool in hyperfine spatialite sqlite3 ogr2ogr python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool (bash installer/setup.sh packages)" >&2; exit 1; }
done

BENCH=$BUILD/bench
mkdir -p "$BENCH"
WORK=$(mktemp -d -p "$BENCH")
trap 'rm -rf "$WORK"' EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "mwangaza-cli $("$CLI" --version), spatialite $(spatialite --version 2>/dev/null | head -1 || true), $(ogr2ogr --version | cut -d, -f1), $(hyperfine --version)"

# 0. The programme with sites and titles.
BASE=$WORK/base.mwz
"$CLI" init "$BASE" >/dev/null
"$CLI" sites import "$BASE" "$IPIS/mine_sites.geojson" --code-field FID --code-prefix IPIS- --name-field name \
    --country CD --json >"$WORK/sites.json"
"$CLI" concessions import "$BASE" "$IPIS/mining_titles.geojson" --id-field name --holder-field parties \
    --type-field type --status-field statut --json >"$WORK/titles.json"
echo "programme: $(sqlite3 "$BASE" "SELECT count(*) FROM site") sites, $(sqlite3 "$BASE" "SELECT count(*) FROM concession") concessions"

points() { # N -> CSV path
    local csv=$BENCH/assign-points-$1.csv
    if [[ ! -s $csv ]]; then
        "$HERE/make_assign_points" "$IPIS/mine_sites.geojson" "$csv.tmp" "$1"
        mv "$csv.tmp" "$csv"
    fi
    echo "$csv"
}

programme_with() { # N DB
    cp "$BASE" "$2"
    python3 - "$2" "$(points "$1")" <<'PY'
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
with open(sys.argv[2]) as f:
    r = csv.reader(f)
    next(r)
    db.executemany("INSERT INTO incident(observed_on, risk_area, lat, lon, created_at, updated_at) "
                   "VALUES ('2024-01-01', 'ohs', ?, ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')",
                   ((float(lat), float(lon)) for _, lon, lat in r))
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
PY
}

mean() { python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$1"; }

# a. assign, ROWS incidents.
SMALL=$WORK/small.mwz
programme_with "$ROWS" "$SMALL"
hyperfine -N --runs "$RUNS" --warmup 1 --prepare "cp $SMALL $WORK/run.mwz" --export-json "$WORK/a.json" \
    "$CLI assign $WORK/run.mwz --json"
cp "$SMALL" "$WORK/run.mwz"
"$CLI" assign "$WORK/run.mwz" --json
inside_a=$(sqlite3 "$WORK/run.mwz" "SELECT count(*) FROM incident WHERE concession_id IS NOT NULL")
hyperfine -N --runs "$RUNS" --warmup 1 --export-json "$WORK/a2.json" "$CLI assign $WORK/run.mwz --json"

# b. SpatiaLite: the same points, the titles with their spatial index.
SL=$WORK/spatialite.sqlite
ogr2ogr -f SQLite -dsco SPATIALITE=YES -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=YES -nln titles \
    -nlt MULTIPOLYGON "$SL" "$IPIS/mining_titles.geojson"
ogr2ogr -update -f SQLite -lco GEOMETRY_NAME=geom -nln incidents -a_srs EPSG:4326 \
    -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=NO "$SL" "$(points "$ROWS")"
cat >"$WORK/join.sql" <<'SQL'
SELECT count(DISTINCT i.ogc_fid) FROM incidents AS i JOIN titles AS t
  ON t.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'titles' AND search_frame = i.geom)
 AND ST_Contains(t.geom, i.geom);
SQL
hyperfine --runs "$RUNS" --warmup 1 --export-json "$WORK/b.json" "spatialite $SL < $WORK/join.sql"
inside_b=$(spatialite "$SL" <"$WORK/join.sql" 2>/dev/null | tail -1)
echo "incidents inside a title: assign $inside_a, spatialite $inside_b"
[[ $inside_a == "$inside_b" ]] || { echo "the counts differ" >&2; exit 1; }

# c. assign, BIG incidents.
LARGE=$WORK/large.mwz
programme_with "$BIG" "$LARGE"
hyperfine -N --runs "$RUNS" --prepare "cp $LARGE $WORK/run.mwz" --export-json "$WORK/c.json" \
    "$CLI assign $WORK/run.mwz --json"
cp "$LARGE" "$WORK/run.mwz"
/usr/bin/time -f "assign $BIG: %e s, peak memory %M KiB" "$CLI" assign "$WORK/run.mwz" --json

a=$(mean "$WORK/a.json"); a2=$(mean "$WORK/a2.json"); b=$(mean "$WORK/b.json"); c=$(mean "$WORK/c.json")
echo
echo "a. assign $ROWS:           $a s"
echo "a2. assign again (no writes): $a2 s"
echo "b. spatialite join $ROWS:  $b s"
echo "c. assign $BIG:          $c s"
python3 -c "import sys; a,b,c=map(float,sys.argv[1:4]); r,big=int(sys.argv[4]),int(sys.argv[5]); print('b/a = %.2f (target >= 5), c/a = %.2f for %dx the incidents (target <= 12)' % (b/a, c/a, big//r))" "$a" "$b" "$c" "$ROWS" "$BIG"
