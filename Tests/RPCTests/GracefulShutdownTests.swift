import Logging
import NIOCore
import RPC
import ServiceLifecycle
import TestSupport
import Testing
import WireProtocol

/// SIGTERM in process: the calls a server already runs are answered, the calls that reach it
/// afterwards are refused without running, and nothing answered is lost on the way out.
@Suite("RPC graceful shutdown")
struct GracefulShutdownTests {
    /// How one call ended, comparable across tasks.
    enum Outcome: Equatable, Sendable {
        case answered(String)
        case failed(StatusCode, String)

        static func of(_ call: () async throws -> HealthResponse) async -> Outcome {
            do {
                return .answered(try await call().service)
            } catch let error as RPCError {
                return .failed(error.code, error.message)
            } catch {
                return .failed(.unknown, "\(error)")
            }
        }
    }

    static func server(router: RPCRouter, configuration: RPCServer.Configuration = RPCServer.Configuration())
        -> RPCServer
    {
        RPCServer(
            configuration: configuration, identity: RPCServer.Identity(service: "test", version: "test"),
            router: router, logger: .quiet)
    }

    @Test func callsInFlightAreAnsweredAndLaterCallsAreRefusedWithoutRunning() async throws {
        let inFlight = 64
        let late = 16
        let gate = Gate()
        let arrivals = ArrivalCounter(target: inFlight)
        let server = Self.server(router: EchoService.router(slowGate: gate, arrivals: arrivals))
        let serviceGroup = ServiceGroup(services: [server], logger: .quiet)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await serviceGroup.run() }
            defer { tasks.cancelAll() }
            let port = try #require(try await server.listeningAddress.port)
            let client = makeTestClient(port: port, timeout: .seconds(30))
            let outcomes = try await FrameConnection.with(port: port) { raw in
                try await raw.send(FrameConnection.request(callID: 1, method: "test.echo", EchoService.request("raw")))
                #expect(try await raw.receive()?.status == .ok)

                return try await withThrowingTaskGroup(of: (Int, Outcome).self) { calls in
                    // Whatever fails below, the handlers must not stay blocked.
                    defer { gate.open() }
                    for index in 0..<inFlight {
                        calls.addTask {
                            (
                                index,
                                await Outcome.of {
                                    try await client.call(
                                        "test.slow", EchoService.request("call-\(index)"), as: HealthResponse.self)
                                }
                            )
                        }
                    }
                    await arrivals.allArrived.wait()
                    await serviceGroup.triggerGracefulShutdown()

                    // An idle connection hears that the server is going away, and stays open.
                    let notice = try #require(
                        try await raw.receive(), "the server closed an idle connection instead of draining it")
                    #expect(notice.callID == 0)
                    #expect(notice.status == .unavailable)

                    // From now on no call runs: the slow handler would block on the closed gate.
                    for index in 0..<late {
                        calls.addTask {
                            (
                                inFlight + index,
                                await Outcome.of {
                                    try await client.call(
                                        "test.slow", EchoService.request("late-\(index)"), as: HealthResponse.self,
                                        timeout: .seconds(1))
                                }
                            )
                        }
                    }
                    for index in 0..<late {
                        try await raw.send(
                            FrameConnection.request(
                                callID: UInt64(2 + index), method: "test.slow", EchoService.request("raw-late")))
                    }
                    for _ in 0..<late {
                        let answer = try #require(
                            try await raw.receive(), "the server closed the connection instead of answering")
                        #expect(answer.status == .unavailable)
                        #expect(answer.statusMessage == "shutting down; retry")
                    }
                    gate.open()
                    var outcomes: [Int: Outcome] = [:]
                    for try await (index, outcome) in calls { outcomes[index] = outcome }
                    return outcomes
                }
            }
            for index in 0..<inFlight {
                #expect(outcomes[index] == .answered("call-\(index)"))
            }
            for index in inFlight..<(inFlight + late) {
                guard case .failed(let code, let message) = outcomes[index] else {
                    Issue.record("late call \(index) ran: \(String(describing: outcomes[index]))")
                    continue
                }
                #expect(code == .unavailable, "\(message)")
                #expect(!message.contains("before the response arrived"), "\(message)")
                #expect(!message.contains("connection failed"), "\(message)")
            }
            #expect(arrivals.arrivals == inFlight)
            // Every peer has closed: the server stops by itself.
            try await tasks.next()
            await client.shutdown()
        }
    }

    @Test func aPeerThatNeverClosesIsClosedAfterTheGracePeriod() async throws {
        let server = Self.server(
            router: EchoService.router(),
            configuration: RPCServer.Configuration(shutdownGracePeriod: .milliseconds(200)))
        let serviceGroup = ServiceGroup(services: [server], logger: .quiet)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await serviceGroup.run() }
            defer { tasks.cancelAll() }
            let port = try #require(try await server.listeningAddress.port)
            try await FrameConnection.with(port: port) { raw in
                try await raw.send(
                    FrameConnection.request(callID: 1, method: "test.echo", EchoService.request("before")))
                #expect(try await raw.receive()?.status == .ok)
                await serviceGroup.triggerGracefulShutdown()
                #expect(try await raw.receive()?.callID == 0)
                // This peer ignores the notice and keeps the connection open; the server closes it.
                #expect(try await raw.receive() == nil)
                try await tasks.next()
            }
        }
    }
}
