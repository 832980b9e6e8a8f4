import Domain
import Logging
import RPC
import WireProtocol

/// Who receives a notification of a unit: the posts its kind's rungs of the escalation ladder
/// name (``NotificationLadder``), in the unit or at the bureau desk.
///
/// The people are the console's enabled accounts holding those posts, so that mail goes to those
/// who can sign in and act; routing only says whether the unit exists. Each person is kept once,
/// by the console (docs/accounts.md).
struct RecipientDirectory: Sendable {
    let routing: RPCClient
    /// Where the accounts are (`console.contacts`).
    let console: RPCClient
    var ladder = NotificationLadder.shipped

    /// The addresses for `kind` in `unit`. Throws `notFound` for a unit routing does not know and
    /// `failedPrecondition` when no enabled account with an address holds the post (retrying will
    /// not help until an administrator creates one); `unavailable` when routing or the console does
    /// not answer.
    func recipients(of unit: String, kind: String, timeout: Duration = .seconds(5)) async throws(RPCError) -> [String] {
        let perCall = min(timeout, .seconds(5))
        let units = try await routing.call(Wire.Routing.listUnits, Wire.ListUnitsRequest(), timeout: perCall)
        guard units.units.contains(where: { $0.code == unit }) else {
            throw RPCError(
                .notFound, "unit \(unit) is not in the directory",
                fieldViolations: [
                    FieldViolation(field: "notification.unit", code: "not_found", message: "unknown unit")
                ])
        }
        let rungs = ladder.rungs(for: kind)
        var addresses: [String] = []
        for atDesk in [false, true] {
            let roles = rungs.filter { $0.atDesk == atDesk }.map(\.role.rawValue)
            guard !roles.isEmpty else { continue }
            let request = Wire.ContactsRequest(unit: atDesk ? NotificationLadder.deskUnit : unit, roles: roles)
            let accounts = try await console.call(Wire.Console.contacts, request, timeout: perCall)
            addresses = Self.unique(addresses + accounts.accounts.map(\.email))
        }
        guard !addresses.isEmpty else {
            let posts = rungs.map(\.description).joined(separator: " or ")
            throw RPCError(
                .failedPrecondition,
                "no enabled account of unit \(unit) holding \(posts) has an email address for a \(kind); create one with subanctl accounts create, then subanctl outbox retry"
            )
        }
        return addresses
    }

    static func unique(_ addresses: [String]) -> [String] {
        var unique: [String] = []
        for address in addresses where EmailAddress.isValid(address) && !unique.contains(address) {
            unique.append(address)
        }
        return unique
    }

    /// Whether `error` is the directory's answer (retrying will not help until it changes) rather
    /// than routing or the console being down.
    static func isDirectoryAnswer(_ error: RPCError) -> Bool {
        error.code == .notFound || error.code == .failedPrecondition
    }
}
