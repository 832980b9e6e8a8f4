import Domain
import Testing

/// The one CSV reader: RFC 4180 quoting, CRLF, a byte-order mark, and errors that name line and column.
@Suite struct CSVReaderTests {
    static func fields(_ text: String) throws(CSVReader.SyntaxError) -> [[String]] {
        try CSVReader.records(in: text).map(\.fields)
    }

    static func syntaxError(_ text: String) -> CSVReader.SyntaxError? {
        do throws(CSVReader.SyntaxError) {
            _ = try CSVReader.records(in: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let records = try CSVReader.records(in: "a,\"b, c\",\"say \"\"hi\"\"\"\n\"two\nlines\",x,\n")
        #expect(records.map(\.fields) == [["a", "b, c", "say \"hi\""], ["two\nlines", "x", ""]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test func aRecordAfterAQuotedLineBreakStartsOnItsOwnLine() throws {
        let records = try CSVReader.records(in: "\"one\ntwo\nthree\",x\ny,z\n")
        #expect(records.map(\.line) == [1, 4])
    }

    @Test func crlfEndsARecordAndALoneCarriageReturnIsText() throws {
        #expect(try Self.fields("a,b\r\nc,d\r\n") == [["a", "b"], ["c", "d"]])
        #expect(try Self.fields("a\rb,c") == [["a\rb", "c"]])
        #expect(try Self.fields("\"a\"\r\n\"b\"") == [["a"], ["b"]])
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        #expect(try Self.fields("\u{FEFF}name,code\nx,1") == [["name", "code"], ["x", "1"]])
        #expect(CSVReader.text(utf8: [0xEF, 0xBB, 0xBF] + Array("a,b".utf8)) == "a,b")
        #expect(CSVReader.text(utf8: [0xFF, 0xFE]) == nil, "not UTF-8")
    }

    @Test func spacesAfterAClosingQuoteAreAllowed() throws {
        #expect(try Self.fields("\"a\"  ,\"b\"\t\n") == [["a", "b"]])
    }

    @Test func textAfterAClosingQuoteIsRefusedWithLineAndColumn() {
        let error = Self.syntaxError("name,code\nx,1\n\"张三\"x,2\n")
        #expect(error == CSVReader.SyntaxError(line: 3, column: 5, message: "text after the closing quote of a field"))
        #expect(error?.description == "line 3, column 5: text after the closing quote of a field")
    }

    @Test func textAfterAClosingQuoteIsRefusedOnTheLineItIsOn() {
        // The quoted field spans two lines; the stray text is on the second.
        let error = Self.syntaxError("a,\"b\nc\"d\n")
        #expect(error?.line == 2)
        #expect(error?.column == 3)
    }

    @Test func aQuoteInsideAnUnquotedFieldIsRefused() {
        let error = Self.syntaxError("ab\"c\"\n")
        #expect(
            error
                == CSVReader.SyntaxError(
                    line: 1, column: 3, message: "a quote inside a field that does not start with one"))
    }

    @Test func anUnclosedQuoteNamesWhereItOpened() {
        let error = Self.syntaxError("a,b\nc,\"d\ne\n")
        #expect(error == CSVReader.SyntaxError(line: 2, column: 3, message: "a quoted field is never closed"))
    }

    @Test func blankRecordsAreRecognised() throws {
        let records = try CSVReader.records(in: "a\n\n  ,\t\nb")
        #expect(records.map(\.isBlank) == [false, true, true, false])
    }
}
