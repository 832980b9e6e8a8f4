import Logging
import NIOCore
import RPC
import ServiceLifecycle
import TestSupport
import Testing
import WireProtocol

@Suite("RPC server and client lifecycle")
struct RPCLifecycleTests {
    @Test func clientReconnectsAfterTheServerRestarts() async throws {
        var client: RPCClient?
        // Below the ephemeral range: no other test's server on port 0 takes it while it is closed.
        let port = try await SystemTestPorts.free()
        try await withTestServer(EchoService.router(), configuration: RPCServer.Configuration(port: port)) { _, port in
            let first = makeTestClient(port: port)
            client = first
            let response = try await first.call("test.echo", EchoService.request("before"), as: HealthResponse.self)
            #expect(response.service == "before")
        }
        let sameClient = try #require(client)
        try await withTestServer(EchoService.router(), configuration: RPCServer.Configuration(port: port)) { _, _ in
            let response = try await sameClient.call("test.echo", EchoService.request("after"), as: HealthResponse.self)
            #expect(response.service == "after")
        }
        await sameClient.shutdown()
    }

    @Test func clientWaitsOutBackoffUntilTheServerComesUp() async throws {
        // A free port below the ephemeral range (no other test's server on port 0 takes it), left
        // closed while the client starts calling.
        let port = try await SystemTestPorts.free()
        // The deadline is only a safety net: CI's parallel suites once starved this call past 10 s.
        let client = makeTestClient(port: port, timeout: .seconds(30))
        let reached = Gate()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                reached.open()
                let response = try await client.call(
                    "test.echo", EchoService.request("eventually"), as: HealthResponse.self)
                #expect(response.service == "eventually")
            }
            await reached.wait()
            try await withTestServer(EchoService.router(), configuration: RPCServer.Configuration(port: port)) { _, _ in
                try await group.next()
            }
        }
        await client.shutdown()
    }

    @Test func gracefulShutdownFinishesTheCallsInFlight() async throws {
        let gate = Gate()
        let reached = Gate()
        let server = RPCServer(
            configuration: RPCServer.Configuration(),
            identity: RPCServer.Identity(service: "test", version: "test"),
            router: EchoService.router(slowGate: gate, reached: reached),
            logger: .quiet
        )
        let serviceGroup = ServiceGroup(services: [server], logger: .quiet)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await serviceGroup.run() }
            let port = try await server.listeningAddress.port!
            let client = makeTestClient(port: port)
            tasks.addTask {
                let response = try await client.call(
                    "test.slow", EchoService.request("in flight"), as: HealthResponse.self)
                #expect(response.service == "in flight")
            }
            await reached.wait()
            await serviceGroup.triggerGracefulShutdown()
            gate.open()
            try await tasks.waitForAll()

            let late = RPCClient(
                configuration: RPCClient.Configuration(host: "127.0.0.1", port: port, waitsForConnection: false),
                logger: .quiet
            )
            await #expect(throws: RPCError.self) {
                _ = try await late.call("health", HealthRequest(), as: HealthResponse.self)
            }
            await client.shutdown()
        }
    }
}
