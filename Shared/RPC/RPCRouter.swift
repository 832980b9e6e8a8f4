public import WireProtocol

/// Maps method names to handlers. Built once before the server starts, then read-only.
public struct RPCRouter: Sendable {
    /// A handler on encoded bodies; the typed `register` wraps it.
    public typealias RawHandler = @Sendable ([UInt8], ServerContext) async throws -> [UInt8]

    /// A handler that never suspends, run on the connection's event loop (`registerImmediate`).
    public typealias ImmediateRawHandler = @Sendable ([UInt8], ServerContext) throws -> [UInt8]

    /// How a method's handler runs.
    enum Handler: Sendable {
        /// In a task of its own, off the event loop: it may wait on a database or another service.
        case task(RawHandler)
        /// On the event loop, as the call is read.
        case immediate(ImmediateRawHandler)
    }

    private(set) var handlers: [String: Handler] = [:]

    public init() {}

    /// The registered method names, sorted.
    public var methods: [String] { handlers.keys.sorted() }

    /// Registers `handler` for `method`; the request body is decoded before the handler runs and a
    /// body that does not decode is answered with `invalid_argument`.
    public mutating func register<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        add(method, .task({ body, context in try await handler(Self.decode(body, of: method), context).wireBytes() }))
    }

    /// Registers a handler that works on encoded bodies, for tools such as the benchmark.
    public mutating func registerRaw(_ method: String, _ handler: @escaping RawHandler) {
        add(method, .task(handler))
    }

    /// Registers a handler that only computes on what the process holds in memory (no database,
    /// no call to another service, no lock held for long): it runs on the connection's event loop
    /// as the call is read, without the hops to a task and back, and is answered even while the
    /// connection's calls in flight are at their limit. A slow one would stall every connection
    /// of its event loop; anything that may wait belongs in `register`.
    public mutating func registerImmediate<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        _ handler: @escaping @Sendable (Request, ServerContext) throws -> Response
    ) {
        add(method, .immediate({ body, context in try handler(Self.decode(body, of: method), context).wireBytes() }))
    }

    /// `registerImmediate` on encoded bodies.
    public mutating func registerImmediateRaw(_ method: String, _ handler: @escaping ImmediateRawHandler) {
        add(method, .immediate(handler))
    }

    func handler(for method: String) -> Handler? {
        handlers[method]
    }

    private mutating func add(_ method: String, _ handler: Handler) {
        precondition(handlers[method] == nil, "method \(method) registered twice")
        handlers[method] = handler
    }

    private static func decode<Request: WireMessage>(_ body: [UInt8], of method: String) throws -> Request {
        do {
            return try Request(wireBytes: body)
        } catch {
            throw RPCError(.invalidArgument, "request body of \(method) does not decode: \(error)")
        }
    }
}

extension RPCRouter.Handler {
    /// Runs the handler from a task, whichever way it is registered.
    func run(_ body: [UInt8], _ context: ServerContext) async throws -> [UInt8] {
        switch self {
        case .task(let handler): try await handler(body, context)
        case .immediate(let handler): try handler(body, context)
        }
    }
}
