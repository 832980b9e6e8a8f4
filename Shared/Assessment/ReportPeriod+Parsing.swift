import Domain
import Foundation

extension ReportPeriod {
    /// Reads `2026-03-05` (a day), `2026-W10` (an ISO week), `2026-03` (a month), `2026-Q1` (a
    /// quarter) or `2026-03-01..2026-03-15` (a range of days, both included); `nil` for anything else.
    public init?(parsing text: String) {
        let parts = text.components(separatedBy: "..")
        if parts.count == 2 {
            guard let first = LocalDate(parts[0]), let last = LocalDate(parts[1]), first <= last else { return nil }
            self.init(granularity: .range, first: first, last: last)
            return
        }
        guard parts.count == 1 else { return nil }
        if let day = LocalDate(text) {
            self = .day(day)
            return
        }
        let fields = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 2, fields[0].count == 4, let year = Int(fields[0]), year >= 1, year <= 9998 else {
            return nil
        }
        let tail = fields[1]
        if tail.count == 2, let month = Int(tail), let period = Self.month(year: year, month: month) {
            self = period
        } else if tail.count == 2, tail.first == "Q", let quarter = Int(tail.dropFirst()),
            let period = Self.quarter(year: year, quarter: quarter)
        {
            self = period
        } else if tail.count == 3, tail.first == "W", let week = Int(tail.dropFirst()), week >= 1,
            let period = Self.isoWeek(year: year, week: week)
        {
            self = period
        } else {
            return nil
        }
    }

    /// ISO week `week` of `year`: week 1 is the one containing 4 January.
    static func isoWeek(year: Int, week: Int) -> ReportPeriod? {
        guard let january4 = LocalDate(year: year, month: 1, day: 4) else { return nil }
        let first = Self.week(containing: january4).first.addingClamped(days: (week - 1) * 7)
        let period = Self.week(containing: first)
        // Week 53 exists only in some years: reject a week that belongs to the next year.
        return period.description == "\(year)-W\(week < 10 ? "0" : "")\(week)" ? period : nil
    }
}
