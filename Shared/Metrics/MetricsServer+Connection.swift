import Logging
import NIOCore
import NIOHTTP1
import Prometheus

extension MetricsServer {
    /// Answers the connection's first request and closes it. Never throws: a broken scrape must
    /// not take the endpoint down.
    func serve(_ connection: Connection) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                for try await part in inbound {
                    switch part {
                    case .head(let requestHead):
                        head = requestHead
                    case .body:
                        continue
                    case .end:
                        guard let head else { return }
                        let reply = answer(to: head)
                        var headers = HTTPHeaders()
                        headers.add(name: "Content-Type", value: reply.contentType)
                        headers.add(name: "Content-Length", value: String(reply.body.count))
                        headers.add(name: "Connection", value: "close")
                        try await outbound.write(
                            .head(HTTPResponseHead(version: head.version, status: reply.status, headers: headers)))
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: reply.body))))
                        try await outbound.write(.end(nil))
                        return
                    }
                }
            }
        } catch {
            logger.debug("metrics.connection.failed", metadata: ["error": "\(error)"])
        }
    }

    struct Answer {
        var status: HTTPResponseStatus
        var contentType: String
        var body: [UInt8]
    }

    /// `GET /metrics` gets the registry's text; anything else a short plain-text refusal.
    func answer(to head: HTTPRequestHead) -> Answer {
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard path == "/metrics" else {
            return Answer(
                status: .notFound, contentType: "text/plain; charset=utf-8",
                body: Array("not found: the metrics are at /metrics\n".utf8))
        }
        guard head.method == .GET else {
            return Answer(
                status: .methodNotAllowed, contentType: "text/plain; charset=utf-8", body: Array("only GET\n".utf8))
        }
        return Answer(
            status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: registry.emitToBuffer())
    }
}
