public import Domain

/// A request to start a clock, as the engine takes it (the RPC layer parses the wire strings).
public struct ClockStart: Sendable, Hashable {
    /// Caller-chosen and idempotent, e.g. `<order id>/handling/2`.
    public var id: String
    public var orderID: String
    public var unit: String
    public var kind: ClockKind
    /// Picks the acknowledge policy.
    public var urgency: WorkOrder.Urgency?
    /// Picks the default handling policy.
    public var orderKind: WorkOrder.Kind?
    /// Unix milliseconds; `nil` starts it now.
    public var start: Int64?
    /// Unix milliseconds; when set (the platform's deadline), it overrides the policy's rule.
    public var due: Int64?
    public var cycle: Int
    /// Working days from the start (an action item's period): SLA counts the due on its calendar,
    /// and `due` is only the caller's estimate; a different result is a recomputation.
    public var dueWorkingDays: Int?

    /// Creates a request.
    public init(
        id: String,
        orderID: String,
        unit: String = "",
        kind: ClockKind,
        urgency: WorkOrder.Urgency? = nil,
        orderKind: WorkOrder.Kind? = nil,
        start: Int64? = nil,
        due: Int64? = nil,
        cycle: Int = 1,
        dueWorkingDays: Int? = nil
    ) {
        self.id = id
        self.orderID = orderID
        self.unit = unit
        self.kind = kind
        self.urgency = urgency
        self.orderKind = orderKind
        self.start = start
        self.due = due
        self.cycle = cycle
        self.dueWorkingDays = dueWorkingDays
    }
}
