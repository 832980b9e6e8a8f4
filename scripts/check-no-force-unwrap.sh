#!/usr/bin/env bash
# Fails on a force unwrap, force cast, `try!`, implicitly unwrapped optional or `fatalError` in
# Swift outside tests and generated code: input is read by throwing, never by crashing (STYLE.md).
# The scan itself is scripts/check-no-force-unwrap.py (comments and strings blanked first).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 scripts/check-no-force-unwrap.py
