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

    static let script = #"""
        import base64, binascii, json, sys, threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        def hex_id(value):
            # OTLP/JSON says hex; protobuf's JSON mapping (which some exporters use) says base64.
            if not value:
                return ""
            if len(value) in (16, 32) and all(c in "0123456789abcdefABCDEF" for c in value):
                return value.lower()
            return binascii.hexlify(base64.b64decode(value)).decode()

        def service_name(resource):
            for attribute in resource.get("attributes", []):
                if attribute.get("key") == "service.name":
                    return attribute.get("value", {}).get("stringValue", "")
            return ""

        class Handler(BaseHTTPRequestHandler):
            # Keep-alive, as the exporter expects: an HTTP/1.0 close under a reused connection
            # loses that batch of spans.
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
                for resource_spans in body.get("resourceSpans", []):
                    service = service_name(resource_spans.get("resource", {}))
                    for scope_spans in resource_spans.get("scopeSpans", []):
                        for span in scope_spans.get("spans", []):
                            print(json.dumps({
                                "service": service, "name": span.get("name", ""), "trace": hex_id(span.get("traceId")),
                                "span": hex_id(span.get("spanId")), "parent": hex_id(span.get("parentSpanId")),
                                "kind": int(span.get("kind", 0)),
                            }), flush=True)
                reply = b"{}"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *arguments):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print("otlp-ready %d" % server.server_address[1], flush=True)
        sys.stdin.read()
        server.shutdown()
        """#

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
                ["python3", "-c", script, "0"], readyPrefix: "otlp-ready ")
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
