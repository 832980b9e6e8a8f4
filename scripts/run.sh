#!/usr/bin/env bash
# Starts the whole Suban system on this machine: builds, starts the five services in the
# background with their SQLite files under ./var (or $SUBAN_DATA_DIR), waits until every one
# answers, and prints the probe table. Stop with scripts/stop.sh.
#
# SUBAN_BUILD_CONFIGURATION=release builds optimised binaries (default: debug, quicker to build).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

configuration=${SUBAN_BUILD_CONFIGURATION:-debug}
export SUBAN_DATA_DIR=${SUBAN_DATA_DIR:-$PWD/var}
services=(gateway intake routing sla coordination)

echo "run: building ($configuration)"
swift build -c "$configuration" 2>&1 | tail -n 1
bin=$(swift build -c "$configuration" --show-bin-path)

mkdir -p "$SUBAN_DATA_DIR/log" "$SUBAN_DATA_DIR/run"
for service in "${services[@]}"; do
    pidfile="$SUBAN_DATA_DIR/run/$service.pid"
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "run: $service already running (pid $(cat "$pidfile"))"
        continue
    fi
    nohup "$bin/suban-$service" >>"$SUBAN_DATA_DIR/log/$service.log" 2>&1 &
    echo $! >"$pidfile"
    echo "run: started $service (pid $!, log $SUBAN_DATA_DIR/log/$service.log)"
done

# Wait until every service answers; a service that exits early is reported with its log.
for _ in $(seq 1 100); do
    "$bin/subanctl" probe --timeout-ms 500 >/dev/null 2>&1 && break
    for service in "${services[@]}"; do
        if ! kill -0 "$(cat "$SUBAN_DATA_DIR/run/$service.pid")" 2>/dev/null; then
            echo "run: $service exited; last lines of its log:" >&2
            tail -n 20 "$SUBAN_DATA_DIR/log/$service.log" >&2
            exit 1
        fi
    done
    sleep 0.2
done
"$bin/subanctl" probe
echo
echo "Suban is running. Probe again with: $bin/subanctl probe"
echo "Stop it with: scripts/stop.sh"
