import Logging
import NIOCore
import RPC
import ServiceLifecycle
import TestSupport
import Testing
import WireProtocol

@Suite("RPC over loopback")
struct RPCIntegrationTests {
    @Test func sixtyFourConcurrentCallsOnOneConnectionEachGetTheirOwnAnswer() async throws {
        try await withTestServer(EchoService.router()) { server, port in
            let client = makeTestClient(port: port)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<64 {
                    group.addTask {
                        let text = "call-\(index)-" + String(repeating: "工", count: index)
                        let response = try await client.call(
                            "test.echo", EchoService.request(text), as: HealthResponse.self)
                        #expect(response.service == text)
                    }
                }
                try await group.waitForAll()
            }
            let stats = server.statistics.snapshot(service: "test")
            #expect(stats.openConnections == 1)
            #expect(stats.methods.first { $0.method == "test.echo" }?.calls == 64)
            await client.shutdown()
        }
    }

    @Test func healthAndStatsAreBuiltIn() async throws {
        try await withTestServer(EchoService.router(), service: "intake") { _, port in
            let client = makeTestClient(port: port)
            let health = try await client.call("health", HealthRequest(), as: HealthResponse.self)
            #expect(health.service == "intake")
            #expect(health.status == .serving)
            let stats = try await client.call("stats", StatsRequest(), as: StatsResponse.self)
            #expect(stats.callsServed >= 1)
            await client.shutdown()
        }
    }

    @Test func callPastItsDeadlineFailsAndTheConnectionKeepsServing() async throws {
        let gate = Gate()
        let reached = Gate()
        try await withTestServer(EchoService.router(slowGate: gate, reached: reached)) { _, port in
            let client = makeTestClient(port: port)
            // The client's timer or the server's answer, whichever comes first: both say deadline_exceeded.
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.call(
                    "test.slow", EchoService.request("late"), as: HealthResponse.self, timeout: .milliseconds(100))
            }
            #expect(error?.code == .deadlineExceeded)
            await reached.wait()
            gate.open()
            let response = try await client.call("test.echo", EchoService.request("after"), as: HealthResponse.self)
            #expect(response.service == "after")
            await client.shutdown()
        }
    }

    @Test func unknownMethodIsUnimplemented() async throws {
        try await withTestServer(EchoService.router()) { _, port in
            let client = makeTestClient(port: port)
            await #expect(throws: RPCError(.unimplemented, "unknown method \"test.nothing\"")) {
                _ = try await client.call("test.nothing", HealthRequest(), as: HealthResponse.self)
            }
            await client.shutdown()
        }
    }

    @Test func bodyThatDoesNotDecodeIsInvalidArgument() async throws {
        try await withTestServer(EchoService.router()) { _, port in
            let client = makeTestClient(port: port)
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.callRaw("test.echo", body: [0x0A, 0x7F])
            }
            #expect(error?.code == .invalidArgument)
            await client.shutdown()
        }
    }

    @Test func handlerErrorsReachTheCallerWithTheirFieldViolations() async throws {
        try await withTestServer(EchoService.router()) { _, port in
            let client = makeTestClient(port: port)
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.call("test.invalid", HealthRequest(), as: HealthResponse.self)
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.fieldViolations.map(\.field) == ["caller.phone"])
            await client.shutdown()
        }
    }

    @Test func unexpectedHandlerErrorsAreInternalAndDoNotLeakDetails() async throws {
        try await withTestServer(EchoService.router()) { _, port in
            let client = makeTestClient(port: port)
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.call("test.crash", HealthRequest(), as: HealthResponse.self, traceID: "t-1")
            }
            #expect(error?.code == .internal)
            #expect(error?.message.contains("SecretDatabaseError") == false)
            #expect(error?.message.contains("t-1") == true)
            await client.shutdown()
        }
    }

    @Test func requestAboveTheMaximumFrameIsRefusedBeforeSending() async throws {
        try await withTestServer(EchoService.router()) { _, port in
            let client = makeTestClient(port: port, maximumFrameLength: 1024)
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.call(
                    "test.echo", EchoService.request(String(repeating: "x", count: 2000)), as: HealthResponse.self)
            }
            #expect(error?.code == .resourceExhausted)
            await client.shutdown()
        }
    }
}
