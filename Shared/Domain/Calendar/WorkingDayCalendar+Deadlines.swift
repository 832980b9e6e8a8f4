public import Foundation

// The period rules of DESIGN.md ("Clocks and deadlines") and 民法典 §201–203: a period in days or
// months does not count the day it starts on; one whose last day is a holiday ends on the next
// working day; the last day ends at 24:00. Every function is O(1) and allocates nothing, so a
// service can recompute every open clock whenever the calendar changes.

extension WorkingDayCalendar {
    /// Ends at 24:00 (Asia/Shanghai) of the `workingDays`-th working day strictly after the
    /// calendar date of `start`: the first day is not counted, whatever the time of day.
    ///
    /// - Parameter workingDays: 1 ... 100,000; 0 is no period and is rejected.
    public func deadline(workingDays: Int, from start: Date) throws(DeadlineError) -> Deadline {
        guard workingDays >= 1, workingDays <= WorkingDayCalendar.maximumWorkingDays else {
            throw DeadlineError(
                code: .invalidCount,
                message: "working days must be 1...\(WorkingDayCalendar.maximumWorkingDays), got \(workingDays)"
            )
        }
        let first = try WorkingDayCalendar.startDay(of: start)
        return try dayDeadline(lastDay: nthWorkingDay(workingDays, after: first), startDay: first)
    }

    /// The hour (Beijing time) the working day is over for the green channel's "studied and
    /// settled the same day" (接单后当天研究部署): an order taken at or after it is the next
    /// working day's.
    public static let sameDayCutoffHour = 18

    /// Ends at 24:00 of the calendar date of `start` when that is a working day and `start` is
    /// before ``sameDayCutoffHour``, else at 24:00 of the next working day (the green channel's
    /// "closed the same day": an order acknowledged Friday 22:08 is due Monday 24:00).
    public func sameDayDeadline(from start: Date) throws(DeadlineError) -> Deadline {
        let first = try WorkingDayCalendar.startDay(of: start)
        let secondsIntoDay = start.timeIntervalSince(LocalDate(containing: start).startInstant)
        let inTime = isWorkingDay(dayNumber: first) && secondsIntoDay < Double(Self.sameDayCutoffHour * 3600)
        let last = inTime ? first : nthWorkingDay(1, after: first)
        return try dayDeadline(lastDay: last, startDay: first)
    }

    /// Ends at 24:00 of the day `months` calendar months after the date of `start` — the same day
    /// of the month, or that month's last day when it has no such day (Jan 31 + 1 month is
    /// Feb 28, or Feb 29 in a leap year) — moved to the next working day when that day is not one.
    ///
    /// - Parameter months: 1 ... 1,200.
    public func deadline(months: Int, from start: Date) throws(DeadlineError) -> Deadline {
        guard months >= 1, months <= WorkingDayCalendar.maximumMonths else {
            throw DeadlineError(
                code: .invalidCount,
                message: "months must be 1...\(WorkingDayCalendar.maximumMonths), got \(months)"
            )
        }
        let first = try WorkingDayCalendar.startDay(of: start)
        let (year, month, day) = LocalDate.civilFromDays(first)
        let monthIndex = month - 1 + months
        let targetYear = year + monthIndex / 12
        let targetMonth = monthIndex % 12 + 1
        guard targetYear <= 9999 else {
            throw DeadlineError(code: .outOfRange, message: "the deadline lies after 9999-12-31")
        }
        let targetDay = min(day, LocalDate.daysInMonth(year: targetYear, month: targetMonth))
        let corresponding = LocalDate.daysFromCivil(year: targetYear, month: targetMonth, day: targetDay)
        let last = isWorkingDay(dayNumber: corresponding) ? corresponding : nthWorkingDay(1, after: corresponding)
        return try dayDeadline(lastDay: last, startDay: first)
    }

    /// `start` plus `minutes` minutes of wall-clock time (orders are taken around the clock, so the
    /// acknowledgement clocks ignore the calendar); never provisional.
    ///
    /// - Parameter minutes: 1 ... 52,560,000 (100 years).
    public func deadline(minutes: Int, from start: Date) throws(DeadlineError) -> Deadline {
        guard minutes >= 1, minutes <= WorkingDayCalendar.maximumMinutes else {
            throw DeadlineError(
                code: .invalidCount,
                message: "minutes must be 1...\(WorkingDayCalendar.maximumMinutes), got \(minutes)"
            )
        }
        _ = try WorkingDayCalendar.startDay(of: start)
        let instant = start.addingTimeInterval(Double(minutes) * 60)
        guard LocalDate(validating: instant) != nil else {
            throw DeadlineError(code: .outOfRange, message: "the deadline lies after 9999-12-31")
        }
        return Deadline(instant: instant, isProvisional: false, lastDay: nil)
    }

    static let maximumMonths = 1200
    static let maximumMinutes = 100 * 365 * 24 * 60

    /// The Shanghai day number of `start`, or an error for instants outside years 1 ... 9999.
    private static func startDay(of start: Date) throws(DeadlineError) -> Int {
        let seconds = start.timeIntervalSince1970
        guard seconds.isFinite, seconds >= LocalDate.earliest.startSecondsSince1970,
            seconds < LocalDate.latest.endSecondsSince1970
        else {
            throw DeadlineError(code: .outOfRange, message: "the start lies outside years 1...9999")
        }
        return LocalDate.dayNumber(ofSecondsSince1970: seconds)
    }

    private func dayDeadline(lastDay: Int, startDay: Int) throws(DeadlineError) -> Deadline {
        guard lastDay <= LocalDate.latest.dayNumber else {
            throw DeadlineError(code: .outOfRange, message: "the deadline lies after 9999-12-31")
        }
        let date = LocalDate(uncheckedDayNumber: lastDay)
        return Deadline(
            instant: date.endInstant,
            isProvisional: !knowsEveryYear(from: startDay, through: lastDay),
            lastDay: date
        )
    }
}

extension WorkingDayCalendar {
    /// Why a deadline could not be computed: a count out of range (a policy configured with 0
    /// working days, say) or an instant outside the supported years.
    public struct DeadlineError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The kind of failure. Opaque so that new kinds can be added without breaking callers.
        public struct Code: Sendable, Hashable, CustomStringConvertible {
            private enum Wrapped: String, Sendable, Hashable {
                case invalidCount, outOfRange
            }

            private let wrapped: Wrapped
            private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

            /// The number of working days, months or minutes is not positive or is absurdly large.
            public static let invalidCount = Code(.invalidCount)
            /// The start or the result lies outside years 1 ... 9999.
            public static let outOfRange = Code(.outOfRange)

            public var description: String { wrapped.rawValue }
        }

        /// What went wrong.
        public let code: Code
        /// A sentence for logs and the CLI.
        public let message: String

        /// Creates an error.
        public init(code: Code, message: String) {
            self.code = code
            self.message = message
        }

        public var description: String { "DeadlineError(\(code)): \(message)" }
    }
}
