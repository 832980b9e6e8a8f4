#!/usr/bin/env bash
# Fails when the committed generated code differs from a fresh generation, so that a .proto or
# data change can never land without its generated counterpart.
set -euo pipefail
cd "$(dirname "$0")/.."

fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
scripts/generate-proto.sh "$fresh/WireMessagesC"
if ! diff -r Shared/WireMessagesC "$fresh/WireMessagesC"; then
    echo "check-generated: Shared/WireMessagesC is stale; run scripts/generate-proto.sh" >&2
    exit 1
fi
if ! diff -r Shared/WireProtocol/Generated "$fresh/WireProtocolGenerated"; then
    echo "check-generated: Shared/WireProtocol/Generated is stale; run scripts/generate-proto.sh" >&2
    exit 1
fi
mkdir "$fresh/fixtures"
scripts/generate-fixtures.sh "$fresh/fixtures"
for bin in "$fresh"/fixtures/*.bin; do
    if ! cmp -s "$bin" "Tests/WireProtocolTests/Fixtures/$(basename "$bin")"; then
        echo "check-generated: fixture $(basename "$bin") is stale; run scripts/generate-fixtures.sh" >&2
        exit 1
    fi
done
scripts/generate-calendar.sh --check
scripts/generate-standards.sh --check
echo "check-generated: generated code, fixtures, calendar and closure standards are current"
