import Domain
import Testing

/// The key-enterprise CSV import and matching.
@Suite struct KeyEnterpriseListTests {
    typealias F = RoutingFixtures

    static func parse(_ text: String) throws(KeyEnterpriseList.ImportError) -> [KeyEnterpriseList.Enterprise] {
        try KeyEnterpriseList.parseCSV(Array(text.utf8))
    }

    static func fields(of text: String) -> [String] {
        do throws(KeyEnterpriseList.ImportError) {
            _ = try parse(text)
            return []
        } catch {
            return error.fieldErrors.map(\.field)
        }
    }

    @Test func readsASpreadsheetExport() throws {
        // Byte-order mark, CRLF, a quoted name with a comma, a doubled quote and spaces after it, lower case, a blank
        // line, spaces inside a name, no line break at the end.
        let text =
            "\u{FEFF}name,credit_code\r\n"
            + "三门峡示例实业有限公司,\(F.keyCode)\r\n"
            + "\r\n"
            + "\"渑池示例材料有限公司（\"\"一分厂\"\"，二分厂）\"  , \(F.otherKeyCode.lowercased()) \r\n"
            + "Sanmenxia Example Works,\(F.ordinaryCode)"
        let enterprises = try Self.parse(text)
        #expect(
            enterprises == [
                .init(name: "三门峡示例实业有限公司", creditCode: F.keyCode),
                .init(name: "渑池示例材料有限公司（\"一分厂\"，二分厂）", creditCode: F.otherKeyCode),
                .init(name: "Sanmenxia Example Works", creditCode: F.ordinaryCode),
            ]
        )
    }

    @Test func aHeaderAloneIsAnEmptyList() throws {
        #expect(try Self.parse("name,credit_code\n").isEmpty)
    }

    @Test func everyBadRowIsReportedWithItsLine() {
        let text = """
            name,credit_code
            好企业,\(F.keyCode)
            ,\(F.otherKeyCode)
            坏校验位,91411221MA9F0R7P4A
            太短,9141
            三列,\(F.ordinaryCode),多余
            重复,\(F.keyCode)
            """
        #expect(
            Self.fields(of: text) == [
                "csv.line[3].name", "csv.line[4].credit_code", "csv.line[5].credit_code", "csv.line[6]",
                "csv.line[7].credit_code",
            ]
        )
    }

    @Test func theCheckCharacterIsVerified() {
        var errors: [FieldError] = []
        do throws(KeyEnterpriseList.ImportError) {
            _ = try Self.parse("name,credit_code\n坏校验位,91411221MA9F0R7P4A\n")
        } catch {
            errors = error.fieldErrors
        }
        #expect(errors.map(\.code) == [.invalidCreditCode])
        #expect(errors.first?.message.contains("GB 32100") == true)
        #expect(errors.first?.message.contains("line 2") == true)
    }

    @Test(arguments: [
        ("", "csv.line[1]"),
        ("credit_code,name\n", "csv.line[1]"),
        ("\n\nname,credit_code,extra\n", "csv.line[3]"),
        ("name,credit_code\n\"未闭合,91411200MA44A0B1CH\n", "csv.line[2]"),
        ("name,credit_code\n名\"称,91411200MA44A0B1CH\n", "csv.line[2]"),
    ])
    func malformedFilesAreRefused(text: String, field: String) {
        #expect(Self.fields(of: text) == [field])
    }

    @Test func bytesThatAreNotUTF8AreRefused() {
        #expect(throws: KeyEnterpriseList.ImportError.self) {
            _ = try KeyEnterpriseList.parseCSV(Array("name,credit_code\n".utf8) + [0xFF, 0xFE, 0x2C])
        }
    }

    @Test func manyBadRowsAreCappedWithACount() {
        let text = "name,credit_code\n" + String(repeating: "x,1\n", count: 70)
        var errors: [FieldError] = []
        do throws(KeyEnterpriseList.ImportError) {
            _ = try Self.parse(text)
        } catch {
            errors = error.fieldErrors
        }
        #expect(errors.count == KeyEnterpriseList.maximumReportedErrors)
        #expect(errors.last?.message == "and 21 more problems")
    }

    @Test func addingUpdatesNamesByCreditCodeAndKeepsOrder() {
        var list = F.keyEnterprises
        list.add([.init(name: "新名称", creditCode: F.otherKeyCode), .init(name: "第三家", creditCode: F.ordinaryCode)])
        #expect(list.enterprises.map(\.name) == ["三门峡示例实业有限公司", "新名称", "第三家"])
    }

    @Test func matchingPrefersTheCreditCode() {
        let list = F.keyEnterprises
        #expect(list.match(name: "渑池示例材料有限公司", creditCode: F.keyCode) == .creditCode(list.enterprises[0]))
        #expect(list.match(name: " 渑池示例材料有限公司 ", creditCode: F.ordinaryCode) == .name(list.enterprises[1]))
        #expect(list.match(name: nil, creditCode: nil) == nil)
        #expect(list.match(name: "", creditCode: "") == nil)
    }
}
