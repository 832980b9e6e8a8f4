import Logging
import NIOCore
import RPC
import ServiceLifecycle
import TestSupport
import Testing
import WireProtocol

/// A misbehaving peer loses its own connection and nothing else.
@Suite("RPC robustness")
struct RPCRobustnessTests {
    static func expectServerStillServes(port: Int) async throws {
        let client = makeTestClient(port: port)
        let response = try await client.call("test.echo", EchoService.request("still here"), as: HealthResponse.self)
        #expect(response.service == "still here")
        await client.shutdown()
    }

    @Test func oversizedFrameClosesOnlyThatConnection() async throws {
        let configuration = RPCServer.Configuration(maximumFrameLength: 4096)
        try await withTestServer(EchoService.router(), configuration: configuration) { _, port in
            let connection = try await RawConnection.connect(port: port)
            let answer = try await connection.sendAndReadUntilClosed([0x00, 0x50, 0x00, 0x00, 0x01, 0x02])
            #expect(answer.isEmpty)
            try await Self.expectServerStillServes(port: port)
        }
    }

    @Test(arguments: [
        Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8),  // length field reads as ~1.2 GB
        [0x00, 0x00, 0x00, 0x04, 0xFF, 0xFF, 0xFF, 0xFF],  // a frame that is not an envelope
        [0x00, 0x00, 0x00, 0x02, 0x10, 0x01],  // a response envelope sent to the server
    ])
    func garbageClosesOnlyThatConnection(bytes: [UInt8]) async throws {
        try await withTestServer(EchoService.router()) { _, port in
            let connection = try await RawConnection.connect(port: port)
            _ = try await connection.sendAndReadUntilClosed(bytes)
            try await Self.expectServerStillServes(port: port)
        }
    }

    @Test func randomGarbageNeverStopsTheServer() async throws {
        try await withTestServer(EchoService.router()) { _, port in
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<20 {
                let length = Int.random(in: 1...64, using: &generator)
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let connection = try await RawConnection.connect(port: port)
                _ = try await connection.sendAndReadUntilClosed(bytes)
            }
            try await Self.expectServerStillServes(port: port)
        }
    }
}
