/// The JSON that OpenpyxlRoundTripTests' Python script prints about a workbook.
struct WorkbookReport: Decodable {
    struct SheetReport: Decodable {
        var name: String
        var freeze: String?
        var dimensions: String
        var paneState: String?
        var ySplit: Double?
        var widths: [String: Double]
        var cells: [CellReport]
    }

    var badEntry: String?
    var parts: [String]
    var malformedParts: [String]
    var worksheetElements: [String: [String]]
    var active: String
    var sheets: [SheetReport]
}

/// One non-empty cell as openpyxl sees it: its Python type, value, number format and boldness.
struct CellReport: Decodable, Equatable, CustomStringConvertible {
    /// A JSON string or number. Text compares scalar by scalar, unlike Swift's `==` on strings,
    /// which would call "é" and "e\u{301}" equal and hide a changed spelling.
    enum Value: Decodable, Equatable {
        case text(String)
        case number(Double)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case (.text(let left), .text(let right)): left.unicodeScalars.elementsEqual(right.unicodeScalars)
            case (.number(let left), .number(let right)): left == right
            default: false
            }
        }
    }

    var ref: String
    var type: String
    var value: Value
    var format: String
    var bold: Bool

    init(_ ref: String, _ type: String, _ value: Value, _ format: String, bold: Bool = false) {
        self.ref = ref
        self.type = type
        self.value = value
        self.format = format
        self.bold = bold
    }

    var description: String { "\(ref) \(type) \(value) \(format)\(bold ? " bold" : "")" }
}
