public import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open the key file", errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("cannot read the key file's mode", errno: errno) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw KeyError(source: path, reason: "the key file is not a regular file")
        }
        let mode = status.st_mode & 0o7777
        guard mode & 0o077 == 0 else {
            throw KeyError(
                source: path,
                reason: "the key file has mode \(Self.octal(mode)), open to group or others; it must be 0600 (chmod 600 \(path))"
            )
        }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw failure("cannot read the key file", errno: errno) }
            if count == 0 { break }
            contents += buffer[0..<count]
            guard contents.count <= 1024 else { throw KeyError(source: path, reason: "the key file is longer than a key") }
        }
        return try Self.privateKey(base64: String(decoding: contents, as: UTF8.self), source: path)
    }

    /// Loads the key, or on first use creates the folder (0700), a new key and its file (0600).
    public func loadOrCreate() throws(KeyError) -> Curve25519.Signing.PrivateKey {
        if access(path, F_OK) == 0 { return try load() }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder,
                    withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700]
                )
            } catch {
                throw KeyError(source: path, reason: "cannot create the key's folder \(folder): \(error.localizedDescription)")
            }
        }
        let key = Curve25519.Signing.PrivateKey()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            // Another process created it meanwhile: its key is the one to use.
            if errno == EEXIST { return try load() }
            throw failure("cannot create the key file", errno: errno)
        }
        let written = Self.writeAll(Array((key.rawRepresentation.base64EncodedString() + "\n").utf8), to: descriptor)
        let synced = written && fsync(descriptor) == 0
        let error = errno
        close(descriptor)
        guard synced else {
            unlink(path)
            throw failure("cannot write the key file", errno: error)
        }
        return key
    }

    /// A private key given as configuration: 32 bytes in base64. `source` names the variable.
    public static func privateKey(base64 text: String, source: String) throws(KeyError) -> Curve25519.Signing.PrivateKey {
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

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    private func failure(_ what: String, errno code: Int32) -> KeyError {
        KeyError(source: path, reason: "\(what): \(String(cString: strerror(code)))")
    }

    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
