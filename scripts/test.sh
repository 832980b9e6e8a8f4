#!/usr/bin/env bash
# Builds Suban and runs every test. CI calls this with SUBAN_WARNINGS_AS_ERRORS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

scripts/check-no-force-unwrap.sh
scripts/check-contracts.sh
scripts/check-generated.sh
scripts/format.sh --check

echo "test: building"
swift build --build-tests
echo "test: running the Swift test suites"
swift test --skip-build --skip SystemTests
# Each system test starts a whole stack of real service processes; run side by side on two cores
# they starve one another until deadlines expire, so they run one at a time.
echo "test: running the system tests (real processes), one at a time"
swift test --skip-build --filter SystemTests --no-parallel

echo "test: the staff console in a real browser (Playwright and Debian's chromium)"
scripts/browser-test.sh --bin "$(swift build --show-bin-path)"

echo "test: the protobuf-c codec under AddressSanitizer"
scripts/check-codec-asan.sh
