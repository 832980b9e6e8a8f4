#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's swift-format and the repository's .swift-format
# (Apple's baseline: 4 spaces, 120 columns). Generated code is left as its generator writes it
# (scripts/check-generated.sh compares it with a fresh generation).
#   scripts/format.sh           rewrites the files in place
#   scripts/format.sh --check   changes nothing; lists the files the formatter would change and
#                               fails if there are any (scripts/test.sh runs this)
set -euo pipefail
cd "$(dirname "$0")/.."

files=()
while IFS= read -r file; do
    case $file in
        # Written by scripts/generate-proto.sh, generate-calendar.sh and generate-standards.sh.
        Shared/WireProtocol/Generated/* | Shared/Domain/Calendar/ShippedHolidayYears.swift) ;;
        Shared/Domain/WorkOrder/ShippedClosureStandards.swift) ;;
        *) [ -f "$file" ] && files+=("$file") ;;
    esac
done < <(git ls-files --cached --others --exclude-standard -- '*.swift')

case ${1:-} in
    "")
        swift format format --in-place --parallel "${files[@]}"
        ;;
    --check)
        copy=$(mktemp -d)
        trap 'rm -rf "$copy"' EXIT
        cp .swift-format "$copy/"
        for file in "${files[@]}"; do
            mkdir -p "$copy/$(dirname "$file")"
            cp "$file" "$copy/$file"
        done
        (cd "$copy" && swift format format --in-place --parallel "${files[@]}")
        unformatted=()
        for file in "${files[@]}"; do
            cmp -s "$file" "$copy/$file" || unformatted+=("$file")
        done
        if [ ${#unformatted[@]} -gt 0 ]; then
            echo "format: ${#unformatted[@]} file(s) not formatted; run scripts/format.sh:" >&2
            printf '  %s\n' "${unformatted[@]}" >&2
            exit 1
        fi
        echo "format: ${#files[@]} Swift files formatted"
        ;;
    *)
        echo "usage: scripts/format.sh [--check]" >&2
        exit 64
        ;;
esac
