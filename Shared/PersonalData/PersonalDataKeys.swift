import Crypto
import Domain
public import Foundation

/// The keys that keep callers' personal data (个人信息保护法) unreadable at rest: AES-256-GCM keys
/// by id, the current one sealing everything new and the older ones still opening what they
/// sealed, and an index key for keyed hashes, so that a caller's phone can be searched for
/// without being stored.
///
/// A sealed field reads `pd1:<key id>:<base64 of nonce, ciphertext and tag>`. Its context (the
/// record and the field it belongs to) is authenticated with it, so a sealed value copied into
/// another record or field does not open there.
public struct PersonalDataKeys: Sendable, Equatable {
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    public let currentID: String
    /// Raw key bytes (`SymmetricKey` is not `Sendable`), made keys when used.
    let keys: [String: Data]
    let index: Data

    /// Keys of 32 bytes each, by id; `currentID` among them.
    public init(currentID: String, keys: [String: Data], index: Data) throws(Problem) {
        guard keys[currentID] != nil else { throw Problem("the current key \(currentID) is not among the keys") }
        guard (keys.values + [index]).allSatisfy({ $0.count == 32 }) else { throw Problem("every key has 32 bytes") }
        self.init(checked: currentID, keys: keys, index: index)
    }

    private init(checked currentID: String, keys: [String: Data], index: Data) {
        self.currentID = currentID
        self.keys = keys
        self.index = index
    }

    /// A new ring of one key, `k1`, and a new index key.
    public static func generate() -> PersonalDataKeys {
        PersonalDataKeys(checked: "k1", keys: ["k1": randomKey()], index: randomKey())
    }

    /// The ring with a new current key; the older keys stay, to open what they sealed.
    public func rotated() -> PersonalDataKeys {
        let next = (keys.keys.compactMap { Int($0.dropFirst()) }.max() ?? 0) + 1
        var keys = keys
        keys["k\(next)"] = Self.randomKey()
        return PersonalDataKeys(checked: "k\(next)", keys: keys, index: index)
    }

    public var keyIDs: [String] { keys.keys.sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count } }

    static let prefix = "pd1:"

    /// `text` sealed under the current key, bound to `context` (say `work_order/<id>/caller.phone`).
    /// Fails only when the system's random source or cipher does.
    public func seal(_ text: String, context: String) throws(Problem) -> String {
        guard let key = keys[currentID],
            let box = try? AES.GCM.seal(
                Data(text.utf8), using: SymmetricKey(data: key), authenticating: Data(context.utf8)),
            let combined = box.combined
        else { throw Problem("AES-GCM could not seal a value") }
        return Self.prefix + currentID + ":" + combined.base64EncodedString()
    }

    /// The text `sealed` holds; refused when it is not a sealed value, its key is unknown, or it
    /// was altered or sealed for another context.
    public func open(_ sealed: String, context: String) throws(Problem) -> String {
        guard let (keyID, payload) = Self.parts(of: sealed) else { throw Problem("not a sealed value") }
        guard let key = keys[String(keyID)] else {
            throw Problem("sealed under key \(keyID), which the key ring does not hold")
        }
        guard let data = Data(base64Encoded: String(payload)),
            let box = try? AES.GCM.SealedBox(combined: data),
            let opened = try? AES.GCM.open(box, using: SymmetricKey(data: key), authenticating: Data(context.utf8))
        else { throw Problem("a value sealed under \(keyID) does not open: altered, or sealed for another record") }
        return String(decoding: opened, as: UTF8.self)
    }

    /// The key id a sealed value names, or nil for text in clear.
    public static func keyID(of text: String) -> String? {
        parts(of: text).map { String($0.keyID) }
    }

    /// A keyed hash of `text` for equality search: the same text gives the same hash under this
    /// ring's index key, and nothing about the text without it.
    public func keyedHash(_ text: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: index))
        return "h1:" + Hex.encode(code)
    }

    private static func randomKey() -> Data {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    private static func parts(of text: String) -> (keyID: Substring, payload: Substring)? {
        guard text.hasPrefix(prefix) else { return nil }
        let rest = text.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":"), colon > rest.startIndex else { return nil }
        return (rest[..<colon], rest[rest.index(after: colon)...])
    }
}
