import NIOCore
import RPC
import TestSupport
import Testing
import WireProtocol

/// A request whose method name or header is malformed fails alone with `invalid_argument`, under
/// its own call id; the connection and the other calls on it go on.
@Suite("RPC malformed calls", .timeLimit(.minutes(1)))
struct MalformedCallTests {
    /// Encodes a request envelope by hand, since the encoder refuses the strings under test.
    static func requestBytes(callID: UInt64, method: [UInt8], headers: [([UInt8], [UInt8])] = []) -> [UInt8] {
        var bytes: [UInt8] = [0x08] + varint(callID)  // call_id = 1; kind 0 (request) is the default
        bytes += [0x1A] + varint(UInt64(method.count)) + method  // method = 3
        for (name, value) in headers {
            let header = [0x0A] + varint(UInt64(name.count)) + name + [0x12] + varint(UInt64(value.count)) + value
            bytes += [0x42] + varint(UInt64(header.count)) + header  // headers = 8
        }
        return bytes
    }

    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        return bytes + [UInt8(value)]
    }

    static let echo = Array("test.echo".utf8)

    static let malformed: [(String, [UInt8])] = [
        ("NUL in the method", requestBytes(callID: 2, method: Array("test.e\0cho".utf8))),
        ("bad UTF-8 in the method", requestBytes(callID: 2, method: [0x74, 0xC3, 0x28])),
        ("method too long", requestBytes(callID: 2, method: Array(repeating: UInt8(ascii: "a"), count: 129))),
        ("control character in the method", requestBytes(callID: 2, method: Array("test.echo\u{1B}[2J".utf8))),
        ("empty method", requestBytes(callID: 2, method: [])),
        (
            "NUL in a header value",
            requestBytes(callID: 2, method: echo, headers: [(Array("trace-id".utf8), [0x61, 0x00])])
        ),
        (
            "bad UTF-8 in a header name",
            requestBytes(callID: 2, method: echo, headers: [([0xFF, 0xFE], Array("x".utf8))])
        ),
        (
            "header value too long",
            requestBytes(callID: 2, method: echo, headers: [(Array("x".utf8), Array(repeating: 0x61, count: 16_385))])
        ),
        (
            "too many headers",
            requestBytes(
                callID: 2, method: echo, headers: Array(repeating: (Array("x".utf8), Array("y".utf8)), count: 65))
        ),
    ]

    @Test(arguments: malformed)
    func aBadCallBetweenTwoGoodOnesFailsAloneAndTheGoodOnesAreAnswered(_ label: String, bad: [UInt8]) async throws {
        try await withTestServer(EchoService.router()) { _, port in
            try await FrameConnection.with(port: port) { raw in
                try await raw.send(
                    FrameConnection.request(callID: 1, method: "test.echo", EchoService.request("first")))
                try await raw.send(envelopeBytes: bad)
                try await raw.send(
                    FrameConnection.request(callID: 3, method: "test.echo", EchoService.request("third")))
                var answers: [UInt64: Envelope] = [:]
                for _ in 0..<3 {
                    let answer = try #require(try await raw.receive(), "\(label): the server closed the connection")
                    answers[answer.callID] = answer
                }
                #expect(answers[2]?.status == .invalidArgument, "\(label)")
                #expect(answers[2]?.statusMessage.hasPrefix("malformed request: ") == true, "\(label)")
                #expect(answers[2]?.header(Header.traceID)?.isEmpty == false, "\(label)")
                for (callID, text) in [(1, "first"), (3, "third")] as [(UInt64, String)] {
                    let answer = try #require(answers[callID], "\(label): call \(callID) unanswered")
                    #expect(answer.status == .ok, "\(label)")
                    #expect(try HealthResponse(wireBytes: answer.body).service == text, "\(label)")
                }
            }
        }
    }

    @Test func aResponseEnvelopeWithBadStringsStillClosesTheConnection() async throws {
        // Nobody to answer: a client has no business sending responses.
        var bad = Self.requestBytes(callID: 5, method: [0x00])
        bad += [0x10, 0x01]  // kind = response
        try await withTestServer(EchoService.router()) { _, port in
            try await FrameConnection.with(port: port) { raw in
                try await raw.send(envelopeBytes: bad)
                #expect(try await raw.receive() == nil)
            }
        }
    }
}
