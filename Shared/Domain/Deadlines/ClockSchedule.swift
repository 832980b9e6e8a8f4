/// The events of one clock laid out in time: warnings strictly between start and due, the overdue
/// event at due, then reminders every interval. Instants are Unix milliseconds.
///
/// A value, computed from the clock's start and due instants and its policy; `ClockSchedule+
/// StateMachine` says what fires when, given how far the clock has got (`ClockProgress`).
public struct ClockSchedule: Sendable, Hashable {
    /// When the clock started.
    public let start: Int64
    /// When it falls due.
    public let due: Int64
    /// The warning instants, sorted, each once, strictly after `start` and before `due`.
    public let warnings: [Int64]
    /// Reminders while overdue, if any.
    public let reminders: ReminderRule?

    /// Lays out a schedule. Offsets that land at or before the start, or at or after the due
    /// instant, are left out, as are duplicates (a 30-minute clock has no "one hour before").
    public init(start: Int64, due: Int64, warnings offsets: [WarningOffset], reminders: ReminderRule?) {
        self.start = start
        self.due = due
        self.warnings = Set(offsets.map { $0.instant(start: start, due: due) }.filter { $0 > start && $0 < due })
            .sorted()
        self.reminders = reminders
    }

    /// The schedule a policy gives a clock from `start` to `due`.
    public init(start: Int64, due: Int64, policy: DeadlinePolicy) {
        self.init(start: start, due: due, warnings: policy.warnings, reminders: policy.reminders)
    }
}
