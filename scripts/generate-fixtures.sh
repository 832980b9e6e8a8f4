#!/usr/bin/env bash
# Encodes the golden wire fixtures (Tests/WireProtocolTests/Fixtures/*.txtpb) with Google's own
# protoc, so that the protobuf-c encoding is checked against an independent implementation.
# Needs protoc from Debian's protobuf-compiler; scripts/setup.sh installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
fixtures=${1:-Tests/WireProtocolTests/Fixtures}

declare -A message_of=(
    [envelope-request]=suban.v1.Envelope
    [envelope-response-error]=suban.v1.Envelope
    [health-response]=suban.v1.HealthResponse
    [stats-response]=suban.v1.StatsResponse
)
for text in Tests/WireProtocolTests/Fixtures/*.txtpb; do
    name=$(basename "$text" .txtpb)
    message=${message_of[$name]:?"no message type known for fixture $name"}
    (cd Shared/Protos && protoc --encode="$message" suban/v1/*.proto) <"$text" >"$fixtures/$name.bin"
done
