public import Foundation

// The JSON form of a holiday year (documented in docs/calendar.md):
//
//   { "year": 2025, "notice": "国办发明电〔2024〕12号", "published": "2024-11-12",
//     "daysOff": [ { "date": "2025-01-01", "name": "元旦" }, … ],
//     "workingWeekendDays": [ { "date": "2025-01-26", "name": "春节" }, … ] }
//
// Unknown fields are rejected rather than ignored: the file is typed by people, and a misspelt
// "workingWeekendDay" silently read as "no make-up days" would shift every deadline near it.

extension HolidayYear {
    /// Decodes and validates one year from the bytes of its JSON file.
    ///
    /// Reading the file is the caller's business (the domain does no I/O).
    public static func decode(jsonBytes: Data) throws(ValidationError) -> HolidayYear {
        do {
            return try JSONDecoder().decode(HolidayYear.self, from: jsonBytes)
        } catch let error as ValidationError {
            throw error
        } catch let error as DecodingError {
            throw ValidationError(decodingError: error)
        } catch {
            throw ValidationError(code: .malformedJSON, field: nil, message: "\(error)")
        }
    }
}

extension HolidayYear: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case year, notice, published, daysOff, workingWeekendDays
    }

    /// Decodes the documented JSON object and validates it; validation failures are thrown as
    /// `ValidationError`.
    public init(from decoder: any Decoder) throws {
        try rejectUnknownFields(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            year: container.decode(Int.self, forKey: .year),
            notice: container.decode(String.self, forKey: .notice),
            published: container.decodeIfPresent(LocalDate.self, forKey: .published),
            daysOff: container.decode([Day].self, forKey: .daysOff),
            workingWeekendDays: container.decode([Day].self, forKey: .workingWeekendDays)
        )
    }

    /// Encodes the documented JSON object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(year, forKey: .year)
        try container.encode(notice, forKey: .notice)
        try container.encodeIfPresent(published, forKey: .published)
        try container.encode(daysOff, forKey: .daysOff)
        try container.encode(workingWeekendDays, forKey: .workingWeekendDays)
    }
}

extension HolidayYear.Day: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case date, name
    }

    /// Decodes `{ "date": "YYYY-MM-DD", "name": "…" }`; the name is optional.
    public init(from decoder: any Decoder) throws {
        try rejectUnknownFields(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            date: try container.decode(LocalDate.self, forKey: .date),
            name: try container.decodeIfPresent(String.self, forKey: .name)
        )
    }

    /// Encodes `{ "date": "YYYY-MM-DD", "name": "…" }`, leaving out a missing name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date, forKey: .date)
        try container.encodeIfPresent(name, forKey: .name)
    }
}

extension HolidayYear.ValidationError {
    /// Maps a decoder failure to `malformedJSON`, naming the field where it happened.
    init(decodingError: DecodingError) {
        let (path, detail) = StrictJSON.failure(of: decodingError)
        let field = path.isEmpty ? nil : path
        self.init(code: .malformedJSON, field: field, message: field.map { "\($0): \(detail)" } ?? detail)
    }
}

/// Throws `unknownField` when the object at `decoder` has a field outside `allowed`.
private func rejectUnknownFields(in decoder: any Decoder, allowed: [String]) throws {
    if let unknown = try StrictJSON.unknownField(in: decoder, allowed: allowed) {
        throw HolidayYear.ValidationError(
            code: .unknownField,
            field: unknown.path,
            message: "unknown field \(unknown.path); expected one of \(allowed.joined(separator: ", "))"
        )
    }
}
