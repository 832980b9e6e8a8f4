extension WorkingDayCalendar {
    /// Precomputed working-day counts over every day from 1 January of the first loaded year to
    /// 31 December of the tenth year after the last. A year in that span without a notice counts
    /// the law's own days off (`StatutoryHolidays`) and is not loaded: its deadlines are provisional.
    ///
    /// Two arrays make every query O(1): `cumulative` is a prefix sum (how many working days lie
    /// before each day), and `workingDays` its inverse (on which day the k-th working day falls).
    /// For the six shipped years that is about 2,200 + 1,500 four-byte entries.
    final class Table: Sendable {
        /// Day number of 1 January of the first loaded year.
        let firstDay: Int
        /// Day number of 1 January of the year after the last loaded year (exclusive end).
        let endDay: Int
        /// The first and last loaded years.
        let years: ClosedRange<Int>
        /// `cumulative[i]` is the number of working days among days `firstDay ..< firstDay + i`;
        /// it has one more entry than there are days.
        let cumulative: [Int32]
        /// `workingDays[k]` is the offset from `firstDay` of the k-th (0-based) working day.
        let workingDays: [Int32]
        /// Whether each year of `years` is loaded.
        let loaded: [Bool]
        /// Whether some year inside `years` is not loaded.
        let hasGaps: Bool

        /// How many years past the last notice the law's days off are counted.
        static let statutoryYearsAhead = 10

        init(years byYear: [Int: HolidayYear]) {
            // Without any notice the table holds the law's days off from the first supported year.
            let first = byYear.keys.min() ?? HolidayYear.supportedYears.lowerBound
            let last = min(
                (byYear.keys.max() ?? first) + Self.statutoryYearsAhead, HolidayYear.supportedYears.upperBound)
            let firstDay = LocalDate.daysFromCivil(year: first, month: 1, day: 1)
            let endDay = LocalDate.daysFromCivil(year: last + 1, month: 1, day: 1)
            let count = endDay - firstDay

            var isWorking = (0..<count).map { LocalDate.mondayBasedWeekdayIndex(firstDay + $0) < 5 }
            for year in first...last where byYear[year] == nil {
                for day in StatutoryHolidays.daysOff(in: year) { isWorking[day.date.dayNumber - firstDay] = false }
            }
            for holidayYear in byYear.values {
                for day in holidayYear.daysOff {
                    isWorking[day.date.dayNumber - firstDay] = false
                }
                for day in holidayYear.workingWeekendDays {
                    isWorking[day.date.dayNumber - firstDay] = true
                }
            }

            var cumulative = [Int32](repeating: 0, count: count + 1)
            var workingDays: [Int32] = []
            workingDays.reserveCapacity(count * 5 / 7 + 7)
            for offset in 0..<count {
                cumulative[offset + 1] = cumulative[offset] + (isWorking[offset] ? 1 : 0)
                if isWorking[offset] {
                    workingDays.append(Int32(offset))
                }
            }

            self.firstDay = firstDay
            self.endDay = endDay
            self.years = first...last
            self.cumulative = cumulative
            self.workingDays = workingDays
            self.loaded = (first...last).map { byYear[$0] != nil }
            self.hasGaps = loaded.contains(false)
        }

        func isLoaded(year: Int) -> Bool {
            years.contains(year) && loaded[year - years.lowerBound]
        }
    }
}
