import Foundation
import Testing

@testable import Domain

/// Helpers for the calendar tests, namespaced so that they cannot clash with other suites' helpers.
enum CalendarFixtures {
    /// The date of a `YYYY-MM-DD` literal; fails the test when the literal is not a date.
    static func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> LocalDate {
        try #require(LocalDate(text), "not a date: \(text)", sourceLocation: sourceLocation)
    }

    /// The instant of an ISO 8601 literal with an offset.
    static func instant(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Date {
        try #require(ShanghaiTime.parseISO8601(text), "not a timestamp: \(text)", sourceLocation: sourceLocation)
    }

    /// The shipped calendar (2021–2026).
    static let calendar = WorkingDayCalendar.shipped

    /// An independent, slow definition of a working day, straight from the notices' lists: the
    /// fast calendar must agree with it everywhere.
    static func referenceIsWorkingDay(_ date: LocalDate, years: [HolidayYear] = ShippedHolidayYears.all) -> Bool {
        for year in years where year.year == date.year {
            if year.daysOff.contains(where: { $0.date == date }) { return false }
            if year.workingWeekendDays.contains(where: { $0.date == date }) { return true }
            return !date.isWeekend
        }
        // No notice: the law's days off, from the first notice to ten years past the last.
        if let first = years.map(\.year).min(), let last = years.map(\.year).max(),
            (first...last + 10).contains(date.year),
            StatutoryHolidays.daysOff(in: date.year).contains(where: { $0.date == date })
        {
            return false
        }
        return !date.isWeekend
    }

    /// The n-th working day strictly after `date`, by walking one day at a time.
    static func referenceNthWorkingDay(
        _ n: Int,
        after date: LocalDate,
        years: [HolidayYear] = ShippedHolidayYears.all
    ) -> LocalDate {
        var current = date
        var remaining = n
        while remaining > 0 {
            current = current.adding(days: 1)!
            if referenceIsWorkingDay(current, years: years) { remaining -= 1 }
        }
        return current
    }

    /// Builds a holiday year JSON document for the validation tests.
    static func json(
        year: Int = 2025,
        notice: String = "国办发明电〔2024〕12号",
        daysOff: [String] = ["2025-01-01"],
        workingWeekendDays: [String] = ["2025-01-26"],
        extraTopLevel: String = ""
    ) -> Data {
        func list(_ dates: [String]) -> String {
            "[" + dates.map { "{\"date\": \"\($0)\", \"name\": \"测试\"}" }.joined(separator: ", ") + "]"
        }
        let text = """
            {"year": \(year), "notice": "\(notice)", \(extraTopLevel)
             "daysOff": \(list(daysOff)), "workingWeekendDays": \(list(workingWeekendDays))}
            """
        return Data(text.utf8)
    }
}
