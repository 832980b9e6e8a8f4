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
        router.registerOpen("console.sign_in") { (request: SignInRequest, context) in
            try await signIn(request, context)
        }
        gate.register("console.sign_out", in: &router) { (_: SignOutRequest, context, caller) in
            try await signOut(context, caller)
        }
        gate.register("console.whoami", in: &router) { (_: WhoAmIRequest, _, caller) in whoAmI(caller) }
        gate.register("console.issue_credential", in: &router) { (_: IssueCredentialRequest, context, caller) in
            try issueCredential(context, caller)
        }
        gate.register("console.change_password", in: &router) { (request: ChangePasswordRequest, context, caller) in
            try await changePassword(request, context, caller)
        }
        gate.register("console.list_sessions", in: &router) { (request: ListSessionsRequest, _, caller) in
            try await listSessions(request, caller)
        }
        gate.register("console.revoke_session", in: &router) { (request: RevokeSessionRequest, context, caller) in
            try await revokeSession(request, context, caller)
        }
        gate.register("console.create_account", in: &router, administratorsOnly: true) {
            (request: CreateAccountRequest, context, caller) in try await createAccount(request, context, caller)
        }
        gate.register("console.import_accounts", in: &router, administratorsOnly: true) {
            (request: ImportAccountsRequest, context, caller) in try await importAccounts(request, context, caller)
        }
        gate.register("console.update_account", in: &router, administratorsOnly: true) {
            (request: UpdateAccountRequest, context, caller) in try await updateAccount(request, context, caller)
        }
        gate.register("console.set_account_disabled", in: &router, administratorsOnly: true) {
            (request: SetAccountDisabledRequest, context, caller) in
            try await setAccountDisabled(request, context, caller)
        }
        gate.register("console.reset_password", in: &router, administratorsOnly: true) {
            (request: ResetPasswordRequest, context, caller) in try await resetPassword(request, context, caller)
        }
        gate.register("console.list_accounts", in: &router, administratorsOnly: true) {
            (request: ListAccountsRequest, _, _) in
            try await listAccounts(request)
        }
        gate.register("console.list_account_events", in: &router, administratorsOnly: true) {
            (request: ListAccountEventsRequest, _, _) in try await listAccountEvents(request)
        }
        router.register("console.contacts", roles: [.system]) { (request: ContactsRequest, _, _) in
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
