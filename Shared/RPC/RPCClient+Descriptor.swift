public import WireProtocol

extension RPCClient {
    /// Calls `method` with its request type and decodes its response type; `response` only
    /// restates the type, for call sites that name it.
    public func call<Request, Response>(
        _ method: MethodDescriptor<Request, Response>,
        _ request: Request,
        as response: Response.Type = Response.self,
        timeout: Duration? = nil,
        traceID: String? = nil,
        headers: [Header] = []
    ) async throws(RPCError) -> Response {
        try await call(method.name, request, as: response, timeout: timeout, traceID: traceID, headers: headers)
    }
}
