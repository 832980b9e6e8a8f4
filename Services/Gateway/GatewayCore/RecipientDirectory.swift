import Domain
import RPC
import WireProtocol

/// Who receives a notification of a unit, from routing's unit directory: a 交办单 goes to the
/// unit's deputy leader in charge and its head (notice, section 三.3), the daily digest to its
/// head; reminders, overdue warnings and acknowledgement prompts to its liaison.
struct RecipientDirectory: Sendable {
    let routing: RPCClient

    /// The addresses for `kind` in `unit`. Throws `notFound` for an unknown unit and
    /// `failedPrecondition` when the directory has no usable address; `unavailable` when routing
    /// does not answer.
    func recipients(of unit: String, kind: String, timeout: Duration = .seconds(5)) async throws(RPCError) -> [String] {
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
        var unique: [String] = []
        for address in addresses where EmailAddress.isValid(address) && !unique.contains(address) { unique.append(address) }
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
