public import Domain

/// An event the scheduler fired: durable in `sla_event` before anyone hears of it, delivered to
/// intake by the outbox sender.
public struct FiredEvent: Sendable, Hashable {
    /// The outbox row.
    public var seq: Int64
    /// `<clock id>/overdue` and the like (see `ClockEvent.id`).
    public var eventID: String
    public var clockID: String
    public var orderID: String
    public var unit: String
    public var clockKind: ClockKind
    public var event: ClockEvent
    /// The clock's due instant when it fired (Unix milliseconds).
    public var due: Int64
    /// When the event itself fell due.
    public var scheduled: Int64
    /// When it was fired (written).
    public var fired: Int64
    /// For a recomputation, the due instant it replaced.
    public var previousDue: Int64?
    /// For a recomputation, whether the new due still counts a year without its holiday notice.
    public var provisional: Bool

    /// Creates an event.
    public init(
        seq: Int64,
        eventID: String,
        clockID: String,
        orderID: String,
        unit: String,
        clockKind: ClockKind,
        event: ClockEvent,
        due: Int64,
        scheduled: Int64,
        fired: Int64,
        previousDue: Int64? = nil,
        provisional: Bool = false
    ) {
        self.seq = seq
        self.eventID = eventID
        self.clockID = clockID
        self.orderID = orderID
        self.unit = unit
        self.clockKind = clockKind
        self.event = event
        self.due = due
        self.scheduled = scheduled
        self.fired = fired
        self.previousDue = previousDue
        self.provisional = provisional
    }
}
