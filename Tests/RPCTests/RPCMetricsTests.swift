import MetricsTestKit
import NIOCore
import RPC
import TestSupport
import Testing
import WireProtocol

/// The RPC metrics as swift-metrics sees them, through a `TestMetrics` factory per test: no
/// process-wide metrics backend.
@Suite("RPC metrics")
struct RPCMetricsTests {
    static func withMeasuredServer(
        _ serverMetrics: TestMetrics,
        _ body: (RPCServer, Int) async throws -> Void
    ) async throws {
        let server = RPCServer(
            configuration: RPCServer.Configuration(),
            identity: RPCServer.Identity(service: "test", version: "test"),
            router: EchoService.router(),
            logger: .quiet,
            statistics: ServerStatistics(metricsFactory: serverMetrics)
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            guard let port = try await server.listeningAddress.port else { throw ChannelError.unknownLocalAddress }
            try await body(server, port)
        }
    }

    static func client(port: Int, metrics: TestMetrics) -> RPCClient {
        RPCClient(
            configuration: RPCClient.Configuration(host: "127.0.0.1", port: port, defaultTimeout: .seconds(5)),
            logger: .quiet,
            metricsFactory: metrics
        )
    }

    @Test func callsAreCountedByMethodAndStatusOnBothSides() async throws {
        let serverMetrics = TestMetrics()
        let clientMetrics = TestMetrics()
        try await Self.withMeasuredServer(serverMetrics) { _, port in
            let client = Self.client(port: port, metrics: clientMetrics)
            for _ in 0..<3 {
                _ = try await client.call("test.echo", EchoService.request("hi"), as: HealthResponse.self)
            }
            await #expect(throws: RPCError.self) {
                _ = try await client.call("test.invalid", HealthRequest(), as: HealthResponse.self)
            }

            let echoed = try serverMetrics.expectCounter(
                "suban_rpc_server_calls_total", [("method", "test.echo"), ("status", "ok")])
            #expect(echoed.totalValue == 3)
            let rejected = try serverMetrics.expectCounter(
                "suban_rpc_server_calls_total", [("method", "test.invalid"), ("status", "invalid_argument")])
            #expect(rejected.totalValue == 1)
            #expect(
                try serverMetrics.expectTimer("suban_rpc_server_call_duration_seconds", [("method", "test.echo")])
                    .values.count == 3)
            // The client is still connected: its connection is open on the server.
            #expect(try serverMetrics.expectMeter("suban_rpc_server_connections").lastValue == 1)

            let clientEchoed = try clientMetrics.expectCounter(
                "suban_rpc_client_calls_total", [("method", "test.echo"), ("status", "ok")])
            #expect(clientEchoed.totalValue == 3)
            let clientRejected = try clientMetrics.expectCounter(
                "suban_rpc_client_calls_total", [("method", "test.invalid"), ("status", "invalid_argument")]
            )
            #expect(clientRejected.totalValue == 1)
            #expect(
                try clientMetrics.expectTimer("suban_rpc_client_call_duration_seconds", [("method", "test.echo")])
                    .values.count == 3)
            await client.shutdown()
        }
    }

    @Test func statsReportsTheCallsTheMetricsCount() async throws {
        let serverMetrics = TestMetrics()
        try await Self.withMeasuredServer(serverMetrics) { _, port in
            let client = Self.client(port: port, metrics: TestMetrics())
            for _ in 0..<2 {
                _ = try await client.call("test.echo", EchoService.request("hi"), as: HealthResponse.self)
            }
            await #expect(throws: RPCError.self) {
                _ = try await client.call("test.crash", HealthRequest(), as: HealthResponse.self)
            }
            let stats = try await client.call("stats", StatsRequest(), as: StatsResponse.self)
            let counted = serverMetrics.counters(label: "suban_rpc_server_calls_total")
            func calls(_ method: String) -> Int64 {
                counted.filter { counter in counter.dimensions.contains { $0 == ("method", method) } }.map(\.totalValue)
                    .reduce(0, +)
            }
            for method in ["test.echo", "test.crash"] {
                #expect(stats.methods.first { $0.method == method }.map { Int64($0.calls) } == calls(method))
            }
            #expect(stats.methods.first { $0.method == "test.crash" }?.errors == 1)
            #expect(
                try serverMetrics.expectCounter(
                    "suban_rpc_server_calls_total", [("method", "test.crash"), ("status", "internal")]
                ).totalValue == 1)
            await client.shutdown()
        }
    }

    @Test func callsToUnknownMethodsShareOneLabel() async throws {
        let serverMetrics = TestMetrics()
        try await Self.withMeasuredServer(serverMetrics) { _, port in
            let client = Self.client(port: port, metrics: TestMetrics())
            for name in ["no.such", "nor.this"] {
                await #expect(throws: RPCError.self) {
                    _ = try await client.call(name, HealthRequest(), as: HealthResponse.self)
                }
            }
            let unknown = try serverMetrics.expectCounter(
                "suban_rpc_server_calls_total",
                [("method", ServerStatistics.unregisteredMethod), ("status", "unimplemented")]
            )
            #expect(unknown.totalValue == 2)
            let labelled = serverMetrics.counters(label: "suban_rpc_server_calls_total").flatMap { counter in
                counter.dimensions.map(\.1)
            }
            #expect(!labelled.contains("no.such"))
            await client.shutdown()
        }
    }

    @Test func gaugesAreNamedForPrometheus() throws {
        let metrics = TestMetrics()
        let statistics = ServerStatistics(metricsFactory: metrics)
        statistics.setGauge("orders.stuck", to: 4)
        #expect(try metrics.expectGauge("suban_orders_stuck").lastValue == 4)
        #expect(statistics.snapshot(service: "intake").gauges == [WireProtocol.Gauge(name: "orders.stuck", value: 4)])
    }
}
