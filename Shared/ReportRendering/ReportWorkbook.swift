public import Assessment
import Domain
public import Foundation
import Spreadsheet

/// The report as an Excel workbook: a cover sheet, then one sheet per table, headers bold and
/// frozen, numbers as numbers (a rate is a percent cell, so sums and sorting work in Excel).
public enum ReportWorkbook {
    public static func data(_ report: AssessmentReport) throws -> Data {
        try workbook(report).data()
    }

    static func workbook(_ report: AssessmentReport) -> Workbook {
        let cover = Sheet(
            name: "说明",
            columns: [Sheet.Column(width: 100)],
            rows: ReportText.heading(report).split(separator: "\n").map { [.text(String($0))] }
                + [
                    [.empty],
                    [.text("各表：" + ReportTables.all(report).map { "\($0.title)（\($0.name)）" }.joined(separator: "，"))],
                ]
                + ReportTables.all(report).compactMap { table in table.note.map { [.text("\(table.title)：\($0)")] } }
        )
        return Workbook(sheets: [cover] + ReportTables.all(report).map(sheet))
    }

    static func sheet(_ table: ReportTable) -> Sheet {
        let header = table.columns.map { Cell.bold($0) }
        let rows = table.rows.map { $0.map(cell) }
        let widths = table.columns.indices.map { column in
            ([table.columns[column]] + table.rows.map { $0[column].display }).map(width).max() ?? 8
        }
        return Sheet(
            name: table.title,
            columns: widths.map { Sheet.Column(width: min(60, max(8, Double($0) + 2))) },
            rows: [header] + rows,
            frozenRows: 1
        )
    }

    static func cell(_ value: ReportTable.Value) -> Cell {
        switch value {
        case .text(let text): .text(text)
        case .integer(let number): .integer(number)
        case .number(let number, let decimals):
            .number(number, format: decimals == 0 ? .thousands : decimals == 1 ? .decimal1 : .yuan)
        case .percent(let rate): rate.map { .percent($0) } ?? .empty
        case .instant(let date): .dateTime(date)
        case .day(let day): .date(year: day.year, month: day.month, day: day.day)
        case .empty: .empty
        }
    }

    /// Chinese characters are about two columns wide.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
    }
}
