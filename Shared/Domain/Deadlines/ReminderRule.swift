/// Reminders (催办) while a clock is overdue: the k-th falls `k × interval` after the due instant.
public struct ReminderRule: Sendable, Hashable {
    /// Minutes between reminders, at least 1.
    public let everyMinutes: Int
    /// The last reminder number sent; `nil` reminds until the clock is stopped.
    public let limit: Int?

    /// Creates a rule; `DeadlinePolicySet` validation rejects non-positive values.
    public init(everyMinutes: Int, limit: Int? = nil) {
        self.everyMinutes = everyMinutes
        self.limit = limit
    }

    /// The interval in milliseconds.
    public var intervalMilliseconds: Int64 { Int64(everyMinutes) * 60_000 }
}
