import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The adapter's client for its JSON POSTs, on AsyncHTTPClient: pooled keep-alive connections,
/// no redirects, a deadline over the whole exchange and a cap on the response size.
///
/// A server that answers 2xx and closes before the request's body was all sent makes
/// AsyncHTTPClient fail the request although the answer arrived. The caller then sees a `Failure`
/// and its outbox sends the message again; the platform answers a repeated message id
/// `duplicate` (docs/platform-api.md), so the message still counts once.
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

    public var maximumResponseBytes: Int
    private let client: HTTPClient

    /// - Parameter connectionsPerHost: the pool's connections to one host; clients asking for the
    ///   same number share one pool (the services all use the default; a load generator asks more).
    public init(maximumResponseBytes: Int = 1 << 20, connectionsPerHost: Int = 64) {
        self.maximumResponseBytes = maximumResponseBytes
        self.client = pooledClient(connectionsPerHost: max(1, connectionsPerHost))
    }

    /// POSTs `body` to `target` at `endpoint`'s host and returns the response, whatever its status.
    public func post(
        to endpoint: HTTPEndpoint,
        target: String,
        headers: [(name: String, value: String)],
        body: [UInt8],
        timeout: Duration = .seconds(10)
    ) async throws(Failure) -> Response {
        var request = HTTPClientRequest(url: "http://\(endpoint.host):\(endpoint.port)\(target)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        // The deadline covers the body too: AsyncHTTPClient cancels the whole request when it passes.
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        do {
            let response = try await client.execute(request, deadline: deadline)
            let received = try await response.body.collect(upTo: maximumResponseBytes)
            return Response(
                status: Int(response.status.code),
                headers: response.headers.map { (name: $0.name, value: $0.value) },
                body: Array(received.readableBytesView)
            )
        } catch is NIOTooManyBytesError {
            throw Failure(description: "response larger than \(maximumResponseBytes) bytes")
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw Failure(description: "no response from \(endpoint.host):\(endpoint.port) within \(timeout)")
        } catch {
            throw Failure(description: "request to \(endpoint.host):\(endpoint.port)\(target) failed: \(error)")
        }
    }
}

/// One pool per connection limit for the process, never shut down: it lives as long as the
/// process does. Redirects are refused (a signed request is signed for its own target), and spans
/// are the callers' own, so the client neither starts spans nor adds a second `traceparent`.
private func pooledClient(connectionsPerHost: Int) -> HTTPClient {
    pools.withLock { pools in
        if let pool = pools[connectionsPerHost] { return pool }
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: .seconds(5)),
            connectionPool: HTTPClient.Configuration.ConnectionPool(
                idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost)
        )
        configuration.httpVersion = .http1Only
        // A platform that refuses connections fails the request at once: the outbox retries, with backoff.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.tracing.tracer = nil
        let pool = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        pools[connectionsPerHost] = pool
        return pool
    }
}

private let pools = Mutex<[Int: HTTPClient]>([:])
