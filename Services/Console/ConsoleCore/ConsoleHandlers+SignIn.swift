import Foundation
import Identity
import Logging
import RPC
import WireProtocol

// Signing in and out, and what a signed-in person does for themselves. Passwords and tokens appear
// in no log line and no error message: only logins, session ids and what happened.

extension ConsoleHandlers {
    func signIn(_ request: Wire.SignInRequest, _ context: ServerContext) async throws -> Wire.SignInResponse {
        // Longer passwords exist nowhere here (bcrypt reads 72 bytes); say so rather than cut one.
        if let violation = PasswordRules.violation(request.password, field: "password"), violation.code == "too_long" {
            throw RPCError(.invalidArgument, violation.message, fieldViolations: [violation])
        }
        let client = try Self.client(request.client)
        let login = request.login.lowercased()
        let now = milliseconds()
        guard let account = try await store.account(login: login) else {
            await hasher.verifyAgainstDummy(request.password)
            context.logger.info("console.sign_in.refused", metadata: ["reason": "unknown_login"])
            throw ConsoleRefusal.wrongLoginOrPassword
        }
        var logger = context.logger
        logger[metadataKey: "account.login"] = "\(login)"
        if let lockedUntil = account.lockedUntil, account.isLocked(at: now) {
            try await store.record(
                AccountEventEntry(kind: .signInFailed, login: login, by: login, detail: "account locked"), now: now)
            logger.notice("console.sign_in.refused", metadata: ["reason": "locked"])
            throw ConsoleRefusal.locked(until: lockedUntil)
        }
        guard await hasher.verify(request.password, hash: account.passwordHash) else {
            let lockedUntil = try await store.recordFailure(
                login: login, kind: .signInFailed, policy: lockout, endingSessions: false, now: now)
            if let lockedUntil {
                logger.warning("console.account.locked", metadata: ["locked_until_ms": "\(lockedUntil)"])
                throw ConsoleRefusal.locked(until: lockedUntil)
            }
            logger.info("console.sign_in.refused", metadata: ["reason": "wrong_password"])
            throw ConsoleRefusal.wrongLoginOrPassword
        }
        guard !account.disabled else {
            try await store.record(
                AccountEventEntry(kind: .signInFailed, login: login, by: login, detail: "account disabled"), now: now)
            logger.notice("console.sign_in.refused", metadata: ["reason": "disabled"])
            throw ConsoleRefusal.disabled
        }
        let token = SessionToken.generate()
        let session = SessionRecord(
            id: SessionToken.makePublicID(), login: login, client: client, created: now, lastSeen: now,
            expires: now + Int64(configuration.sessionMaximumSeconds) * 1000, revoked: nil
        )
        let record = try await store.signIn(
            login: login, verifiedHash: account.passwordHash, session: session, tokenDigest: SessionToken.digest(token),
            now: now
        )
        logger.info("console.signed_in", metadata: ["session.id": "\(session.id)", "session.client": "\(client)"])
        return Wire.SignInResponse(
            sessionToken: token,
            account: ConsoleWireMapping.account(record),
            session: ConsoleWireMapping.session(session, idleSeconds: configuration.sessionIdleSeconds, current: true)
        )
    }

    func signOut(_ context: ServerContext, _ caller: SessionGate.SignedIn) async throws -> Wire.SignOutResponse {
        try await store.endSession(
            id: caller.session.id, login: caller.login, kind: .signedOut, by: caller.login, now: milliseconds())
        context.logger.info("console.signed_out")
        return Wire.SignOutResponse()
    }

    func whoAmI(_ caller: SessionGate.SignedIn) -> Wire.WhoAmIResponse {
        Wire.WhoAmIResponse(
            account: ConsoleWireMapping.account(caller.account),
            session: ConsoleWireMapping.session(
                caller.session, idleSeconds: configuration.sessionIdleSeconds, current: true)
        )
    }

    /// A credential for the caller's account as it is now, signed by the console's issuer.
    func issueCredential(_ context: ServerContext, _ caller: SessionGate.SignedIn) throws
        -> Wire.IssueCredentialResponse
    {
        guard !caller.account.mustChangePassword else { throw ConsoleRefusal.mustChangePassword }
        let profile = caller.account.profile
        let issued: (credential: Credential, token: String)
        do {
            issued = try issuer.issue(
                account: profile.login, displayName: profile.name, roles: profile.roles, unit: profile.unit,
                lifetime: Self.credentialLifetime, now: now()
            )
        } catch {
            throw RPCError(.internal, "the console cannot sign a credential for \(profile.login): \(error)")
        }
        context.logger.debug("console.credential.issued", metadata: ["credential.id": "\(issued.credential.id)"])
        return Wire.IssueCredentialResponse(token: issued.token, expiresUnixMs: issued.credential.expiresAtMilliseconds)
    }

    /// Replaces the caller's password, given the current one, and ends their other sessions.
    func changePassword(
        _ request: Wire.ChangePasswordRequest,
        _ context: ServerContext,
        _ caller: SessionGate.SignedIn
    ) async throws -> Wire.ChangePasswordResponse {
        var violations: [FieldViolation] = []
        if request.currentPassword.isEmpty {
            violations.append(
                FieldViolation(field: "current_password", code: "required", message: "the current password is required")
            )
        }
        if let violation = PasswordRules.violation(request.newPassword, field: "new_password") {
            violations.append(violation)
        } else if request.newPassword == request.currentPassword {
            violations.append(
                FieldViolation(
                    field: "new_password", code: "unchanged",
                    message: "the new password must differ from the current one")
            )
        }
        guard violations.isEmpty else {
            throw RPCError(.invalidArgument, "the password was not changed", fieldViolations: violations)
        }
        let now = milliseconds()
        let account = caller.account
        if let lockedUntil = account.lockedUntil, account.isLocked(at: now) {
            throw ConsoleRefusal.locked(until: lockedUntil)
        }
        guard await hasher.verify(request.currentPassword, hash: account.passwordHash) else {
            // Counted as a failed sign-in: a stolen session must not be a way to guess the password.
            // A lockout here also ends the sessions, the stolen one among them.
            let lockedUntil = try await store.recordFailure(
                login: caller.login, kind: .passwordChangeFailed, policy: lockout, endingSessions: true, now: now
            )
            context.logger.notice("console.password_change.refused", metadata: ["reason": "wrong_password"])
            if let lockedUntil { throw ConsoleRefusal.locked(until: lockedUntil) }
            throw RPCError(
                .permissionDenied, "the current password is wrong",
                fieldViolations: [
                    FieldViolation(field: "current_password", code: "wrong", message: "the current password is wrong")
                ]
            )
        }
        let newHash = await hasher.hash(request.newPassword)
        try await store.changePassword(
            login: caller.login, currentHash: account.passwordHash, newHash: newHash, keepingSession: caller.session.id,
            now: now
        )
        context.logger.info("console.password.changed")
        return Wire.ChangePasswordResponse()
    }

    /// What the person signed in with, for their session list: up to 64 printable characters.
    static func client(_ text: String) throws(RPCError) -> String {
        guard !text.isEmpty else { return "unknown" }
        guard text.count <= 64, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw RPCError(
                .invalidArgument, "client is up to 64 characters without control characters",
                fieldViolations: [
                    FieldViolation(
                        field: "client", code: "invalid", message: "up to 64 characters without control characters")
                ]
            )
        }
        return text
    }
}
