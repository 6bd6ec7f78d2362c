#!/usr/bin/env bash
# Build the one-folder app with PyInstaller (build.spec) and smoke-test it offscreen.
#
#   tools/build_bundle.sh            ->  dist/CoachJournal/CoachJournal
#
# Uses the Python of the active virtualenv (or $PYTHON), which must have PyInstaller installed
# (pip install -e '.[build]'). For Linux and macOS: on Windows the executable is windowed, so it
# prints nothing for the checks below to read.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

python="${PYTHON:-${VIRTUAL_ENV:+$VIRTUAL_ENV/bin/}python}"
"$python" -c "import PyInstaller" 2>/dev/null || {
    echo "build_bundle: $python cannot import PyInstaller (pip install -e '.[build]')" >&2
    exit 1
}
version="$("$python" -c 'import coachjournal; print(coachjournal.__version__)')"

fail() {
    echo "build_bundle: FAILED: $*" >&2
    exit 1
}

# Run the bundled app with a private home, so the check never touches the real journal,
# settings or logs, and with a time limit where the system has `timeout`.
run_app() {
    local limit=()
    if command -v timeout >/dev/null; then
        limit=(timeout 180)
    fi
    env HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" XDG_STATE_HOME="$tmp/home/state" \
        XDG_CONFIG_HOME="$tmp/home/config" XDG_CACHE_HOME="$tmp/home/cache" \
        QT_QPA_PLATFORM=offscreen ${limit[@]+"${limit[@]}"} "$app" "$@"
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home"

echo "== Building CoachJournal $version with $("$python" -m PyInstaller --version) =="
rm -rf dist/CoachJournal
started=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean build.spec
build_seconds=$(($(date +%s) - started))

bundle=dist/CoachJournal
if [[ -d "$bundle" ]]; then
    app="$bundle/CoachJournal"
    [[ -n "$(find "$bundle" -path '*/resources/icons/app.svg' -print -quit)" ]] ||
        fail "resources/icons/app.svg is missing from the bundle"
else
    app="$bundle" # COACHJOURNAL_ONEFILE=1 builds a single file
fi
[[ -x "$app" ]] || fail "no executable at $app"

echo "== --version =="
reported="$(run_app --version)" || fail "--version exited with $?"
echo "$reported"
[[ "$reported" == "CoachJournal $version" ]] ||
    fail "--version printed '$reported', expected 'CoachJournal $version'"

echo "== demo =="
run_app demo --db "$tmp/sample.db" || fail "demo exited with $?"
[[ -s "$tmp/sample.db" ]] || fail "demo wrote no journal at $tmp/sample.db"

echo "== --smoke-test =="
run_app --smoke-test --db "$tmp/sample.db" || fail "the smoke test exited with $?"

echo "== Done =="
echo "Bundle size: $(du -sh "$bundle" | cut -f1) ($bundle)"
echo "Build time: ${build_seconds} s"
