import Assessment
import Domain
import Foundation
import Spreadsheet
import Testing

@testable import ReportRendering

@Suite struct ReportRendererTests {
    let report = ReportFixture.report

    @Test func theRankingTableFlagsTheUnitBelowTheThreshold() {
        let ranking = ReportTables.ranking(report)
        #expect(ranking.rows.map { $0[1] } == [.text("养老保险中心"), .text("就业办")])
        #expect(ranking.rows.map { $0[2] } == [.number(11, decimals: 1), .number(7, decimals: 1)])
        #expect(ranking.rows.map { $0[10] } == [.text(""), .text("是")])
    }

    @Test func theFiguresTableEndsWithTheBureau() throws {
        let figures = ReportTables.figures(report)
        let bureau = try #require(figures.rows.last)
        #expect(bureau[0] == .text("全局"))
        #expect(bureau[1] == .integer(2))
        let amount = try #require(figures.columns.firstIndex(of: "追回金额（元）"))
        #expect(bureau[amount] == .number(20_235_395.19, decimals: 2))
    }

    @Test func everyTableHasOneCellPerColumn() {
        for table in ReportTables.all(report) {
            #expect(table.rows.allSatisfy { $0.count == table.columns.count }, "\(table.name)")
        }
        #expect(ReportTables.all(report).map(\.name) == ReportTables.names)
    }

    @Test func theWorkbookHasACoverAndOneValidSheetPerTable() throws {
        let workbook = ReportWorkbook.workbook(report)
        #expect(workbook.sheets.map(\.name) == ["说明"] + ReportTables.all(report).map(\.title))
        #expect(workbook.sheets.dropFirst().allSatisfy { $0.frozenRows == 1 })
        let bytes = try workbook.data()
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))  // a ZIP archive
    }

    @Test func thePageIsSelfContainedAndShowsTheMonth() {
        let html = ReportPage.html(report)
        #expect(!html.contains("<script"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 5)
        #expect(html.contains("人社局 12345 工单考评 2026-03"))
        #expect(html.contains("2,023.54 万元"))
        #expect(html.contains("约谈线"))
        #expect(html.contains("内容") == false)  // order content never reaches the page
    }

    @Test func theFlaggedUnitsRowIsMarkedInThePage() throws {
        let html = ReportPage.html(report)
        let flaggedRow = try #require(
            html.components(separatedBy: "<tr").first { $0.contains(">就业办") && $0.contains("是") })
        #expect(flaggedRow.contains("tone-bad"))
        let otherRow = try #require(
            html.components(separatedBy: "<tr").first { $0.contains(">养老保险中心") && $0.contains("11.0") })
        #expect(!otherRow.contains("tone-bad"))
    }

    @Test(arguments: [(0.0, "0.00"), (12_345.0, "1.23"), (20_235_395.19, "2,023.54"), (1_000_000_000.0, "100,000.00")])
    func moneyInTenThousandYuan(yuan: Double, text: String) {
        #expect(ReportPage.tenThousands(yuan) == text)
    }

    @Test func theTerminalReportStartsWithTheHeading() {
        let text = ReportText.render(report)
        #expect(text.hasPrefix("人社局 12345 工单考评 2026-03（2026-03-01 至 2026-03-31，北京时间）"))
        #expect(text.contains("单位考评排名"))
        #expect(ReportText.render(report, tables: ["deductions"]).contains("SMX-1"))
    }
}
