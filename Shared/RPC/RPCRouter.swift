public import WireProtocol

/// Maps method names to handlers. Built once before the server starts, then read-only.
public struct RPCRouter: Sendable {
    /// A handler on encoded bodies; the typed `register` wraps it.
    public typealias RawHandler = @Sendable ([UInt8], ServerContext) async throws -> [UInt8]

    private(set) var handlers: [String: RawHandler] = [:]

    public init() {}

    /// The registered method names, sorted.
    public var methods: [String] { handlers.keys.sorted() }

    /// Registers `handler` for `method`; the request body is decoded before the handler runs and a
    /// body that does not decode is answered with `invalid_argument`.
    public mutating func register<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        precondition(handlers[method] == nil, "method \(method) registered twice")
        handlers[method] = { body, context in
            let request: Request
            do {
                request = try Request(wireBytes: body)
            } catch {
                throw RPCError(.invalidArgument, "request body of \(method) does not decode: \(error)")
            }
            return try await handler(request, context).wireBytes()
        }
    }

    /// Registers a handler that works on encoded bodies, for tools such as the benchmark.
    public mutating func registerRaw(_ method: String, _ handler: @escaping RawHandler) {
        precondition(handlers[method] == nil, "method \(method) registered twice")
        handlers[method] = handler
    }

    func handler(for method: String) -> RawHandler? {
        handlers[method]
    }
}
