public import Foundation

/// How a policy computes when a clock falls due, from the instant it starts.
public enum DueRule: Sendable, Hashable {
    /// Wall-clock minutes, 24 hours a day (the acknowledgement clocks).
    case minutes(Int)
    /// 24:00 of the n-th working day after the start date (民法典 §201: the first day is not counted).
    case workingDays(Int)
    /// 24:00 of the start date when it is a working day, else of the next working day.
    case sameDay
    /// 24:00 of the same day of the month n months later, moved to the next working day.
    case months(Int)
    /// The caller names the deadline (the platform's, or one a meeting decided); no default.
    case givenByCaller

    /// Whether the result depends on the working-day calendar, so that loading a holiday notice
    /// may move it.
    public var dependsOnCalendar: Bool {
        switch self {
        case .workingDays, .sameDay, .months: true
        case .minutes, .givenByCaller: false
        }
    }

    /// The deadline of a clock started at `start`, or `nil` for `givenByCaller`.
    public func deadline(from start: Date, calendar: WorkingDayCalendar) throws(WorkingDayCalendar.DeadlineError)
        -> Deadline?
    {
        switch self {
        case .minutes(let minutes): try calendar.deadline(minutes: minutes, from: start)
        case .workingDays(let days): try calendar.deadline(workingDays: days, from: start)
        case .sameDay: try calendar.sameDayDeadline(from: start)
        case .months(let months): try calendar.deadline(months: months, from: start)
        case .givenByCaller: nil
        }
    }
}

extension DueRule {
    /// The rule as staff read it: `30 分钟`, `4 小时`, `15 个工作日`, `当日`, `1 个月`.
    public var label: String {
        switch self {
        case .minutes(let n): n % 60 == 0 ? "\(n / 60) 小时" : "\(n) 分钟"
        case .workingDays(let n): "\(n) 个工作日"
        case .sameDay: "当日（18:00 后或非工作日签收的，至下一工作日）"
        case .months(let n): "\(n) 个月（到期日非工作日顺延）"
        case .givenByCaller: "按平台或会议给定的时限"
        }
    }
}

extension DueRule: CustomStringConvertible {
    /// `30 minutes`, `13 working days`, `same day`, `1 month`, `given by caller`.
    public var description: String {
        switch self {
        case .minutes(let n): n == 1 ? "1 minute" : "\(n) minutes"
        case .workingDays(let n): n == 1 ? "1 working day" : "\(n) working days"
        case .sameDay: "same day"
        case .months(let n): n == 1 ? "1 month" : "\(n) months"
        case .givenByCaller: "given by caller"
        }
    }
}
