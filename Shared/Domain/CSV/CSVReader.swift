/// Splits CSV text (RFC 4180: `,` between fields, `"` quoting with `""` for a quote, LF or CRLF between records)
/// into records, each with the line it starts on, so that errors can name the line a person sees in an editor.
///
/// The one CSV reader of the services and `subanctl`: the unit directory, key enterprises, the knowledge base and
/// staff accounts are all read through it (``CSVTable`` adds a header to look columns up by name).
public struct CSVReader {
    public struct Record: Equatable, Sendable {
        /// 1-based line on which the record starts.
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }

        /// Whether the record holds nothing but spaces (a blank line, or a line of empty fields).
        public var isBlank: Bool {
            fields.allSatisfy { $0.allSatisfy(\.isWhitespace) }
        }
    }

    /// Why the text is not CSV: a quote left open, a quote inside an unquoted field, or text after a
    /// closing quote; with the line and column (1-based, in characters) where a person finds it.
    public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String

        public init(line: Int, column: Int, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }

        public var description: String { "line \(line), column \(column): \(message)" }
    }

    /// The text of a CSV file's bytes without the byte-order mark that spreadsheet programs write;
    /// `nil` when the bytes are not UTF-8.
    public static func text(utf8 bytes: some Collection<UInt8>) -> String? {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : Array(bytes)
        return String(validating: body, as: UTF8.self)
    }

    /// The records of `text`; a leading byte-order mark is skipped.
    public static func records(in text: String) throws(SyntaxError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var column = 0
        var recordLine = 1
        var quoteLine = 1
        var quoteColumn = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func next() -> Unicode.Scalar? {
            let scalar: Unicode.Scalar?
            if let waiting = pending {
                pending = nil
                scalar = waiting
            } else {
                scalar = scalars.next()
            }
            if scalar != nil { column += 1 }
            return scalar
        }

        /// Hands `scalar` back to be read again.
        func unread(_ scalar: Unicode.Scalar?) {
            guard let scalar else { return }
            pending = scalar
            column -= 1
        }

        func newLine() {
            line += 1
            column = 0
        }

        if let first = next(), first != "\u{FEFF}" {
            unread(first)
        } else {
            column = 0
        }
        while let scalar = next() {
            if inQuotes {
                if scalar == "\"" {
                    let following = next()
                    if following == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        inQuotes = false
                        unread(following)
                    }
                } else {
                    if scalar == "\n" { newLine() }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty && !fieldWasQuoted else {
                    throw SyntaxError(
                        line: line, column: column, message: "a quote inside a field that does not start with one")
                }
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
                quoteColumn = column
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\r":
                // Part of a CRLF line break; a lone CR is kept as text, and trimmed away later.
                let following = next()
                if following != "\n" && !fieldWasQuoted { field.unicodeScalars.append(scalar) }
                unread(following)
            case "\n":
                fields.append(field)
                records.append(Record(line: recordLine, fields: fields))
                fields = []
                field = ""
                fieldWasQuoted = false
                newLine()
                recordLine = line
            case " " where fieldWasQuoted, "\t" where fieldWasQuoted:
                // Spaces after a closing quote, as some editors write them.
                continue
            default:
                guard !fieldWasQuoted else {
                    throw SyntaxError(line: line, column: column, message: "text after the closing quote of a field")
                }
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes {
            throw SyntaxError(line: quoteLine, column: quoteColumn, message: "a quoted field is never closed")
        }
        if !fields.isEmpty || !field.isEmpty || fieldWasQuoted {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}
