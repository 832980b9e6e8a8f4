import Logging
import NIOCore
import NIOEmbedded
import TestSupport
import Testing
import WireProtocol

@testable import RPC

@Suite("RPC idle timeout decision")
struct IdleTimeoutDecisionTests {
    let idle = IdleTimeout(timeout: .seconds(300), grace: .seconds(10))
    let start = NIODeadline.uptimeNanoseconds(1_000_000_000_000)

    @Test func anIdleConnectionIsAnnouncedOnceTheTimeoutHasPassedSinceTheLastBytesThenClosed() {
        let due = start + .seconds(300)
        #expect(
            idle.check(now: due, lastRead: start, lastCallEnded: start - .seconds(5), callsRunning: 0)
                == .announce(checkAgainAt: due + .seconds(10))
        )
        #expect(
            idle.check(now: start + .seconds(299), lastRead: start, lastCallEnded: start, callsRunning: 0)
                == .checkAgain(at: due)
        )
        #expect(
            idle.check(
                now: due + .seconds(10), lastRead: start, lastCallEnded: start, callsRunning: 0, announcedAt: due)
                == .close)
    }

    @Test func aCallAfterTheNoticeIsServedAndTheConnectionStartsOver() {
        let announced = start + .seconds(300)
        let lastRead = announced + .seconds(1)
        #expect(
            idle.check(
                now: announced + .seconds(10), lastRead: lastRead, lastCallEnded: start, callsRunning: 0,
                announcedAt: announced)
                == .checkAgain(at: lastRead + .seconds(300))
        )
    }

    @Test func aRunningCallKeepsTheConnectionOpenWhateverTheSilence() {
        let now = start + .seconds(3600)
        #expect(
            idle.check(now: now, lastRead: start, lastCallEnded: start, callsRunning: 1)
                == .checkAgain(at: now + .seconds(300)))
    }

    @Test func theTimeoutCountsFromTheEndOfTheLastCall() {
        let ended = start + .seconds(200)
        #expect(
            idle.check(now: start + .seconds(300), lastRead: start, lastCallEnded: ended, callsRunning: 0)
                == .checkAgain(at: ended + .seconds(300)))
        #expect(
            idle.check(now: ended + .seconds(300), lastRead: start, lastCallEnded: ended, callsRunning: 0)
                == .announce(checkAgainAt: ended + .seconds(310))
        )
    }
}

/// The handler on a virtual clock: what closes a connection and what keeps it open.
@Suite("RPC idle timeout handler")
struct IdleTimeoutHandlerTests {
    static func channel(timeout: TimeAmount = .seconds(300)) throws -> (
        EmbeddedChannel, EmbeddedEventLoop, ConnectionCalls
    ) {
        let loop = EmbeddedEventLoop()
        let calls = ConnectionCalls(limit: 4, now: loop.now)
        let channel = EmbeddedChannel(loop: loop)
        try channel.pipeline.syncOperations.addHandler(
            IdleTimeoutHandler(timeout: timeout, grace: .seconds(10), calls: calls, logger: .quiet))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, loop, calls)
    }

    @Test func aSilentConnectionHearsTheNoticeAtTheTimeoutAndIsClosedAfterTheGrace() throws {
        let (channel, loop, _) = try Self.channel()
        loop.advanceTime(by: .seconds(299))
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
        loop.advanceTime(by: .seconds(1))
        let notice = try #require(try channel.readOutbound(as: ByteBuffer.self), "no notice at the timeout")
        #expect(notice == RPCServer.idleNotice)
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(10))
        #expect(!channel.isActive)
    }

    @Test func everyByteReadPostponesTheClose() throws {
        let (channel, loop, _) = try Self.channel()
        loop.advanceTime(by: .seconds(200))
        try channel.writeInbound(ByteBuffer(bytes: [0x00]))  // half a frame header still counts
        loop.advanceTime(by: .seconds(299))
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
        loop.advanceTime(by: .seconds(11))
        #expect(!channel.isActive)
    }

    @Test func aRunningCallKeepsItOpenAndTheTimeoutCountsFromItsEnd() throws {
        let (channel, loop, calls) = try Self.channel()
        #expect(calls.start())
        loop.advanceTime(by: .seconds(3600))
        #expect(channel.isActive)
        calls.end(at: loop.now)
        loop.advanceTime(by: .seconds(299))
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
        loop.advanceTime(by: .seconds(11))
        #expect(!channel.isActive)
    }
}

/// The server closes a connection that stays idle for the configured time, and goes on serving.
@Suite("RPC idle timeout", .timeLimit(.minutes(1)))
struct IdleTimeoutTests {
    @Test func anIdleConnectionHearsTheNoticeAndIsClosedByTheServer() async throws {
        let configuration = RPCServer.Configuration(
            shutdownGracePeriod: .milliseconds(200), idleTimeout: .milliseconds(200))
        try await withTestServer(EchoService.router(), configuration: configuration) { _, port in
            let connected = ContinuousClock.now
            try await FrameConnection.with(port: port) { raw in
                let notice = try #require(try await raw.receive(), "closed without the notice")
                #expect(notice.callID == 0)
                #expect(
                    ContinuousClock.now - connected >= .milliseconds(190),
                    "announced before it was idle for the timeout")
                // This client ignores the notice: after the grace the server closes.
                #expect(try await raw.receive() == nil, "the server kept an idle connection open")
            }
        }
    }

    /// The client hears the notice, takes no new call on that connection and closes it: a call
    /// made long after is carried on a new one, never lost in a race with the close.
    @Test func aClientIdleBeyondTheTimeoutCallsAgainWithoutAnError() async throws {
        // The grace stays long: a call the client sent before it heard must find the connection open.
        let configuration = RPCServer.Configuration(idleTimeout: .milliseconds(100))
        try await withTestServer(EchoService.router(), configuration: configuration) { server, port in
            let client = makeTestClient(port: port)
            for round in 0..<3 {
                #expect(
                    try await client.call("test.echo", EchoService.request("round \(round)"), as: HealthResponse.self)
                        .service == "round \(round)")
                // The client closes the connection itself once it has heard the notice.
                let closed = try await eventually(within: 10) {
                    server.statistics.snapshot(service: "test").openConnections == 0
                }
                #expect(closed, "the client kept the announced connection open")
            }
            await client.shutdown()
        }
    }

    /// Each call is made about when the server announces the idle close of the connection the
    /// last one used (the pause is the subject here, not a synchronisation): calls race the
    /// notice, and each is answered once, on the connection it reached or on a new one.
    @Test func callsRacingTheIdleNoticeAreSentAgainNeverLost() async throws {
        // Not shorter: a client that cannot write within the timeout of connecting, as on a machine
        // running every suite at once, would be told to go away again on each new connection.
        let configuration = RPCServer.Configuration(idleTimeout: .milliseconds(100))
        var random = SeededRandom(seed: 16_5)
        try await withTestServer(EchoService.router(), configuration: configuration) { _, port in
            let client = makeTestClient(port: port)
            for round in 0..<50 {
                try await Task.sleep(for: .microseconds(Int.random(in: 90_000...110_000, using: &random)))
                let answer = try await client.call(
                    "test.echo", EchoService.request("\(round)"), as: HealthResponse.self)
                #expect(answer.service == "\(round)")
            }
            await client.shutdown()
        }
    }
}
