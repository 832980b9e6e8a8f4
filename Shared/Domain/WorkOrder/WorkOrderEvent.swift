public import Foundation

/// One entry of an order's append-only log: who did what, when, from which state to which, and why.
public struct WorkOrderEvent: Sendable, Hashable, Codable {
    /// 1 for the order's first event, then consecutive.
    public var sequence: Int
    public var orderID: String
    public var actor: WorkOrder.Actor
    public var timestamp: Date
    public var from: WorkOrder.State
    public var to: WorkOrder.State
    public var action: WorkOrderAction.Kind
    /// The order's cycle after the event.
    public var cycle: Int
    /// The why: reason, opinion, comment or note, as given.
    public var reason: String?
    /// The action's values as stable strings (e.g. `units`, `mode`, `closure_standard`, `outcome`), for audit.
    public var details: [String: String]

    public init(
        sequence: Int,
        orderID: String,
        actor: WorkOrder.Actor,
        timestamp: Date,
        from: WorkOrder.State,
        to: WorkOrder.State,
        action: WorkOrderAction.Kind,
        cycle: Int,
        reason: String? = nil,
        details: [String: String] = [:]
    ) {
        self.sequence = sequence
        self.orderID = orderID
        self.actor = actor
        self.timestamp = timestamp
        self.from = from
        self.to = to
        self.action = action
        self.cycle = cycle
        self.reason = reason
        self.details = details
    }

    /// The role the actor acted in.
    public var role: Role { actor.role }

    /// Whether the event moved the order (urge and supervise never do).
    public var changesState: Bool { from != to }
}
