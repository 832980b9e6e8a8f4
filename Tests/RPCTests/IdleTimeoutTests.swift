import NIOCore
@testable import RPC
import Testing
import TestSupport
import WireProtocol

@Suite("RPC idle timeout decision")
struct IdleTimeoutDecisionTests {
    let idle = IdleTimeout(timeout: .seconds(300))
    let start = NIODeadline.uptimeNanoseconds(1_000_000_000_000)

    @Test func anIdleConnectionClosesOnceTheTimeoutHasPassedSinceTheLastBytes() {
        #expect(idle.check(now: start + .seconds(300), lastRead: start, lastCallEnded: start - .seconds(5), callsRunning: 0) == .close)
        #expect(
            idle.check(now: start + .seconds(299), lastRead: start, lastCallEnded: start, callsRunning: 0)
                == .checkAgain(at: start + .seconds(300))
        )
    }

    @Test func aRunningCallKeepsTheConnectionOpenWhateverTheSilence() {
        let now = start + .seconds(3600)
        #expect(idle.check(now: now, lastRead: start, lastCallEnded: start, callsRunning: 1) == .checkAgain(at: now + .seconds(300)))
    }

    @Test func theTimeoutCountsFromTheEndOfTheLastCall() {
        let ended = start + .seconds(200)
        #expect(idle.check(now: start + .seconds(300), lastRead: start, lastCallEnded: ended, callsRunning: 0) == .checkAgain(at: ended + .seconds(300)))
        #expect(idle.check(now: ended + .seconds(300), lastRead: start, lastCallEnded: ended, callsRunning: 0) == .close)
    }
}

/// The server closes a connection that stays idle for the configured time, and only that one.
@Suite("RPC idle timeout", .timeLimit(.minutes(1)))
struct IdleTimeoutTests {
    @Test func anIdleConnectionIsClosedByTheServer() async throws {
        let configuration = RPCServer.Configuration(idleTimeout: .milliseconds(200))
        try await withTestServer(EchoService.router(), configuration: configuration) { _, port in
            try await FrameConnection.with(port: port) { raw in
                try await raw.send(FrameConnection.request(callID: 1, method: "test.echo", EchoService.request("x")))
                let answered = ContinuousClock.now
                #expect(try await raw.receive()?.status == .ok)
                #expect(try await raw.receive() == nil, "the server kept an idle connection open")
                #expect(ContinuousClock.now - answered >= .milliseconds(190), "closed before it was idle for the timeout")
            }
            // The server itself goes on.
            let client = makeTestClient(port: port)
            #expect(try await client.call("test.echo", EchoService.request("still here"), as: HealthResponse.self).service == "still here")
            await client.shutdown()
        }
    }

    @Test func aConnectionWithACallRunningIsNotClosed() async throws {
        let gate = Gate()
        let reached = Gate()
        let configuration = RPCServer.Configuration(idleTimeout: .milliseconds(100))
        try await withTestServer(EchoService.router(slowGate: gate, reached: reached), configuration: configuration) { _, port in
            try await FrameConnection.with(port: port) { raw in
                defer { gate.open() }
                try await raw.send(FrameConnection.request(callID: 1, method: "test.slow", EchoService.request("slow")))
                await reached.wait()
                // Time is what is under test: several idle timeouts pass with no byte on the connection.
                try await Task.sleep(for: .milliseconds(500))
                gate.open()
                let answer = try #require(try await raw.receive(), "the server closed a connection with a call running")
                #expect(answer.callID == 1)
                #expect(answer.status == .ok)
                #expect(try await raw.receive() == nil, "the server kept the connection open once it was idle")
            }
        }
    }

    @Test func aPeerThatStopsHalfWayThroughAFrameIsClosed() async throws {
        let configuration = RPCServer.Configuration(idleTimeout: .milliseconds(200))
        try await withTestServer(EchoService.router(), configuration: configuration) { _, port in
            try await FrameConnection.with(port: port) { raw in
                try await raw.send(rawBytes: [0x00, 0x00, 0x00, 0x40, 0x08, 0x01])  // 64 bytes announced, 2 sent
                #expect(try await raw.receive() == nil)
            }
        }
    }
}
