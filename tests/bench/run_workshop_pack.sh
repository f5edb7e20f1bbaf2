#!/usr/bin/env bash
# Workshop pack speed on the x500 demo programme (24,000 sites, 1,179,000 incidents):
# `mwangaza-cli workshop pack` for one site and month, as a person runs it (process start,
# the hand-over to the intake helper, the queries, the layout and the PDF or HTML file).
# The target is at most 1 s for the PDF.
#
#   bash tests/bench/run_workshop_pack.sh BUILD_DIR [X500_FILE]
#
# X500_FILE defaults to BUILD_DIR/bench/demo-x500.mwz (make one with
# `BUILD_DIR/bin/mwangaza-cli demo create FILE --scale 500`). It is copied once to
# BUILD_DIR/bench/workshop-pack/ because opening it may migrate it.
set -euo pipefail
BUILD=$(cd "${1:?usage: run_workshop_pack.sh BUILD_DIR [X500_FILE]}" && pwd)
SOURCE=${2:-$BUILD/bench/demo-x500.mwz}
WORK=$BUILD/bench/workshop-pack
DB=$WORK/demo-x500.mwz
CLI=$BUILD/bin/mwangaza-cli
RUNS=${RUNS:-7}
mkdir -p "$WORK"
if [[ ! -f $DB ]]; then
    echo "copying $SOURCE to $DB"
    cp "$SOURCE" "$DB"
fi
sites=$(sqlite3 -readonly "$DB" "SELECT count(*) FROM site")
incidents=$(sqlite3 -readonly "$DB" "SELECT count(*) FROM incident")
echo "database: $DB ($sites sites, $incidents incidents)"
# The first run migrates the copy if needed and warms the page cache.
"$CLI" --lang en workshop pack "$DB" --site CD-KOL-01 --month 2021-09 --out "$WORK/warm.pdf" >/dev/null

now_ms() { date +%s%N | awk '{printf "%.1f", $1 / 1000000}'; }
printf '%-16s %-8s %-5s %6s %9s %9s %9s %12s\n' site month out pages min_ms median_ms max_ms in_process_ms
for case in "CD-KOL-01 2021-09" "CD-KOL-01-250 2021-09" "CD-KOL-01-500 2022-03" "RW-NGO-01-250 2021-12"; do
    read -r site month <<<"$case"
    for ext in pdf html; do
        times=()
        inner=""
        for ((i = 0; i < RUNS; i++)); do
            start=$(now_ms)
            out=$("$CLI" --lang en workshop pack "$DB" --site "$site" --month "$month" --out "$WORK/pack.$ext")
            end=$(now_ms)
            times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')")
            inner+="$(sed -n 's/.*, \([0-9]*\) ms).*/\1/p' <<<"$out" | head -1) "
        done
        pages=$(sed -n 's/.*(en, \([0-9]*\) pages.*/\1/p' <<<"$out")
        sorted=$(printf '%s\n' "${times[@]}" | sort -n)
        min=$(head -1 <<<"$sorted")
        max=$(tail -1 <<<"$sorted")
        median=$(sed -n "$(((RUNS + 1) / 2))p" <<<"$sorted")
        inner_median=$(tr ' ' '\n' <<<"$inner" | grep -v '^$' | sort -n | sed -n "$(((RUNS + 1) / 2))p")
        printf '%-16s %-8s %-5s %6s %9s %9s %9s %12s\n' "$site" "$month" "$ext" "${pages:--}" "$min" "$median" "$max" \
            "$inner_median"
    done
done
