/// A table of text: a header row and body rows, with optional highlighting per cell (say, red for
/// units below a threshold) and numbers right-aligned so that their digits line up.
///
/// The first cell of each row heads the row (`<th scope="row">`), which is how screen readers
/// name the row when reading a cell.
public struct Table: Sendable, Hashable {
    /// One body cell. A string literal is a neutral cell.
    public struct Cell: Sendable, Hashable, ExpressibleByStringLiteral {
        /// The cell's text, shown as is (escaped).
        public var text: String
        /// Neutral leaves the cell plain; good and bad tint it.
        public var tone: Tone

        /// A cell showing `text`, tinted by `tone`.
        public init(_ text: String, tone: Tone = .neutral) {
            self.text = text
            self.tone = tone
        }

        /// A neutral cell, so that rows can be written as `["东湖区", "912.5"]`.
        public init(stringLiteral text: String) {
            self.init(text)
        }

        /// Whether the text reads as a number, allowing a sign, grouping commas, a decimal point
        /// and a short unit (`-12.5`, `+3`, `1,204`, `98.2%`, `846分`). Blanks and dashes, the
        /// usual "no data" marks, do not count either way.
        var isNumeric: Bool {
            var text = trimmed
            if text.first.map({ "+-−±".contains($0) }) == true { text = text.dropFirst() }
            while let last = text.last, "%‰分件个次人项元天时".contains(last) { text = text.dropLast() }
            guard let first = text.first, first.isASCII, first.isNumber else { return false }
            return text.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "," || $0 == "." }
                && text.filter { $0 == "." }.count <= 1
        }

        /// The text without surrounding white space (including the ideographic space).
        private var trimmed: Substring {
            let start = text.drop(while: \.isWhitespace)
            return start.dropLast(start.reversed().prefix(while: \.isWhitespace).count)
        }

        var isBlank: Bool {
            return trimmed.isEmpty || trimmed == "-" || trimmed == "—" || trimmed == "–"
        }
    }

    /// Column titles.
    public var header: [String]
    /// Body rows; short rows are padded with empty cells to the header's width.
    public var rows: [[Cell]]
    /// A title shown above the table, if any.
    public var caption: String?
    /// The columns to right-align, by index. `nil` detects them: a column is numeric when every
    /// non-blank body cell reads as a number.
    public var numericColumns: Set<Int>?

    /// A table of `rows` under `header`.
    public init(header: [String], rows: [[Cell]], caption: String? = nil, numericColumns: Set<Int>? = nil) {
        self.header = header
        self.rows = rows
        self.caption = caption
        self.numericColumns = numericColumns
    }

    /// The columns that are right-aligned, given or detected.
    var rightAlignedColumns: Set<Int> {
        if let numericColumns { return numericColumns }
        let width = max(header.count, rows.map(\.count).max() ?? 0)
        return Set(
            (0..<width).filter { column in
                let cells = rows.compactMap { column < $0.count ? $0[column] : nil }.filter { !$0.isBlank }
                return !cells.isEmpty && cells.allSatisfy(\.isNumeric)
            }
        )
    }
}
