/// What a clock emits: warnings before it is due, the overdue event when it passes, reminders
/// (催办) while it stays overdue, and a recomputation when the calendar moves its deadline.
public enum ClockEvent: Sendable, Hashable {
    /// The n-th warning of the clock's schedule (1-based, in time order).
    case warning(Int)
    /// The due instant passed.
    case overdue
    /// The k-th reminder (1-based): k reminder intervals after the due instant.
    case reminder(Int)
    /// The n-th recomputation of the due instant (1-based) by the working-day calendar: a holiday
    /// notice was loaded, or the caller's estimate was counted on another calendar. Not part of
    /// the schedule: SLA writes it when it moves the deadline.
    case recomputed(Int)

    /// The wire name: `warning`, `overdue`, `reminder` or `recomputed`.
    public var name: String {
        switch self {
        case .warning: "warning"
        case .overdue: "overdue"
        case .reminder: "reminder"
        case .recomputed: "recomputed"
        }
    }

    /// The warning or reminder number; 0 for the overdue event.
    public var number: Int {
        switch self {
        case .warning(let n), .reminder(let n), .recomputed(let n): n
        case .overdue: 0
        }
    }

    /// The event's id, the same however often and by whichever process it is computed, so that a
    /// repeated delivery is recognized: `<clock id>/warning/1`, `<clock id>/overdue`,
    /// `<clock id>/reminder/3`. After the clock's `revision`-th extension (revision ≥ 1) its
    /// events start afresh under `<clock id>/ext<revision>/…`, so that the moved deadline can warn
    /// and fall overdue again.
    public func id(clockID: String, revision: Int = 0) -> String {
        let base = revision > 0 ? "\(clockID)/ext\(revision)" : clockID
        switch self {
        case .warning(let n): return "\(base)/warning/\(n)"
        case .overdue: return "\(base)/overdue"
        case .reminder(let k): return "\(base)/reminder/\(k)"
        case .recomputed(let n): return "\(clockID)/recomputed/\(n)"
        }
    }

    /// Parses the event part of `name` and `number` as sent on the wire.
    public init?(name: String, number: Int) {
        switch name {
        case "warning" where number >= 1: self = .warning(number)
        case "overdue" where number == 0: self = .overdue
        case "reminder" where number >= 1: self = .reminder(number)
        case "recomputed" where number >= 1: self = .recomputed(number)
        default: return nil
        }
    }
}

/// One event of a schedule and the instant (Unix milliseconds) it falls due.
public struct ClockFiring: Sendable, Hashable {
    /// The event.
    public let event: ClockEvent
    /// When it falls due (not when it was fired: after a restart that can be later).
    public let instant: Int64

    /// Creates a firing.
    public init(event: ClockEvent, instant: Int64) {
        self.event = event
        self.instant = instant
    }
}
