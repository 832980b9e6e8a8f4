public import NIOCore
import NIOHTTP1
public import NIOPosix

/// A small HTTP/1.1 client for the adapter's signed POSTs: one connection per request
/// (`Connection: close`), a deadline over the whole exchange, and a cap on the response size.
///
/// The adapter sends a few messages a minute, so connection reuse buys nothing here; a fresh
/// connection per request also means a platform restart never leaves a stale one behind.
public struct HTTPPostClient: Sendable {
    /// What the server answered.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// The request could not be completed: no connection, a timeout, or a broken response.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public var eventLoopGroup: any EventLoopGroup
    public var maximumResponseBytes: Int

    public init(
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, maximumResponseBytes: Int = 1 << 20
    ) {
        self.eventLoopGroup = eventLoopGroup
        self.maximumResponseBytes = maximumResponseBytes
    }

    /// POSTs `body` to `target` at `endpoint`'s host and returns the response, whatever its status.
    public func post(
        to endpoint: HTTPEndpoint,
        target: String,
        headers: [(name: String, value: String)],
        body: [UInt8],
        timeout: Duration = .seconds(10)
    ) async throws(Failure) -> Response {
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(TimeAmount(min(timeout, .seconds(5))))
                .connect(host: endpoint.host, port: endpoint.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                            wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Failure(description: "cannot connect to \(endpoint.host):\(endpoint.port): \(error)")
        }
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: target)
        head.headers.add(name: "Host", value: "\(endpoint.host):\(endpoint.port)")
        head.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        head.headers.add(name: "Content-Length", value: String(body.count))
        head.headers.add(name: "Connection", value: "close")
        for header in headers { head.headers.add(name: header.name, value: header.value) }
        let limit = maximumResponseBytes
        let request = head
        do {
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask {
                    try await channel.executeThenClose { inbound, outbound in
                        // A server that has the whole body (by its length) may answer and close
                        // before the request's end is flushed; its answer still counts, or a
                        // message it took would be sent again.
                        var writeError: (any Error)?
                        do {
                            try await outbound.write(contentsOf: [
                                .head(request), .body(.byteBuffer(ByteBuffer(bytes: body))), .end(nil),
                            ])
                        } catch {
                            writeError = error
                        }
                        do {
                            return try await Self.readResponse(inbound, limit: limit)
                        } catch {
                            throw writeError ?? error
                        }
                    }
                }
                group.addTask {
                    // The deadline closes the channel, which ends the exchange above with an error.
                    try await Task.sleep(for: timeout)
                    channel.channel.close(promise: nil)
                    return nil
                }
                defer { group.cancelAll() }
                while let result = try await group.next() {
                    if let response = result { return response }
                    throw Failure(description: "no response within \(timeout)")
                }
                throw Failure(description: "no response")
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "request to \(endpoint.host):\(endpoint.port)\(target) failed: \(error)")
        }
    }

    private static func readResponse(
        _ inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>,
        limit: Int
    ) async throws -> Response {
        var response: Response?
        for try await part in inbound {
            switch part {
            case .head(let head):
                response = Response(
                    status: Int(head.status.code), headers: head.headers.map { ($0.name, $0.value) }, body: [])
            case .body(let buffer):
                guard var received = response else { throw Failure(description: "body before head") }
                guard received.body.count + buffer.readableBytes <= limit else {
                    throw Failure(description: "response larger than \(limit) bytes")
                }
                received.body += buffer.readableBytesView
                response = received
            case .end:
                if let response { return response }
                throw Failure(description: "response without a head")
            }
        }
        throw Failure(description: "connection closed before the response ended")
    }
}
