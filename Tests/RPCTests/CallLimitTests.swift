import NIOCore
import RPC
import TestSupport
import Testing
import WireProtocol

/// A connection runs at most `maximumCallsInFlight` calls at once; one beyond is refused at once
/// with `resource_exhausted`, and the connection stays usable.
@Suite("RPC calls in flight per connection", .timeLimit(.minutes(1)))
struct CallLimitTests {
    @Test func aCallBeyondTheLimitIsRefusedAtOnceAndTheConnectionGoesOn() async throws {
        let gate = Gate()
        let arrivals = ArrivalCounter(target: 2)
        let configuration = RPCServer.Configuration(maximumCallsInFlight: 2)
        try await withTestServer(EchoService.router(slowGate: gate, arrivals: arrivals), configuration: configuration) {
            _, port in
            try await FrameConnection.with(port: port) { raw in
                defer { gate.open() }
                try await raw.send(FrameConnection.request(callID: 1, method: "test.slow", EchoService.request("one")))
                try await raw.send(FrameConnection.request(callID: 2, method: "test.slow", EchoService.request("two")))
                await arrivals.allArrived.wait()

                // Answered while the two slow calls still hold their places.
                try await raw.send(
                    FrameConnection.request(callID: 3, method: "test.echo", EchoService.request("three")))
                let refused = try #require(try await raw.receive())
                #expect(refused.callID == 3)
                #expect(refused.status == .resourceExhausted)
                #expect(refused.statusMessage == "more than 2 calls in flight on this connection; retry")

                gate.open()
                let finished = Set(
                    [try #require(try await raw.receive()), try #require(try await raw.receive())].map(\.callID))
                #expect(finished == [1, 2])

                // Places are free again.
                try await raw.send(FrameConnection.request(callID: 4, method: "test.echo", EchoService.request("four")))
                let answer = try #require(try await raw.receive())
                #expect(answer.callID == 4)
                #expect(answer.status == .ok)
            }
        }
    }

    @Test func theLimitIsPerConnection() async throws {
        let gate = Gate()
        let arrivals = ArrivalCounter(target: 1)
        let configuration = RPCServer.Configuration(maximumCallsInFlight: 1)
        try await withTestServer(EchoService.router(slowGate: gate, arrivals: arrivals), configuration: configuration) {
            _, port in
            try await FrameConnection.with(port: port) { busy in
                defer { gate.open() }
                try await busy.send(FrameConnection.request(callID: 1, method: "test.slow", EchoService.request("one")))
                await arrivals.allArrived.wait()
                try await FrameConnection.with(port: port) { other in
                    try await other.send(
                        FrameConnection.request(callID: 1, method: "test.echo", EchoService.request("other")))
                    #expect(try await other.receive()?.status == .ok)
                }
                gate.open()
                #expect(try await busy.receive()?.status == .ok)
            }
        }
    }
}
