import RPC
import WireProtocol

/// What a password must be, and the one-time passwords the console hands out.
///
/// At least 12 characters, because length is what makes a password hard to guess; at most 72 bytes
/// of UTF-8, because bcrypt reads no further and a longer one would be silently cut; no control
/// characters, because bcrypt stops at a NUL and a newline cannot be typed at a prompt.
enum PasswordRules {
    static let minimumCharacters = 12
    static let maximumBytes = 72

    /// Why `password` is not a password the console accepts, or nil; the message never repeats it.
    static func violation(_ password: String, field: String) -> FieldViolation? {
        if password.isEmpty {
            return FieldViolation(field: field, code: "required", message: "a password is required")
        }
        if password.utf8.count > maximumBytes {
            return FieldViolation(
                field: field, code: "too_long",
                message: "a password is at most \(maximumBytes) bytes of UTF-8 (bcrypt ignores the rest); "
                    + "this one has \(password.utf8.count)"
            )
        }
        if password.count < minimumCharacters {
            return FieldViolation(
                field: field, code: "too_short", message: "a password has at least \(minimumCharacters) characters")
        }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return FieldViolation(field: field, code: "invalid", message: "a password holds no control characters")
        }
        return nil
    }

    /// Refuses `password` with `invalid_argument` unless it follows the rules.
    static func require(_ password: String, field: String) throws(RPCError) {
        if let violation = violation(password, field: field) {
            throw RPCError(.invalidArgument, violation.message, fieldViolations: [violation])
        }
    }

    /// Letters and digits that no font confuses: no 0/O/o, 1/l/I.
    static let oneTimeAlphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789")

    /// 16 characters drawn uniformly from `oneTimeAlphabet`: about 92 bits, for one sign-in.
    static func makeOneTimePassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in oneTimeAlphabet[Int.random(in: oneTimeAlphabet.indices, using: &generator)] })
    }
}
