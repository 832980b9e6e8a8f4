public import Foundation

/// When a clock falls due, and whether that answer may still change.
public struct Deadline: Sendable, Hashable {
    /// The instant the period ends. For day-based periods this is 24:00 Asia/Shanghai of the last
    /// day, i.e. 00:00 (+08:00) of the following calendar day.
    public let instant: Date

    /// Whether a year that the computation looked at — from the start date through the last day —
    /// has no loaded holiday notice, so that the answer assumed plain Monday to Friday for it and
    /// must be recomputed when that year's notice is loaded (usually in November before it).
    public let isProvisional: Bool

    /// The calendar day whose end is the deadline (shown to people as "截止 2025-10-13 24:00");
    /// `nil` for wall-clock periods counted in minutes.
    public let lastDay: LocalDate?

    /// Creates a deadline.
    public init(instant: Date, isProvisional: Bool, lastDay: LocalDate?) {
        self.instant = instant
        self.isProvisional = isProvisional
        self.lastDay = lastDay
    }
}

extension Deadline: CustomStringConvertible {
    /// `2025-10-14T00:00:00+08:00`, followed by ` (provisional)` when it is.
    public var description: String {
        ShanghaiTime.iso8601(instant) + (isProvisional ? " (provisional)" : "")
    }
}
