#!/usr/bin/env bash
# Set-up and the two everyday commands. Idempotent: a second run takes about a second.
#   bash scripts/dev.sh run   [app args]   set up, then start the app (under xvfb-run with no display)
#   bash scripts/dev.sh test  [pytest args] set up, then run every test offscreen
#   bash scripts/dev.sh bundle              set up, then build the one-folder app into dist/SoTayBiThu
set -euo pipefail
cd "$(dirname "$0")/.."

# System libraries Qt needs offscreen and on Xvfb, the Times-compatible font, PDF tools for review,
# PostgreSQL for the server tests and LibreOffice for the DOCX->PDF comparison benchmark.
APT_PACKAGES="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fontconfig fonts-liberation2
 xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
 libxcb-xkb1 libxkbcommon-x11-0 poppler-utils postgresql libreoffice-writer-nogui"
VENV=.venv
PY="$VENV/bin/python"

install_system() {
    command -v dpkg-query >/dev/null || return 0
    local missing=""
    for p in $APT_PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "Thiếu gói hệ thống / missing system packages:$missing" >&2
        echo "Chạy với quyền root hoặc: sudo apt-get install$missing" >&2
        return 0
    fi
    echo "Cài gói hệ thống / installing system packages:$missing"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null
}

install_python() {
    if [ ! -x "$VENV/bin/pip" ]; then
        python3 -m venv "$VENV" 2>/dev/null || {
            rm -rf "$VENV"
            [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv >/dev/null
            python3 -m venv "$VENV"
        }
    fi
    local stamp="$VENV/.ok-$(cat pyproject.toml | sha1sum | cut -c1-12)"
    if [ ! -f "$stamp" ]; then
        echo "Cài gói Python / installing Python packages…"
        "$VENV/bin/pip" install -q --disable-pip-version-check -e ".[server,dev]"
        rm -f "$VENV"/.ok-*
        touch "$stamp"
    fi
    # Translations are built, not committed: each .ts source -> .qm beside it.
    local ts qm
    for ts in resources/translations/*.ts; do
        qm="${ts%.ts}.qm"
        if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
            "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "$qm"
        fi
    done
}

setup() { install_system; install_python; }

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
    run)
        setup
        if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
            exec xvfb-run -a -s "-screen 0 1366x768x24" "$PY" -m secretary_app "$@"
        fi
        exec "$PY" -m secretary_app "$@"
        ;;
    test)
        setup
        export QT_QPA_PLATFORM=offscreen
        "$VENV/bin/ruff" check . --quiet
        "$VENV/bin/lint-imports" --no-cache >/dev/null || "$VENV/bin/lint-imports" --no-cache
        # Type check (config in pyproject.toml: strict for models/ and exporters/); fails the command.
        "$VENV/bin/mypy" --no-error-summary
        set +e
        # Two worker processes (pytest-xdist), one per core of the 2-core CI machine: the suite's wall time
        # roughly halves. TEST_WORKERS=0 runs in one process (a debugger, -s); a later -n in the args wins.
        # loadgroup: a free worker takes the next test (tests/conftest.py puts the longest first); the
        # bundle is built once per run behind a file lock (tests/packaging/test_bundle.py).
        "$PY" -m pytest -n "${TEST_WORKERS:-2}" --dist loadgroup "$@"
        rc=$?
        set -e
        # pytest's 5 means "no tests collected": that is a failure for us, not a pass.
        exit $rc
        ;;
    bundle)
        setup
        # Same spec as packaging/windows/build.ps1; a clean build each time, so it is reproducible.
        "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath dist \
            --workpath build/pyinstaller packaging/sotay.spec
        echo "Đã đóng gói / bundle built: dist/SoTayBiThu ($(du -sh dist/SoTayBiThu | cut -f1))"
        ;;
    *)
        echo "usage: bash scripts/dev.sh run|test|bundle [args]" >&2
        exit 2
        ;;
esac
