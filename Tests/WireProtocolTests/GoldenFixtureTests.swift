import Foundation
import Testing
import WireProtocol

/// The fixtures are encoded by Google's protoc (scripts/generate-fixtures.sh), so these tests
/// hold protobuf-c and the Swift mapping to an independent implementation, byte for byte.
@Suite("Golden wire fixtures")
struct GoldenFixtureTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "bin", subdirectory: "Fixtures"))
        return [UInt8](try Data(contentsOf: url))
    }

    static let request = Envelope(
        callID: 42,
        kind: .request,
        method: "intake.submit",
        body: [0x08, 0x01],
        headers: [Header(name: "timeout-ms", value: "5000"), Header(name: "trace-id", value: "trace-一二三")]
    )

    static let errorResponse = Envelope(
        callID: 7,
        kind: .response,
        status: .invalidArgument,
        statusMessage: "校验失败",
        fieldViolations: [FieldViolation(field: "caller.phone", code: "malformed", message: "电话号码格式不正确")]
    )

    static let health = HealthResponse(
        service: "intake",
        status: .serving,
        version: "0.1.0",
        startedAtUnixMilliseconds: 1_795_000_000_000,
        uptimeMilliseconds: 61_000
    )

    static let stats = StatsResponse(
        service: "sla",
        callsServed: 1000,
        errors: 3,
        latency: LatencySummary(p50Microseconds: 80, p90Microseconds: 120, p99Microseconds: 450, maxMicroseconds: 9000),
        methods: [
            MethodStats(
                method: "health",
                calls: 997,
                errors: 0,
                latency: LatencySummary(
                    p50Microseconds: 80, p90Microseconds: 110, p99Microseconds: 400, maxMicroseconds: 900)
            ),
            MethodStats(
                method: "stats",
                calls: 3,
                errors: 3,
                latency: LatencySummary(
                    p50Microseconds: 90, p90Microseconds: 130, p99Microseconds: 130, maxMicroseconds: 9000)
            ),
        ],
        openConnections: 2
    )

    @Test func requestEnvelope() throws {
        let bytes = try Self.fixture("envelope-request")
        #expect(try Self.request.wireBytes() == bytes)
        #expect(try Envelope(wireBytes: bytes) == Self.request)
    }

    @Test func errorResponseEnvelope() throws {
        let bytes = try Self.fixture("envelope-response-error")
        #expect(try Self.errorResponse.wireBytes() == bytes)
        #expect(try Envelope(wireBytes: bytes) == Self.errorResponse)
    }

    @Test func healthResponse() throws {
        let bytes = try Self.fixture("health-response")
        #expect(try Self.health.wireBytes() == bytes)
        #expect(try HealthResponse(wireBytes: bytes) == Self.health)
    }

    @Test func statsResponse() throws {
        let bytes = try Self.fixture("stats-response")
        #expect(try Self.stats.wireBytes() == bytes)
        #expect(try StatsResponse(wireBytes: bytes) == Self.stats)
    }

    @Test func emptyRequestsEncodeToNothing() throws {
        #expect(try HealthRequest().wireBytes().isEmpty)
        #expect(try StatsRequest().wireBytes().isEmpty)
        #expect(try HealthRequest(wireBytes: [UInt8]()) == HealthRequest())
    }
}
