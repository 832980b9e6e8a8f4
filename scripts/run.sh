#!/usr/bin/env bash
# Starts the whole Suban system on this machine: builds, starts the six services in the
# background with their SQLite files under ./var (or $SUBAN_DATA_DIR), waits until every one
# answers, and prints the probe table. Stop with scripts/stop.sh.
#
# SUBAN_BUILD_CONFIGURATION=release builds optimised binaries (default: debug, quicker to build).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

configuration=${SUBAN_BUILD_CONFIGURATION:-debug}
export SUBAN_DATA_DIR=${SUBAN_DATA_DIR:-$PWD/var}
services=(console gateway intake routing sla coordination)

echo "run: building ($configuration)"
swift build -c "$configuration" 2>&1 | tail -n 1
bin=$(swift build -c "$configuration" --show-bin-path)

# The data folder, its databases and the logs hold callers' personal data: this account's only
# (0700 folders, 0600 files), also when an older version left them open.
umask 077
mkdir -p "$SUBAN_DATA_DIR/log" "$SUBAN_DATA_DIR/run"
chmod 700 "$SUBAN_DATA_DIR" "$SUBAN_DATA_DIR/log" "$SUBAN_DATA_DIR/run"
find "$SUBAN_DATA_DIR/log" -maxdepth 1 -type f -exec chmod 600 {} +
# shellcheck source=scripts/identity.sh
. scripts/identity.sh
suban_identity "$bin"

# SUBAN_DEMO=1: the gateway talks to the platform simulator with keys generated on first use and
# kept (mode 600) under the data folder; never in the repository.
if [ "${SUBAN_DEMO:-0}" = 1 ]; then
    keys="$SUBAN_DATA_DIR/run/demo-keys.env"
    if [ ! -f "$keys" ]; then
        (
            umask 077
            echo "SUBAN_DEMO_PLATFORM_SECRET=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" >"$keys"
            echo "SUBAN_DEMO_BUREAU_SECRET=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" >>"$keys"
        )
    fi
    # shellcheck disable=SC1090
    . "$keys"
    simulator_port=${SUBAN_SIMULATOR_HTTP_PORT:-9090}
    export SUBAN_GATEWAY_PLATFORM_KEYS="demo-platform:$SUBAN_DEMO_PLATFORM_SECRET"
    export SUBAN_GATEWAY_PLATFORM_URL="http://127.0.0.1:$simulator_port"
    export SUBAN_GATEWAY_OUTBOUND_KEY=demo-bureau SUBAN_GATEWAY_OUTBOUND_SECRET="$SUBAN_DEMO_BUREAU_SECRET"
    # Emails (交办单, reminders) go to a local aiosmtpd that stores them under $SUBAN_DATA_DIR/mail (maildir).
    if [ -z "${SUBAN_SMTP_HOST:-}" ] && python3 -c 'import aiosmtpd' 2>/dev/null; then
        smtp_port=${SUBAN_DEMO_SMTP_PORT:-2525}
        pidfile="$SUBAN_DATA_DIR/run/smtp-sink.pid"
        if ! { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }; then
            nohup python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$SUBAN_DATA_DIR/mail" \
                >>"$SUBAN_DATA_DIR/log/smtp-sink.log" 2>&1 &
            echo $! >"$pidfile"
        fi
        export SUBAN_SMTP_HOST=127.0.0.1 SUBAN_SMTP_PORT="$smtp_port" SUBAN_SMTP_FROM=suban@bureau.example.cn
    fi
fi

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

if [ "${SUBAN_DEMO:-0}" = 1 ]; then
    pidfile="$SUBAN_DATA_DIR/run/platform-simulator.pid"
    log="$SUBAN_DATA_DIR/log/platform-simulator.log"
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "run: platform simulator already running (pid $(cat "$pidfile"))"
    else
        : >"$log"
        SUBAN_SIMULATOR_GATEWAY_URL="http://127.0.0.1:${SUBAN_GATEWAY_HTTP_PORT:-8080}" \
            SUBAN_SIMULATOR_APP_KEY=demo-platform SUBAN_SIMULATOR_SECRET="$SUBAN_DEMO_PLATFORM_SECRET" \
            SUBAN_SIMULATOR_INBOUND_KEYS="demo-bureau:$SUBAN_DEMO_BUREAU_SECRET" SUBAN_SIMULATOR_HTTP_PORT="$simulator_port" \
            nohup "$bin/suban-platform-simulator" demo >>"$log" 2>&1 &
        echo $! >"$pidfile"
        for _ in $(seq 1 100); do grep -q "^demo: pushed" "$log" && break; sleep 0.2; done
        echo
        echo "The platform simulator pushed its demo orders (log $log):"
        cat "$log"
        echo
        echo "Acknowledge one and watch the simulator receive it:"
        echo "  $bin/subanctl list --state assigned_pending_ack"
        echo "  $bin/subanctl login --login LIAISON   # a liaison account of the order's unit"
        echo "  $bin/subanctl acknowledge hotline_12345:NUMBER && tail -f $log"
        echo "  $bin/subanctl outbox list            # emails land in $SUBAN_DATA_DIR/mail (maildir)"
    fi
fi
echo
echo "Suban is running. Probe again with: $bin/subanctl probe"
console_log="$SUBAN_DATA_DIR/log/console.log"
for _ in $(seq 1 50); do grep -q "^http-ready " "$console_log" && break; sleep 0.2; done
echo "The staff console (工作台) is at http://$(grep "^http-ready " "$console_log" | tail -n 1 | cut -d' ' -f2)/ in a browser."
echo "Everyone signs in with a personal account. The first administrator, once:"
echo "  SUBAN_DATA_DIR=$SUBAN_DATA_DIR $bin/suban-console bootstrap-admin --login admin --name 管理员"
echo "  $bin/subanctl login --login admin       # with the one-time password it printed; then subanctl passwd"
echo "Then the units' people, who receive the units' mail: edit a copy of docs/roster-example.csv and"
echo "  $bin/subanctl accounts import roster.csv  # prints each one-time password once"
echo "  $bin/subanctl kb import docs/knowledge-base-example.csv  # starter articles for the knowledge base"
echo "Each person then signs in at the console's address with the one-time password and sets their own."
echo "Stop it with: scripts/stop.sh"
