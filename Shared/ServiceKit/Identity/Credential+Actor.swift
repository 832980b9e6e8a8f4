public import Domain
public import Identity
public import RPC
public import WireProtocol

extension Credential {
    /// The actor of a call made with this credential, acting in `claimed.role` (the one role the
    /// credential holds when the claim names none).
    ///
    /// A person is who the credential says: a claimed id or unit that differs is refused. The
    /// platform edge and services speak for others (a platform operator, a scheduler), so their
    /// claimed id is kept; the role still has to be one the credential holds.
    public func actor(claimed: Wire.Actor?) throws(RPCError) -> WorkOrder.Actor {
        let role = try actingRole(claimed?.role ?? "")
        let claimedID = claimed?.id ?? ""
        let claimedUnit = claimed?.unit ?? ""
        guard role.isStaff else {
            return WorkOrder.Actor(
                id: claimedID.isEmpty ? account : claimedID, role: role,
                unitCode: claimedUnit.isEmpty ? nil : claimedUnit)
        }
        if !claimedID.isEmpty && claimedID != account {
            throw RPCError(.permissionDenied, "the credential is \(account)'s; it cannot act as \(claimedID)")
        }
        if !claimedUnit.isEmpty && claimedUnit != (unit ?? "") {
            throw RPCError(.permissionDenied, "\(account) belongs to \(unit ?? "no unit"), not \(claimedUnit)")
        }
        return WorkOrder.Actor(id: account, role: role, unitCode: unit, name: recordedName)
    }

    /// The issuer of signed-in staff; a staff role from any other (the operator's `--as`) is an override.
    public static let staffIssuer = "console"

    /// The name an action is recorded under: an override says so, whatever the credential calls the person.
    public var recordedName: String {
        issuer == Self.staffIssuer ? displayName : "\(displayName) [\(issuer) override]"
    }

    /// The role named by `text`, which the credential must hold; empty picks its only role.
    public func actingRole(_ text: String) throws(RPCError) -> Role {
        guard !text.isEmpty else {
            guard roles.count == 1, let only = roles.first else {
                throw RPCError(
                    .invalidArgument,
                    "\(account) holds several roles (\(roles.sorted().map(\.rawValue).joined(separator: ", "))); name the one to act in",
                    fieldViolations: [
                        FieldViolation(field: "actor.role", code: "required", message: "name the role to act in")
                    ]
                )
            }
            return only
        }
        guard let role = Role(rawValue: text) else {
            throw RPCError(
                .invalidArgument, "unknown role \"\(text)\"",
                fieldViolations: [FieldViolation(field: "actor.role", code: "invalid", message: "unknown role")]
            )
        }
        guard roles.contains(role) else {
            throw RPCError(.permissionDenied, "\(account) does not hold the role \(role)")
        }
        return role
    }
}
