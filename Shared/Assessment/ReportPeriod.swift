public import Domain
public import Foundation

/// A span of whole local days in Asia/Shanghai that a report covers: a day, an ISO week (Monday
/// to Sunday), a month, a quarter, or any range of days. Periods start and end at local midnight,
/// never at UTC midnight: an event at 23:59 +08:00 on 31 March belongs to March and Q1.
public struct ReportPeriod: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Granularity: String, Sendable, Hashable, Codable, CaseIterable {
        case day, week, month, quarter, range
    }

    public let granularity: Granularity
    /// The first day of the period.
    public let first: LocalDate
    /// The last day of the period, included.
    public let last: LocalDate

    public init(granularity: Granularity, first: LocalDate, last: LocalDate) {
        precondition(first <= last, "a period ends on or after its first day")
        self.granularity = granularity
        self.first = first
        self.last = last
    }

    public static func day(_ date: LocalDate) -> ReportPeriod {
        ReportPeriod(granularity: .day, first: date, last: date)
    }

    /// The ISO week (Monday to Sunday) containing `date`.
    public static func week(containing date: LocalDate) -> ReportPeriod {
        let monday = date.addingClamped(days: 1 - date.weekday.rawValue)
        return ReportPeriod(granularity: .week, first: monday, last: monday.addingClamped(days: 6))
    }

    public static func month(year: Int, month: Int) -> ReportPeriod? {
        guard let first = LocalDate(year: year, month: month, day: 1) else { return nil }
        return ReportPeriod(granularity: .month, first: first, last: first.lastOfMonth)
    }

    public static func quarter(year: Int, quarter: Int) -> ReportPeriod? {
        guard (1...4).contains(quarter), let start = month(year: year, month: quarter * 3 - 2),
            let end = month(year: year, month: quarter * 3)
        else { return nil }
        return ReportPeriod(granularity: .quarter, first: start.first, last: end.last)
    }

    public static func month(containing date: LocalDate) -> ReportPeriod {
        ReportPeriod(granularity: .month, first: date.firstOfMonth, last: date.lastOfMonth)
    }

    public static func quarter(containing date: LocalDate) -> ReportPeriod {
        // A date's year and quarter always exist: the fallback is never taken.
        quarter(year: date.year, quarter: (date.month - 1) / 3 + 1) ?? month(containing: date)
    }

    /// The instant the period starts: 00:00 +08:00 of its first day.
    public var start: Date { first.startInstant }
    /// The instant the period ends (excluded): 00:00 +08:00 of the day after its last day.
    public var end: Date { last.addingClamped(days: 1).startInstant }
    public var dayCount: Int { first.days(to: last) + 1 }
    public var days: [LocalDate] { (0..<dayCount).map { first.addingClamped(days: $0) } }

    public func contains(_ instant: Date) -> Bool { instant >= start && instant < end }

    /// The period just before this one, of the same kind: the previous day, week, month or
    /// quarter, or for a range the same number of days before it.
    public var previous: ReportPeriod {
        switch granularity {
        case .day: return .day(first.addingClamped(days: -1))
        case .week: return .week(containing: first.addingClamped(days: -7))
        case .month: return .month(containing: first.addingClamped(days: -1))
        case .quarter: return .quarter(containing: first.addingClamped(days: -1))
        case .range:
            return ReportPeriod(
                granularity: .range, first: first.addingClamped(days: -dayCount), last: first.addingClamped(days: -1))
        }
    }

    /// `2026-03-05`, `2026-W10`, `2026-03`, `2026-Q1` or `2026-03-01..2026-03-15`: the forms
    /// ``init(parsing:)`` reads.
    public var description: String {
        switch granularity {
        case .day: return first.description
        case .week:
            // ISO 8601: a week belongs to the year of its Thursday.
            let thursday = first.addingClamped(days: 3)
            let week = thursday.firstOfYear.days(to: thursday) / 7 + 1
            return "\(thursday.year)-W\(week < 10 ? "0" : "")\(week)"
        case .month: return String(first.description.prefix(7))
        case .quarter: return "\(first.year)-Q\((first.month - 1) / 3 + 1)"
        case .range: return "\(first)..\(last)"
        }
    }
}
