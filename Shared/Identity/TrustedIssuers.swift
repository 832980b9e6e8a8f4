public import Crypto
public import Domain
public import Foundation

/// The issuers a service trusts, each with its public key and the roles it may assert.
///
/// Configured as one environment variable (`SUBAN_TRUSTED_ISSUERS`):
///
///     console:<base64 public key>:bureau_desk,liaison,unit_leader;gateway:<base64>:platform;intake:<base64>:system
///
/// Entries are separated by `;`, fields by `:`, roles by `,`; spaces around them are ignored.
/// An issuer asserts either staff roles or the service roles (`platform`, `system`), never both:
/// the design gives staff roles only to signed-in accounts.
public struct TrustedIssuers: Sendable, CustomStringConvertible {
    /// The variable services read the configuration from.
    public static let environmentVariable = "SUBAN_TRUSTED_ISSUERS"

    public struct Issuer: Sendable {
        public var id: String
        /// The raw 32 bytes of the issuer's Ed25519 public key: swift-crypto's key types are not
        /// `Sendable`, their bytes are.
        public let publicKeyBytes: Data
        public var allowedRoles: Set<Role>

        public init(id: String, publicKey: Curve25519.Signing.PublicKey, allowedRoles: Set<Role>) {
            self.id = id
            self.publicKeyBytes = publicKey.rawRepresentation
            self.allowedRoles = allowedRoles
        }

        /// Whether `signature` is the issuer's over `message`; a key that cannot be rebuilt verifies nothing.
        func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKeyBytes) else { return false }
            return key.isValidSignature(signature, for: message)
        }
    }

    /// A configuration that cannot be used; the service refuses to start. Names the variable and
    /// the part at fault, never a whole key.
    public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
        public var variable: String
        /// The entry (or field) at fault, as written.
        public var part: String
        public var reason: String

        public init(variable: String, part: String, reason: String) {
            self.variable = variable
            self.part = part
            self.reason = reason
        }

        public var description: String {
            part.isEmpty ? "\(variable) is invalid: \(reason)" : "\(variable) is invalid at \"\(part)\": \(reason)"
        }
    }

    private var issuers: [String: Issuer]

    /// Trusts `issuers`; ids must be distinct.
    public init(_ issuers: [Issuer]) {
        var byID: [String: Issuer] = [:]
        for issuer in issuers {
            precondition(byID.updateValue(issuer, forKey: issuer.id) == nil, "issuer \(issuer.id) is trusted twice")
        }
        self.issuers = byID
    }

    /// Parses the configuration (see the type's documentation); `variable` names it in errors.
    public init(parsing text: String, variable: String = environmentVariable) throws(ConfigurationError) {
        var issuers: [Issuer] = []
        for entry in text.split(separator: ";", omittingEmptySubsequences: true).map(Self.trimmed) where !entry.isEmpty
        {
            let issuer = try Self.parseEntry(entry, variable: variable)
            guard !issuers.contains(where: { $0.id == issuer.id }) else {
                throw ConfigurationError(
                    variable: variable, part: issuer.id, reason: "issuer \(issuer.id) is listed twice")
            }
            issuers.append(issuer)
        }
        guard !issuers.isEmpty else {
            throw ConfigurationError(
                variable: variable,
                part: "",
                reason: "no issuer is configured; expected id:public key:roles;…"
            )
        }
        self.init(issuers)
    }

    public subscript(id: String) -> Issuer? { issuers[id] }

    /// The ids of the trusted issuers, sorted.
    public var ids: [String] { issuers.keys.sorted() }

    /// The configuration in its written form, issuers and roles sorted. Public keys are not
    /// secret, so nothing is masked.
    public var description: String {
        issuers.sorted { $0.key < $1.key }.map { id, issuer in
            let roles = issuer.allowedRoles.sorted().map(\.rawValue).joined(separator: ",")
            return "\(id):\(issuer.publicKeyBytes.base64EncodedString()):\(roles)"
        }.joined(separator: ";")
    }

    private static func parseEntry(_ entry: String, variable: String) throws(ConfigurationError) -> Issuer {
        let fields = entry.split(separator: ":", omittingEmptySubsequences: false).map(trimmed)
        guard fields.count == 3 else {
            throw ConfigurationError(variable: variable, part: entry, reason: "expected id:public key:roles")
        }
        let id = fields[0]
        guard Credential.isIdentifier(id, maximumLength: 64) else {
            throw ConfigurationError(
                variable: variable,
                part: id,
                reason: "an issuer id is 1 to 64 ASCII letters, digits, '_', '-' or '.'"
            )
        }
        let publicKey: Curve25519.Signing.PublicKey
        do {
            publicKey = try KeyFile.publicKey(base64: fields[1])
        } catch {
            throw ConfigurationError(
                variable: variable, part: id, reason: "the public key of \(id) is not 32 bytes in base64")
        }
        guard !fields[2].isEmpty else {
            throw ConfigurationError(variable: variable, part: id, reason: "issuer \(id) is given no roles")
        }
        var roles: Set<Role> = []
        for text in fields[2].split(separator: ",", omittingEmptySubsequences: false).map(trimmed) {
            guard let role = Role(rawValue: text) else {
                throw ConfigurationError(
                    variable: variable,
                    part: text,
                    reason:
                        "unknown role of issuer \(id); expected \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            roles.insert(role)
        }
        if roles.contains(where: \.isStaff), let service = roles.sorted().first(where: { !$0.isStaff }) {
            throw ConfigurationError(
                variable: variable,
                part: id,
                reason: "issuer \(id) is given staff roles and \(service); "
                    + "staff roles and platform or system need separate issuers"
            )
        }
        return Issuer(id: id, publicKey: publicKey, allowedRoles: roles)
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
