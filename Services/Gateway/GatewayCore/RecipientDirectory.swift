import Domain
import Logging
import RPC
import WireProtocol

/// Who receives a notification of a unit: a 交办单 goes to the unit's deputy leader in charge and
/// its head (notice, section 三.3), the daily digest to its head; reminders, overdue warnings and
/// acknowledgement prompts to its liaison.
///
/// The people are the console's enabled accounts holding those posts in the unit, so that mail goes
/// to those who can sign in and act; routing only says whether the unit exists. Each person is kept
/// once, by the console (docs/accounts.md).
struct RecipientDirectory: Sendable {
    let routing: RPCClient
    /// Where the accounts are (`console.contacts`).
    let console: RPCClient

    /// The posts a notification of `kind` goes to, as account roles.
    static func roles(for kind: String) -> [Role] {
        switch kind {
        // The 交办单 to the deputy leader in charge and the head (notice 三.3).
        case "transfer_slip": [.deputyLeader, .unitLeader]
        // A meeting invitation to the liaison and the head, who decides who attends.
        case "meeting_invitation": [.liaison, .unitLeader]
        // The daily assessment digest to the unit's head (Sanmenxia's practice).
        case "daily_digest": [.unitLeader]
        // An order nobody was assigned: the desk on duty and its head.
        case "stuck_order": [.bureauDesk, .unitLeader]
        default: [.liaison, .enterpriseHelpLiaison]
        }
    }

    /// The addresses for `kind` in `unit`. Throws `notFound` for a unit routing does not know and
    /// `failedPrecondition` when no enabled account with an address holds the post (retrying will
    /// not help until an administrator creates one); `unavailable` when routing or the console does
    /// not answer.
    func recipients(of unit: String, kind: String, timeout: Duration = .seconds(5)) async throws(RPCError) -> [String] {
        let perCall = min(timeout, .seconds(5))
        let units = try await routing.call("routing.list_units", ListUnitsRequest(), as: ListUnitsResponse.self, timeout: perCall)
        guard units.units.contains(where: { $0.code == unit }) else {
            throw RPCError(.notFound, "unit \(unit) is not in the directory", fieldViolations: [FieldViolation(field: "notification.unit", code: "not_found", message: "unknown unit")])
        }
        let roles = Self.roles(for: kind)
        let request = ContactsRequest(unit: unit, roles: roles.map(\.rawValue))
        let accounts = try await console.call("console.contacts", request, as: ContactsResponse.self, timeout: perCall)
        let addresses = Self.unique(accounts.accounts.map(\.email))
        guard !addresses.isEmpty else {
            let posts = roles.map(\.rawValue).joined(separator: " or ")
            throw RPCError(
                .failedPrecondition,
                "no enabled account of unit \(unit) holding \(posts) has an email address for a \(kind); create one with subanctl accounts create, then subanctl outbox retry"
            )
        }
        return addresses
    }

    static func unique(_ addresses: [String]) -> [String] {
        var unique: [String] = []
        for address in addresses where EmailAddress.isValid(address) && !unique.contains(address) { unique.append(address) }
        return unique
    }

    /// Whether `error` is the directory's answer (retrying will not help until it changes) rather
    /// than routing or the console being down.
    static func isDirectoryAnswer(_ error: RPCError) -> Bool {
        error.code == .notFound || error.code == .failedPrecondition
    }
}
