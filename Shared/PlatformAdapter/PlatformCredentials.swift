/// App keys and their secrets, as configured: `key:secret` pairs separated by commas.
///
/// Secrets never appear in `description`: printing a key ring shows each key and whether its secret is set.
public struct PlatformCredentials: Sendable, Equatable, CustomStringConvertible {
    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Secret by app key.
    public private(set) var secrets: [String: String]

    public init(_ secrets: [String: String] = [:]) {
        self.secrets = secrets
    }

    /// Parses `key:secret,key:secret`; keys are 1–64 of `A-Z a-z 0-9 _ - .`, secrets at least
    /// 16 characters so that a configured secret is never trivially guessable.
    public init(parsing text: String) throws(ParseError) {
        var secrets: [String: String] = [:]
        for pair in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = pair.trimmingSpaces().split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, Self.isValidKey(parts[0]) else {
                throw ParseError(
                    description: "each entry must be key:secret with a key of letters, digits, '_', '-' or '.'")
            }
            guard parts[1].count >= 16 else {
                throw ParseError(description: "the secret of \(parts[0]) is shorter than 16 characters")
            }
            guard secrets[parts[0]] == nil else { throw ParseError(description: "key \(parts[0]) is given twice") }
            secrets[parts[0]] = parts[1]
        }
        self.secrets = secrets
    }

    public func secret(for key: String) -> String? { secrets[key] }

    public var isEmpty: Bool { secrets.isEmpty }

    /// `key:set` per key, sorted.
    public var description: String {
        secrets.keys.sorted().map { "\($0):\(Self.mask(secrets[$0] ?? ""))" }.joined(separator: ",")
    }

    /// `set` or `not set`: no character of a secret, nor its length, which would narrow a guess.
    public static func mask(_ secret: String) -> String {
        secret.isEmpty ? "not set" : "set"
    }

    static func isValidKey(_ key: String) -> Bool {
        (1...64).contains(key.utf8.count)
            && key.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ".")
            }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
