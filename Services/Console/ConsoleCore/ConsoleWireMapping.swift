import Domain
import WireProtocol

/// What the console's records look like on the wire. The only place a record becomes a message, so
/// the only place to check that no password hash or token digest leaves the service.
enum ConsoleWireMapping {
    static func account(_ record: AccountRecord) -> Wire.Account {
        Wire.Account(
            login: record.login,
            name: record.profile.name,
            phone: record.profile.phone,
            email: record.profile.email,
            roles: record.profile.roles.sorted().map(\.rawValue),
            unit: record.profile.unit ?? "",
            disabled: record.disabled,
            mustChangePassword: record.mustChangePassword,
            createdUnixMs: record.created,
            lastSignInUnixMs: record.lastSignIn ?? 0,
            createdBy: record.createdBy,
            lockedUntilUnixMs: record.lockedUntil ?? 0
        )
    }

    static func session(_ session: SessionRecord, idleSeconds: Int, current: Bool) -> Wire.SessionView {
        Wire.SessionView(
            id: session.id,
            login: session.login,
            client: session.client,
            createdUnixMs: session.created,
            lastSeenUnixMs: session.lastSeen,
            idleExpiresUnixMs: session.idleExpiry(idleSeconds: idleSeconds),
            expiresUnixMs: session.expires,
            current: current
        )
    }

    static func event(_ event: AccountStore.StoredEvent) -> Wire.AccountEvent {
        Wire.AccountEvent(
            atUnixMs: event.at,
            kind: event.entry.kind.rawValue,
            login: event.entry.login,
            by: event.entry.by,
            detail: event.entry.detail
        )
    }
}
