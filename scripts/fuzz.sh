#!/usr/bin/env bash
# libFuzzer targets for the edges that read untrusted bytes (issue #16.7, docs/RELIABILITY.md "Fuzzing"):
#   frames        the RPC frame decoder fed arbitrary bytes, every decoded frame's envelope decoded
#   requests      the first byte picks one of the services' request messages; the rest is decoded through
#                 protobuf-c and, where the service's mapping compiles on its own, mapped to domain values
#   gateway-json  the gateway's JSON parsing and its reading of pushed orders, events and articles
#
# Each target is compiled from the few source files it needs (listed below, in one place) with
# `swiftc -sanitize=fuzzer,address`, plus the protobuf-c generated C codec with clang
# `-fsanitize=fuzzer-no-link,address`, in the throwaway folder .build-fuzz/. NIOCore (for the frame
# decoder's ByteBuffer) is built once by SwiftPM into .build-fuzz/spm, without instrumentation, from a
# generated package that depends on swift-nio alone. A fresh build takes about 2 minutes.
#
# Usage: scripts/fuzz.sh [--runs N | --seconds S] [--update-corpus] [--build-only] [target…]
#   --runs N          stop each target after N executions
#   --seconds S       stop each target after S seconds (default: 20)
#   --update-corpus   let libFuzzer add the inputs that reach new code to Tests/Fuzz/Corpus/<target>/
#                     (without it, new inputs go to a scratch folder under .build-fuzz and are dropped)
#   --build-only      build the targets and stop
# With no target, every target runs, one after another. Exits non-zero on a crash (or a sanitizer
# report) and prints where libFuzzer saved the input that caused it (under .build-fuzz/artifacts/);
# exits 130 when a fuzzer was interrupted (SIGINT) without a crash.
# FUZZ_OPTIONS adds libFuzzer options, e.g. FUZZ_OPTIONS="-max_len=8192".
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    sed -n '/^# Usage:/,/^# FUZZ_OPTIONS/p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
fail_usage() {
    echo "fuzz: $1" >&2
    usage
}

all_targets=(frames requests gateway-json)

# MARK: The source files of each target (keep these lists current when files move or split).

# The generated C codec, compiled once for every target.
codec_c_sources=(Shared/WireMessagesC/suban/v1/*.pb-c.c)
# Swift modules, each compiled whole: NAME:FILES… (a folder stands for every .swift file under it).
wire_protocol_sources=(Shared/WireProtocol)
domain_sources=(Shared/Domain)
# RPC: only what the targets use, not the server (NIO's channel machinery, ServiceLifecycle, Logging).
rpc_frames_sources=(Shared/RPC/FrameDecoder.swift Shared/RPC/RPCError.swift)
rpc_error_sources=(Shared/RPC/RPCError.swift Shared/RPC/ViolationCollector.swift)
# The services' request mappings that compile without their handlers, stores and GRDB.
intake_mapping_sources=(
    Services/Intake/IntakeCore/WireMapping.swift
    Services/Intake/IntakeCore/WireMapping+Action.swift
    Tests/Fuzz/Requests/IntakeCore/IntakeRequestMapping.swift
)
routing_mapping_sources=(
    Services/Routing/RoutingCore/RoutingWireMapping.swift
    Tests/Fuzz/Requests/RoutingCore/RoutingRequestMapping.swift
)
coordination_mapping_sources=(
    Services/Coordination/CoordinationCore/WireMapping+Requests.swift
    Tests/Fuzz/Requests/CoordinationCore/CoordinationRequestMapping.swift
)
platform_adapter_sources=(
    Shared/PlatformAdapter/JSONValue.swift
    Shared/PlatformAdapter/PlatformAPI.swift
)
gateway_json_sources=(
    Services/Gateway/GatewayCore/APIError.swift
    Services/Gateway/GatewayCore/JSONFieldReader.swift
    Services/Gateway/GatewayCore/JSONFieldReader+Identifiers.swift
    Services/Gateway/GatewayCore/InboundOrder.swift
    Services/Gateway/GatewayCore/InboundEvent.swift
    Services/Gateway/GatewayCore/InboundArticle.swift
    Tests/Fuzz/GatewayJSON/GatewayJSONFuzz.swift
)
frames_entry=(Tests/Fuzz/Frames/FramesFuzz.swift)
requests_entry=(Tests/Fuzz/Requests/RequestsFuzz.swift Tests/Fuzz/Requests/RequestCatalog.swift)

# MARK: Arguments

runs=""
seconds=""
update_corpus=0
build_only=0
targets=()
while (($#)); do
    case $1 in
    --runs)
        (($# >= 2)) || fail_usage "--runs needs a number"
        [[ $2 =~ ^[1-9][0-9]*$ ]] || fail_usage "--runs needs a positive whole number, not '$2'"
        runs=$2
        shift 2
        ;;
    --seconds)
        (($# >= 2)) || fail_usage "--seconds needs a number"
        [[ $2 =~ ^[1-9][0-9]*$ ]] || fail_usage "--seconds needs a positive whole number, not '$2'"
        seconds=$2
        shift 2
        ;;
    --update-corpus) update_corpus=1 && shift ;;
    --build-only) build_only=1 && shift ;;
    -h | --help) usage ;;
    -*) fail_usage "unknown option '$1'" ;;
    *)
        known=0
        for target in "${all_targets[@]}"; do [[ $1 == "$target" ]] && known=1; done
        ((known)) || fail_usage "unknown target '$1' (targets: ${all_targets[*]})"
        targets+=("$1")
        shift
        ;;
    esac
done
[[ -n $runs && -n $seconds ]] && fail_usage "give --runs or --seconds, not both"
[[ -z $runs && -z $seconds ]] && seconds=20
((${#targets[@]})) || targets=("${all_targets[@]}")

# MARK: Building

out=.build-fuzz
objects=$out/obj
modules=$out/modules
mkdir -p "$objects" "$modules" "$out/bin" "$out/artifacts"

warnings=()
[[ ${SUBAN_WARNINGS_AS_ERRORS:-} == 1 ]] && warnings=(-warnings-as-errors)
# The settings loop of Package.swift, and the sanitizers.
swift_flags=(
    -swift-version 6 -gline-tables-only -parse-as-library -sanitize=fuzzer,address
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault
    -I Shared/CProtobufC -I Shared/WireMessagesC/include "${warnings[@]}"
)
c_flags=(-g -O1 -fsanitize=fuzzer-no-link,address -I Shared/WireMessagesC/include)
# The two big shared modules are compiled without optimisation: -O made Domain's compile take 48 s
# of CPU instead of 13 (WireProtocol's likewise), for the fuzzers' speed a small share of that.
# Everything else, the code each fuzzer spends its time in first, with -O.
unoptimised=(-Onone)
optimised=(-O)
# Other compiler flags than last time (changed here, or warnings as errors or not): start over.
flags_id=$(printf '%s\n' "${swift_flags[@]}" "${c_flags[@]}" "${unoptimised[@]}" "${optimised[@]}" | cksum)
if [[ $(cat "$out/flags" 2>/dev/null) != "$flags_id" ]]; then
    rm -rf "$objects" "$modules" "$out/bin"
    mkdir -p "$objects" "$modules" "$out/bin"
    echo "$flags_id" >"$out/flags"
fi

# Expands folders to their .swift files.
swift_files() {
    local path
    for path in "$@"; do
        if [[ -d $path ]]; then find "$path" -name '*.swift' | LC_ALL=C sort; else echo "$path"; fi
    done
}

# True when $1 is missing or older than any of the other paths (files, folders' files).
out_of_date() {
    local product=$1 input
    shift
    [[ -e $product ]] || return 0
    for input in "$@"; do
        if [[ -d $input ]]; then
            [[ -n $(find "$input" -newer "$product" -print -quit) ]] && return 0
        elif [[ $input -nt $product ]]; then
            return 0
        fi
    done
    return 1
}

# NIOCore and what it needs (swift-atomics, swift-collections, its C shims), built by SwiftPM without
# instrumentation (only the frame decoder around it is the code under test), in a package that depends
# on swift-nio alone, at the version Package.swift asks for: resolving the whole graph took longer.
nio_bin=""
nio_flags=()
nio_objects=()
nio_pid=""
nio_spm=()
nio_started=0
# Starts SwiftPM on NIOCore in the background when it is out of date, so that it runs while swiftc
# compiles the other modules; collect_nio waits for it.
start_nio() {
    local package=$out/nio-package version
    version=$(grep -oE 'swift-nio\.git", from: "[0-9.]+"' Package.swift | grep -oE '[0-9]+\.[0-9]+\.[0-9]+') || {
        echo "fuzz: FAILED: no swift-nio version in Package.swift" >&2
        exit 1
    }
    mkdir -p "$package/Sources/NIOCoreOnly"
    {
        echo '// swift-tools-version:6.2'
        echo '// Generated by scripts/fuzz.sh: NIOCore for the frames fuzz target, nothing else.'
        echo 'import PackageDescription'
        echo ''
        echo 'let package = Package('
        echo '    name: "suban-fuzz-nio",'
        echo "    dependencies: [.package(url: \"https://github.com/apple/swift-nio.git\", from: \"$version\")],"
        echo '    targets: [.target(name: "NIOCoreOnly", dependencies: [.product(name: "NIOCore", package: "swift-nio")])]'
        echo ')'
    } >"$package/Package.swift.new"
    if cmp -s "$package/Package.swift.new" "$package/Package.swift"; then
        rm "$package/Package.swift.new"
    else
        mv "$package/Package.swift.new" "$package/Package.swift"
    fi
    [[ -e $package/Sources/NIOCoreOnly/Empty.swift ]] ||
        echo "// Only NIOCore is built (--target NIOCore)." >"$package/Sources/NIOCoreOnly/Empty.swift"
    nio_spm=(swift build -c release --package-path "$package" --scratch-path "$out/spm" --target NIOCore)
    if out_of_date "$out/spm/nio-release.stamp" "$package/Package.swift"; then
        echo "fuzz: building NIOCore $version (SwiftPM, $out/spm, in the background)"
        nio_started=$SECONDS
        "${nio_spm[@]}" >"$out/spm.log" 2>&1 &
        nio_pid=$!
    fi
}

collect_nio() {
    if [[ -n $nio_pid ]]; then
        wait "$nio_pid" || {
            nio_pid=""
            cat "$out/spm.log" >&2
            echo "fuzz: FAILED: could not build NIOCore" >&2
            exit 1
        }
        nio_pid=""
        touch "$out/spm/nio-release.stamp"
        echo "fuzz:   NIOCore: $((SECONDS - nio_started))s"
    fi
    nio_bin=$("${nio_spm[@]}" --show-bin-path)
    nio_flags=(-I "$nio_bin/Modules")
    nio_objects=()
    # The targets SwiftPM compiled for NIOCore are the folders with object files (it lays out the
    # folders of every target of the graph). Their C modules' maps: generated beside the objects, or
    # the package's own include/module.modulemap.
    local folder name map
    while IFS= read -r folder; do
        name=$(basename "$folder" .build)
        mapfile -t -O "${#nio_objects[@]}" nio_objects < <(find "$folder" -name '*.o' | LC_ALL=C sort)
        if [[ -e $folder/module.modulemap ]]; then
            nio_flags+=(-Xcc "-fmodule-map-file=$folder/module.modulemap")
        else
            map=$(find "$out/spm/checkouts" -path "*/Sources/$name/include/module.modulemap" -print -quit)
            [[ -n $map ]] && nio_flags+=(-Xcc "-fmodule-map-file=$map")
        fi
    done < <(find "$nio_bin" -maxdepth 1 -name '*.build' -type d | LC_ALL=C sort | while read -r dir; do
        [[ -n $(find "$dir" -name '*.o' -print -quit) ]] && echo "$dir"
    done)
    return 0
}

codec_objects=()
build_codec() {
    local source object
    codec_objects=()
    for source in "${codec_c_sources[@]}"; do
        object=$objects/codec/$(basename "$source" .c).o
        codec_objects+=("$object")
        if out_of_date "$object" "$source" Shared/WireMessagesC/include; then
            mkdir -p "$objects/codec"
            echo "fuzz: clang $source"
            clang "${c_flags[@]}" -c "$source" -o "$object"
        fi
    done
}

# compile_module VARIANT NAME EXTRA_FLAGS_VAR SOURCES…: one module, whole-module, into
# $modules/VARIANT/NAME.swiftmodule and $objects/VARIANT/NAME.o; modules of the same variant and the
# shared variant are visible to it.
compile_module() {
    local variant=$1 name=$2 extra_name=$3
    shift 3
    local -n extra=$extra_name
    local object=$objects/$variant/$name.o module=$modules/$variant/$name.swiftmodule files
    mapfile -t files < <(swift_files "$@")
    # Rebuilt when a source changed or a module compiled before it in this target did.
    if out_of_date "$object" "${files[@]}" "${built_modules[@]}"; then
        mkdir -p "$objects/$variant" "$modules/$variant"
        echo "fuzz: swiftc $name (${#files[@]} files) for $variant"
        local step_started=$SECONDS
        swiftc "${swift_flags[@]}" "${extra[@]}" -I "$modules/shared" -I "$modules/$variant" \
            -module-name "$name" -wmo -c "${files[@]}" -o "$object" \
            -emit-module -emit-module-path "$module"
        # swiftc leaves an output that came out byte for byte the same untouched: mark it as new.
        touch "$object" "$module"
        echo "fuzz:   $name: $((SECONDS - step_started))s"
    fi
    built_objects+=("$object")
    built_modules+=("$module")
}

built_objects=()
built_modules=()
build_shared() {
    build_codec
    compile_module shared WireProtocol unoptimised "${wire_protocol_sources[@]}"
}

# link TARGET OBJECTS…
link() {
    local binary=$out/bin/fuzz-$1
    shift
    if out_of_date "$binary" "$@"; then
        echo "fuzz: linking $binary"
        # gold warns once per ASan helper symbol ("Cannot export local symbol '__asan_…'"): noise.
        swiftc -sanitize=fuzzer,address "$@" -lprotobuf-c -o "$binary" 2>&1 |
            { grep -v "Cannot export local symbol '__asan_" || true; } >&2
        [[ ${PIPESTATUS[0]} == 0 ]] || { echo "fuzz: FAILED: could not link $binary" >&2 && exit 1; }
    fi
}

build_target() {
    built_objects=()
    built_modules=()
    build_shared
    case $1 in
    frames)
        collect_nio
        nio_flags+=("${optimised[@]}")
        compile_module frames RPC nio_flags "${rpc_frames_sources[@]}"
        compile_module frames FramesFuzz nio_flags "${frames_entry[@]}"
        link frames "${codec_objects[@]}" "${built_objects[@]}" "${nio_objects[@]}"
        ;;
    requests)
        compile_module shared Domain unoptimised "${domain_sources[@]}"
        compile_module requests RPC optimised "${rpc_error_sources[@]}"
        compile_module requests IntakeCore optimised "${intake_mapping_sources[@]}"
        compile_module requests RoutingCore optimised "${routing_mapping_sources[@]}"
        compile_module requests CoordinationCore optimised "${coordination_mapping_sources[@]}"
        compile_module requests RequestsFuzz optimised "${requests_entry[@]}"
        link requests "${codec_objects[@]}" "${built_objects[@]}"
        ;;
    gateway-json)
        compile_module shared Domain unoptimised "${domain_sources[@]}"
        compile_module gateway-json PlatformAdapter optimised "${platform_adapter_sources[@]}"
        compile_module gateway-json GatewayCore optimised "${gateway_json_sources[@]}"
        link gateway-json "${codec_objects[@]}" "${built_objects[@]}"
        ;;
    esac
}

started=$SECONDS
trap '[[ -z $nio_pid ]] || kill "$nio_pid" 2>/dev/null || true' EXIT
# frames last, so that SwiftPM builds NIOCore while swiftc compiles the others' modules.
build_order=()
for target in requests gateway-json frames; do
    [[ " ${targets[*]} " == *" $target "* ]] && build_order+=("$target")
done
[[ " ${targets[*]} " == *" frames "* ]] && start_nio
for target in "${build_order[@]}"; do build_target "$target"; done
echo "fuzz: built ${targets[*]} in $((SECONDS - started))s"
((build_only)) && exit 0

# MARK: Running

# Swift's crash backtracer reads the stack from a helper thread, which ASan reports as a bogus
# stack-buffer-overflow; without it a Swift trap prints its message and libFuzzer saves the input.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}
if [[ -z ${ASAN_SYMBOLIZER_PATH:-} ]] && symbolizer=$(command -v llvm-symbolizer); then
    export ASAN_SYMBOLIZER_PATH=$symbolizer
fi

limit=(-max_total_time="$seconds")
[[ -n $runs ]] && limit=(-runs="$runs")
read -r -a extra_options <<<"${FUZZ_OPTIONS:-}"
status=0
for target in "${targets[@]}"; do
    corpus=Tests/Fuzz/Corpus/$target
    mkdir -p "$corpus"
    artifacts=$out/artifacts/$target/
    mkdir -p "$artifacts"
    folders=("$corpus")
    if ((!update_corpus)); then
        # New inputs go to a scratch folder first in the list, so that the tree stays as it is.
        scratch=$out/corpus/$target
        rm -rf "$scratch"
        mkdir -p "$scratch"
        folders=("$scratch" "$corpus")
    fi
    log=$out/$target.log
    echo "fuzz: $target: $out/bin/fuzz-$target ${limit[*]} (corpus $corpus, $(find "$corpus" -type f | wc -l) files)"
    target_status=0
    "$out/bin/fuzz-$target" "${limit[@]}" -print_final_stats=1 -artifact_prefix="$artifacts" \
        "${extra_options[@]}" "${folders[@]}" >"$log" 2>&1 || target_status=$?
    grep -E '^(#[0-9]+.*(DONE|INITED)|stat::number_of_executed_units|stat::average_exec_per_sec|Done [0-9]+ runs)' "$log" | sed "s/^/fuzz: $target: /" || true
    if grep -q 'libFuzzer: run interrupted' "$log"; then
        # SIGINT or SIGTERM to the fuzzer (libFuzzer exits 72 then): stopped, not a crash.
        echo "fuzz: $target: interrupted before the end, no crash until then; log in $log" >&2
        ((status != 0)) || status=130
    elif ((target_status != 0)) || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|SUMMARY: (AddressSanitizer|LeakSanitizer)' "$log"; then
        status=1
        grep -E -A40 'ERROR: |Fatal error|fatal error' "$log" | head -60 >&2 || tail -40 "$log" >&2
        saved=$(grep -oE "Test unit written to [^ ]+" "$log" | sed 's/Test unit written to //' || true)
        echo "fuzz: $target: FAILED (exit status $target_status), full log in $log" >&2
        [[ -n $saved ]] && echo "fuzz: $target: the crashing input was saved to $saved" >&2
        echo "fuzz: $target: reproduce with $out/bin/fuzz-$target ${saved:-<input>}" >&2
    else
        echo "fuzz: $target: no crash ($(find "$corpus" -type f | wc -l) files in $corpus)"
    fi
done
exit $status
