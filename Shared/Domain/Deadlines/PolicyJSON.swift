// Helpers for reading policy files strictly (StrictJSON): unknown fields are rejected rather than
// ignored (a misspelt "minutesBefor" silently dropped would remove a warning).

enum PolicyJSON {
    /// Throws `unknownField` when the object at `decoder` has a field outside `allowed`.
    static func rejectUnknownFields(in decoder: any Decoder, allowed: [String]) throws {
        if let unknown = try StrictJSON.unknownField(in: decoder, allowed: allowed) {
            let field = unknown.path
            throw DeadlinePolicySet.ValidationError(
                code: .unknownField,
                field: field,
                message: "unknown field \(field); expected one of \(allowed.joined(separator: ", "))"
            )
        }
    }

    /// Throws `invalidValue` at `codingPath` unless `value` lies in `range`.
    static func check<Key: CodingKey>(
        _ value: Int,
        in range: ClosedRange<Int>,
        at codingPath: [any CodingKey],
        _ key: Key
    ) throws -> Int {
        guard range.contains(value) else {
            let field = StrictJSON.path(codingPath + [key])
            throw DeadlinePolicySet.ValidationError(
                code: .invalidValue,
                field: field,
                message: "\(field) must be \(range.lowerBound)...\(range.upperBound), got \(value)"
            )
        }
        return value
    }

    /// The enum value spelt `text`, or `invalidValue` at `field` naming the allowed values.
    static func enumValue<Value: RawRepresentable & CaseIterable>(
        _ text: String,
        _ type: Value.Type,
        field: String
    ) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            throw DeadlinePolicySet.ValidationError(
                code: .invalidValue,
                field: field,
                message:
                    "\(field) is \"\(text)\"; expected one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return value
    }

    /// Decodes a list of enum values at `key`, naming the element that is wrong.
    static func enumValues<Value: RawRepresentable & CaseIterable, Key: CodingKey>(
        _ type: Value.Type,
        in container: KeyedDecodingContainer<Key>,
        forKey key: Key
    ) throws -> [Value] where Value.RawValue == String {
        let texts = try container.decode([String].self, forKey: key)
        return try texts.enumerated().map { index, text in
            try enumValue(text, Value.self, field: StrictJSON.path(container.codingPath + [key]) + "[\(index)]")
        }
    }
}
