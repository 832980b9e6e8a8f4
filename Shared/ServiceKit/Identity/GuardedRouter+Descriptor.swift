public import Domain
public import Identity
public import RPC
public import WireProtocol

extension GuardedRouter {
    /// Registers `handler` for `method`, for callers holding any of `roles`.
    public mutating func register<Request, Response>(
        _ method: MethodDescriptor<Request, Response>,
        roles: Set<Role>,
        _ handler: @escaping @Sendable (Request, ServerContext, Credential) async throws -> Response
    ) {
        register(method.name, roles: roles, handler)
    }

    /// Registers an immediate `handler` for `method`, for callers holding any of `roles` (see
    /// `registerImmediate(_:roles:_:)` by name).
    public mutating func registerImmediate<Request, Response>(
        _ method: MethodDescriptor<Request, Response>,
        roles: Set<Role>,
        _ handler: @escaping @Sendable (Request, ServerContext, Credential) throws -> Response
    ) {
        registerImmediate(method.name, roles: roles, handler)
    }

    /// Registers `handler` for `method`, for callers `admit` lets in (see `register(_:admit:_:)`).
    public mutating func register<Request, Response, Caller: Sendable>(
        _ method: MethodDescriptor<Request, Response>,
        admit: @escaping @Sendable (ServerContext) async throws -> Caller,
        _ handler: @escaping @Sendable (Request, ServerContext, Caller) async throws -> Response
    ) {
        register(method.name, admit: admit, handler)
    }

    /// Registers `method` for anyone, such as signing in.
    public mutating func registerOpen<Request, Response>(
        _ method: MethodDescriptor<Request, Response>,
        _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        registerOpen(method.name, handler)
    }
}
