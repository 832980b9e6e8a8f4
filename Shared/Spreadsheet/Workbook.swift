public import Foundation

/// An Excel workbook (.xlsx, Office Open XML SpreadsheetML) built in memory and written in one go.
///
/// ```swift
/// let summary = Sheet(
///     name: "汇总", columns: [.init(width: 20), .init(width: 10)],
///     rows: [[.bold("单位"), .bold("办结率")], [.text("三门峡"), .percent(0.953)]], frozenRows: 1)
/// try Workbook(sheets: [summary]).write(to: url)
/// ```
///
/// Everything is validated when the bytes are produced, so a workbook that writes opens cleanly in
/// Excel and LibreOffice. The output depends only on the content (no timestamps), so the same
/// workbook always gives the same bytes.
public struct Workbook: Sendable, Equatable {
    /// The sheets in tab order; the first one is shown when the file opens. At least one is needed.
    public var sheets: [Sheet]

    public init(sheets: [Sheet] = []) {
        self.sheets = sheets
    }

    /// The .xlsx file's bytes: a ZIP archive of the package's XML parts.
    public func data() throws(SpreadsheetError) -> Data {
        guard !sheets.isEmpty else { throw SpreadsheetError(.noSheets, "a workbook needs at least one sheet") }
        var seen: [String: String] = [:]
        for sheet in sheets {
            try sheet.validate()
            // Excel treats "Data" and "data" as the same sheet.
            if let earlier = seen.updateValue(sheet.name, forKey: sheet.name.lowercased()) {
                throw SpreadsheetError(
                    .duplicateSheetName,
                    "sheet name \"\(sheet.name)\" is already used by \"\(earlier)\" (case is ignored)")
            }
        }

        var strings = SharedStrings()
        var worksheets: [String] = []
        for (index, sheet) in sheets.enumerated() {
            worksheets.append(try WorksheetXML.xml(for: sheet, selected: index == 0, strings: &strings))
        }

        // [Content_Types].xml goes first, where streaming readers look for it.
        var archive = ZipArchive()
        try archive.addFile(
            path: "[Content_Types].xml", contents: PackagePart.contentTypes(sheetCount: sheets.count).utf8)
        try archive.addFile(path: "_rels/.rels", contents: PackagePart.rootRelationships.utf8)
        try archive.addFile(path: "docProps/app.xml", contents: PackagePart.applicationProperties.utf8)
        try archive.addFile(
            path: "xl/workbook.xml", contents: PackagePart.workbook(sheetNames: sheets.map(\.name)).utf8)
        try archive.addFile(
            path: "xl/_rels/workbook.xml.rels",
            contents: PackagePart.workbookRelationships(sheetCount: sheets.count).utf8)
        try archive.addFile(path: "xl/styles.xml", contents: CellStyle.stylesXML.utf8)
        try archive.addFile(path: "xl/sharedStrings.xml", contents: strings.xml.utf8)
        for (index, worksheet) in worksheets.enumerated() {
            try archive.addFile(path: PackagePart.worksheetPath(index), contents: worksheet.utf8)
        }
        return try archive.data()
    }

    /// Writes the .xlsx file to `url`, replacing any file there. The file is written to a temporary
    /// name first and moved into place, so a reader never sees half a workbook.
    public func write(to url: URL) throws(SpreadsheetError) {
        let bytes = try data()
        do {
            try bytes.write(to: url, options: .atomic)
        } catch {
            throw SpreadsheetError(.writeFailed, "could not write \(url.path)", cause: error)
        }
    }
}
