import Logging
import NIOCore
import NIOEmbedded
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

/// The handler on a virtual clock: what closes a connection and what keeps it open.
@Suite("RPC idle timeout handler")
struct IdleTimeoutHandlerTests {
    static func channel(timeout: TimeAmount = .seconds(300)) throws -> (EmbeddedChannel, EmbeddedEventLoop, ConnectionCalls) {
        let loop = EmbeddedEventLoop()
        let calls = ConnectionCalls(limit: 4, now: loop.now)
        let channel = EmbeddedChannel(loop: loop)
        try channel.pipeline.syncOperations.addHandler(IdleTimeoutHandler(timeout: timeout, calls: calls, logger: .quiet))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, loop, calls)
    }

    @Test func aSilentConnectionIsClosedAtTheTimeoutAndNotBefore() throws {
        let (channel, loop, _) = try Self.channel()
        loop.advanceTime(by: .seconds(299))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test func everyByteReadPostponesTheClose() throws {
        let (channel, loop, _) = try Self.channel()
        loop.advanceTime(by: .seconds(200))
        try channel.writeInbound(ByteBuffer(bytes: [0x00]))  // half a frame header still counts
        loop.advanceTime(by: .seconds(299))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test func aRunningCallKeepsItOpenAndTheTimeoutCountsFromItsEnd() throws {
        let (channel, loop, calls) = try Self.channel()
        #expect(calls.start())
        loop.advanceTime(by: .seconds(3600))
        #expect(channel.isActive)
        calls.end(at: loop.now)
        loop.advanceTime(by: .seconds(299))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(301))
        #expect(!channel.isActive)
    }
}

/// The server closes a connection that stays idle for the configured time, and goes on serving.
@Suite("RPC idle timeout", .timeLimit(.minutes(1)))
struct IdleTimeoutTests {
    @Test func anIdleConnectionIsClosedByTheServer() async throws {
        let configuration = RPCServer.Configuration(idleTimeout: .milliseconds(200))
        try await withTestServer(EchoService.router(), configuration: configuration) { _, port in
            let connected = ContinuousClock.now
            try await FrameConnection.with(port: port) { raw in
                // Nothing is sent: a call sent now could race the close on a loaded machine.
                let closed = try await raw.receive() == nil
                #expect(closed, "the server kept an idle connection open")
            }
            #expect(ContinuousClock.now - connected >= .milliseconds(190), "closed before it was idle for the timeout")
            let client = makeTestClient(port: port)
            #expect(try await client.call("test.echo", EchoService.request("still here"), as: HealthResponse.self).service == "still here")
            await client.shutdown()
        }
    }
}
