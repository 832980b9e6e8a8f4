import Domain
import Foundation
import ReportRendering
import Testing

@Suite struct ReportTableTests {
    @Test func csvQuotesSeparatorsAndGuardsFormulas() {
        let table = ReportTable(
            name: "t", title: "T", columns: ["单位", "值"],
            rows: [
                [.text("就业办, \"一科\""), .percent(0.95349)],
                [.text("=HYPERLINK(\"x\")"), .number(-3, decimals: 1)],
                [.text("多行\n文本"), .percent(nil)],
            ]
        )
        let lines = table.csv().dropFirst().components(separatedBy: "\r\n")
        #expect(table.csv().hasPrefix("\u{FEFF}"))
        #expect(lines[0] == "单位,值")
        #expect(lines[1] == "\"就业办, \"\"一科\"\"\",0.9535")
        #expect(lines[2] == "\"'=HYPERLINK(\"\"x\"\")\",-3.0")
        #expect(lines[3] == "\"多行\n文本\",")
        #expect(lines.count == 5)  // the last CRLF ends the last row
    }

    @Test func displayFormatsRatesAndInstantsInBeijingTime() {
        #expect(ReportTable.Value.percent(0.9535).display == "95.4%")
        #expect(ReportTable.Value.percent(nil).display == "—")
        #expect(ReportTable.Value.number(-0.04, decimals: 1).display == "0.0")
        #expect(ReportTable.Value.instant(Date(timeIntervalSince1970: 1_774_972_800)).display == "2026-04-01 00:00")
    }
}
