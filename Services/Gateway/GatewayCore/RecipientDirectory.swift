import Domain
import Logging
import RPC
import WireProtocol

/// Who receives a notification of a unit: a 交办单 goes to the unit's deputy leader in charge and
/// its head (notice, section 三.3), the daily digest to its head; reminders, overdue warnings and
/// acknowledgement prompts to its liaison.
///
/// The people are the console's accounts holding those posts in the unit, so that mail goes to
/// those who can sign in and act. A unit whose posts no account holds yet, or a console that does
/// not answer, falls back to the contacts routing's directory keeps for the unit.
struct RecipientDirectory: Sendable {
    let routing: RPCClient
    /// Where the accounts are (`console.contacts`); nil where there is no console (some tests).
    var console: RPCClient? = nil
    var logger: Logger? = nil

    /// The posts a notification of `kind` goes to, as account roles.
    static func roles(for kind: String) -> [Role] {
        switch kind {
        case "transfer_slip": [.deputyLeader, .unitLeader]
        case "meeting_invitation": [.liaison, .unitLeader]
        case "daily_digest": [.unitLeader]
        case "stuck_order": [.bureauDesk, .unitLeader]
        default: [.liaison, .enterpriseHelpLiaison]
        }
    }

    /// The enabled accounts of `unit` holding a post for `kind`, by email; empty when none does or
    /// the console cannot be asked.
    func accountAddresses(of unit: String, kind: String, timeout: Duration) async -> [String] {
        guard let console else { return [] }
        do {
            let request = ContactsRequest(unit: unit, roles: Self.roles(for: kind).map(\.rawValue))
            let accounts = try await console.call("console.contacts", request, as: ContactsResponse.self, timeout: min(timeout, .seconds(5)))
            return Self.unique(accounts.accounts.map(\.email))
        } catch {
            logger?.notice("gateway.recipients.console_unavailable", metadata: ["unit": "\(unit)", "error": "\(error)"])
            return []
        }
    }

    static func unique(_ addresses: [String]) -> [String] {
        var unique: [String] = []
        for address in addresses where EmailAddress.isValid(address) && !unique.contains(address) { unique.append(address) }
        return unique
    }

    /// The addresses for `kind` in `unit`. Throws `notFound` for an unknown unit and
    /// `failedPrecondition` when the directory has no usable address; `unavailable` when routing
    /// does not answer.
    func recipients(of unit: String, kind: String, timeout: Duration = .seconds(5)) async throws(RPCError) -> [String] {
        let accounts = await accountAddresses(of: unit, kind: kind, timeout: timeout)
        guard accounts.isEmpty else { return accounts }
        let units = try await routing.call("routing.list_units", ListUnitsRequest(), as: ListUnitsResponse.self, timeout: min(timeout, .seconds(5)))
        guard let found = units.units.first(where: { $0.code == unit }) else {
            throw RPCError(.notFound, "unit \(unit) is not in the directory", fieldViolations: [FieldViolation(field: "notification.unit", code: "not_found", message: "unknown unit")])
        }
        // The 交办单 goes to the deputy leader in charge and the head (notice 三.3); a meeting
        // invitation to the liaison and the head, who decides who attends; the rest to the liaison.
        let addresses = switch kind {
        case "transfer_slip": [found.deputyLeaderEmail, found.leaderEmail]
        case "meeting_invitation": [found.liaisonEmail, found.leaderEmail]
        // The daily assessment digest goes to the unit's head (Sanmenxia's practice).
        case "daily_digest": [found.leaderEmail]
        // An order nobody was assigned: the desk's liaison on duty and its head.
        case "stuck_order": [found.liaisonEmail, found.leaderEmail]
        default: [found.liaisonEmail]
        }
        let unique = Self.unique(addresses)
        guard !unique.isEmpty else {
            throw RPCError(.failedPrecondition, "unit \(unit) has no email address for a \(kind); set it with subanctl units edit, then subanctl outbox retry")
        }
        return unique
    }

    /// Whether `error` is the directory's answer (retrying will not help until it changes) rather
    /// than routing being down.
    static func isDirectoryAnswer(_ error: RPCError) -> Bool {
        error.code == .notFound || error.code == .failedPrecondition
    }
}
