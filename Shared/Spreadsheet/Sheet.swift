/// One worksheet: a name, column widths, rows of cells, and how many header rows stay visible
/// while scrolling.
public struct Sheet: Sendable, Equatable {
    /// The display settings of one column.
    public struct Column: Sendable, Equatable {
        /// Width in Excel's unit: about the width of one digit in the default font, so 10
        /// fits ten digits (a Chinese character takes about two). Must be in 0...255.
        public var width: Double

        public init(width: Double) {
            self.width = width
        }
    }

    /// The tab name: 1 to 31 characters, none of `[ ] : * ? / \`, not starting or ending with an
    /// apostrophe, not "History", and unique in the workbook ignoring case. Checked when the
    /// workbook is written; `Sheet.validate(name:)` checks one name early.
    public var name: String
    /// Settings for the first columns, in order: `columns[0]` is column A. Columns past the end
    /// keep Excel's default width.
    public var columns: [Column]
    /// The rows from the top; `rows[0]` is row 1. Rows may have different lengths.
    public var rows: [[Cell]]
    /// How many rows at the top stay in place while scrolling (0: none, 1: a header row).
    public var frozenRows: Int

    public init(name: String, columns: [Column] = [], rows: [[Cell]] = [], frozenRows: Int = 0) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.frozenRows = frozenRows
    }
}
