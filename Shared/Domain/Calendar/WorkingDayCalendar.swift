/// Which days are working days (工作日) in mainland China, from the State Council's annual holiday
/// notices, and the deadlines counted in them.
///
/// A day is a working day when it is Monday to Friday and not a day off of its year's notice, or
/// when the notice declares it a working day (调休上班). A year whose notice is not loaded counts
/// Monday to Friday less the law's own days off (`StatutoryHolidays`; plain Monday to Friday more
/// than ten years past the last notice), and every deadline that touches it is provisional.
///
/// Built once from the loaded years (that is the slow part: a few microseconds a year); after that
/// every query is a few array look-ups without allocation, so the SLA service can recompute every
/// open clock after a calendar change.
public struct WorkingDayCalendar: Sendable {
    /// The notices this calendar was built from, by year.
    public let holidayYears: [Int: HolidayYear]

    /// The precomputed counts; `nil` when no year is loaded.
    let table: Table?

    /// Builds a calendar from holiday years. When two share a year, the later one in the array
    /// wins, so an administrator's file can replace a shipped year by being appended.
    public init(years: [HolidayYear]) {
        var byYear: [Int: HolidayYear] = [:]
        for year in years {
            byYear[year.year] = year
        }
        self.holidayYears = byYear
        self.table = byYear.isEmpty ? nil : Table(years: byYear)
    }

    /// Whether the notice for `year` is loaded.
    public func knows(year: Int) -> Bool {
        holidayYears[year] != nil
    }

    /// Whether `year`, without a notice, is counted by the law's days off (within ten years after
    /// the last notice) rather than as plain Monday to Friday.
    func countsStatutoryDaysOff(in year: Int) -> Bool {
        !knows(year: year) && table?.years.contains(year) == true
    }

    /// The loaded years, oldest first.
    public var knownYears: [Int] {
        holidayYears.keys.sorted()
    }

    /// Whether `date` is a working day.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        isWorkingDay(dayNumber: date.dayNumber)
    }

    /// The `n`-th working day strictly after `date` (`n` ≥ 1), or `nil` when `n` is not positive or
    /// the answer lies after 9999-12-31.
    public func workingDay(_ n: Int, after date: LocalDate) -> LocalDate? {
        guard n >= 1, n <= WorkingDayCalendar.maximumWorkingDays else { return nil }
        return LocalDate(dayNumber: nthWorkingDay(n, after: date.dayNumber))
    }

    /// `date` when it is a working day, else the first working day after it; `nil` past 9999-12-31.
    public func workingDay(onOrAfter date: LocalDate) -> LocalDate? {
        isWorkingDay(dayNumber: date.dayNumber) ? date : workingDay(1, after: date)
    }

    /// The number of working days in `range` (both ends included).
    public func countWorkingDays(in range: ClosedRange<LocalDate>) -> Int {
        workingDaysBefore(range.upperBound.dayNumber + 1) - workingDaysBefore(range.lowerBound.dayNumber)
    }

    // MARK: Day-number primitives (the hot path)

    func isWorkingDay(dayNumber day: Int) -> Bool {
        if let table, day >= table.firstDay, day < table.endDay {
            let index = day - table.firstDay
            return table.cumulative[index + 1] != table.cumulative[index]
        }
        return LocalDate.mondayBasedWeekdayIndex(day) < 5
    }

    /// The day number of the `n`-th working day strictly after `day`, for n ≥ 1.
    ///
    /// O(1): inside the loaded range, the count of working days up to `day` plus `n` is an index
    /// into the list of working days; outside it, plain weekday arithmetic skips whole weeks.
    func nthWorkingDay(_ n: Int, after day: Int) -> Int {
        guard let table else { return WorkingDayCalendar.nthWeekday(n, after: day) }
        let ordinal: Int  // 0-based index of the answer among the table's working days
        if day >= table.endDay {
            return WorkingDayCalendar.nthWeekday(n, after: day)
        } else if day >= table.firstDay {
            ordinal = Int(table.cumulative[day - table.firstDay + 1]) + n - 1
        } else {
            let weekdaysBeforeTable =
                WorkingDayCalendar.weekdaysBefore(table.firstDay)
                - WorkingDayCalendar.weekdaysBefore(day + 1)
            if n <= weekdaysBeforeTable {
                return WorkingDayCalendar.nthWeekday(n, after: day)
            }
            ordinal = n - weekdaysBeforeTable - 1
        }
        if ordinal < table.workingDays.count {
            return table.firstDay + Int(table.workingDays[ordinal])
        }
        return WorkingDayCalendar.nthWeekday(ordinal - table.workingDays.count + 1, after: table.endDay - 1)
    }

    /// The number of working days before `day` since the weekday anchor, consistent across the
    /// table's edges; only differences of it mean anything.
    func workingDaysBefore(_ day: Int) -> Int {
        guard let table else { return WorkingDayCalendar.weekdaysBefore(day) }
        if day <= table.firstDay {
            return WorkingDayCalendar.weekdaysBefore(day)
        }
        let atStart = WorkingDayCalendar.weekdaysBefore(table.firstDay)
        if day <= table.endDay {
            return atStart + Int(table.cumulative[day - table.firstDay])
        }
        return atStart + table.workingDays.count + WorkingDayCalendar.weekdaysBefore(day)
            - WorkingDayCalendar.weekdaysBefore(table.endDay)
    }

    /// Whether every year from the one containing `start` through the one containing `end` is
    /// loaded.
    func knowsEveryYear(from start: Int, through end: Int) -> Bool {
        guard let table else { return false }
        if !table.hasGaps, start >= table.firstDay, end < table.endDay {
            return true  // the common case, without turning day numbers into years
        }
        let first = LocalDate.yearOf(dayNumber: start)
        let last = LocalDate.yearOf(dayNumber: end)
        guard first <= last else { return true }
        return (first...last).allSatisfy { table.isLoaded(year: $0) }
    }

    // MARK: Plain Monday-to-Friday arithmetic, for years without a notice

    /// The number of Mondays to Fridays from the anchor Monday 1970-01-05 (day 4) up to, not
    /// including, `day`; negative before the anchor. Differences count weekdays in a range.
    static func weekdaysBefore(_ day: Int) -> Int {
        let offset = day - 4
        return floorDiv(offset, 7) * 5 + min(floorMod(offset, 7), 5)
    }

    /// The `n`-th Monday-to-Friday strictly after `day` (n ≥ 1), skipping whole weeks.
    static func nthWeekday(_ n: Int, after day: Int) -> Int {
        var start = day
        var weekday = LocalDate.mondayBasedWeekdayIndex(day)
        if weekday >= 5 {  // counting from a Saturday or Sunday is counting from the Friday before
            start -= weekday - 4
            weekday = 4
        }
        let total = weekday + n
        return start - weekday + total / 5 * 7 + total % 5
    }

    /// Bounds `n` so that no arithmetic overflows: about 380 years of working days.
    static let maximumWorkingDays = 100_000
}
