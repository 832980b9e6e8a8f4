import Foundation

/// An OTLP/HTTP collector for system tests: a small Python server that takes the services' span
/// exports as JSON (`OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json`) on `/v1/traces` and reports
/// each span, so that a test asserts what the services exported, not what they say they did.
public struct OTLPSink: Sendable {
    /// One exported span; ids in lowercase hex, `parent` empty for a root.
    public struct Span: Decodable, Sendable, Hashable {
        public var service: String
        public var name: String
        public var trace: String
        public var span: String
        public var parent: String
        /// OTLP's span kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.
        public var kind: Int
    }

    /// The collector itself, shared with scripts/compose-smoke.sh.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/TraceFixture/otlp_sink.py").path

    public var port: Int { server.port }
    /// The base URL the services export to (`SUBAN_OTLP_ENDPOINT`).
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    public var spans: AsyncStream<Span> { server.reports }
    private let server: ReportingProcess<Span>

    private init(_ server: ReportingProcess<Span>) {
        self.server = server
    }

    /// Starts the sink on a free port and returns once it listens.
    public static func start() async throws -> OTLPSink {
        guard
            let server = try await ReportingProcess<Span>.start(
                ["python3", script, "0"], readyPrefix: "otlp-ready ")
        else {
            throw CocoaError(
                .executableLoad,
                userInfo: [NSLocalizedDescriptionKey: "the OTLP sink did not start: is python3 installed?"])
        }
        return OTLPSink(server)
    }

    /// The environment that makes a service export its spans here, at once.
    public var serviceEnvironment: [String: String] {
        [
            "SUBAN_OTLP_ENDPOINT": endpoint, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/json",
            "OTEL_BSP_SCHEDULE_DELAY": "50",
        ]
    }

    public func stop() {
        server.stop()
    }
}
