import Domain
import Testing

/// A CSV file with a header: columns by name, blank lines skipped, rows as long as the header.
@Suite struct CSVTableTests {
    @Test func columnsAreFoundByTheirTrimmedLowercasedName() throws {
        let table = try CSVTable("\u{FEFF} Question ,ANSWER\r\n\"社保卡丢了, 怎么办？\",\" 挂失 \"\r\n\r\n")
        #expect(table.header == ["question", "answer"])
        #expect(table.rows.count == 1)
        let fields = try #require(table.rows.first?.fields)
        #expect(table.value("question", in: fields) == "社保卡丢了, 怎么办？")
        #expect(table.value("answer", in: fields) == "挂失")
        #expect(table.value("tags", in: fields) == "", "a column the file lacks reads as empty")
    }

    @Test func aRowOfTheWrongLengthIsRefused() {
        #expect(throws: CSVTable.ParseError(line: 3, column: nil, message: "1 fields, the header has 2")) {
            try CSVTable("a,b\n1,2\n3\n")
        }
    }

    @Test func textAfterAClosingQuoteIsRefusedWithItsColumn() {
        #expect(throws: CSVTable.ParseError(line: 2, column: 4, message: "text after the closing quote of a field")) {
            try CSVTable("question,answer\n\"q\"?,a\n")
        }
    }

    @Test func anEmptyFileIsRefused() {
        #expect(throws: CSVTable.ParseError(line: 1, column: nil, message: "the file is empty")) {
            try CSVTable("\n \n")
        }
    }
}
