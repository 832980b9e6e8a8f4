import Testing

@testable import Spreadsheet

/// Sheet names Excel accepts, alone and within a workbook.
@Suite struct SheetNameTests {
    @Test(arguments: [
        "Sheet1", "工单汇总", "A", String(repeating: "x", count: 31), String(repeating: "表", count: 31),
        "Q1 (Jan–Mar) & more", "it's fine", "history of 2024", "😀 emoji",
    ])
    func acceptsValidNames(name: String) throws {
        try Sheet.validate(name: name)
        #expect(throws: Never.self) { try Workbook(sheets: [Sheet(name: name)]).data() }
    }

    @Test(arguments: [
        "", String(repeating: "x", count: 32), String(repeating: "😀", count: 16), "a[b", "a]b", "a:b", "a*b", "a?b",
        "a/b", "a\\b", "'quoted", "quoted'", "History", "HISTORY", "tab\there", "line\nbreak", "nul\u{0}",
    ])
    func rejectsInvalidNames(name: String) {
        let error = #expect(throws: SpreadsheetError.self) { try Sheet.validate(name: name) }
        #expect(error?.code == .invalidSheetName)
        let workbookError = #expect(throws: SpreadsheetError.self) { try Workbook(sheets: [Sheet(name: name)]).data() }
        #expect(workbookError?.code == .invalidSheetName)
    }

    @Test(arguments: [("Data", "Data"), ("Data", "data"), ("汇总", "汇总"), ("Ärger", "ärger")])
    func rejectsDuplicateNamesIgnoringCase(first: String, second: String) {
        let workbook = Workbook(sheets: [Sheet(name: first), Sheet(name: "Other"), Sheet(name: second)])
        let error = #expect(throws: SpreadsheetError.self) { try workbook.data() }
        #expect(error?.code == .duplicateSheetName)
        #expect(error?.message.contains(second) == true)
    }

    @Test func distinctNamesAreAccepted() throws {
        let workbook = Workbook(sheets: [Sheet(name: "Data"), Sheet(name: "Data 2"), Sheet(name: "数据")])
        let directory = try ZipDirectory(try workbook.data())
        #expect(directory.entries.filter { $0.name.hasPrefix("xl/worksheets/") }.count == 3)
    }
}
