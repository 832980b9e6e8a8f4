public import Domain
public import Foundation
public import Identity
public import RPC
import Synchronization
public import WireProtocol

/// The credential a service's own calls carry: signed by its issuer for `account` in `roles`
/// (`system` for its schedulers and outboxes, `platform` for the gateway's platform traffic).
///
/// One credential serves many calls and is signed anew when less than half its lifetime is left,
/// so that a retried or slow call never arrives with one about to expire.
public final class ServiceCredentials: CallCredentials {
    let issuer: CredentialIssuer
    let account: String
    let roles: Set<Role>
    let lifetime: Duration
    private let current = Mutex<(token: String, renewAt: Date)?>(nil)

    public static let defaultLifetime: Duration = .seconds(120)

    public init(
        issuer: CredentialIssuer, account: String? = nil, roles: Set<Role> = [.system],
        lifetime: Duration = defaultLifetime
    ) {
        self.issuer = issuer
        self.account = account ?? issuer.id
        self.roles = roles
        self.lifetime = lifetime
    }

    public func headers(for method: String) async throws(RPCError) -> [Header] {
        [Header(name: Header.credential, value: try token())]
    }

    /// A token valid for at least half the lifetime from now.
    public func token(now: Date = Date()) throws(RPCError) -> String {
        if let (token, renewAt) = current.withLock({ $0 }), now < renewAt { return token }
        let issued: (credential: Credential, token: String)
        do {
            issued = try issuer.issue(
                account: account, displayName: account, roles: roles, lifetime: lifetime, now: now)
        } catch {
            throw RPCError(.internal, "\(issuer.id) cannot sign its own credential: \(error)")
        }
        let renewAt = now.addingTimeInterval(Double(lifetime.components.seconds) / 2)
        current.withLock { $0 = (issued.token, renewAt) }
        return issued.token
    }
}
