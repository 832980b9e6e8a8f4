import PropertyBased
import Testing
import WireProtocol

/// Any value that the Swift types can hold survives encoding and decoding unchanged.
@Suite("Wire round trips")
struct RoundTripTests {
    /// Printable and Chinese text without NUL (which the wire refuses) and without surrogates.
    static let text = Gen.character(in: "\u{1}"..."\u{D7FF}").string(of: 0...24)
    static let header = zip(text, text).map { Header(name: $0, value: $1) }
    static let violation = zip(text, text, text).map { FieldViolation(field: $0, code: $1, message: $2) }
    static let status = Gen<StatusCode>.case
    static let latency = zip(Gen.int64(in: 0...), Gen.int64(in: 0...), Gen.int64(in: 0...), Gen.int64(in: 0...)).map {
        LatencySummary(p50Microseconds: $0, p90Microseconds: $1, p99Microseconds: $2, maxMicroseconds: $3)
    }

    @Test func envelope() async throws {
        let envelopes = zip(
            Gen.uint64(),
            Gen.bool,
            Self.text,
            Gen.uint8().array(of: 0...300),
            Self.status,
            Self.text,
            Self.violation.array(of: 0...3),
            Self.header.array(of: 0...3)
        ).map { fields in
            let (callID, isRequest, method, body, status, message, violations, headers) = fields
            return Envelope(
                callID: callID,
                kind: isRequest ? .request : .response,
                method: method,
                body: body,
                status: status,
                statusMessage: message,
                fieldViolations: violations,
                headers: headers
            )
        }
        await propertyCheck(count: 300, input: envelopes) { envelope in
            #expect((try? Envelope(wireBytes: envelope.wireBytes())) == envelope)
        }
    }

    @Test func healthResponse() async throws {
        let responses = zip(Self.text, Gen<Bool>.bool, Self.text, Gen.int64(), Gen.int64()).map {
            HealthResponse(
                service: $0,
                status: $1 ? .serving : .notServing,
                version: $2,
                startedAtUnixMilliseconds: $3,
                uptimeMilliseconds: $4
            )
        }
        await propertyCheck(count: 200, input: responses) { response in
            #expect((try? HealthResponse(wireBytes: response.wireBytes())) == response)
        }
    }

    @Test func statsResponse() async throws {
        let method = zip(Self.text, Gen.uint64(), Gen.uint64(), Self.latency).map {
            MethodStats(method: $0, calls: $1, errors: $2, latency: $3)
        }
        let responses = zip(Self.text, Gen.uint64(), Gen.uint64(), Self.latency, method.array(of: 0...4), Gen.uint32())
            .map {
                StatsResponse(service: $0, callsServed: $1, errors: $2, latency: $3, methods: $4, openConnections: $5)
            }
        await propertyCheck(count: 200, input: responses) { response in
            #expect((try? StatsResponse(wireBytes: response.wireBytes())) == response)
        }
    }
}
