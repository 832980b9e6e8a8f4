public import Domain
public import Identity
public import RPC
public import WireProtocol

/// A service's RPC methods, each registered with the roles that may call it: a call is admitted
/// only with a verified credential (`CredentialGate`) holding one of them, before its body is read.
///
/// Methods open to anyone are registered apart (`registerOpen`), so that they are few and visible:
/// `health` and `stats`, which the server answers itself, need none.
public struct GuardedRouter: Sendable {
    public let gate: CredentialGate
    public private(set) var router = RPCRouter()
    /// Methods that take no credential, sorted.
    public private(set) var openMethods: [String] = []

    public init(gate: CredentialGate) {
        self.gate = gate
    }

    /// Registers `handler` for callers holding any of `roles`; the handler gets their verified credential.
    public mutating func register<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        roles: Set<Role>,
        _ handler: @escaping @Sendable (Request, ServerContext, Credential) async throws -> Response
    ) {
        let admit = admission(to: method, roles: roles)
        register(method, admit: { context in try admit(context) }, handler)
    }

    /// Registers an immediate `handler` (`RPCRouter.registerImmediate`: it computes on memory
    /// alone and is answered on the event loop) for callers holding any of `roles`.
    public mutating func registerImmediate<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        roles: Set<Role>,
        _ handler: @escaping @Sendable (Request, ServerContext, Credential) throws -> Response
    ) {
        let admit = admission(to: method, roles: roles)
        router.registerImmediateRaw(method) { body, context in
            let credential = try admit(context)
            return try handler(try Self.decode(body, of: method), context, credential).wireBytes()
        }
    }

    /// The check of a call to `method`: a verified credential holding one of `roles`.
    private func admission(to method: String, roles: Set<Role>) -> @Sendable (ServerContext) throws -> Credential {
        precondition(!roles.isEmpty, "method \(method) must allow some role")
        let gate = gate
        return { context in
            let credential = try gate.admit(context)
            guard !credential.roles.isDisjoint(with: roles) else {
                throw RPCError(
                    .permissionDenied,
                    "\(credential.account) (\(credential.roles.sorted().map(\.rawValue).joined(separator: ", "))) may not call \(method)"
                )
            }
            return credential
        }
    }

    /// Registers `handler` for callers `admit` lets in, by a proof of its own (the console's
    /// sessions); it runs before the body is read, and the handler gets the caller it returns.
    public mutating func register<Request: WireMessage, Response: WireMessage, Caller: Sendable>(
        _ method: String,
        admit: @escaping @Sendable (ServerContext) async throws -> Caller,
        _ handler: @escaping @Sendable (Request, ServerContext, Caller) async throws -> Response
    ) {
        router.registerRaw(method) { body, context in
            let caller = try await admit(context)
            return try await handler(try Self.decode(body, of: method), context, caller).wireBytes()
        }
    }

    /// The request, decoded once its caller is admitted.
    private static func decode<Request: WireMessage>(_ body: [UInt8], of method: String) throws -> Request {
        do {
            return try Request(wireBytes: body)
        } catch {
            throw RPCError(.invalidArgument, "request body of \(method) does not decode: \(error)")
        }
    }

    /// Registers a method anyone may call, such as signing in.
    public mutating func registerOpen<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        openMethods.append(method)
        openMethods.sort()
        router.register(method, handler)
    }
}

extension Set where Element == Role {
    /// Every role a person can hold.
    public static var staff: Set<Role> { Set(Role.allCases.filter(\.isStaff)) }
}
