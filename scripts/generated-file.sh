# shellcheck shell=bash
# Shared by scripts/generate-calendar.sh and generate-standards.sh (sourced, not run): each
# writes one committed Swift file from its data, or with --check only compares.
#
#   generated_file_begin NAME "$@"   parse [--check]; sets $generated, a temporary file to fill
#   generated_file_end NAME OUTPUT   write OUTPUT from it, or, with --check, fail when they differ

generated_file_begin() {
    local name=$1
    shift
    generated_mode="write"
    case "${1:-}" in
        "") ;;
        --check) generated_mode="check" ;;
        *) echo "usage: scripts/$name.sh [--check]" >&2; exit 2 ;;
    esac
    generated="$(mktemp)"
    trap 'rm -f "$generated"' EXIT
}

generated_file_end() {
    local name=$1 output=$2
    if [[ "$generated_mode" == "check" ]]; then
        if ! diff -u "$output" "$generated"; then
            echo "$name: $output is out of date; run scripts/$name.sh" >&2
            exit 1
        fi
        echo "$name: $output is current"
    else
        cp "$generated" "$output"
        echo "$name: wrote $output"
    fi
}
