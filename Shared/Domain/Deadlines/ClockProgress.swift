/// How far a clock's schedule has been worked through: what has fired, what was skipped.
///
/// Stored with the clock, in the same transaction that records the events fired, so that after a
/// restart nothing fires twice and nothing is forgotten.
public struct ClockProgress: Sendable, Hashable {
    /// Warnings dealt with, in schedule order: fired, or skipped because a later event was also due.
    public var warningsHandled: Int
    /// Warnings actually fired.
    public var warningsSent: Int
    /// Whether the overdue event fired.
    public var overdueSent: Bool
    /// The number of the last reminder dealt with (fired, or skipped after a downtime).
    public var remindersHandled: Int
    /// Reminders actually fired.
    public var remindersSent: Int

    /// Creates progress; the defaults are a fresh clock.
    public init(
        warningsHandled: Int = 0,
        warningsSent: Int = 0,
        overdueSent: Bool = false,
        remindersHandled: Int = 0,
        remindersSent: Int = 0
    ) {
        self.warningsHandled = warningsHandled
        self.warningsSent = warningsSent
        self.overdueSent = overdueSent
        self.remindersHandled = remindersHandled
        self.remindersSent = remindersSent
    }

    /// A clock that has fired nothing.
    public static let fresh = ClockProgress()
}
