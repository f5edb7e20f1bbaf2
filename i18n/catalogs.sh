#!/usr/bin/env bash
# Translation catalogs of Mwangaza.
#
#   bash i18n/catalogs.sh update        re-extract i18n/mwangaza.pot from src/ and merge it
#                                       into every i18n/<lang>.po (new strings arrive
#                                       untranslated; translate them, then commit)
#   bash i18n/catalogs.sh check [DIR]   fail when a catalog has untranslated or fuzzy
#                                       entries, or lacks a msgid that src/ uses (DIR holds
#                                       the scratch files; a temporary folder by default)
#
# CMake wraps both: the target `update-pot` and the test `i18n_catalogs` (label i18n).
set -euo pipefail

I18N_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$I18N_DIR")
VERSION=${MWANGAZA_VERSION:-}
if [[ -z $VERSION ]]; then
    VERSION=$(sed -n 's/^project(Mwangaza VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")
fi

# extract OUTPUT: every translatable string of src/, sorted by file.
extract() {
    local output=$1
    (
        cd "$ROOT"
        find src -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) | LC_ALL=C sort >"$output.files"
        xgettext --language=C++ --from-code=UTF-8 --sort-by-file \
            --keyword=_ --keyword=tr --keyword=N_ --keyword=wxPLURAL:1,2 --keyword=wxTRANSLATE \
            --add-comments=TRANSLATORS: \
            --package-name=Mwangaza --package-version="$VERSION" --copyright-holder=Mwangaza \
            --files-from="$output.files" --output="$output" --force-po
        rm -f "$output.files"
    )
    sed -i -e 's/charset=CHARSET/charset=UTF-8/' \
        -e '1s/^# SOME DESCRIPTIVE TITLE\./# Translatable strings of Mwangaza./' "$output"
}

# msgids PO: the msgids of a PO file (header left out), one a line, quoted as in the file.
msgids() {
    awk '
        function flush() { if (in_id && id != "") print "    \"" id "\""; in_id = 0 }
        /^msgid "/        { flush(); id = substr($0, 8, length($0) - 8); in_id = 1; next }
        /^"/ && in_id     { id = id substr($0, 2, length($0) - 2); next }
                          { flush() }
        END               { flush() }' "$1"
}

update() {
    extract "$I18N_DIR/mwangaza.pot"
    local po
    for po in "$I18N_DIR"/*.po; do
        [[ -e $po ]] || continue
        msgmerge --quiet --update --backup=none --sort-by-file "$po" "$I18N_DIR/mwangaza.pot"
        # Strings gone from the code leave the catalog too (git keeps their history).
        msgattrib --no-obsolete --sort-by-file -o "$po" "$po"
        echo "$(basename "$po"): $(msgfmt --statistics -o /dev/null "$po" 2>&1)"
    done
}

check() {
    work=${1:-}
    if [[ -z $work ]]; then
        work=$(mktemp -d)
        trap 'rm -rf "$work"' EXIT
    else
        rm -rf "$work"
        mkdir -p "$work"
    fi
    extract "$work/fresh.pot"
    echo "strings in src/: $(msgids "$work/fresh.pot" | wc -l)"

    local po lang stats failed=0 found
    shopt -s nullglob
    local catalogs=("$I18N_DIR"/*.po)
    if ((${#catalogs[@]} == 0)); then
        echo "no catalog in $I18N_DIR" >&2
        return 1
    fi
    for po in "${catalogs[@]}"; do
        lang=$(basename "$po" .po)
        if ! stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
            printf '%s.po does not compile:\n%s\n' "$lang" "$stats" >&2
            failed=1
            continue
        fi
        echo "$lang.po: $stats"
        msgattrib --untranslated --no-obsolete --no-wrap -o "$work/$lang-untranslated.po" "$po"
        found=$(msgids "$work/$lang-untranslated.po" 2>/dev/null || true)
        if [[ -n $found ]]; then
            printf '%s.po has untranslated entries:\n%s\n' "$lang" "$found" >&2
            failed=1
        fi
        msgattrib --only-fuzzy --no-obsolete --no-wrap -o "$work/$lang-fuzzy.po" "$po"
        found=$(msgids "$work/$lang-fuzzy.po" 2>/dev/null || true)
        if [[ -n $found ]]; then
            printf '%s.po has fuzzy entries (check them, then drop the fuzzy flag):\n%s\n' "$lang" "$found" >&2
            failed=1
        fi
        # Merge the fresh template without fuzzy matching, so a near miss does not pass
        # for a translation; whatever stays untranslated is a string src/ uses and
        # the catalog lacks.
        msgmerge --quiet --no-fuzzy-matching -o "$work/$lang-merged.po" "$po" "$work/fresh.pot"
        msgattrib --untranslated --no-obsolete --no-wrap -o "$work/$lang-missing.po" "$work/$lang-merged.po"
        found=$(msgids "$work/$lang-missing.po" 2>/dev/null || true)
        if [[ -n $found ]]; then
            printf 'strings in src/ without a translation in %s.po (run: cmake --build build --target update-pot; then translate them):\n%s\n' \
                "$lang" "$found" >&2
            failed=1
        fi
    done
    if ((failed)); then
        return 1
    fi
    echo "every string in src/ is translated in every catalog"
}

case ${1:-} in
update) update ;;
check) check "${2:-}" ;;
*)
    echo "usage: bash i18n/catalogs.sh update | check [WORKDIR]" >&2
    exit 2
    ;;
esac
