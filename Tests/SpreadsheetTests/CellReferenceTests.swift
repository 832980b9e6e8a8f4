import Testing

@testable import Spreadsheet

/// A1-style references, including the letter carries at Z→AA and ZZ→AAA.
@Suite struct CellReferenceTests {
    @Test(arguments: [
        (0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"),
        (16_383, "XFD"),
    ])
    func namesColumns(index: Int, name: String) {
        #expect(CellReference.columnName(index) == name)
    }

    @Test func namesCells() {
        #expect(CellReference.name(row: 0, column: 0) == "A1")
        #expect(CellReference.name(row: 9, column: 26) == "AA10")
        #expect(CellReference.name(row: 1_048_575, column: 16_383) == "XFD1048576")
    }
}
