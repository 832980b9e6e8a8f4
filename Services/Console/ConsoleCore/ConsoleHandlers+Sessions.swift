import Logging
import RPC
import WireProtocol

// Sessions: everyone sees and ends their own; administrators anyone's.

extension ConsoleHandlers {
    func listSessions(_ request: Wire.ListSessionsRequest, _ caller: SessionGate.SignedIn) async throws
        -> Wire.ListSessionsResponse
    {
        var login = caller.login
        if !request.login.isEmpty && request.login != caller.login {
            guard caller.account.isAdministrator else {
                throw ConsoleRefusal.notAdministrator(caller.login, method: "listing another account's sessions")
            }
            login = try Self.requireLogin(request.login)
            guard try await store.account(login: login) != nil else {
                throw RPCError(.notFound, "there is no account \(login)")
            }
        }
        let sessions = try await store.openSessions(
            login: login, now: milliseconds(), idleSeconds: configuration.sessionIdleSeconds,
            maximumSeconds: configuration.sessionMaximumSeconds
        )
        return Wire.ListSessionsResponse(
            sessions: sessions.map {
                ConsoleWireMapping.session(
                    $0, idleSeconds: configuration.sessionIdleSeconds, current: $0.id == caller.session.id)
            }
        )
    }

    /// Ends a session by its public id. Another account's session is, to anyone but an
    /// administrator, as unknown as one that never was.
    func revokeSession(
        _ request: Wire.RevokeSessionRequest,
        _ context: ServerContext,
        _ caller: SessionGate.SignedIn
    ) async throws -> Wire.RevokeSessionResponse {
        guard let session = try await store.session(id: request.id),
            session.login == caller.login || caller.account.isAdministrator
        else {
            throw RPCError(
                .notFound, "there is no session \(request.id.prefix(64)); see subanctl sessions",
                fieldViolations: [FieldViolation(field: "id", code: "not_found", message: "no such session")]
            )
        }
        let kind: AccountEventKind = session.id == caller.session.id ? .signedOut : .sessionRevoked
        try await store.endSession(
            id: session.id, login: session.login, kind: kind, by: caller.login, now: milliseconds())
        context.logger.info(
            "console.session.revoked",
            metadata: ["revoked.session.id": "\(session.id)", "account.login": "\(session.login)"])
        return Wire.RevokeSessionResponse()
    }
}
