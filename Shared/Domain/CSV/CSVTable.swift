/// A CSV file with a header row, read by ``CSVReader``: columns are looked up by name, blank lines
/// are skipped, and every row must have as many fields as the header.
public struct CSVTable: Sendable {
    /// Why the file is not a table: a CSV syntax error (with its column), no header, or a row of
    /// the wrong length.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        /// 1-based, in characters; `nil` when the whole line is wrong.
        public var column: Int?
        public var message: String

        public init(line: Int, column: Int? = nil, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }

        public var description: String {
            column.map { "line \(line), column \($0): \(message)" } ?? "line \(line): \(message)"
        }
    }

    /// The header row's field names, trimmed and lowercased.
    public let header: [String]
    /// The data rows with the line each starts on, for error messages.
    public let rows: [CSVReader.Record]

    public init(_ text: String) throws(ParseError) {
        let records: [CSVReader.Record]
        do throws(CSVReader.SyntaxError) {
            records = try CSVReader.records(in: text).filter { !$0.isBlank }
        } catch {
            throw ParseError(line: error.line, column: error.column, message: error.message)
        }
        guard let first = records.first else { throw ParseError(line: 1, message: "the file is empty") }
        header = first.fields.map { Self.trimmed($0).lowercased() }
        for record in records.dropFirst() where record.fields.count != header.count {
            throw ParseError(
                line: record.line, message: "\(record.fields.count) fields, the header has \(header.count)")
        }
        rows = Array(records.dropFirst())
    }

    /// The trimmed value of `column` in `fields`, or "" when the file has no such column.
    public func value(_ column: String, in fields: [String]) -> String {
        header.firstIndex(of: column).map { Self.trimmed(fields[$0]) } ?? ""
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
