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
        precondition(!roles.isEmpty, "method \(method) must allow some role")
        let gate = gate
        register(
            method,
            admit: { context in
                let credential = try gate.admit(context)
                guard !credential.roles.isDisjoint(with: roles) else {
                    throw RPCError(
                        .permissionDenied,
                        "\(credential.account) (\(credential.roles.sorted().map(\.rawValue).joined(separator: ", "))) may not call \(method)"
                    )
                }
                return credential
            }, handler)
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
            let request: Request
            do {
                request = try Request(wireBytes: body)
            } catch {
                throw RPCError(.invalidArgument, "request body of \(method) does not decode: \(error)")
            }
            return try await handler(request, context, caller).wireBytes()
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
