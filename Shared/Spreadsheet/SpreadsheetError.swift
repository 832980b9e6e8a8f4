/// Why a workbook could not be written: a stable code to branch on, a message for people that
/// names the sheet and cell concerned, and the underlying error where there is one.
public struct SpreadsheetError: Error, CustomStringConvertible {
    /// What went wrong. Opaque so that new codes can be added without breaking callers' switches.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String {
            case noSheets = "no_sheets"
            case invalidSheetName = "invalid_sheet_name"
            case duplicateSheetName = "duplicate_sheet_name"
            case invalidColumnWidth = "invalid_column_width"
            case invalidFrozenRows = "invalid_frozen_rows"
            case tooManyRows = "too_many_rows"
            case tooManyColumns = "too_many_columns"
            case textTooLong = "text_too_long"
            case invalidNumber = "invalid_number"
            case invalidDate = "invalid_date"
            case archiveTooLarge = "archive_too_large"
            case writeFailed = "write_failed"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// A workbook needs at least one sheet; Excel refuses a file without one.
        public static let noSheets = Code(.noSheets)
        /// A sheet name is empty, longer than 31 characters, or holds a character Excel forbids.
        public static let invalidSheetName = Code(.invalidSheetName)
        /// Two sheets have the same name, ignoring case (as Excel compares them).
        public static let duplicateSheetName = Code(.duplicateSheetName)
        /// A column width is outside 0...255 or not a finite number.
        public static let invalidColumnWidth = Code(.invalidColumnWidth)
        /// `frozenRows` is negative or not below Excel's row limit.
        public static let invalidFrozenRows = Code(.invalidFrozenRows)
        /// A sheet has more than 1,048,576 rows.
        public static let tooManyRows = Code(.tooManyRows)
        /// A row or the column list is wider than 16,384 columns (A to XFD).
        public static let tooManyColumns = Code(.tooManyColumns)
        /// A text cell is longer than Excel's 32,767 characters.
        public static let textTooLong = Code(.textTooLong)
        /// A number or percent is NaN or infinite, which a cell cannot hold.
        public static let invalidNumber = Code(.invalidNumber)
        /// A date does not exist (30 February) or lies outside 1900-03-01...9999-12-31.
        public static let invalidDate = Code(.invalidDate)
        /// The package needs ZIP64 (over 4 GiB or 65,535 parts), which the writer does not produce.
        public static let archiveTooLarge = Code(.archiveTooLarge)
        /// The file could not be written; `cause` holds the file system's error.
        public static let writeFailed = Code(.writeFailed)

        public var description: String { wrapped.rawValue }
    }

    public var code: Code
    public var message: String
    /// The lower-level error that led to this one, if any.
    public var cause: (any Error)?

    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        guard let cause else { return "\(code): \(message)" }
        return "\(code): \(message) (\(cause))"
    }
}
