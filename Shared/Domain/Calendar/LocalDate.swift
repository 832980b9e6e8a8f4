/// A calendar date without a time of day or a time zone, as printed on a holiday notice or a
/// deadline ("2025-10-09").
///
/// Stored as a day number (days since 1970-01-01) so that comparison, hashing and day arithmetic
/// are single integer operations; year, month and day are derived with Howard Hinnant's
/// days-from-civil algorithms (proleptic Gregorian calendar), never with Foundation's `Calendar`,
/// which is far too slow for the deadline hot path.
///
/// Supported years are 1 through 9999, the range that the four-digit `YYYY-MM-DD` form can print.
public struct LocalDate: Sendable, Hashable, Comparable {
    /// Days since 1970-01-01 (which is day 0); negative before it.
    public let dayNumber: Int

    /// The first supported date, 0001-01-01.
    public static let earliest = LocalDate(uncheckedDayNumber: LocalDate.daysFromCivil(year: 1, month: 1, day: 1))
    /// The last supported date, 9999-12-31.
    public static let latest = LocalDate(uncheckedDayNumber: LocalDate.daysFromCivil(year: 9999, month: 12, day: 31))

    /// Creates a date from its parts, or `nil` when the parts name no date (2025-02-29, month 13,
    /// year 0).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= LocalDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.dayNumber = LocalDate.daysFromCivil(year: year, month: month, day: day)
    }

    /// Creates the date with the given day number, or `nil` outside 0001-01-01 ... 9999-12-31.
    public init?(dayNumber: Int) {
        guard dayNumber >= LocalDate.earliest.dayNumber, dayNumber <= LocalDate.latest.dayNumber else { return nil }
        self.dayNumber = dayNumber
    }

    /// For callers that have already range-checked the day number (the hot path, generated data).
    init(uncheckedDayNumber: Int) {
        self.dayNumber = uncheckedDayNumber
    }

    /// For the generated data file, whose dates were validated when it was generated and tested.
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.dayNumber = LocalDate.daysFromCivil(year: year, month: month, day: day)
    }

    /// The year, 1 ... 9999.
    public var year: Int { LocalDate.civilFromDays(dayNumber).year }
    /// The month, 1 ... 12.
    public var month: Int { LocalDate.civilFromDays(dayNumber).month }
    /// The day of the month, 1 ... 31.
    public var day: Int { LocalDate.civilFromDays(dayNumber).day }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday; `Weekday` counts Monday as 1 (ISO 8601).
        Weekday.allCases[LocalDate.mondayBasedWeekdayIndex(dayNumber)]
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { LocalDate.mondayBasedWeekdayIndex(dayNumber) >= 5 }

    /// The date `days` days later (earlier when negative), held within 0001-01-01 ... 9999-12-31:
    /// for report, digest and assessment periods, which never come near either end.
    public func addingClamped(days: Int) -> LocalDate {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        if overflow { return days < 0 ? .earliest : .latest }
        return LocalDate(uncheckedDayNumber: min(max(sum, LocalDate.earliest.dayNumber), LocalDate.latest.dayNumber))
    }

    /// 1 January of the date's year.
    public var firstOfYear: LocalDate { LocalDate(unchecked: year, 1, 1) }

    /// The first day of the date's month.
    public var firstOfMonth: LocalDate { LocalDate(unchecked: year, month, 1) }

    /// The last day of the date's month.
    public var lastOfMonth: LocalDate {
        LocalDate(unchecked: year, month, LocalDate.daysInMonth(year: year, month: month))
    }

    /// The date `days` days later (earlier when negative), or `nil` outside the supported range.
    public func adding(days: Int) -> LocalDate? {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        return overflow ? nil : LocalDate(dayNumber: sum)
    }

    /// Days from `self` to `other`: positive when `other` is later.
    public func days(to other: LocalDate) -> Int {
        other.dayNumber - dayNumber
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }
}

extension LocalDate {
    /// A day of the week, numbered as in ISO 8601 (Monday is 1, Sunday is 7).
    public enum Weekday: Int, Sendable, Hashable, CaseIterable {
        case monday = 1
        case tuesday, wednesday, thursday, friday, saturday, sunday
    }
}
