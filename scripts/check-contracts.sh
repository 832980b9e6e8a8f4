#!/usr/bin/env bash
# Fails when a method name of a `service` block in Shared/Protos is written as a string literal in
# Swift outside the generated code and the tests: servers register and clients call by the
# generated descriptors (`Wire.Intake.submit`), so that the name is written once and both sides
# agree on its types.
set -euo pipefail
cd "$(dirname "$0")/.."

# The names in the generated descriptors: on a `MethodDescriptor<` line or the two after it (a
# descriptor too long for one line wraps its name), comments aside.
names=$(awk '/MethodDescriptor</ { left = 3 } left > 0 { left--; if ($0 !~ /^ *\/\//) print }' \
    Shared/WireProtocol/Generated/*.pb.swift | grep -o '"[a-z_]*\.[a-z_]*"' || true)
names=$(printf '%s\n' "$names" | grep . | sort -u)
if [ -z "$names" ]; then
    echo "check-contracts: no method descriptors found in Shared/WireProtocol/Generated" >&2
    exit 1
fi

patterns=$(mktemp)
trap 'rm -f "$patterns"' EXIT
printf '%s\n' "$names" >"$patterns"
# Whole-line comments may name a method as an example.
hits=$(grep -rnF --include='*.swift' -f "$patterns" Services Shared \
    | grep -v -e '^Shared/WireProtocol/Generated/' -e '^Shared/TestSupport/' \
    | grep -v -E '^[^:]+:[0-9]+:[[:space:]]*//' || true)
if [ -n "$hits" ]; then
    printf '%s\n' "$hits"
    echo "check-contracts: method names written by hand; use the descriptors in Wire (Shared/WireProtocol/Generated)" >&2
    exit 1
fi
echo "check-contracts: $(printf '%s\n' "$names" | wc -l) method names, each written only in its .proto and generated descriptor"
