import Domain

/// An account as stored: its profile, its standing, and the bcrypt hash of its password.
///
/// The hash leaves the store only to be checked; nothing built from a record for the wire or a log
/// carries it (see `ConsoleWireMapping.account`).
struct AccountRecord: Sendable, Hashable {
    var profile: AccountProfile
    var disabled: Bool
    var passwordHash: String
    /// A one-time password is in use: the holder may do nothing but change it.
    var mustChangePassword: Bool
    /// Consecutive failed sign-ins since the last success or lockout.
    var failedAttempts: Int
    /// Until when sign-in is refused (Unix ms), after too many failures.
    var lockedUntil: Int64?
    var created: Int64
    var createdBy: String
    var lastSignIn: Int64?

    var login: String { profile.login }

    func isLocked(at now: Int64) -> Bool {
        lockedUntil.map { now < $0 } ?? false
    }

    var isAdministrator: Bool { profile.roles.contains(.administrator) }
}
