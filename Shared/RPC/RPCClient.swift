public import CoreMetrics
public import Logging
public import NIOCore
public import NIOPosix
import Synchronization
public import Tracing
public import WireProtocol

/// A connection to one RPC server, shared by any number of concurrent callers.
///
/// Connects on first use; when the connection drops, the next call reconnects, waiting out an
/// exponential backoff between failed attempts for as long as the call's deadline allows.
public final class RPCClient: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var maximumFrameLength: Int
        public var connectTimeout: Duration
        /// The deadline of a call that does not name one.
        public var defaultTimeout: Duration
        public var backoff: ReconnectBackoff
        /// Whether a call waits out failed connection attempts until its deadline (services) or
        /// fails at the first refusal (a CLI that should answer at once).
        public var waitsForConnection: Bool

        public init(
            host: String,
            port: Int,
            maximumFrameLength: Int = 4 << 20,
            connectTimeout: Duration = .seconds(2),
            defaultTimeout: Duration = .seconds(10),
            backoff: ReconnectBackoff = ReconnectBackoff(),
            waitsForConnection: Bool = true
        ) {
            self.host = host
            self.port = port
            self.maximumFrameLength = maximumFrameLength
            self.connectTimeout = connectTimeout
            self.defaultTimeout = defaultTimeout
            self.backoff = backoff
            self.waitsForConnection = waitsForConnection
        }
    }

    enum Connection {
        case idle(notBefore: NIODeadline)
        case connecting(EventLoopFuture<ClientConnection>)
        case connected(ClientConnection)
        case shutDown
    }

    struct State {
        var connection: Connection = .idle(notBefore: .uptimeNanoseconds(0))
        var backoff: ReconnectBackoff
    }

    public let configuration: Configuration
    let eventLoopGroup: any EventLoopGroup
    let logger: Logger
    let state: Mutex<State>
    /// Who the calls are made by: headers added to every call that does not bring its own credential.
    let credentials: (any CallCredentials)?
    /// Records a client span per call and carries the caller's trace to the server.
    let tracer: any Tracer
    private let nextCallID = Atomic<UInt64>(1)
    let metrics: RPCClientMetrics

    /// - Parameter metricsFactory: where the client's call metrics go; the process's bootstrapped
    ///   factory unless a test passes its own.
    public init(
        configuration: Configuration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger,
        credentials: (any CallCredentials)? = nil,
        tracer: any Tracer = InstrumentationSystem.tracer,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.metrics = RPCClientMetrics(factory: metricsFactory)
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.credentials = credentials
        self.tracer = tracer
        self.state = Mutex(State(backoff: configuration.backoff))
    }

    /// Calls `method` with a typed request and decodes the typed response.
    public func call<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        _ request: Request,
        as response: Response.Type = Response.self,
        timeout: Duration? = nil,
        traceID: String? = nil,
        headers: [Header] = []
    ) async throws(RPCError) -> Response {
        let body: [UInt8]
        do {
            body = try request.wireBytes()
        } catch {
            throw RPCError(.invalidArgument, "request of \(method) cannot be encoded: \(error)")
        }
        let responseBody = try await callRaw(method, body: body, timeout: timeout, traceID: traceID, headers: headers)
        do {
            return try Response(wireBytes: responseBody)
        } catch {
            throw RPCError(.internal, "response of \(method) does not decode: \(error)")
        }
    }

    /// `callRaw` without its metrics (see `RPCClient+Metrics.swift`).
    func callUnmeasured(
        _ method: String,
        body: [UInt8],
        timeout: Duration? = nil,
        traceID: String? = nil,
        headers extraHeaders: [Header] = []
    ) async throws(RPCError) -> [UInt8] {
        let call = startCallSpan(method, traceID: traceID)
        do throws(RPCError) {
            let body = try await exchange(method, body: body, timeout: timeout, headers: extraHeaders, call: call)
            call.end(status: .ok)
            return body
        } catch {
            call.end(status: error.code, message: error.message)
            var error = error
            error.traceID = error.traceID ?? call.traceID
            throw error
        }
    }

    private func exchange(
        _ method: String,
        body: [UInt8],
        timeout: Duration?,
        headers extraHeaders: [Header],
        call: CallSpan
    ) async throws(RPCError) -> [UInt8] {
        let timeout = timeout ?? configuration.defaultTimeout
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let callID = nextCallID.wrappingAdd(1, ordering: .relaxed).oldValue
        var headers = [
            Header(
                name: Header.timeoutMilliseconds,
                value: String(
                    timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000))
        ]
        // The call's trace goes with it, so that every log line it passes names the same trace id.
        headers += [Header].carrying(call.context, tracer: tracer)
        headers += extraHeaders
        if let credentials, !extraHeaders.contains(where: { $0.name == Header.credential }) {
            headers += try await credentials.headers(for: method)
        }
        let request = Envelope(callID: callID, kind: .request, method: method, body: body, headers: headers)

        let frame: ByteBuffer
        do {
            let bytes = try request.wireBytes()
            guard bytes.count <= configuration.maximumFrameLength else {
                throw RPCError(
                    .resourceExhausted,
                    "request of \(bytes.count) bytes exceeds the maximum frame of \(configuration.maximumFrameLength)"
                )
            }
            var buffer = ByteBuffer()
            buffer.reserveCapacity(FrameDecoder.headerLength + bytes.count)
            buffer.writeFrame(bytes)
            frame = buffer
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError(.invalidArgument, "request of \(method) cannot be encoded: \(error)")
        }

        let response: Envelope
        do {
            response = try await send(frame, callID: callID, before: deadline)
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError(.unavailable, "\(method) failed: \(error)")
        }
        guard response.status == .ok else {
            var error = RPCError(response.status, response.statusMessage, fieldViolations: response.fieldViolations)
            error.traceID = response.header(Header.traceID)
            throw error
        }
        return response.body
    }

    /// Sends `frame` on the live connection. A call its connection closed under before it was
    /// written (the server announced an idle close or its shutdown meanwhile) goes again on a new
    /// connection: it never left, so this cannot run it twice.
    private func send(_ frame: ByteBuffer, callID: UInt64, before deadline: NIODeadline) async throws -> Envelope {
        while true {
            let connection = try await connection(before: deadline)
            do {
                // Resumed by the connection's handler, on its event loop: no promise, future and
                // callback per call in between.
                return try await withUnsafeThrowingContinuation { response in
                    connection.send(OutgoingCall(callID: callID, frame: frame, response: response, deadline: deadline))
                }
            } catch is CallNotSent where NIODeadline.now() < deadline {
                continue
            } catch is CallNotSent {
                throw RPCError(.unavailable, "connection closed before the call was sent")
            }
        }
    }

    /// Starts closing the connection without waiting for it, for a command-line tool on its way out.
    public func closeWithoutWaiting() {
        let channel: (any Channel)? = state.withLock { state in
            defer { state.connection = .shutDown }
            if case .connected(let connection) = state.connection { return connection.channel }
            return nil
        }
        channel?.close(promise: nil)
    }

    /// Closes the connection; calls in flight fail with `unavailable` and later calls are refused.
    public func shutdown() async {
        let channel: (any Channel)? = state.withLock { state in
            defer { state.connection = .shutDown }
            if case .connected(let connection) = state.connection { return connection.channel }
            return nil
        }
        try? await channel?.close()
    }
}
