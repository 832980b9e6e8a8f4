import NIOCore
import NIOPosix
import RPC
import TestSupport
import Testing
import WireProtocol

/// Handlers registered with `registerImmediate` run on the connection's event loop as the call is
/// read, and are answered like any other: same errors, same deadlines, same statistics.
@Suite("RPC immediate handlers", .timeLimit(.minutes(1)))
struct ImmediateCallTests {
    /// `test.echo` and `test.slow` run in tasks; `test.now.*` are immediate.
    static func router(ran: ArrivalCounter? = nil, slowGate: Gate? = nil, arrivals: ArrivalCounter? = nil)
        -> RPCRouter
    {
        var router = EchoService.router(slowGate: slowGate, arrivals: arrivals)
        router.registerImmediate("test.now.echo") { (request: HealthResponse, _) in
            ran?.arrive()
            return request
        }
        router.registerImmediate("test.now.where") { (_: HealthRequest, _) in
            EchoService.request(Self.whereItRuns())
        }
        router.register("test.where") { (_: HealthRequest, _) in
            EchoService.request(Self.whereItRuns())
        }
        router.registerImmediate("test.now.invalid") { (_: HealthRequest, _) -> HealthResponse in
            throw RPCError(
                .invalidArgument, "order rejected",
                fieldViolations: [FieldViolation(field: "caller.phone", code: "malformed", message: "not a phone")])
        }
        router.registerImmediate("test.now.crash") { (_: HealthRequest, _) -> HealthResponse in
            struct SecretDatabaseError: Error {}
            throw SecretDatabaseError()
        }
        return router
    }

    static func whereItRuns() -> String {
        MultiThreadedEventLoopGroup.currentEventLoop == nil ? "task" : "event loop"
    }

    @Test func anImmediateHandlerRunsOnTheEventLoopAndATaskHandlerOffIt() async throws {
        try await withTestServer(Self.router()) { _, port in
            let client = makeTestClient(port: port)
            let immediate = try await client.call("test.now.where", HealthRequest(), as: HealthResponse.self)
            let task = try await client.call("test.where", HealthRequest(), as: HealthResponse.self)
            #expect(immediate.service == "event loop")
            #expect(task.service == "task")
            await client.shutdown()
        }
    }

    @Test func immediateCallsAreAnsweredWhileTheConnectionIsAtItsLimit() async throws {
        let gate = Gate()
        let arrivals = ArrivalCounter(target: 1)
        let configuration = RPCServer.Configuration(maximumCallsInFlight: 1)
        try await withTestServer(Self.router(slowGate: gate, arrivals: arrivals), configuration: configuration) {
            _, port in
            try await FrameConnection.with(port: port) { raw in
                defer { gate.open() }
                try await raw.send(FrameConnection.request(callID: 1, method: "test.slow", EchoService.request("one")))
                await arrivals.allArrived.wait()

                try await raw.send(FrameConnection.request(callID: 2, method: "test.echo", EchoService.request("two")))
                let refused = try #require(try await raw.receive())
                #expect(refused.callID == 2)
                #expect(refused.status == .resourceExhausted)

                try await raw.send(FrameConnection.request(callID: 3, method: "health", HealthRequest()))
                try await raw.send(
                    FrameConnection.request(callID: 4, method: "test.now.echo", EchoService.request("four")))
                let answers = [try #require(try await raw.receive()), try #require(try await raw.receive())]
                #expect(answers.map(\.callID) == [3, 4])
                #expect(answers.allSatisfy { $0.status == .ok })
                #expect(try HealthResponse(wireBytes: answers[1].body).service == "four")

                gate.open()
                #expect(try await raw.receive()?.callID == 1)
            }
        }
    }

    @Test func anImmediateHandlersErrorsReachTheWireAsATaskHandlersDo() async throws {
        try await withTestServer(Self.router()) { _, port in
            let client = makeTestClient(port: port)
            let rejected = await #expect(throws: RPCError.self) {
                _ = try await client.call("test.now.invalid", HealthRequest(), as: HealthResponse.self)
            }
            #expect(rejected?.code == .invalidArgument)
            #expect(rejected?.message == "order rejected")
            #expect(rejected?.fieldViolations.map(\.field) == ["caller.phone"])

            let crashed = await #expect(throws: RPCError.self) {
                _ = try await client.call("test.now.crash", HealthRequest(), as: HealthResponse.self)
            }
            #expect(crashed?.code == .internal)
            let traceID = try #require(crashed?.traceID)
            #expect(crashed?.message == "internal error (trace id \(traceID))")
            #expect(crashed?.message.contains("SecretDatabaseError") == false)
            await client.shutdown()
        }
    }

    @Test func anImmediateCallWhoseDeadlineHasPassedDoesNotRun() async throws {
        let ran = ArrivalCounter(target: 1)
        try await withTestServer(Self.router(ran: ran)) { _, port in
            try await FrameConnection.with(port: port) { raw in
                var late = try FrameConnection.request(
                    callID: 7, method: "test.now.echo", EchoService.request("late"))
                late.headers.append(Header(name: Header.timeoutMilliseconds, value: "0"))
                try await raw.send(late)
                let answer = try #require(try await raw.receive())
                #expect(answer.callID == 7)
                #expect(answer.status == .deadlineExceeded)
                #expect(ran.arrivals == 0)

                try await raw.send(
                    FrameConnection.request(callID: 8, method: "test.now.echo", EchoService.request("on time")))
                #expect(try await raw.receive()?.status == .ok)
                #expect(ran.arrivals == 1)
            }
        }
    }

    @Test func immediateAndTaskCallsInterleavedOnOneConnectionEachGetTheirOwnAnswerOnce() async throws {
        try await withTestServer(Self.router()) { server, port in
            let client = makeTestClient(port: port)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let method = index.isMultiple(of: 2) ? "test.now.echo" : "test.echo"
                        let text = "call-\(index)"
                        let response = try await client.call(method, EchoService.request(text), as: HealthResponse.self)
                        #expect(response.service == text)
                    }
                }
                try await group.waitForAll()
            }
            let methods = server.statistics.snapshot(service: "test").methods
            #expect(methods.first { $0.method == "test.now.echo" }?.calls == 100)
            #expect(methods.first { $0.method == "test.echo" }?.calls == 100)
            await client.shutdown()
        }
    }
}
