import Foundation
import Testing

@testable import Spreadsheet

/// Everything Excel would refuse is caught when the bytes are produced, with a code and a message
/// that names the sheet and cell.
@Suite struct WorkbookValidationTests {
    private func failure(writing sheet: Sheet) -> SpreadsheetError? {
        #expect(throws: SpreadsheetError.self) { try Workbook(sheets: [sheet]).data() }
    }

    @Test func aWorkbookNeedsASheet() {
        let error = #expect(throws: SpreadsheetError.self) { try Workbook().data() }
        #expect(error?.code == .noSheets)
    }

    @Test func textUpToExcelsLimitIsWrittenAndLongerTextIsRefused() throws {
        let longest = String(repeating: "x", count: WorksheetXML.maximumTextLength)
        #expect(throws: Never.self) { try Workbook(sheets: [Sheet(name: "S", rows: [[.text(longest)]])]).data() }
        let error = failure(writing: Sheet(name: "S", rows: [[.empty, .bold(longest + "y")]]))
        #expect(error?.code == .textTooLong)
        #expect(error?.message.contains("cell B1") == true)
        // Excel counts UTF-16 units: 16,384 emoji are 32,768 of them.
        let emoji = failure(writing: Sheet(name: "S", rows: [[.text(String(repeating: "😀", count: 16_384))]]))
        #expect(emoji?.code == .textTooLong)
    }

    @Test func charactersThatAreDroppedDoNotCountTowardsTheLimit() {
        let text = String(repeating: "x", count: WorksheetXML.maximumTextLength) + "\u{1}\u{2}"
        #expect(throws: Never.self) { try Workbook(sheets: [Sheet(name: "S", rows: [[.text(text)]])]).data() }
    }

    @Test(arguments: [Cell.number(.nan), .number(.infinity, format: .yuan), .percent(-.infinity)])
    func nonFiniteNumbersAreRefused(cell: Cell) {
        let error = failure(writing: Sheet(name: "数据", rows: [[], [.integer(1), cell]]))
        #expect(error?.code == .invalidNumber)
        #expect(error?.message.contains("sheet \"数据\" cell B2") == true)
    }

    @Test(arguments: [-1, 1_048_576])
    func frozenRowsMustBeInsideTheGrid(frozenRows: Int) {
        #expect(failure(writing: Sheet(name: "S", frozenRows: frozenRows))?.code == .invalidFrozenRows)
    }

    @Test(arguments: [-1, 256, .nan, .infinity])
    func columnWidthsMustBeInExcelsRange(width: Double) {
        let sheet = Sheet(name: "S", columns: [.init(width: 10), .init(width: width)])
        let error = failure(writing: sheet)
        #expect(error?.code == .invalidColumnWidth)
        #expect(error?.message.contains("column B") == true)
    }

    @Test func rowsMayNotBeWiderThanXFD() {
        let row = Array(repeating: Cell.empty, count: 16_384)
        #expect(throws: Never.self) { try Workbook(sheets: [Sheet(name: "S", rows: [row])]).data() }
        #expect(failure(writing: Sheet(name: "S", rows: [row + [.integer(1)]]))?.code == .tooManyColumns)
        let columns = Array(repeating: Sheet.Column(width: 1), count: 16_385)
        #expect(failure(writing: Sheet(name: "S", columns: columns))?.code == .tooManyColumns)
    }

    @Test func sheetsMayNotBeLongerThanExcelsRowLimit() {
        let rows = Array(repeating: [Cell](), count: 1_048_577)
        #expect(failure(writing: Sheet(name: "S", rows: rows))?.code == .tooManyRows)
    }

    @Test func theSameWorkbookGivesTheSameBytesAndWriteStoresThem() async throws {
        let workbook = Workbook(sheets: [
            Sheet(
                name: "S", rows: [[.bold("h")], [.dateTime(Date(timeIntervalSince1970: 1_710_484_200))]], frozenRows: 1)
        ])
        let data = try workbook.data()
        #expect(try workbook.data() == data)
        try await withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("book.xlsx")
            try workbook.write(to: url)
            #expect(try Data(contentsOf: url) == data)
        }
    }

    @Test func aFailedWriteCarriesTheFileSystemError() async throws {
        try await withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("missing folder").appendingPathComponent("book.xlsx")
            let error = #expect(throws: SpreadsheetError.self) {
                try Workbook(sheets: [Sheet(name: "S")]).write(to: url)
            }
            #expect(error?.code == .writeFailed)
            #expect(error?.cause != nil)
            #expect(error?.description.contains("missing folder") == true)
        }
    }
}
