#!/usr/bin/env bash
# Installs what building and testing Suban needs, and only what is missing: safe to run again.
# Called by run.sh and test.sh; needs root (or sudo) only when something is missing.
set -euo pipefail

apt_packages=(
    libprotobuf-c-dev     # protobuf-c runtime the wire protocol links
    protobuf-c-compiler   # protoc-c, to check the committed generated code
    protobuf-compiler     # Google's protoc, which encodes the golden test fixtures
    python3-protobuf      # for /usr/bin/python3: the protoc plugin scripts/protoc-gen-suban-swift
    libsqlite3-dev        # the system SQLite the services store their data in
    chromium              # headless browser: the Charts pages in ChartsTests, the console in Tests/Browser
    fonts-wqy-microhei    # a font with the Chinese glyphs, so that the browser suite's screenshots show them
    openssl               # the CLI: the gateway's SMTP tests make their CA and server certificates with it
)

missing=()
for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# aiosmtpd: the real SMTP server that the gateway's email tests deliver to on 127.0.0.1, also with
# STARTTLS and AUTH (Tests/SMTPFixture/smtp_server.py).
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
    echo "setup: installing aiosmtpd"
    python3 -m pip install --quiet aiosmtpd 2>/dev/null || python3 -m pip install --quiet --break-system-packages aiosmtpd
fi
# playwright and pytest: the browser suite (scripts/browser-test.sh), driving the system chromium.
for module in playwright pytest; do
    python3 -c "import $module" 2>/dev/null && continue
    echo "setup: installing $module"
    python3 -m pip install --quiet "$module" 2>/dev/null || python3 -m pip install --quiet --break-system-packages "$module"
done
python3 -c 'import openpyxl' 2>/dev/null || { echo "setup: installing openpyxl (reads back the Spreadsheet tests' .xlsx files)"; python3 -m pip install --quiet openpyxl 2>/dev/null || python3 -m pip install --quiet --break-system-packages openpyxl; }

if ! command -v swift >/dev/null; then
    echo "setup: swift is not on PATH; install Swift 6.2 or later (https://www.swift.org/install/linux/)" >&2
    exit 1
fi
