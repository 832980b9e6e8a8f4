import Foundation
import Testing

@testable import Spreadsheet

/// Excel's 1900 date serials, for calendar days and for instants shown in Shanghai time.
@Suite struct ExcelDateTests {
    /// Serials as Excel shows them for these days (Format Cells → Number).
    @Test(arguments: [
        (1900, 3, 1, 61), (1970, 1, 1, 25_569), (2000, 2, 29, 36_585), (2024, 2, 29, 45_351), (2024, 3, 15, 45_366),
        (9999, 12, 31, 2_958_465),
    ])
    func countsDays(year: Int, month: Int, day: Int, serial: Int) {
        #expect(ExcelDate.serial(year: year, month: month, day: day) == serial)
    }

    @Test(arguments: [
        (1900, 2, 28), (1900, 2, 29), (1899, 12, 31), (2023, 2, 29), (2100, 2, 29), (2024, 4, 31), (2024, 13, 1),
        (2024, 0, 1), (2024, 1, 0), (10_000, 1, 1),
    ])
    func rejectsDaysThatDoNotExistOrAreOutOfRange(year: Int, month: Int, day: Int) {
        #expect(ExcelDate.serial(year: year, month: month, day: day) == nil)
        let workbook = Workbook(sheets: [Sheet(name: "S", rows: [[.date(year: year, month: month, day: day)]])])
        let error = #expect(throws: SpreadsheetError.self) { try workbook.data() }
        #expect(error?.code == .invalidDate)
        #expect(error?.message.contains("A1") == true)
    }

    @Test func showsInstantsInShanghaiTime() throws {
        // 2024-03-15T06:30:00Z is 14:30 in Shanghai, the same day.
        let afternoon = Date(timeIntervalSince1970: 1_710_484_200)
        try expectSerial(of: afternoon, near: 45_366 + 14.5 / 24)
        // 2024-03-15T20:00:00Z is already 04:00 on the 16th in Shanghai.
        let night = Date(timeIntervalSince1970: 1_710_532_800)
        try expectSerial(of: night, near: 45_367 + 4.0 / 24)
        // Midnight in Shanghai is 16:00 UTC the day before.
        let midnight = Date(timeIntervalSince1970: 1_710_432_000)
        #expect(ExcelDate.serial(midnight) == 45_366)
    }

    /// Within a microsecond: the serial is a day count with the time as a binary fraction.
    private func expectSerial(of date: Date, near expected: Double, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let serial = try #require(ExcelDate.serial(date), sourceLocation: sourceLocation)
        #expect(abs(serial - expected) * 86_400 < 1e-6, "\(serial) vs \(expected)", sourceLocation: sourceLocation)
    }

    @Test func rejectsInstantsOutOfRange() {
        #expect(ExcelDate.serial(Date(timeIntervalSince1970: -2_300_000_000)) == nil)  // 1897
        #expect(ExcelDate.serial(Date(timeIntervalSince1970: 253_402_300_800)) == nil)  // 10000-01-01T00:00Z
        #expect(ExcelDate.serial(Date(timeIntervalSince1970: 253_402_272_000)) == nil)  // 10000-01-01 00:00 in Shanghai
        #expect(ExcelDate.serial(Date(timeIntervalSince1970: 253_402_271_999)) != nil)
    }
}
