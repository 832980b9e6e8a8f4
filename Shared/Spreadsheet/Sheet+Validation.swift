extension Sheet {
    /// Excel's grid: 1,048,576 rows by 16,384 columns (A to XFD).
    static let maximumRows = 1_048_576
    static let maximumColumns = 16_384
    static let maximumNameLength = 31

    /// Throws `invalidSheetName` unless Excel accepts `name` as a tab name. Uniqueness needs
    /// the whole workbook and is checked when it is written.
    public static func validate(name: String) throws(SpreadsheetError) {
        func reject(_ reason: String) -> SpreadsheetError {
            SpreadsheetError(.invalidSheetName, "sheet name \"\(name)\" \(reason)")
        }
        // Excel counts UTF-16 units, so an emoji takes two of the 31.
        let length = name.utf16.count
        guard length > 0 else { throw reject("is empty") }
        guard length <= maximumNameLength else {
            throw reject("is \(length) characters long; Excel allows at most \(maximumNameLength)")
        }
        if let forbidden = name.unicodeScalars.first(where: { "[]:*?/\\".unicodeScalars.contains($0) }) {
            throw reject("contains \"\(forbidden)\", which Excel forbids in sheet names")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || !XMLText.isLegal($0) }) {
            throw reject("contains a control character")
        }
        // A leading or trailing apostrophe would clash with the quoting of names in formulas.
        guard !name.hasPrefix("'") && !name.hasSuffix("'") else {
            throw reject("starts or ends with an apostrophe")
        }
        guard name.lowercased() != "history" else { throw reject("is reserved by Excel") }
    }

    /// Checks everything about the sheet that does not depend on the other sheets.
    func validate() throws(SpreadsheetError) {
        try Self.validate(name: name)
        guard frozenRows >= 0 && frozenRows < Self.maximumRows else {
            throw SpreadsheetError(
                .invalidFrozenRows,
                "sheet \"\(name)\": frozenRows is \(frozenRows); it must be in 0..<\(Self.maximumRows)")
        }
        guard rows.count <= Self.maximumRows else {
            throw SpreadsheetError(
                .tooManyRows, "sheet \"\(name)\" has \(rows.count) rows; Excel allows at most \(Self.maximumRows)")
        }
        let widest = max(columns.count, rows.lazy.map(\.count).max() ?? 0)
        guard widest <= Self.maximumColumns else {
            throw SpreadsheetError(
                .tooManyColumns,
                "sheet \"\(name)\" is \(widest) columns wide; Excel allows at most \(Self.maximumColumns)")
        }
        for (index, column) in columns.enumerated() where !(column.width.isFinite && (0...255).contains(column.width)) {
            throw SpreadsheetError(
                .invalidColumnWidth,
                "sheet \"\(name)\" column \(CellReference.columnName(index)): width \(column.width) is outside 0...255")
        }
    }
}
