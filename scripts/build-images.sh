#!/usr/bin/env bash
# Builds the Suban image (default tag suban:local) without any image registry:
#
#  1. the base image suban-base:bookworm: `debootstrap --variant=minbase` from the Debian mirror
#     this machine's apt uses (read from /etc/apt at run time), with the runtime libraries the
#     binaries link (ldd: libsqlite3, libprotobuf-c, libstdc++, libgcc) plus ca-certificates and
#     tzdata, trimmed and `docker import`ed. Skipped when that image exists with the same package
#     list (its label), so it is made once per machine.
#  2. the binaries: `swift build --static-swift-stdlib` on the host in its own scratch folder
#     (.build-static, git-ignored), so the Swift runtime is inside them and the development
#     build in .build is left alone.
#     Or, with --binaries DIR, binaries already built and linked to the Swift runtime's shared
#     libraries: those libraries (what ldd resolves outside /lib and /usr/lib) go into the image
#     with them. CI's smoke test packs the debug build its test run made this way, which spares
#     it a second compile of every module (docs/PERFORMANCE.md, "CI").
#  3. the image: docker/Dockerfile over a context that holds only the stripped binaries (and
#     those libraries); the script then checks with ldd inside the image that none is missing.
#
# Usage: scripts/build-images.sh [--configuration release|debug] [--tag NAME:TAG] [--binaries DIR]
#   SUBAN_BUILD_CONFIGURATION  default release (debug builds about twice as fast, image larger)
#   SUBAN_IMAGE                the tag, default suban:local
# Starts a docker engine when none runs, and stops it again at the end if it started it.
set -euo pipefail
suban_log_prefix=build-images
# shellcheck source=scripts/docker-common.sh
. "$(dirname "$0")/docker-common.sh"
cd "$suban_root"

configuration=${SUBAN_BUILD_CONFIGURATION:-release}
image=${SUBAN_IMAGE:-suban:local}
prebuilt=
while [ $# -gt 0 ]; do
    case $1 in
        --configuration) configuration=${2:?--configuration needs release or debug}; shift 2 ;;
        --tag) image=${2:?--tag needs NAME:TAG}; shift 2 ;;
        --binaries) prebuilt=${2:?--binaries needs a folder of built binaries}; shift 2 ;;
        *) echo "usage: $0 [--configuration release|debug] [--tag NAME:TAG] [--binaries DIR]" >&2; exit 2 ;;
    esac
done
case $configuration in release | debug) ;; *) suban_fail "--configuration must be release or debug, not $configuration" ;; esac

base_image=suban-base:bookworm
# What the binaries link besides glibc (check with ldd after a change of dependencies), and what
# a service needs at run time: CA roots for an HTTPS proxy in front of the platform, zone data.
base_packages=libsqlite3-0,libprotobuf-c1,libstdc++6,libgcc-s1,ca-certificates,tzdata
products=(suban-gateway suban-intake suban-routing suban-sla suban-coordination suban-console subanctl suban-platform-simulator)
scratch=$suban_root/.build-static

work=$(mktemp -d "${TMPDIR:-/tmp}/suban-images.XXXXXX")
cleanup() {
    local status=$?
    # debootstrap mounts /proc and /sys inside its target; never delete through a mount.
    if [ -d "$work/rootfs" ]; then
        awk -v root="$work/rootfs/" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r |
            while read -r mount; do as_root umount -l "$mount" || true; done
    fi
    as_root rm -rf --one-file-system "$work"
    if [ "$suban_started_engine" = 1 ] && [ "${SUBAN_KEEP_ENGINE:-0}" != 1 ]; then stop_started_docker_engine; fi
    exit "$status"
}
trap cleanup EXIT

ensure_docker_packages
ensure_docker_engine

# 1. The base image, once per machine (and again when the package list changes).
started=$SECONDS
if [ "$(docker image inspect --format '{{index .Config.Labels "suban.base.packages"}}' "$base_image" 2>/dev/null)" = "$base_packages" ]; then
    suban_log "$base_image exists; not rebuilding it"
else
    mirror=$(debian_mirror bookworm)
    [ -n "$mirror" ] || suban_fail "no Debian bookworm source in /etc/apt/sources.list(.d); set SUBAN_DEBIAN_MIRROR"
    suban_log "making $base_image with debootstrap --variant=minbase from $mirror"
    if ! as_root debootstrap --variant=minbase --include="$base_packages" bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1; then
        tail -n 30 "$work/debootstrap.log" >&2
        suban_fail "debootstrap failed (last lines above)"
    fi
    # Package caches, lists, manuals and translations are of no use in a service image.
    as_root rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/* \
        "$work"/rootfs/usr/share/doc/* "$work"/rootfs/usr/share/man/* "$work"/rootfs/usr/share/info/* \
        "$work"/rootfs/usr/share/locale/* "$work"/rootfs/var/log/*.log "$work"/rootfs/var/cache/debconf/*-old
    as_root tar --numeric-owner -C "$work/rootfs" -c . |
        docker import \
            --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            --change 'ENV LANG=C.UTF-8' \
            --change 'CMD ["/bin/bash"]' \
            --change "LABEL suban.base.packages=$base_packages" \
            --message "debootstrap --variant=minbase bookworm" \
            - "$base_image" >/dev/null
    as_root rm -rf --one-file-system "$work/rootfs"
    suban_log "$base_image made in $((SECONDS - started)) s ($(docker image inspect --format '{{.Size}}' "$base_image" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
fi

# 2. The binaries, with the Swift runtime linked in (or beside them, from --binaries).
mkdir -p "$work/context/bin" "$work/context/lib"
if [ -n "$prebuilt" ]; then
    bin=$prebuilt
    for product in "${products[@]}"; do
        [ -x "$bin/$product" ] || suban_fail "--binaries $bin holds no $product"
    done
    # The libraries the base image lacks: the Swift runtime and Foundation, from the toolchain.
    for product in "${products[@]}"; do ldd "$bin/$product"; done |
        awk '$2 == "=>" && $3 !~ "^/(usr/)?lib(64)?/" { print $3 }' | sort -u |
        while read -r library; do cp -L "$library" "$work/context/lib/"; done
    suban_log "packing the binaries in $bin with $(find "$work/context/lib" -type f | wc -l) runtime libraries"
else
    started=$SECONDS
    suban_log "building ${products[*]} ($configuration, --static-swift-stdlib, scratch ${scratch#"$suban_root"/})"
    for product in "${products[@]}"; do
        if ! swift build -c "$configuration" --static-swift-stdlib --scratch-path "$scratch" --product "$product" >"$work/swift-build.log" 2>&1; then
            grep -E 'error:' "$work/swift-build.log" | head -n 40 >&2 || tail -n 40 "$work/swift-build.log" >&2
            suban_fail "swift build of $product failed"
        fi
    done
    bin=$(swift build -c "$configuration" --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)
    suban_log "binaries built in $((SECONDS - started)) s"
fi

# 3. The image, from a context of the stripped binaries only.
started=$SECONDS
for product in "${products[@]}"; do
    if command -v strip >/dev/null; then strip -o "$work/context/bin/$product" "$bin/$product"; else cp "$bin/$product" "$work/context/bin/"; fi
done
revision=$(git -C "$suban_root" rev-parse --short HEAD 2>/dev/null || echo unknown)
# The classic builder: Debian's engine has no buildx, and the image needs nothing BuildKit adds.
if ! DOCKER_BUILDKIT=0 docker build --quiet --file docker/Dockerfile --build-arg BASE_IMAGE="$base_image" \
    --label org.opencontainers.image.title=suban --label org.opencontainers.image.revision="$revision" \
    --label suban.build.configuration="$configuration" --tag "$image" "$work/context" >"$work/docker-build.log" 2>&1; then
    cat "$work/docker-build.log" >&2
    suban_fail "docker build failed"
fi
unresolved=$(docker run --rm --network none --entrypoint bash "$image" -c 'ldd /usr/local/bin/* | grep "not found" || true')
[ -z "$unresolved" ] || suban_fail "libraries missing from $image: $unresolved"
suban_log "$image built in $((SECONDS - started)) s ($(docker image inspect --format '{{.Size}}' "$image" | awk '{ printf "%.0f MB", $1 / 1e6 }'), $configuration, revision $revision)"
