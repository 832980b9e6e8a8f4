#!/usr/bin/env bash
# The staff web console (工作台) in a real browser: Python Playwright drives Debian's headless
# chromium against the six services started as processes on 127.0.0.1 (Tests/Browser/conftest.py).
# scripts/setup.sh installs what it needs; nothing is downloaded by Playwright itself.
#
# Usage: scripts/browser-test.sh [--bin DIR] [pytest options, e.g. -k flow]
#   --bin DIR   the built binaries, relative to the checkout (default .build/debug); it never builds
# Screenshots of every page visited go to $SUBAN_BROWSER_ARTIFACTS (default .build/browser-artifacts/).
# Exits non-zero when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=.build/debug
args=()
while [ $# -gt 0 ]; do
    case $1 in
        --bin) bin=${2:?--bin needs a folder}; shift 2 ;;
        -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
        *) args+=("$1"); shift ;;
    esac
done

# chromium, the CJK font, playwright, pytest and aiosmtpd, each only when missing.
scripts/setup.sh

for product in suban-gateway suban-intake suban-routing suban-sla suban-coordination suban-console subanctl suban-platform-simulator; do
    [ -x "$bin/$product" ] || { echo "browser-test: $bin/$product is missing (build first)" >&2; exit 2; }
done
bin=$(cd "$bin" && pwd)
export SUBAN_BROWSER_BIN=$bin
export SUBAN_BROWSER_ARTIFACTS=${SUBAN_BROWSER_ARTIFACTS:-$PWD/.build/browser-artifacts}
mkdir -p "$SUBAN_BROWSER_ARTIFACTS"
echo "browser-test: binaries from $bin; screenshots into $SUBAN_BROWSER_ARTIFACTS"
# exec: a signal to this script reaches pytest, whose fixture then stops every process it started.
exec python3 -m pytest Tests/Browser -p no:cacheprovider -q "${args[@]}"
