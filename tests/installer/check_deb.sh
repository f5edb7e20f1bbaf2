#!/usr/bin/env bash
# usage: check_deb.sh BUILD_DIR [CPACK]
# Packages BUILD_DIR with `cpack -G DEB` into a temporary folder, then:
#  - the package lists both executables, the import tool, the Kobo and ODK plugins, the
#    French catalog, the desktop entry and icons;
#  - its control fields name the package and carry the dependencies dpkg-shlibdeps found;
#  - the extracted usr/bin/mwangaza-cli answers --help, creates a programme with `init`,
#    and speaks French with --lang fr using the catalog installed beside it (found from
#    the executable's own location, <exe dir>/../share/locale); without that catalog it
#    falls back to English;
#  - the installed import reads a Kobo file through the packaged plugin
#    usr/lib/mwangaza/plugins/kobo.so (plugins list names it; without that folder
#    --profile kobo is refused and the file falls to the generic reader);
#  - with a display, the extracted usr/bin/mwangaza starts and prints its help in French.
set -euo pipefail

build=${1:?usage: check_deb.sh BUILD_DIR [CPACK]}
cpack=${2:-cpack}
work=$(mktemp -d "${TMPDIR:-/tmp}/mwangaza-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}
pass() { printf 'ok: %s\n' "$*"; }

for exe in mwangaza mwangaza-cli; do
    [[ -x $build/bin/$exe ]] || fail "$build/bin/$exe is not built"
done

start=$SECONDS
if ! (cd "$build" && "$cpack" -G DEB -B "$work/pkg") >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    fail "cpack -G DEB failed"
fi
shopt -s nullglob
debs=("$work"/pkg/*.deb)
((${#debs[@]} == 1)) || fail "expected one .deb in $work/pkg, found ${#debs[@]}"
deb=${debs[0]}
pass "cpack built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) in $((SECONDS - start)) s"

# Contents
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./||' >"$work/contents"
for path in \
    usr/bin/mwangaza \
    usr/bin/mwangaza-cli \
    usr/libexec/mwangaza/mwangaza-intake \
    usr/lib/mwangaza/plugins/kobo.so \
    usr/lib/mwangaza/plugins/odk.so \
    usr/share/locale/fr/LC_MESSAGES/mwangaza.mo \
    usr/share/applications/mwangaza.desktop \
    usr/share/icons/hicolor/scalable/apps/mwangaza.svg \
    usr/share/icons/hicolor/16x16/apps/mwangaza.png \
    usr/share/icons/hicolor/48x48/apps/mwangaza.png \
    usr/share/icons/hicolor/256x256/apps/mwangaza.png \
    usr/share/mwangaza/basemap/natural-earth-50m.gpkg \
    usr/share/mwangaza/basemap/CREDITS.md; do
    grep -qx "$path" "$work/contents" || {
        cat "$work/contents" >&2
        fail "the package does not contain $path"
    }
done
pass "the package holds both executables, the import tool, the Kobo and ODK plugins, the French catalog, the desktop entry, the icons and the basemap"

# Control fields
field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == mwangaza ]] || fail "Package is '$(field Package)', not mwangaza"
[[ $(field Section) == science ]] || fail "Section is '$(field Section)', not science"
depends=$(field Depends)
for lib in libc6 libwx libsqlite3; do
    [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib (dpkg-shlibdeps): $depends"
done
pass "control: Package mwangaza $(field Version), Section science, Depends from dpkg-shlibdeps: $depends"

# The installed command-line tool, run from an extracted tree
dpkg-deb -x "$deb" "$work/root"
cli=$work/root/usr/bin/mwangaza-cli
# A clean environment: no locale override, no catalog directory from the outside.
run_cli() {
    env -u MWANGAZA_LOCALEDIR -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 "$cli" "$@"
}

run_cli --help >"$work/help.txt" 2>&1 || {
    cat "$work/help.txt" >&2
    fail "mwangaza-cli --help failed"
}
grep -q 'init' "$work/help.txt" || fail "mwangaza-cli --help does not mention init"
pass "installed mwangaza-cli --help"

db=$work/programme.mwz
run_cli init "$db" >"$work/init.txt" 2>&1 || {
    cat "$work/init.txt" >&2
    fail "mwangaza-cli init failed"
}
[[ -s $db ]] || fail "mwangaza-cli init did not create $db"
areas=$(sqlite3 "$db" 'SELECT count(*) FROM risk_area')
[[ $areas == 26 ]] || fail "the new programme has $areas risk areas, not 26"
pass "installed mwangaza-cli init created a programme with the 26 risk areas"

# Import runs in the helper program installed under libexec; a CSV with one Kobo row
# whose site is unknown is processed (exit 0) and the row reported, in French.
printf '\xef\xbb\xbfincident/site_code;incident/observed_on;incident/risk_area;incident/description;_uuid;_submission_time\nXX-01;2021-08-02;child_labour;Enfants au puits 3;6c1b7d0e-0000-4000-8000-000000000001;2021-08-03T10:00:00\n' >"$work/kobo.csv"
run_cli --lang fr import "$db" "$work/kobo.csv" >"$work/import.txt" 2>&1 || {
    cat "$work/import.txt" >&2
    fail "installed mwangaza-cli import failed"
}
grep -q "XX-01" "$work/import.txt" || { cat "$work/import.txt" >&2; fail "the import did not report the unknown site"; }
grep -qi "ignor" "$work/import.txt" || { cat "$work/import.txt" >&2; fail "the import summary is not in French"; }
pass "installed mwangaza-cli import runs the packaged import tool (French summary, unknown site reported)"
grep -q "profil kobo" "$work/import.txt" || { cat "$work/import.txt" >&2; fail "the Kobo file was not read by the kobo reader"; }

# The Kobo reader is the packaged plugin, found from the executable's own location
# (<exe dir>/../lib/mwangaza/plugins), not something built into the program.
env -u MWANGAZA_PLUGIN_PATH "$cli" plugins list --json >"$work/plugins.json" 2>&1 || {
    cat "$work/plugins.json" >&2
    fail "installed mwangaza-cli plugins list failed"
}
for name in kobo odk; do
    grep -q "\"file\": \"$work/root/usr/lib/mwangaza/plugins/$name.so\"" "$work/plugins.json" || {
        cat "$work/plugins.json" >&2
        fail "plugins list does not show the packaged $name.so"
    }
done
mv "$work/root/usr/lib/mwangaza/plugins" "$work/plugins-aside"
run_cli import "$db" "$work/kobo.csv" --profile kobo >"$work/no-plugin.txt" 2>&1 && {
    cat "$work/no-plugin.txt" >&2
    fail "--profile kobo worked without the packaged plugin"
}
run_cli import "$db" "$work/kobo.csv" --dry-run >"$work/no-plugin-auto.txt" 2>&1 || true
grep -q "profile generic" "$work/no-plugin-auto.txt" || {
    cat "$work/no-plugin-auto.txt" >&2
    fail "without the plugin folder the Kobo file should fall to the generic reader"
}
mv "$work/plugins-aside" "$work/root/usr/lib/mwangaza/plugins"
pass "installed import reads Kobo through the packaged plugin usr/lib/mwangaza/plugins/kobo.so (plugins list shows kobo and odk; without the folder, --profile kobo is refused)"

# The map is drawn over the packaged basemap, found from the executable's own location:
# a frame inside Rwanda is land-coloured away from its label.
env -u MWANGAZA_BASEMAP "$cli" map render "$db" --out "$work/map.png" --width 400 --height 300 \
    --bbox 29.5,-2.2,30.0,-1.8 >"$work/map.txt" 2>&1 || {
    cat "$work/map.txt" >&2
    fail "installed mwangaza-cli map render failed"
}
land=$(convert "$work/map.png" -format '%[hex:p{30,150}]' info:)
[[ ${land:0:6} == ECEADB ]] || fail "the map of Rwanda is not drawn on the basemap's land (pixel $land)"
pass "installed mwangaza-cli map render draws on the packaged basemap (land $land)"

# French, from the catalog installed beside the executable
french() { run_cli --lang fr kpi "$db"; }
french >"$work/fr.txt" 2>&1 || {
    cat "$work/fr.txt" >&2
    fail "mwangaza-cli --lang fr kpi failed"
}
for text in "Incidents vérifiés" "Taux de mise en œuvre"; do
    grep -q "$text" "$work/fr.txt" || {
        cat "$work/fr.txt" >&2
        fail "the French run does not say '$text'"
    }
done
pass "installed mwangaza-cli --lang fr speaks French: $(grep -m1 'Incidents vérifiés' "$work/fr.txt")"

# The installed workbench starts and reads the same catalog (its help needs a display for GTK).
if [[ -n ${DISPLAY:-} ]]; then
    env -u MWANGAZA_LOCALEDIR -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 \
        "$work/root/usr/bin/mwangaza" --lang fr --help >"$work/gui-help.txt" 2>&1 || {
        cat "$work/gui-help.txt" >&2
        fail "the installed mwangaza --lang fr --help failed"
    }
    grep -q "langue de l'interface" "$work/gui-help.txt" || {
        cat "$work/gui-help.txt" >&2
        fail "the installed mwangaza --lang fr --help is not in French"
    }
    pass "installed mwangaza --lang fr --help starts and speaks French"
else
    pass "no DISPLAY: the installed workbench is not started (run the tests under xvfb-run)"
fi

# Without the installed catalog the same run is English: the French came from the package.
rm "$work/root/usr/share/locale/fr/LC_MESSAGES/mwangaza.mo"
french >"$work/fr-without-catalog.txt" 2>&1 || true
if grep -q "Incidents vérifiés" "$work/fr-without-catalog.txt"; then
    fail "French text without the installed catalog: it was not read from the package"
fi
pass "without the packaged catalog the run falls back to English"
pass "done in $((SECONDS - start)) s"
