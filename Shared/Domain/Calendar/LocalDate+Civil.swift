// Integer calendar arithmetic (Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms").
// Pure integer operations without tables or Foundation, so that a deadline computation costs a few
// nanoseconds and gives the same answer on every platform.

extension LocalDate {
    /// The day number (days since 1970-01-01) of a proleptic Gregorian date; the parts must be valid.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number; the inverse of `daysFromCivil`.
    static func civilFromDays(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The year of a day number, without the month and day work.
    static func yearOf(dayNumber: Int) -> Int {
        civilFromDays(dayNumber).year
    }

    /// 0 for Monday ... 6 for Sunday. Day 4 (1970-01-05) was a Monday.
    static func mondayBasedWeekdayIndex(_ dayNumber: Int) -> Int {
        floorMod(dayNumber - 4, 7)
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1 ... 12) of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The number of days in `year`.
    public static func daysInYear(_ year: Int) -> Int {
        isLeapYear(year) ? 366 : 365
    }
}

/// Division rounding toward negative infinity (Swift's `/` rounds toward zero).
func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// The remainder that goes with `floorDiv`: always in 0 ..< b for positive b.
func floorMod(_ a: Int, _ b: Int) -> Int {
    let r = a % b
    return r < 0 ? r + b : r
}
