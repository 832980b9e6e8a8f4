import Foundation

// The routing data is typed by people (an administrator's JSON), so it is read strictly (StrictJSON): unknown
// fields are rejected rather than ignored, because a misspelt "keyword" silently read as "no keywords" would route every order of a topic
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
        if let unknown = try StrictJSON.unknownField(in: decoder, allowed: allowed) {
            throw FieldError(
                field: unknown.path,
                code: RoutingFieldCode.unknownField,
                message: "unknown field \(unknown.name); expected one of \(allowed.joined(separator: ", "))"
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
                    field: StrictJSON.path(container.codingPath + [key, StrictJSON.AnyKey(intValue: index)]),
                    code: RoutingFieldCode.unknownValue,
                    message: "unknown \(kind) \"\(text)\""
                )
            }
            return value
        }
    }

    private static func fieldError(_ error: DecodingError) -> FieldError {
        let (field, detail) = StrictJSON.failure(of: error)
        return FieldError(
            field: field,
            code: RoutingFieldCode.malformedJSON,
            message: field.isEmpty ? detail : "\(field): \(detail)"
        )
    }
}
