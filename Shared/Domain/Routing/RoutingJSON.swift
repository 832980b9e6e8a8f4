import Foundation

// The routing data is typed by people (an administrator's JSON): unknown fields are rejected rather than
// ignored, because a misspelt "keyword" silently read as "no keywords" would route every order of a topic
// differently, and errors name the JSON path of the offending field.

/// Reading and writing the JSON forms of the unit directory and the rule set.
enum RoutingJSON {
    /// Decodes `T` from `bytes`, turning every failure into one `FieldError` that names the JSON path.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: Data) throws(FieldError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: bytes)
        } catch let error as FieldError {
            throw error
        } catch let error as DecodingError {
            throw fieldError(error)
        } catch {
            throw FieldError(field: "", code: RoutingFieldCode.malformedJSON, message: "not valid JSON: \(error)")
        }
    }

    /// Pretty, key-sorted JSON: the administrator's starting point for an edit.
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Throws `unknownField` for a key of the object being decoded that is not in `allowed`.
    static func rejectUnknownFields(in decoder: any Decoder, allowed: [String]) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !allowed.contains($0) }) {
            throw FieldError(
                field: path(decoder.codingPath + [AnyKey(stringValue: unknown)]),
                code: RoutingFieldCode.unknownField,
                message: "unknown field \(unknown); expected one of \(allowed.joined(separator: ", "))"
            )
        }
    }

    /// Decodes a list of raw values, answering an unknown one with `unknownValue` at its index.
    static func decodeValues<Value: RawRepresentable<String>, Key: CodingKey>(
        _ type: Value.Type,
        of kind: String,
        from container: KeyedDecodingContainer<Key>,
        forKey key: Key
    ) throws -> [Value] {
        let texts = try container.decodeIfPresent([String].self, forKey: key) ?? []
        return try texts.enumerated().map { index, text in
            guard let value = Value(rawValue: text) else {
                throw FieldError(
                    field: path(container.codingPath + [key, AnyKey(intValue: index)]),
                    code: RoutingFieldCode.unknownValue,
                    message: "unknown \(kind) \"\(text)\""
                )
            }
            return value
        }
    }

    /// `rules[3].units[1]` for the coding path rules → 3 → units → 1.
    static func path(_ codingPath: [any CodingKey]) -> String {
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

    private static func fieldError(_ error: DecodingError) -> FieldError {
        let codingPath: [any CodingKey]
        let detail: String
        switch error {
        case .keyNotFound(let key, let context):
            codingPath = context.codingPath + [key]
            detail = "missing field"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            codingPath = context.codingPath
            detail = context.debugDescription
        case .dataCorrupted(let context):
            codingPath = context.codingPath
            detail = context.underlyingError.map { "\(context.debugDescription) (\($0))" } ?? context.debugDescription
        @unknown default:
            codingPath = []
            detail = "\(error)"
        }
        let field = path(codingPath)
        return FieldError(
            field: field,
            code: RoutingFieldCode.malformedJSON,
            message: field.isEmpty ? detail : "\(field): \(detail)"
        )
    }

    /// Any key, for listing the fields an object really has and for naming array indices.
    struct AnyKey: CodingKey {
        let stringValue: String
        let intValue: Int?

        init(stringValue: String) {
            self.stringValue = stringValue
            self.intValue = nil
        }

        init(intValue: Int) {
            self.stringValue = String(intValue)
            self.intValue = intValue
        }
    }
}
