import Domain
import Foundation
import Identity
import Logging
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// The RPC methods of the console.
///
/// `console.sign_in` is the one method open to anyone; the others need a live session, checked by
/// `SessionGate`, and the account methods also the administrator role. `console.contacts` serves
/// the other services and takes their `system` credential instead.
struct ConsoleHandlers: Sendable {
    let store: AccountStore
    let hasher: PasswordHasher
    let configuration: ConsoleConfiguration
    let issuer: CredentialIssuer
    let now: @Sendable () -> Date

    /// How long a credential issued to a signed-in person lives: one action or a short batch.
    static let credentialLifetime: Duration = .seconds(300)

    var gate: SessionGate { SessionGate(store: store, configuration: configuration, now: now) }
    var lockout: LockoutPolicy {
        LockoutPolicy(lockoutAfter: configuration.lockoutAfter, lockoutSeconds: configuration.lockoutSeconds)
    }

    func router(credentials: CredentialGate) -> RPCRouter {
        var router = GuardedRouter(gate: credentials)
        let gate = gate
        router.registerOpen(Wire.Console.signIn) { (request: Wire.SignInRequest, context) in
            try await signIn(request, context)
        }
        gate.register(Wire.Console.signOut, in: &router) { (_: Wire.SignOutRequest, context, caller) in
            try await signOut(context, caller)
        }
        gate.register(Wire.Console.whoami, in: &router) { (_: Wire.WhoAmIRequest, _, caller) in whoAmI(caller) }
        gate.register(Wire.Console.issueCredential, in: &router) { (_: Wire.IssueCredentialRequest, context, caller) in
            try issueCredential(context, caller)
        }
        gate.register(Wire.Console.changePassword, in: &router) {
            (request: Wire.ChangePasswordRequest, context, caller) in
            try await changePassword(request, context, caller)
        }
        gate.register(Wire.Console.listSessions, in: &router) { (request: Wire.ListSessionsRequest, _, caller) in
            try await listSessions(request, caller)
        }
        gate.register(Wire.Console.revokeSession, in: &router) {
            (request: Wire.RevokeSessionRequest, context, caller) in
            try await revokeSession(request, context, caller)
        }
        gate.register(Wire.Console.createAccount, in: &router, administratorsOnly: true) {
            (request: Wire.CreateAccountRequest, context, caller) in try await createAccount(request, context, caller)
        }
        gate.register(Wire.Console.importAccounts, in: &router, administratorsOnly: true) {
            (request: Wire.ImportAccountsRequest, context, caller) in try await importAccounts(request, context, caller)
        }
        gate.register(Wire.Console.updateAccount, in: &router, administratorsOnly: true) {
            (request: Wire.UpdateAccountRequest, context, caller) in try await updateAccount(request, context, caller)
        }
        gate.register(Wire.Console.setAccountDisabled, in: &router, administratorsOnly: true) {
            (request: Wire.SetAccountDisabledRequest, context, caller) in
            try await setAccountDisabled(request, context, caller)
        }
        gate.register(Wire.Console.resetPassword, in: &router, administratorsOnly: true) {
            (request: Wire.ResetPasswordRequest, context, caller) in try await resetPassword(request, context, caller)
        }
        gate.register(Wire.Console.listAccounts, in: &router, administratorsOnly: true) {
            (request: Wire.ListAccountsRequest, _, _) in
            try await listAccounts(request)
        }
        gate.register(Wire.Console.listAccountEvents, in: &router, administratorsOnly: true) {
            (request: Wire.ListAccountEventsRequest, _, _) in try await listAccountEvents(request)
        }
        router.register(Wire.Console.contacts, roles: [.system]) { (request: Wire.ContactsRequest, _, _) in
            try await contacts(request)
        }
        return router.router
    }

    func milliseconds() -> Int64 {
        SessionGate.milliseconds(now())
    }

    /// The login of a request naming an account, or `invalid_argument`.
    static func requireLogin(_ login: String, field: String = "login") throws(RPCError) -> String {
        if let violation = AccountProfile.loginViolation(login, field: field) {
            throw RPCError(.invalidArgument, violation.message, fieldViolations: [violation])
        }
        return login
    }
}
