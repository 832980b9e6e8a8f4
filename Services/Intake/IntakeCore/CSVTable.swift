import Foundation

/// A CSV file read per RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
struct CSVTable: Sendable {
    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    /// The header row's field names.
    let header: [String]
    /// The data rows with the line each starts on, for error messages.
    let rows: [(line: Int, fields: [String])]

    init(_ text: String) throws(ParseError) {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var iterator = Array(text.replacingOccurrences(of: "\r\n", with: "\n")).makeIterator()
        var pending: Character? = iterator.next()
        while let character = pending {
            pending = iterator.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: quoted = true
            case "\"": throw ParseError(line: line, message: "a quote inside an unquoted field")
            case ",":
                fields.append(field)
                field = ""
            case "\n":
                fields.append(field)
                records.append((recordLine, fields))
                fields = []
                field = ""
                line += 1
                recordLine = line
            default: field.append(character)
            }
        }
        if quoted { throw ParseError(line: line, message: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append((recordLine, fields))
        }
        records.removeAll { $0.fields == [""] }  // blank lines
        guard let first = records.first else { throw ParseError(line: 1, message: "the file is empty") }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for record in records.dropFirst() where record.fields.count != header.count {
            throw ParseError(line: record.line, message: "\(record.fields.count) fields, the header has \(header.count)")
        }
        rows = Array(records.dropFirst())
    }

    /// The value of `column` in `fields`, or "" when the file has no such column.
    func value(_ column: String, in fields: [String]) -> String {
        header.firstIndex(of: column).map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
    }
}
