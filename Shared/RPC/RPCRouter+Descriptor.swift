public import Logging
public import WireProtocol

extension RPCRouter {
    /// Registers `handler` for `method`: the descriptor's name routes the call and its types are
    /// the handler's, so a handler cannot disagree with the contract in `Shared/Protos`.
    public mutating func register<Request, Response>(
        _ method: MethodDescriptor<Request, Response>,
        _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        register(method.name, handler)
    }

    /// Registers an immediate `handler` for `method` (see `registerImmediate(_:_:)` by name).
    public mutating func registerImmediate<Request, Response>(
        _ method: MethodDescriptor<Request, Response>,
        _ handler: @escaping @Sendable (Request, ServerContext) throws -> Response
    ) {
        registerImmediate(method.name, handler)
    }

    /// Calls `method` in-process, as `call(_:_:as:headers:timeout:logger:)` does by name.
    public func call<Request, Response>(
        _ method: MethodDescriptor<Request, Response>,
        _ request: Request,
        as response: Response.Type = Response.self,
        headers: [Header] = [],
        timeout: Duration = .seconds(10),
        logger: Logger
    ) async throws(RPCError) -> Response {
        try await call(method.name, request, as: response, headers: headers, timeout: timeout, logger: logger)
    }
}
