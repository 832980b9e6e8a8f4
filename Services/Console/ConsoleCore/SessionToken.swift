import Crypto
import Domain
import Foundation

/// A session's bearer secret and its public handle.
///
/// The token is 256 random bits, given to the person once at sign-in; the console keeps only its
/// SHA-256, so that a copy of the database signs nobody in. A token that strong needs no slow hash:
/// it cannot be guessed, only stolen. The public id names the session in listings and revocations.
enum SessionToken {
    /// A fresh token: 32 random bytes in unpadded base64url (43 characters).
    static func generate() -> String {
        base64URL(randomBytes(32))
    }

    /// The hex SHA-256 of `token`, the form in which the console stores and looks it up.
    static func digest(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }

    /// A fresh public id: 12 random bytes in base64url (16 characters), unique by chance alone.
    static func makePublicID() -> String {
        base64URL(randomBytes(12))
    }

    private static func randomBytes(_ count: Int) -> [UInt8] {
        // The system generator reads the kernel's CSPRNG (getrandom on Linux).
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
