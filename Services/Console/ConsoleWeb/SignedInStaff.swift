import Crypto
import Domain
import Foundation
import WireProtocol

/// The person behind a page request: their session token (from the cookie), their account as the
/// console has it now, and the form token that proves a POST came from one of our pages.
struct SignedInStaff: Sendable {
    let session: String
    let account: Wire.Account
    let roles: Set<Role>
    /// The unit's name as routing has it, for the page header.
    var unitName: String?

    init(session: String, account: Wire.Account) {
        self.session = session
        self.account = account
        roles = Set(account.roles.compactMap(Role.init(rawValue:)))
    }

    var login: String { account.login }
    var unit: String? { account.unit.isEmpty ? nil : account.unit }
    var readsEveryUnit: Bool { roles.contains(where: \.readsEveryUnit) }
    var isDesk: Bool { roles.contains(.bureauDesk) }

    /// The CSRF token of this session: an HMAC of a fixed label keyed by the session token, which
    /// only the holder of the HttpOnly cookie and the server know. Nothing to store, and it ends
    /// with the session.
    var formToken: String { Self.formToken(session: session) }

    static func formToken(session: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("suban-console-form".utf8), using: SymmetricKey(data: Data(session.utf8)))
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_"
        )
        .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `token` is this session's form token, compared in constant time.
    func acceptsFormToken(_ token: String?) -> Bool {
        guard let token else { return false }
        let expected = Array(formToken.utf8)
        let given = Array(token.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The role to act in for `kind` on an order of `channel`: the first the account holds.
    func actingRole(for kind: WorkOrderAction.Kind, on channel: WorkOrder.Channel) -> Role? {
        kind.permittedRoles(on: channel).intersection(roles).sorted().first
    }
}
