#!/usr/bin/env bash
# Stops what scripts/compose-up.sh started: removes the stack's containers and network (SIGTERM
# first: each service finishes its calls in flight), keeps the databases' volumes unless given
# --volumes, and stops the docker engine if compose-up.sh (or another Suban script) started it.
# SUBAN_KEEP_ENGINE=1 leaves the engine running.
#
# Usage: scripts/compose-down.sh [--volumes]
set -euo pipefail
suban_log_prefix=compose-down
# shellcheck source=scripts/docker-common.sh
. "$(dirname "$0")/docker-common.sh"
cd "$suban_root"

down=(down --remove-orphans --timeout 20)
case ${1:-} in
    "") ;;
    --volumes) down+=(--volumes) ;;
    *) echo "usage: $0 [--volumes]" >&2; exit 2 ;;
esac

if ! command -v docker >/dev/null || ! docker info >/dev/null 2>&1; then
    suban_log "no docker engine runs: nothing to stop"
    exit 0
fi
if docker compose version >/dev/null 2>&1; then
    # --profile demo: the simulator goes too, whatever docker/.env says now.
    docker compose --file docker/docker-compose.yml --profile demo "${down[@]}"
else
    suban_log "docker compose is not installed: no stack of it to stop"
fi
if [ "${SUBAN_KEEP_ENGINE:-0}" != 1 ]; then
    stop_started_docker_engine
fi
