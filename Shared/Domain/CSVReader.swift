/// Splits CSV text (RFC 4180: `,` between fields, `"` quoting with `""` for a quote, LF or CRLF between records)
/// into records, each with the line it starts on, so that errors can name the line a person sees in an editor.
public struct CSVReader {
    public struct Record: Equatable, Sendable {
        /// 1-based line on which the record starts.
        public var line: Int
        public var fields: [String]
    }

    /// Why the text is not CSV: a quote left open, or a quote inside an unquoted field.
    public struct SyntaxError: Error, Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    public static func records(in text: String) throws(SyntaxError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func next() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return scalars.next()
        }

        while let scalar = next() {
            if inQuotes {
                if scalar == "\"" {
                    let following = next()
                    if following == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        inQuotes = false
                        pending = following
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty && !fieldWasQuoted else {
                    throw SyntaxError(line: line, message: "a quote inside a field that does not start with one")
                }
                inQuotes = true
                fieldWasQuoted = true
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\r":
                // Part of a CRLF line break; a lone CR is kept as text, and trimmed away later.
                let following = next()
                if following != "\n" { field.unicodeScalars.append(scalar) }
                pending = following == "\n" ? "\n" : following
            case "\n":
                fields.append(field)
                records.append(Record(line: recordLine, fields: fields))
                fields = []
                field = ""
                fieldWasQuoted = false
                line += 1
                recordLine = line
            case " " where fieldWasQuoted, "\t" where fieldWasQuoted:
                // Spaces after a closing quote, as some editors write them.
                continue
            default:
                guard !fieldWasQuoted else {
                    throw SyntaxError(line: line, message: "text after the closing quote of a field")
                }
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes {
            throw SyntaxError(line: recordLine, message: "a quoted field is never closed")
        }
        if !fields.isEmpty || !field.isEmpty || fieldWasQuoted {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}
