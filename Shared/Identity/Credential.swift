public import Domain
public import Foundation

/// The claims of a credential: who acts (account, name, roles, unit), who says so (issuer), and
/// for how long.
///
/// A credential is a short-lived assertion, not a session: services accept it only from an
/// issuer they trust, only with the roles that issuer may assert, and only until it expires.
/// Its wire form is described in `docs/identity.md`; `CredentialIssuer` makes one and
/// `CredentialVerifier` checks one.
public struct Credential: Sendable, Hashable {
    /// The longest a credential may live, from issue to expiry: 12 hours.
    public static let maximumLifetime: Duration = .seconds(12 * 3600)

    /// Who signed it, as named in the trust configuration (`console`, `gateway`, `intake`, …).
    public var issuer: String
    /// The account acting: a staff account's login name, or the service or edge acting itself.
    public var account: String
    /// The account holder's name as staff see it, for logs and the event log.
    public var displayName: String
    /// What the account may act as; never empty.
    public var roles: Set<Role>
    /// The unit the account belongs to (a unit code of the directory), if any.
    public var unit: String?
    /// When it was issued, in Unix milliseconds.
    public var issuedAtMilliseconds: Int64
    /// When it stops being accepted, in Unix milliseconds.
    public var expiresAtMilliseconds: Int64
    /// A random id, unique per credential: for the log, and for a replay cache should one be needed.
    public var id: String

    public init(
        issuer: String,
        account: String,
        displayName: String,
        roles: Set<Role>,
        unit: String?,
        issuedAtMilliseconds: Int64,
        expiresAtMilliseconds: Int64,
        id: String
    ) {
        self.issuer = issuer
        self.account = account
        self.displayName = displayName
        self.roles = roles
        self.unit = unit
        self.issuedAtMilliseconds = issuedAtMilliseconds
        self.expiresAtMilliseconds = expiresAtMilliseconds
        self.id = id
    }

    public var issuedAt: Date { Date(timeIntervalSince1970: Double(issuedAtMilliseconds) / 1000) }
    public var expiresAt: Date { Date(timeIntervalSince1970: Double(expiresAtMilliseconds) / 1000) }

    /// Throws `malformed` naming the first claim that a credential may not carry.
    ///
    /// Identifiers are 1–64 ASCII letters, digits, `_`, `-` or `.` (an account may also hold
    /// `@`, up to 128); the display name is 1–100 characters without control or format characters; at least
    /// one role; issued between 1970 and 9999; a lifetime above zero and at most `maximumLifetime`.
    public func validate() throws(IdentityError) {
        try Self.requireIdentifier(issuer, claim: "issuer", maximumLength: 64)
        try Self.requireIdentifier(account, claim: "account", maximumLength: 128, extra: UInt8(ascii: "@"))
        guard (1...100).contains(displayName.count), !displayName.unicodeScalars.contains(where: Self.isInvisible)
        else {
            throw IdentityError(
                .malformed, "claim name must be 1 to 100 characters without control or format characters")
        }
        guard !roles.isEmpty else { throw IdentityError(.malformed, "claim roles is empty") }
        if let unit { try Self.requireIdentifier(unit, claim: "unit", maximumLength: 64) }
        try Self.requireIdentifier(id, claim: "id", maximumLength: 64)
        // Bounded so that a verifier adding its skew can never overflow, whoever signed the claims.
        guard (0...Self.latestIssueMilliseconds).contains(issuedAtMilliseconds) else {
            throw IdentityError(.malformed, "claim issued_at is not between 1970 and 9999")
        }
        let lifetime = expiresAtMilliseconds.subtractingReportingOverflow(issuedAtMilliseconds)
        guard !lifetime.overflow, lifetime.partialValue > 0 else {
            throw IdentityError(.malformed, "claim expires_at must lie after issued_at")
        }
        guard lifetime.partialValue <= Self.maximumLifetimeMilliseconds else {
            throw IdentityError(.malformed, "lifetime of \(lifetime.partialValue) ms exceeds the maximum of 12 hours")
        }
    }

    /// Control characters, and format characters such as U+202E that would reorder a log line.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// 9999-12-31T23:59:59.999Z.
    static let latestIssueMilliseconds: Int64 = 253_402_300_799_999

    static let maximumLifetimeMilliseconds = Int64(maximumLifetime.components.seconds) * 1000

    /// Whether `text` is 1–`maximumLength` of `A-Z a-z 0-9 _ - .` (and `extra`, if given).
    static func isIdentifier(_ text: some StringProtocol, maximumLength: Int, extra: UInt8? = nil) -> Bool {
        (1...maximumLength).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == extra
            }
    }

    private static func requireIdentifier(
        _ text: String,
        claim: String,
        maximumLength: Int,
        extra: UInt8? = nil
    ) throws(IdentityError) {
        guard isIdentifier(text, maximumLength: maximumLength, extra: extra) else {
            let allowed =
                extra.map { "letters, digits, '_', '-', '.' or '\(Character(Unicode.Scalar($0)))'" }
                ?? "letters, digits, '_', '-' or '.'"
            throw IdentityError(.malformed, "claim \(claim) must be 1 to \(maximumLength) ASCII \(allowed)")
        }
    }
}
