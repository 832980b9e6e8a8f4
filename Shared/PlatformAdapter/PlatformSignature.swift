import Crypto
import Domain
public import Foundation

/// The signature that authenticates every request of the 12345 adapter, in both directions
/// (docs/platform-api.md, "Authentication").
///
/// The sender signs a canonical string with HMAC-SHA256 under the secret of its app key:
///
///     <METHOD>\n<request target>\n<app key>\n<timestamp>\n<nonce>\n<hex SHA-256 of the body>
///
/// The request target is the path and query exactly as sent; the timestamp is Unix seconds;
/// hex is lowercase. The receiver recomputes it, so any change to a signed part breaks it.
public struct PlatformSignature: Sendable, Hashable {
    /// The header names that carry the signature's parts.
    public enum Header {
        public static let appKey = "X-Suban-App-Key"
        public static let timestamp = "X-Suban-Timestamp"
        public static let nonce = "X-Suban-Nonce"
        public static let signature = "X-Suban-Signature"
        public static let all = [appKey, timestamp, nonce, signature]
    }

    public var appKey: String
    /// Unix seconds.
    public var timestamp: Int64
    public var nonce: String
    /// Lowercase hex of the HMAC-SHA256.
    public var signature: String

    public init(appKey: String, timestamp: Int64, nonce: String, signature: String) {
        self.appKey = appKey
        self.timestamp = timestamp
        self.nonce = nonce
        self.signature = signature
    }

    /// The string both sides sign; see the type's documentation.
    public static func canonicalString(
        method: String,
        target: String,
        appKey: String,
        timestamp: Int64,
        nonce: String,
        body: [UInt8]
    ) -> String {
        [method.uppercased(), target, appKey, String(timestamp), nonce, bodyDigest(body)].joined(separator: "\n")
    }

    /// Lowercase hex SHA-256 of `body`: the canonical string's last line, and what the gateway's
    /// inbox keeps of a body it does not keep.
    public static func bodyDigest(_ body: [UInt8]) -> String { Hex.encode(SHA256.hash(data: body)) }

    /// Signs a request for `appKey` with `secret`.
    public static func sign(
        method: String,
        target: String,
        appKey: String,
        secret: String,
        timestamp: Int64,
        nonce: String,
        body: [UInt8]
    ) -> PlatformSignature {
        let canonical = canonicalString(
            method: method, target: target, appKey: appKey, timestamp: timestamp, nonce: nonce, body: body)
        let code = HMAC<SHA256>.authenticationCode(
            for: Array(canonical.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return PlatformSignature(appKey: appKey, timestamp: timestamp, nonce: nonce, signature: Hex.encode(code))
    }

    /// Signs with the current time and a fresh nonce.
    public static func sign(
        method: String, target: String, appKey: String, secret: String, body: [UInt8], now: Date = Date()
    ) -> PlatformSignature {
        sign(
            method: method, target: target, appKey: appKey, secret: secret, timestamp: Int64(now.timeIntervalSince1970),
            nonce: makeNonce(), body: body)
    }

    /// Whether `signature` is what `secret` makes of this request; compares in constant time.
    public func isValid(method: String, target: String, secret: String, body: [UInt8]) -> Bool {
        guard let given = Self.bytes(fromHex: signature) else { return false }
        let canonical = Self.canonicalString(
            method: method, target: target, appKey: appKey, timestamp: timestamp, nonce: nonce, body: body)
        return HMAC<SHA256>.isValidAuthenticationCode(
            given, authenticating: Array(canonical.utf8), using: SymmetricKey(data: Array(secret.utf8)))
    }

    /// The four headers, in the order they are documented.
    public var headers: [(name: String, value: String)] {
        [
            (Header.appKey, appKey), (Header.timestamp, String(timestamp)), (Header.nonce, nonce),
            (Header.signature, signature),
        ]
    }

    /// 32 random hex characters: 128 bits, so two senders never pick the same one by chance.
    public static func makeNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    static func bytes(fromHex text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
