#!/usr/bin/env bash
# The chaos test (docs/RELIABILITY.md): the six services on 127.0.0.1 at free ports with a fresh
# data folder, an SMTP sink, the platform simulator as the 12345 platform and its load run; while
# the load runs a share of the routed orders is acknowledged with subanctl and each service is
# killed -9 in turn at random moments and restarted a few seconds later. Then it waits, bounded,
# until the system is quiet and checks that nothing was lost, duplicated or left stuck
# (scripts/chaos/check.py). Exit 0 only when every check passes. Keys and trust: scripts/identity.sh
# under the run's data folder, with the operator issuer for subanctl's --as (docs/identity.md).
#
# Usage: scripts/chaos.sh [--short] [--bin DIR] [--rate R] [--count N] [--kills-per-service K]
#                         [--seed S] [--keep] [-- more options of scripts/chaos/run.py]
#   --short               about 300 orders at 10/s, each service killed once during the load (and
#                         once more in the 90 s after it, while the clocks fire): a few minutes
#   default               10,000 orders at 100/s, each service killed twice
#   --bin DIR             use the binaries in DIR (e.g. the static release build scripts/build-images.sh
#                         leaves in .build-static/release) instead of `swift build -c release`
#   --keep                keep the work folder (logs, databases) also when the run passes
set -euo pipefail
cd "$(dirname "$0")/.."

rate=100
count=10000
kills=2
bin=
extra=()
while [ $# -gt 0 ]; do
    case $1 in
        --short) rate=10; count=300; kills=1; shift ;;
        --bin) bin=${2:?--bin needs a folder}; shift 2 ;;
        --rate) rate=${2:?}; shift 2 ;;
        --count) count=${2:?}; shift 2 ;;
        --kills-per-service) kills=${2:?}; shift 2 ;;
        --seed | --ack-share | --push-attempts | --quiet-seconds) extra+=("$1" "${2:?}"); shift 2 ;;
        --keep) extra+=(--keep); shift ;;
        --) shift; extra+=("$@"); break ;;
        -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "chaos: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

python3 -c 'import aiosmtpd' 2>/dev/null || { echo "chaos: python3 aiosmtpd is missing; run scripts/setup.sh" >&2; exit 2; }
if [ -z "$bin" ]; then
    scripts/setup.sh
    echo "chaos: building release"
    swift build -c release 2>&1 | tail -n 1
    bin=$(swift build -c release --show-bin-path)
fi
bin=$(cd "$bin" && pwd)
for product in suban-gateway suban-intake suban-routing suban-sla suban-coordination subanctl suban-platform-simulator; do
    [ -x "$bin/$product" ] || { echo "chaos: $bin/$product is missing" >&2; exit 2; }
done

# run.py owns every process it starts and stops them on exit (also on SIGINT/SIGTERM).
exec python3 scripts/chaos/run.py --bin "$bin" --rate "$rate" --count "$count" --kills-per-service "$kills" "${extra[@]}"
