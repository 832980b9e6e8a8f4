import Testing

@testable import Charts

@Suite("Tables and key figures")
struct TableTests {
    @Test func numericColumnsAreDetectedAndRightAligned() {
        let table = SamplePage.unitTable
        #expect(table.rightAlignedColumns == [1, 2, 3])
        let html = table.html
        #expect(html.contains("<th scope=\"col\" class=\"num\">得分</th>"))
        #expect(html.contains("<th scope=\"col\">备注</th>"))
        #expect(html.contains("<td class=\"num\">99.1%</td>"))
        #expect(html.contains("<td class=\"num\">—</td>"))
    }

    @Test(arguments: [
        ("846", true), ("-15", true), ("+12.5", true), ("1,204", true), ("98.2%", true), ("846分", true),
        ("−3", true), ("东湖区", false), ("1.2.3", false), ("12a", false), ("", false), ("%", false),
    ])
    func whatCountsAsANumber(_ text: String, _ numeric: Bool) {
        #expect(Table.Cell(text).isNumeric == numeric)
    }

    @Test func flaggedCellsAreTintedAndSpoken() {
        let html = SamplePage.unitTable.html
        #expect(html.contains("<th scope=\"row\" class=\"tone-bad\">白云区<span class=\"sr-only\">（需关注）</span></th>"))
        #expect(html.contains("<td class=\"num tone-bad\">768<span class=\"sr-only\">（需关注）</span></td>"))
        #expect(html.contains("<caption>各单位得分</caption>"))
    }

    @Test func givenNumericColumnsOverrideDetection() {
        let table = Table(header: ["代码", "名称"], rows: [["0101", "东湖区"]], numericColumns: [])
        #expect(!table.html.contains("class=\"num\""))
    }

    @Test func shortRowsArePadded() {
        let html = Table(header: ["a", "b", "c"], rows: [["1"]]).html
        #expect(html.contains("<tr><th scope=\"row\" class=\"num\">1</th><td></td><td></td></tr>"))
    }

    @Test func keyFiguresCarryTheirTone() {
        let html = Section.keyFigures(SamplePage.keyFigures).html
        #expect(html.hasPrefix("<dl class=\"figures\">"))
        #expect(html.contains("<div class=\"figure tone-good\"><dt>全市平均分</dt><dd class=\"figure-value\">846.2"))
        #expect(html.contains("<dd class=\"figure-note\">较上月 +3.1 分</dd>"))
        #expect(html.contains("<div class=\"figure tone-neutral\"><dt>工单总量</dt><dd class=\"figure-value\">12,480</dd>"))
        #expect(Section.keyFigures([]).html.isEmpty)
    }
}
