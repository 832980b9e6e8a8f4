import Foundation
import Logging
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// Admits a call only with a live session: the one place that reads the `session` header.
///
/// The console's own methods are called by people, who hold a session rather than a credential
/// (a credential is what the console gives them for the other services), so the `GuardedRouter`
/// admits them by this gate instead, before the body is read. Each admitted call counts as use of
/// the session and slides its idle limit.
struct SessionGate: Sendable {
    /// A caller whose session was admitted: the account as it is now, and the session.
    struct SignedIn: Sendable {
        var account: AccountRecord
        var session: SessionRecord

        var login: String { account.login }
    }

    let store: AccountStore
    let configuration: ConsoleConfiguration
    let now: @Sendable () -> Date

    /// The signed-in caller of `context`, or `unauthenticated` for a missing, unknown, revoked or
    /// expired session.
    func admit(_ context: ServerContext) async throws -> SignedIn {
        guard let token = context.header(Header.session), !token.isEmpty else {
            throw ConsoleRefusal.notSignedIn(context.method)
        }
        let (account, session) = try await store.useSession(
            tokenDigest: SessionToken.digest(token),
            now: Self.milliseconds(now()),
            idleSeconds: configuration.sessionIdleSeconds,
            maximumSeconds: configuration.sessionMaximumSeconds
        )
        return SignedIn(account: account, session: session)
    }

    /// Registers `handler` for callers with a live session (administrators only, when so marked).
    func register<Request: WireMessage, Response: WireMessage>(
        _ method: MethodDescriptor<Request, Response>,
        in router: inout GuardedRouter,
        administratorsOnly: Bool = false,
        _ handler: @escaping @Sendable (Request, ServerContext, SignedIn) async throws -> Response
    ) {
        let gate = self
        router.register(
            method,
            admit: { context in
                let caller = try await gate.admit(context)
                if administratorsOnly && !caller.account.isAdministrator {
                    throw ConsoleRefusal.notAdministrator(caller.login, method: method.name)
                }
                return caller
            }
        ) { (request: Request, context: ServerContext, caller: SignedIn) in
            var context = context
            context.logger[metadataKey: "caller.login"] = "\(caller.login)"
            context.logger[metadataKey: "session.id"] = "\(caller.session.id)"
            return try await handler(request, context, caller)
        }
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
