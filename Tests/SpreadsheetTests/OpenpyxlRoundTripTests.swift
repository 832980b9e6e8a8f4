import Foundation
import Spreadsheet
import Testing

/// The end-to-end check: a workbook written to disk is opened by Python's zipfile and by openpyxl
/// (an independent .xlsx reader), and everything a person would see comes back: sheet names and
/// order, values, number formats, bold headers, frozen rows and column widths.
@Suite struct OpenpyxlRoundTripTests {
    /// 2024-03-15T06:30:00Z, 14:30 in Shanghai.
    static let afternoon = Date(timeIntervalSince1970: 1_710_484_200)
    /// 2024-03-15T20:00:00Z, already 04:00 on the 16th in Shanghai.
    static let lateNight = Date(timeIntervalSince1970: 1_710_532_800)

    static let workbook = Workbook(sheets: [
        Sheet(
            name: "工单汇总",
            columns: [18, 10, 9.5, 16, 18, 12].map { Sheet.Column(width: $0) },
            rows: [
                [.bold("单位"), .bold("工单数"), .bold("办结率"), .bold("金额（元）"), .bold("受理时间"), .bold("截止日")],
                [
                    .text(#"三门峡市 & <渑池县> "示例""#), .integer(1234), .percent(0.953),
                    .number(1_234_567.891, format: .yuan),
                    .dateTime(afternoon), .date(year: 2024, month: 2, day: 29),
                ],
                [
                    .text("emoji 👍🏽 家族 👨‍👩‍👧\n第二行\r\n"), .integer(-7), .percent(0), .number(2.5, format: .decimal1),
                    .dateTime(lateNight), .date(year: 2024, month: 12, day: 31),
                ],
                [
                    .text(" leading and trailing "), .number(0.125, format: .decimal2),
                    .number(9_876_543, format: .thousands),
                    .number(1e-7), .text("_x0041_"), .text("a\u{1}b\u{FFFF}c"),
                ],
                [.text("\u{E9}"), .text("e\u{301}"), .empty, .bold("单位"), .number(3), .integer(1 << 40)],
            ],
            frozenRows: 1
        ),
        Sheet(
            name: "Data (2)",
            rows: [[.text("单位")]] + Array(repeating: [], count: 8) + [
                Array(repeating: .empty, count: 26) + [.integer(42)]
            ]),
    ])

    /// What openpyxl reports about each non-empty cell.
    static let expectedFirstSheet: [CellReport] = [
        .init("A1", "str", .text("单位"), "General", bold: true),
        .init("B1", "str", .text("工单数"), "General", bold: true),
        .init("C1", "str", .text("办结率"), "General", bold: true),
        .init("D1", "str", .text("金额（元）"), "General", bold: true),
        .init("E1", "str", .text("受理时间"), "General", bold: true),
        .init("F1", "str", .text("截止日"), "General", bold: true),
        .init("A2", "str", .text(#"三门峡市 & <渑池县> "示例""#), "General"),
        .init("B2", "int", .number(1234), "General"),
        .init("C2", "float", .number(0.953), "0.0%"),
        .init("D2", "float", .number(1_234_567.891), "#,##0.00"),
        .init("E2", "datetime", .text("2024-03-15T14:30:00"), "yyyy-mm-dd hh:mm"),
        .init("F2", "datetime", .text("2024-02-29T00:00:00"), "yyyy-mm-dd"),
        .init("A3", "str", .text("emoji 👍🏽 家族 👨‍👩‍👧\n第二行\r\n"), "General"),
        .init("B3", "int", .number(-7), "General"),
        .init("C3", "float", .number(0), "0.0%"),
        .init("D3", "float", .number(2.5), "0.0"),
        .init("E3", "datetime", .text("2024-03-16T04:00:00"), "yyyy-mm-dd hh:mm"),
        .init("F3", "datetime", .text("2024-12-31T00:00:00"), "yyyy-mm-dd"),
        .init("A4", "str", .text(" leading and trailing "), "General"),
        .init("B4", "float", .number(0.125), "0.00"),
        .init("C4", "float", .number(9_876_543), "#,##0"),
        .init("D4", "float", .number(1e-7), "General"),
        .init("E4", "str", .text("_x0041_"), "General"),
        .init("F4", "str", .text("abc"), "General"),
        .init("A5", "str", .text("\u{E9}"), "General"),
        .init("B5", "str", .text("e\u{301}"), "General"),
        .init("D5", "str", .text("单位"), "General", bold: true),
        .init("E5", "float", .number(3), "General"),
        .init("F5", "int", .number(1_099_511_627_776), "General"),
    ]

    static let expectedSecondSheet: [CellReport] = [
        .init("A1", "str", .text("单位"), "General"),
        .init("AA10", "int", .number(42), "General"),
    ]

    @Test func openpyxlReadsBackWhatWasWritten() async throws {
        try await withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("报表.xlsx")
            try Self.workbook.write(to: url)
            let result = try await Python.run(Self.script, arguments: [url.path])
            try #require(result.status != Python.openpyxlMissingStatus, "\(Python.openpyxlMissingMessage)")
            try #require(result.status == 0, "python3 failed: \(result.errorOutput)")
            let report = try JSONDecoder().decode(WorkbookReport.self, from: result.output)
            try Self.check(report)
        }
    }

    private static func check(_ report: WorkbookReport) throws {
        #expect(report.badEntry == nil, "zipfile.testzip found a bad CRC")
        #expect(report.malformedParts.isEmpty, "parts that are not well-formed XML")
        #expect(
            report.parts == [
                "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
            ])
        for (part, elements) in report.worksheetElements {
            // The schema fixes this order; Excel refuses a sheet whose elements are out of it.
            let order = ["dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData"]
            #expect(elements == order.filter(elements.contains), "\(part): \(elements)")
        }
        #expect(report.active == "工单汇总")
        try #require(report.sheets.count == 2)
        let (first, second) = (report.sheets[0], report.sheets[1])
        #expect(first.name == "工单汇总")
        #expect(first.freeze == "A2")
        #expect(first.paneState == "frozen")
        #expect(first.ySplit == 1)
        #expect(first.dimensions == "A1:F5")
        #expect(first.widths == ["A": 18, "B": 10, "C": 9.5, "D": 16, "E": 18, "F": 12])
        expect(first.cells, equal: expectedFirstSheet)
        #expect(second.name == "Data (2)")
        #expect(second.freeze == nil)
        #expect(second.widths.isEmpty)
        #expect(second.dimensions == "A1:AA10")
        expect(second.cells, equal: expectedSecondSheet)
    }

    /// Compares cell by cell, so that a failure names the cell rather than dumping two long lists.
    private static func expect(_ actual: [CellReport], equal expected: [CellReport]) {
        #expect(actual.map(\.ref) == expected.map(\.ref))
        for (actualCell, expectedCell) in zip(actual, expected) {
            #expect(actualCell == expectedCell)
        }
    }

    static let script = #"""
        import json, sys, zipfile
        import xml.etree.ElementTree as ElementTree
        try:
            import openpyxl
        except ImportError:
            sys.exit(3)
        path = sys.argv[1]
        with zipfile.ZipFile(path) as archive:
            bad_entry = archive.testzip()
            parts = archive.namelist()
            malformed, worksheet_elements = [], {}
            for name in parts:
                try:
                    root = ElementTree.fromstring(archive.read(name))
                except ElementTree.ParseError as error:
                    malformed.append("%s: %s" % (name, error))
                    continue
                if name.startswith("xl/worksheets/"):
                    worksheet_elements[name] = [child.tag.split("}")[-1] for child in root]
        workbook = openpyxl.load_workbook(path)
        sheets = []
        for sheet in workbook.worksheets:
            cells = []
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is None:
                        continue
                    value = cell.value
                    kind = type(value).__name__
                    if hasattr(value, "isoformat"):
                        value = value.isoformat()
                    cells.append({"ref": cell.coordinate, "type": kind, "value": value,
                                  "format": cell.number_format, "bold": bool(cell.font.b)})
            pane = sheet.sheet_view.pane
            sheets.append({
                "name": sheet.title, "freeze": sheet.freeze_panes, "dimensions": sheet.dimensions,
                "paneState": pane.state if pane is not None else None,
                "ySplit": pane.ySplit if pane is not None else None,
                "widths": {key: dimension.width for key, dimension in sheet.column_dimensions.items()},
                "cells": cells,
            })
        print(json.dumps({"badEntry": bad_entry, "parts": parts, "malformedParts": malformed,
                          "worksheetElements": worksheet_elements, "active": workbook.active.title, "sheets": sheets}))
        """#
}
