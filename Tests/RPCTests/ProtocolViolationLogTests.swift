import Logging
import NIOCore
import TestSupport
import Testing
import WireProtocol

@testable import RPC

@Suite("Log rate limit")
struct LogRateLimitTests {
    let start = NIODeadline.uptimeNanoseconds(1_000_000_000_000)

    @Test func atMostTheLimitPerWindowThenTheCountOfSuppressedLinesWithTheNextOne() {
        var limit = LogRateLimit(limit: 3, window: .minutes(1))
        let decisions = (0..<5).map { limit.admit(at: start + .seconds(Int64($0))) }
        #expect(
            decisions == [
                .log(suppressedBefore: 0, isLastOfWindow: false),
                .log(suppressedBefore: 0, isLastOfWindow: false),
                .log(suppressedBefore: 0, isLastOfWindow: true),
                .suppress,
                .suppress,
            ])
        #expect(limit.admit(at: start + .seconds(59)) == .suppress)
        #expect(limit.admit(at: start + .seconds(60)) == .log(suppressedBefore: 3, isLastOfWindow: false))
        #expect(limit.admit(at: start + .seconds(61)) == .log(suppressedBefore: 0, isLastOfWindow: false))
    }

    @Test func aQuietServerLogsEveryViolation() {
        var limit = LogRateLimit(limit: 2, window: .minutes(1))
        for minute in 0..<5 {
            #expect(
                limit.admit(at: start + .minutes(Int64(minute))) == .log(suppressedBefore: 0, isLastOfWindow: false))
        }
    }
}

/// Violations of the wire protocol are logged at notice with the peer's address, and no more
/// than the configured number of lines a minute.
@Suite("RPC protocol violations in the log", .timeLimit(.minutes(1)))
struct ProtocolViolationLogTests {
    @Test func eachKindOfViolationIsLoggedAtNoticeWithThePeer() async throws {
        let log = LogCapture()
        let configuration = RPCServer.Configuration(maximumFrameLength: 4096)
        try await withServer(EchoService.router(), configuration: configuration, logger: log.logger()) { _, port in
            let violations: [[UInt8]] = [
                [0x00, 0x00, 0x10, 0x01, 0x00],  // oversized frame
                [0x00, 0x00, 0x00, 0x04, 0xFF, 0xFF, 0xFF, 0xFF],  // not an envelope
                [0x00, 0x00, 0x00, 0x04, 0x08, 0x01, 0x10, 0x07],  // unknown envelope kind
                [0x00, 0x00, 0x00, 0x04, 0x08, 0x01, 0x10, 0x01],  // a response sent to the server
            ]
            for bytes in violations {
                _ = try await RawConnection.connect(port: port).sendAndReadUntilClosed(bytes)
            }
            try await FrameConnection.with(port: port) { raw in
                try await raw.send(envelopeBytes: MalformedCallTests.requestBytes(callID: 9, method: [0x00]))
                #expect(try await raw.receive()?.status == .invalidArgument)
            }
        }
        let lines = log.entries("rpc.protocol_violation")
        #expect(lines.count == 5)
        for line in lines {
            #expect(line.level == .notice)
            #expect(line.metadata["rpc.peer"]?.contains("127.0.0.1") == true, "\(line.metadata)")
        }
        let described = lines.compactMap { $0.metadata["rpc.violation"] }
        #expect(described.contains { $0.contains("exceeds the maximum of 4096") })
        #expect(described.contains { $0.contains("unknown enum value") })
        #expect(described.contains { $0.contains("response envelope") })
        #expect(described.contains { $0.contains("NUL") })
        #expect(
            lines.compactMap { $0.metadata["rpc.action"] }.sorted() == ["call_refused"]
                + Array(repeating: "connection_closed", count: 4))
    }

    @Test func aFloodOfViolationsIsCutToTheLimit() async throws {
        let log = LogCapture()
        let configuration = RPCServer.Configuration(protocolViolationLogLimit: 3)
        try await withServer(EchoService.router(), configuration: configuration, logger: log.logger()) { _, port in
            try await FrameConnection.with(port: port) { raw in
                for callID in 1...10 as ClosedRange<UInt64> {
                    try await raw.send(envelopeBytes: MalformedCallTests.requestBytes(callID: callID, method: [0xFF]))
                }
                for _ in 1...10 {
                    #expect(try await raw.receive()?.status == .invalidArgument)
                }
            }
        }
        let lines = log.entries("rpc.protocol_violation")
        #expect(lines.count == 3)
        #expect(lines.last?.metadata["rpc.log_paused"] != nil)
    }
}
