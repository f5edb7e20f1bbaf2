#!/usr/bin/env bash
# Set-up of Mwangaza on Debian 12 (bookworm), from a fresh machine to a running program.
#
#   bash installer/setup.sh run    install what is missing, build, open the workbench
#                                  (the demo programme is created on first launch)
#   bash installer/setup.sh test   install what is missing, build, run every test
#                                  (GUI tests under Xvfb); exits with ctest's status
#
# Packages are installed with apt-get, as root or through sudo. Nothing is installed when
# everything is already there. The build goes to build/ (RelWithDebInfo).
set -euo pipefail

# Every Debian package the build, the tests and the packaging need, in one place.
PACKAGES=(
    build-essential cmake pkg-config
    libwxgtk3.2-dev wx3.2-i18n
    libsqlitecpp-dev libsqlite3-dev sqlite3
    catch2
    libgdal-dev gdal-bin
    libboost-dev libboost-graph-dev
    libcairo2-dev libpango1.0-dev
    gettext
    xvfb xauth xfonts-base fonts-dejavu-core
    imagemagick poppler-utils
    dpkg-dev file desktop-file-utils
    hyperfine
    spatialite-bin
)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR="$ROOT/build"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'setup.sh: %s\n' "$*" >&2; exit 1; }

usage() {
    cat >&2 <<'USAGE'
usage: bash installer/setup.sh run|test|packages
  run    install what is missing, build into build/, open the workbench on the demo programme
  test   install what is missing, build into build/, run every test (GUI tests under Xvfb)
  packages  only install the Debian packages that are missing
USAGE
    exit 2
}

missing_packages() {
    local pkg status
    for pkg in "${PACKAGES[@]}"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
        [[ $status == installed ]] || echo "$pkg"
    done
}

install_packages() {
    command -v dpkg-query >/dev/null || die "this script sets up Debian 12 (bookworm) and needs dpkg/apt-get"
    local missing
    mapfile -t missing < <(missing_packages)
    if ((${#missing[@]} == 0)); then
        say "All ${#PACKAGES[@]} required packages are installed"
        return
    fi
    say "Installing ${#missing[@]} missing package(s): ${missing[*]}"
    local sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null || die "run as root or install sudo: apt-get needs root to install ${missing[*]}"
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}"
    local still
    still=$(missing_packages | tr '\n' ' ')
    [[ -z $still ]] || die "these packages are still missing after apt-get: $still"
}

build() {
    say "Configuring into build/"
    cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo
    say "Building with $(nproc) jobs"
    cmake --build "$BUILD_DIR" -j"$(nproc)"
}

run() {
    local exe="$BUILD_DIR/bin/mwangaza"
    [[ -x $exe ]] || die "the build did not produce $exe"
    if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
        cat >&2 <<MSG
setup.sh: the build is ready, but there is no display to open the workbench on
(neither DISPLAY nor WAYLAND_DISPLAY is set). Run it from a desktop session, or under a
virtual X server:
    xvfb-run -a -s '-screen 0 1600x1200x24' $exe
The command-line tool works without a display:
    $BUILD_DIR/bin/mwangaza-cli --help
MSG
        exit 1
    fi
    say "Opening the workbench (the demo programme is created on first launch)"
    exec "$exe"
}

run_tests() {
    say "Running every test (GUI tests under Xvfb)"
    local status=0
    # The X server runs with -noreset: by default it resets whenever its last client
    # leaves, which between two GUI tests is all the time, and a test that connects
    # during a reset finds no display. A GUI test that still fails to start gets a second
    # run (it fails if that fails too); the other tests run once.
    xvfb-run -a -s '-screen 0 1600x1200x24 -noreset' bash -c '
        status=0
        ctest --test-dir "$1" --output-on-failure -j2 -LE "^gui$" || status=$?
        ctest --test-dir "$1" --output-on-failure -j2 -L "^gui$" --repeat until-pass:2 || status=$?
        exit "$status"' run-tests "$BUILD_DIR" || status=$?
    if ((status == 0)); then
        say "All tests passed"
    else
        printf 'setup.sh: some tests failed (ctest exit status %d)\n' "$status" >&2
    fi
    exit "$status"
}

case ${1:-} in
packages)
    install_packages
    ;;
run)
    install_packages
    build
    run
    ;;
test)
    install_packages
    build
    run_tests
    ;;
*) usage ;;
esac
