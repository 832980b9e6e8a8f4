import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import ServiceMetrics
import Testing

@Suite("Metrics endpoint", .timeLimit(.minutes(1)))
struct MetricsServerTests {
    static func withServer(
        _ registry: PrometheusCollectorRegistry,
        idleTimeout: Duration = .seconds(10),
        _ body: (Int) async throws -> Void
    ) async throws {
        let server = MetricsServer(
            configuration: MetricsServer.Configuration(host: "127.0.0.1", port: 0, idleTimeout: idleTimeout),
            registry: registry,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            guard let port = try await server.listeningAddress.port else { throw ChannelError.unknownLocalAddress }
            try await body(port)
        }
    }

    /// One request on a connection of its own; the status, content type and body of the answer.
    static func request(_ method: HTTPMethod, _ target: String, port: Int) async throws -> (
        HTTPResponseStatus?, String?, String
    ) {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: method, uri: target)
            head.headers.add(name: "Host", value: "127.0.0.1")
            try await outbound.write(.head(head))
            try await outbound.write(.end(nil))
            var status: HTTPResponseStatus?
            var contentType: String?
            var body = ""
            for try await part in inbound {
                switch part {
                case .head(let response):
                    status = response.status
                    contentType = response.headers.first(name: "Content-Type")
                case .body(let buffer):
                    body += String(buffer: buffer)
                case .end:
                    return (status, contentType, body)
                }
            }
            return (status, contentType, body)
        }
    }

    @Test func getMetricsAnswersTheRegistryInTheTextFormat() async throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(
            descriptor: MetricNameDescriptor(metricName: "suban_test", unitName: "total", helpText: ""),
            labels: [("method", "echo")]
        ).increment(by: Int64(3))
        try await Self.withServer(registry) { port in
            let (status, contentType, body) = try await Self.request(.GET, "/metrics", port: port)
            #expect(status == .ok)
            #expect(contentType == "text/plain; version=0.0.4; charset=utf-8")
            #expect(body.split(separator: "\n").contains("suban_test_total{method=\"echo\"} 3"))
        }
    }

    @Test func otherPathsAndMethodsAreRefused() async throws {
        try await Self.withServer(PrometheusCollectorRegistry()) { port in
            let root = try await Self.request(.GET, "/", port: port).0
            let longer = try await Self.request(.GET, "/metricsx", port: port).0
            let posted = try await Self.request(.POST, "/metrics", port: port).0
            let queried = try await Self.request(.GET, "/metrics?name=x", port: port).0
            #expect(root == .notFound)
            #expect(longer == .notFound)
            #expect(posted == .methodNotAllowed)
            #expect(queried == .ok)
        }
    }

    @Test func aSilentConnectionIsClosed() async throws {
        try await Self.withServer(PrometheusCollectorRegistry(), idleTimeout: .milliseconds(100)) { port in
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            // Sends nothing: the server closes it, which ends the inbound stream with nothing read.
            let received = try await channel.executeThenClose { inbound, _ in
                var bytes = 0
                for try await buffer in inbound { bytes += buffer.readableBytes }
                return bytes
            }
            #expect(received == 0)
        }
    }
}
