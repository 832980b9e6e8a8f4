// The one text form of a date in Suban: ISO 8601 calendar date, "YYYY-MM-DD", as in the holiday
// data files, on the wire and in the CLI.

extension LocalDate: LosslessStringConvertible, CustomDebugStringConvertible {
    /// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day); `nil` for anything
    /// else, including dates that do not exist (2025-02-29).
    public init?(_ description: String) {
        self.init(text: description.utf8)
    }

    /// Parses `YYYY-MM-DD` from UTF-8 bytes; shared with the timestamp parser.
    init?(text: some Collection<UInt8>) {
        guard text.count == 10 else { return nil }
        let bytes = Array(text)
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = LocalDate.decimal(bytes[0..<4]),
            let month = LocalDate.decimal(bytes[5..<7]),
            let day = LocalDate.decimal(bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = LocalDate.civilFromDays(dayNumber)
        return LocalDate.padded(year, width: 4) + "-" + LocalDate.padded(month, width: 2) + "-"
            + LocalDate.padded(day, width: 2)
    }

    public var debugDescription: String { "LocalDate(\(description))" }

    /// The value of a run of ASCII digits, or `nil` when any byte is not a digit.
    static func decimal(_ digits: some Collection<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return digits.isEmpty ? nil : value
    }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension LocalDate: Codable {
    /// Decodes a `YYYY-MM-DD` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a date as YYYY-MM-DD, found \"\(text)\""
            )
        }
        self = date
    }

    /// Encodes as a `YYYY-MM-DD` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
