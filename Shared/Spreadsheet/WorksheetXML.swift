/// Renders one sheet as xl/worksheets/sheetN.xml, putting its text into the shared string table.
/// Elements follow the order the schema (CT_Worksheet) demands: dimension, sheetViews,
/// sheetFormatPr, cols, sheetData; Excel rejects a file whose elements are out of order.
enum WorksheetXML {
    /// Excel's limit on the text of one cell, in UTF-16 units.
    static let maximumTextLength = 32_767

    /// The worksheet part of `sheet`, which must have passed `Sheet.validate()`. `selected` marks
    /// the tab shown when the file opens.
    static func xml(for sheet: Sheet, selected: Bool, strings: inout SharedStrings) throws(SpreadsheetError) -> String {
        var xml = PackagePart.declaration
        xml += "<worksheet xmlns=\"\(PackagePart.mainNamespace)\" xmlns:r=\"\(PackagePart.relationshipNamespace)\">"
        xml += "<dimension ref=\"\(dimension(of: sheet))\"/>"
        xml += "<sheetViews><sheetView workbookViewId=\"0\"\(selected ? " tabSelected=\"1\"" : "")>"
        if sheet.frozenRows > 0 {
            let firstScrolling = CellReference.name(row: sheet.frozenRows, column: 0)
            xml += "<pane ySplit=\"\(sheet.frozenRows)\" topLeftCell=\"\(firstScrolling)\""
            xml += " activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"\(firstScrolling)\" sqref=\"\(firstScrolling)\"/>"
        }
        xml += "</sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if !sheet.columns.isEmpty {
            xml += "<cols>"
            for (index, column) in sheet.columns.enumerated() {
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(column.width)\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() where row.contains(where: { $0 != .empty }) {
            xml += "<row r=\"\(rowIndex + 1)\">"
            for (columnIndex, cell) in row.enumerated() where cell != .empty {
                let reference = CellReference.name(row: rowIndex, column: columnIndex)
                xml += try cellXML(cell, reference: reference, sheet: sheet.name, strings: &strings)
            }
            xml += "</row>"
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    /// The `<c>` element of one non-empty cell.
    private static func cellXML(
        _ cell: Cell, reference: String, sheet: String, strings: inout SharedStrings
    ) throws(SpreadsheetError) -> String {
        func fail(_ code: SpreadsheetError.Code, _ problem: String) -> SpreadsheetError {
            SpreadsheetError(code, "sheet \"\(sheet)\" cell \(reference): \(problem)")
        }
        func text(_ value: String, _ style: CellStyle) throws(SpreadsheetError) -> String {
            let clean = XMLText.removingIllegalCharacters(value)
            let length = clean.utf16.count
            guard length <= maximumTextLength else {
                throw fail(.textTooLong, "text is \(length) characters long; Excel allows at most \(maximumTextLength)")
            }
            return "<c r=\"\(reference)\"\(style.attribute) t=\"s\"><v>\(strings.index(of: clean))</v></c>"
        }
        func number(_ value: Double, _ style: CellStyle) throws(SpreadsheetError) -> String {
            guard value.isFinite else { throw fail(.invalidNumber, "\(value) cannot be stored in a cell") }
            // Swift's description is the shortest text that reads back as the same Double.
            return "<c r=\"\(reference)\"\(style.attribute)><v>\(value)</v></c>"
        }
        switch cell {
        case .empty:
            return ""
        case .text(let value):
            return try text(value, .general)
        case .bold(let value):
            return try text(value, .bold)
        case .number(let value, let format):
            return try number(value, CellStyle(format))
        case .integer(let value):
            return "<c r=\"\(reference)\"><v>\(value)</v></c>"
        case .percent(let value):
            return try number(value, .percent)
        case .date(let year, let month, let day):
            guard let serial = ExcelDate.serial(year: year, month: month, day: day) else {
                throw fail(.invalidDate, "\(year)-\(month)-\(day) is not a day in 1900-03-01...9999-12-31")
            }
            return "<c r=\"\(reference)\"\(CellStyle.date.attribute)><v>\(serial)</v></c>"
        case .dateTime(let date):
            guard let serial = ExcelDate.serial(date) else {
                throw fail(.invalidDate, "\(date) is outside 1900-03-01...9999-12-31")
            }
            return try number(serial, .dateTime)
        }
    }

    /// The used range, "A1:C20"; Excel reads it as a hint for sizing, so an empty sheet says "A1".
    private static func dimension(of sheet: Sheet) -> String {
        guard let lastRow = sheet.rows.lastIndex(where: { $0.contains { $0 != .empty } }) else { return "A1" }
        let lastColumn = sheet.rows.compactMap { $0.lastIndex { $0 != .empty } }.max() ?? 0
        return "A1:\(CellReference.name(row: lastRow, column: lastColumn))"
    }
}
