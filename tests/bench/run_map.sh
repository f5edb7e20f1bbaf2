#!/usr/bin/env bash
# Map frames at 1M incidents (issue 4, speed): the incidents layer of the x500 demo loaded
# once, then 1920x1080 frames for a sequence of pans and zooms (median, max; target max
# <= 33 ms) and the full-extent render, against `gdal_rasterize -burn 255 -ts 1920 1080`
# of the same points from a GeoPackage, same run (target ratio <= 0.1). Also the load
# time and the memory the loaded layer takes.
#
#   tests/bench/run_map.sh BUILD_DIR [X500_DB]      (RUNS=N gdal_rasterize runs, default 3)
#
# X500_DB (default BUILD_DIR/bench/demo-x500.mwz, created when missing) is only read. The
# incident points are exported to a GeoPackage (EPSG:3857, the map CRS) before anything
# is timed; it is deleted at the end. FRAMES_PNG=DIR keeps some frames as PNG.
set -euo pipefail

if [[ $# -lt 1 ]]; then
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
BUILD=$(cd "$1" && pwd)
X500=${2:-$BUILD/bench/demo-x500.mwz}
RUNS=${RUNS:-3}
CLI=$BUILD/bin/mwangaza-cli
BENCH=$BUILD/tests/map_frame_bench
for exe in "$CLI" "$BENCH"; do
    [[ -x $exe ]] || { echo "missing $exe: build first" >&2; exit 1; }
done
for tool in ogr2ogr gdal_rasterize sqlite3; do
    command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
if [[ ! -f $X500 ]]; then
    mkdir -p "$(dirname "$X500")"
    echo "creating $X500 (scale 500)..." >&2
    "$CLI" demo create "$X500" --scale 500 >/dev/null
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

now_ms() { date +%s%3N; }

echo "exporting the incident points to a GeoPackage (not timed)..." >&2
# Incidents without their own position are drawn at their site's, as the map does.
sqlite3 -readonly -csv -header "$X500" \
    "SELECT i.id, coalesce(i.lon, s.lon) AS lon, coalesce(i.lat, s.lat) AS lat FROM incident i
     LEFT JOIN site s ON s.id = i.site_id WHERE coalesce(i.lon, s.lon) IS NOT NULL" > "$WORK/points.csv"
ogr2ogr -f GPKG "$WORK/points.gpkg" "$WORK/points.csv" -nln incidents -s_srs EPSG:4326 -t_srs EPSG:3857 \
    -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=NO -gt 200000
rm "$WORK/points.csv"
POINTS=$(sqlite3 "$WORK/points.gpkg" "SELECT count(*) FROM incidents")
echo "points_in_geopackage $POINTS"

echo "frames (map_frame_bench)..." >&2
ARGS=("$X500")
[[ -n ${FRAMES_PNG:-} ]] && ARGS+=(--frames-png "$FRAMES_PNG")
"$BENCH" "${ARGS[@]}" | tee "$WORK/frames.txt"
FULL=$(awk '$1 == "full_render_ms_median" { print $2 }' "$WORK/frames.txt")

echo "gdal_rasterize of the same points ($RUNS runs)..." >&2
times=()
for ((i = 0; i < RUNS; i++)); do
    rm -f "$WORK/raster.tif"
    t0=$(now_ms)
    gdal_rasterize -q -burn 255 -ts 1920 1080 -ot Byte -l incidents "$WORK/points.gpkg" "$WORK/raster.tif"
    t1=$(now_ms)
    times+=($((t1 - t0)))
done
RASTER=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "gdal_rasterize_ms_runs ${times[*]}"
echo "gdal_rasterize_ms_median $RASTER"
awk -v f="$FULL" -v r="$RASTER" 'BEGIN { printf "ratio_full_render_to_gdal_rasterize %.4f\n", f / r }'
