#!/usr/bin/env bash
# Stops the services that scripts/run.sh started (SIGTERM: calls in flight are finished first).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${SUBAN_DATA_DIR:-$PWD/var}

for pidfile in "$data"/run/*.pid; do
    [ -e "$pidfile" ] || continue
    service=$(basename "$pidfile" .pid)
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "stop: $service (pid $pid) did not stop in 10 s; killing it" >&2
            kill -KILL "$pid"
        fi
        echo "stop: stopped $service"
    fi
    rm -f "$pidfile"
done
