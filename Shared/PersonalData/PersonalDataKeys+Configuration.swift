import Foundation
import Identity

/// Where a service's personal-data keys come from, and their file.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SUBAN_<SERVICE>_PERSONAL_DATA_KEYS` | unset | the key ring itself, as the file holds it |
/// | `SUBAN_<SERVICE>_PERSONAL_DATA_KEY_FILE` | `<data dir>/keys/<service>-personal-data.json` | the ring's file, created with mode 600 on first run |
///
/// The file: `{"current": "k2", "keys": {"k1": "<32 bytes base64>", "k2": "…"}, "index": "…"}`.
/// Losing it loses every caller's name, phone and ID number: back it up apart from the database.
extension PersonalDataKeys {
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        case variable(String)
        case file(String)

        /// The source `environment` names for the service whose variables start with `prefix`.
        public init(prefix: String, service: String, dataDirectory: String, environment: [String: String]) {
            if environment[prefix + "PERSONAL_DATA_KEYS"] != nil {
                self = .variable(prefix + "PERSONAL_DATA_KEYS")
            } else {
                self = .file(
                    environment[prefix + "PERSONAL_DATA_KEY_FILE"]
                        ?? "\(dataDirectory)/keys/\(service)-personal-data.json")
            }
        }

        public var description: String {
            switch self {
            case .variable(let name): "\(name) (set)"
            case .file(let path): path
            }
        }
    }

    /// The ring from `source`; a file is created with a new ring on first use.
    public static func load(from source: Source, environment: [String: String]) throws(Problem) -> PersonalDataKeys {
        switch source {
        case .variable(let name):
            return try PersonalDataKeys(json: environment[name] ?? "", source: name)
        case .file(let path):
            let file = SecretFile(path: path, maximumBytes: 64 * 1024)
            return try reporting(path) {
                if !file.exists {
                    let keys = generate()
                    if try file.createExclusively(Array(keys.json.utf8)) { return keys }
                }
                return try PersonalDataKeys(json: String(decoding: try file.read(), as: UTF8.self), source: path)
            }
        }
    }

    /// Adds a new current key to the ring in `path`, replacing the file at once; the older keys
    /// stay so that what they sealed still opens until the service has sealed it again.
    public static func rotate(file path: String) throws(Problem) -> PersonalDataKeys {
        let file = SecretFile(path: path, maximumBytes: 64 * 1024)
        return try reporting(path) {
            let rotated = try PersonalDataKeys(json: String(decoding: try file.read(), as: UTF8.self), source: path)
                .rotated()
            try file.replace(with: Array(rotated.json.utf8))
            return rotated
        }
    }

    /// Runs `body` on the ring's file, every failure a ``Problem`` that names the file.
    private static func reporting(_ path: String, _ body: () throws -> PersonalDataKeys) throws(Problem)
        -> PersonalDataKeys
    {
        do {
            return try body()
        } catch let error as KeyFile.KeyError {
            throw Problem(error.description)
        } catch let error as Problem {
            throw error
        } catch {
            throw Problem("\(path): \(error)")
        }
    }

    /// Reads the ring's JSON; `source` names the file or variable in every complaint.
    public init(json: String, source: String) throws(Problem) {
        struct Stored: Decodable {
            var current: String
            var keys: [String: String]
            var index: String
        }
        guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(json.utf8)) else {
            throw Problem(
                "\(source): not a personal-data key ring: expected {\"current\": …, \"keys\": {…}, \"index\": …}")
        }
        func key(_ base64: String, _ name: String) throws(Problem) -> Data {
            guard let bytes = Data(base64Encoded: base64), bytes.count == 32 else {
                throw Problem("\(source): key \(name) is not 32 bytes in base64")
            }
            return bytes
        }
        var keys: [String: Data] = [:]
        for (id, base64) in stored.keys {
            guard id.first == "k", Int(id.dropFirst()) != nil else {
                throw Problem("\(source): key id \(id) is not k<number>")
            }
            keys[id] = try key(base64, id)
        }
        do {
            try self.init(currentID: stored.current, keys: keys, index: try key(stored.index, "index"))
        } catch {
            throw Problem("\(source): \(error.description)")
        }
    }

    /// The ring as its file holds it.
    public var json: String {
        let entries = keyIDs.compactMap { id in keys[id].map { "\"\(id)\": \"\($0.base64EncodedString())\"" } }.joined(
            separator: ", ")
        return
            "{\"current\": \"\(currentID)\", \"keys\": {\(entries)}, \"index\": \"\(index.base64EncodedString())\"}\n"
    }

    /// What the start-up `config` line shows: where the keys are and which is current, never a key.
    public func configurationLine(prefix: String, source: Source) -> String {
        "\(prefix)PERSONAL_DATA_KEYS=\(source) current=\(currentID) keys=\(keyIDs.joined(separator: ","))"
    }
}
