/// Why a credential was refused or could not be made.
///
/// The code is opaque and stable, for callers that map it to a status: `roleNotAllowed` is a
/// permission problem (`permission_denied`), every other code means the caller is not
/// authenticated (`unauthenticated`); see `isPermissionDenied`. The message is for logs and for
/// the person refused: it never repeats the token or any key.
public struct IdentityError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case malformed
            case unknownIssuer = "unknown_issuer"
            case badSignature = "bad_signature"
            case expired
            case notYetValid = "not_yet_valid"
            case roleNotAllowed = "role_not_allowed"
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// Not a credential of a version this library reads, or claims that are not well formed.
        public static let malformed = Code(.malformed)
        /// Signed by an issuer that is not trusted here.
        public static let unknownIssuer = Code(.unknownIssuer)
        /// The signature does not match the claims under the issuer's key.
        public static let badSignature = Code(.badSignature)
        /// Expired, beyond the allowed clock skew.
        public static let expired = Code(.expired)
        /// Issued in the future, beyond the allowed clock skew.
        public static let notYetValid = Code(.notYetValid)
        /// The issuer asserted a role it is not trusted to assert.
        public static let roleNotAllowed = Code(.roleNotAllowed)

        public var description: String { value.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Whether the caller is known but may not act this way (`permission_denied`), rather than
    /// not authenticated at all (`unauthenticated`).
    public var isPermissionDenied: Bool { code == .roleNotAllowed }

    public var description: String { "\(code): \(message)" }
}
