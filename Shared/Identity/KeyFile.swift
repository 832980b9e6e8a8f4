public import Crypto
import Foundation

/// An issuer's Ed25519 private key in a file of its own: the 32 raw bytes in base64 on one line.
///
/// `loadOrCreate()` makes the key on first run: the folder with mode 0700 if it is missing, the
/// file with mode 0600, created exclusively so that two processes starting together end up with
/// the same key. Loading refuses a file that group or others may read or write, as ssh does, and
/// says which file and which mode. Keys never live in the repository: a deployment either lets
/// the service create its file under the data folder or gives the key as configuration
/// (`privateKey(base64:source:)`).
public struct KeyFile: Sendable {
    /// Why a key could not be loaded, created or read from configuration.
    public struct KeyError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file path, or the variable the key came from.
        public var source: String
        public var reason: String

        public init(source: String, reason: String) {
            self.source = source
            self.reason = reason
        }

        public var description: String { "\(source): \(reason)" }
    }

    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// Loads the key, which must exist with no permissions for group or others.
    public func load() throws(KeyError) -> Curve25519.Signing.PrivateKey {
        let contents = try SecretFile(path: path).read()
        return try Self.privateKey(base64: String(decoding: contents, as: UTF8.self), source: path)
    }

    /// Loads the key, or on first use creates the folder (0700), a new key and its file (0600).
    public func loadOrCreate() throws(KeyError) -> Curve25519.Signing.PrivateKey {
        let file = SecretFile(path: path)
        if file.exists { return try load() }
        let key = Curve25519.Signing.PrivateKey()
        // Another process may create it meanwhile: its key is then the one to use.
        guard try file.createExclusively(Array((key.rawRepresentation.base64EncodedString() + "\n").utf8)) else {
            return try load()
        }
        return key
    }

    /// A private key given as configuration: 32 bytes in base64. `source` names the variable.
    public static func privateKey(base64 text: String, source: String) throws(KeyError) -> Curve25519.Signing.PrivateKey
    {
        guard let bytes = decodeKey(text),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
        else {
            throw KeyError(source: source, reason: "not an Ed25519 private key: expected 32 bytes in base64")
        }
        return key
    }

    /// A public key as the trust configuration gives it: 32 bytes in base64.
    public static func publicKey(base64 text: String) throws(KeyError) -> Curve25519.Signing.PublicKey {
        guard let bytes = decodeKey(text),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
        else {
            throw KeyError(source: "public key", reason: "not an Ed25519 public key: expected 32 bytes in base64")
        }
        return key
    }

    /// The public key in base64, as the trust configuration (`SUBAN_TRUSTED_ISSUERS`) wants it.
    public static func base64(of publicKey: Curve25519.Signing.PublicKey) -> String {
        publicKey.rawRepresentation.base64EncodedString()
    }

    private static func decodeKey(_ text: String) -> Data? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: trimmed), bytes.count == 32 else { return nil }
        return bytes
    }
}
