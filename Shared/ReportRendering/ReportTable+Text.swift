import Foundation

extension ReportTable {
    /// An aligned plain-text table under its title, for terminals.
    public func text() -> String {
        var table = TextTable(columns)
        for row in rows { table.append(row.map(\.display)) }
        return "\(title)\n" + (note.map { "（\($0)）\n" } ?? "") + (rows.isEmpty ? "（无）" : table.render())
    }

    /// RFC 4180 CSV with a header row and CRLF line ends, UTF-8 with a byte-order mark so that
    /// spreadsheet programs on Chinese Windows read the Chinese right.
    public func csv() -> String {
        let lines = [columns.map(Self.csvField)] + rows.map { $0.map { Self.csvField($0.plain) } }
        return "\u{FEFF}" + lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        // A leading = + - @ makes a formula of the cell in a spreadsheet (CSV injection); an
        // apostrophe keeps it text (OWASP's advice). Negative numbers stay numbers.
        let guarded =
            text.first.map { "=+@".contains($0) || ($0 == "-" && Double(text) == nil) } == true ? "'" + text : text
        guard guarded.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\t" }) else {
            return guarded
        }
        return "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
