// JSON that people type (holiday years, deadline policies, the unit directory and routing rules,
// credentials' claims) is read strictly: an unknown field is refused rather than ignored, because
// a misspelt name silently read as "absent" changes what the file means, and every error names the
// JSON path of the field at fault. Each file's reader throws its own error; the parts they share
// are here, once.

/// Helpers for reading JSON strictly with `Decodable`.
public enum StrictJSON {
    /// Any key, for listing the fields an object really has and for naming array indices.
    public struct AnyKey: CodingKey, Sendable {
        public let stringValue: String
        public let intValue: Int?

        public init(stringValue: String) {
            self.stringValue = stringValue
            self.intValue = nil
        }

        public init(intValue: Int) {
            self.stringValue = String(intValue)
            self.intValue = intValue
        }
    }

    /// A field of an object that its reader does not know.
    public struct UnknownField: Sendable, Equatable {
        /// The field's name, e.g. `minutesBefor`.
        public var name: String
        /// Its JSON path, e.g. `policies[3].warnings[0].minutesBefor`.
        public var path: String

        public init(name: String, path: String) {
            self.name = name
            self.path = path
        }
    }

    /// The first field (in name order, so that the answer is stable) of the object that `decoder`
    /// is reading that is not in `allowed`; `nil` when every field is known.
    public static func unknownField(in decoder: any Decoder, allowed: [String]) throws -> UnknownField? {
        let container = try decoder.container(keyedBy: AnyKey.self)
        guard let name = container.allKeys.map(\.stringValue).sorted().first(where: { !allowed.contains($0) }) else {
            return nil
        }
        return UnknownField(name: name, path: path(decoder.codingPath + [AnyKey(stringValue: name)]))
    }

    /// `rules[3].units[1]` for the coding path rules → 3 → units → 1.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    /// Where a decoding error happened (a JSON path, empty for the document itself) and what it says.
    public static func failure(of error: DecodingError) -> (path: String, detail: String) {
        switch error {
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "missing field")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let detail =
                context.underlyingError.map { "\(context.debugDescription) (\($0))" } ?? context.debugDescription
            return (path(context.codingPath), detail)
        @unknown default:
            return ("", "\(error)")
        }
    }
}
