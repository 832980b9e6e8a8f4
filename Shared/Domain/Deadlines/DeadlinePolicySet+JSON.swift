public import Foundation

// The JSON form of a policy set (documented in Services/SLA/README.md):
//
//   { "profile": "suban-default",
//     "policies": [ { "name": "acknowledge.urgent", … }, … ],
//     "extension": { "capMonths": 1, "kinds": ["handling", "green_difficult", "green_complex"] } }

extension DeadlinePolicySet {
    /// Decodes and validates a policy set from the bytes of its JSON file.
    ///
    /// Reading the file is the caller's business (the domain does no I/O).
    public static func decode(jsonBytes: Data) throws(ValidationError) -> DeadlinePolicySet {
        do {
            return try JSONDecoder().decode(DeadlinePolicySet.self, from: jsonBytes)
        } catch let error as ValidationError {
            throw error
        } catch let error as DecodingError {
            throw ValidationError(decodingError: error)
        } catch {
            throw ValidationError(code: .malformedJSON, field: nil, message: "\(error)")
        }
    }

    /// The set as pretty-printed JSON with sorted keys, decodable by `decode(jsonBytes:)`.
    public func jsonBytes() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

extension DeadlinePolicySet: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case profile, policies
        case extensionRule = "extension"
    }

    /// Decodes the documented object and validates it.
    public init(from decoder: any Decoder) throws {
        try PolicyJSON.rejectUnknownFields(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            profile: container.decode(String.self, forKey: .profile),
            policies: container.decode([DeadlinePolicy].self, forKey: .policies),
            extensionRule: container.decode(ExtensionRule.self, forKey: .extensionRule)
        )
    }

    /// Encodes the documented object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(profile, forKey: .profile)
        try container.encode(policies, forKey: .policies)
        try container.encode(extensionRule, forKey: .extensionRule)
    }
}

extension DeadlinePolicySet.ExtensionRule: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case capMonths, kinds
    }

    /// Decodes `{ "capMonths": 1, "kinds": [...] }`.
    public init(from decoder: any Decoder) throws {
        try PolicyJSON.rejectUnknownFields(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            capMonths: try PolicyJSON.check(
                container.decode(Int.self, forKey: .capMonths),
                in: 1...DueRule.maximumMonths,
                at: container.codingPath,
                CodingKeys.capMonths
            ),
            kinds: try PolicyJSON.enumValues(ClockKind.self, in: container, forKey: .kinds)
        )
    }

    /// Encodes the documented object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capMonths, forKey: .capMonths)
        try container.encode(kinds.map(\.rawValue), forKey: .kinds)
    }
}

extension DeadlinePolicySet.ValidationError {
    /// Maps a decoder failure to `malformedJSON`, naming the field where it happened.
    init(decodingError: DecodingError) {
        let (path, detail) = StrictJSON.failure(of: decodingError)
        let field = path.isEmpty ? nil : path
        self.init(code: .malformedJSON, field: field, message: field.map { "\($0): \(detail)" } ?? detail)
    }
}
