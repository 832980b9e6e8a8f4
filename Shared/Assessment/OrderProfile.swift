public import Domain
public import Foundation

/// What an order is, for grouping: the unit it counts for and the dimensions the received figures
/// are broken down by. One per order, rewritten with its facts.
public struct OrderProfile: Sendable, Hashable, Codable {
    public var orderID: String
    public var platformOrderNumber: String
    /// The lead responsible unit, or the desk while none is assigned. Every fact of the order
    /// counts for this unit (DESIGN: the lead unit answers for a joint order).
    public var unit: String
    public var dispatchedAt: Date
    public var channel: WorkOrder.Channel
    public var urgency: WorkOrder.Urgency
    public var kind: WorkOrder.Kind
    public var topic: WorkOrder.Topic
    public var enterpriseCode: String?
    public var enterpriseName: String?
    public var callerPhone: String
    /// Handling cycles after the first (重办).
    public var reopenCount: Int

    public init(order: WorkOrder, unit: String) {
        orderID = order.id
        platformOrderNumber = order.platformOrderNumber
        self.unit = unit
        dispatchedAt = order.dispatchedAt
        channel = order.channel
        urgency = order.urgency
        kind = order.kind
        topic = order.topic
        enterpriseCode = order.enterprise?.creditCode
        enterpriseName = order.enterprise?.name
        callerPhone = order.caller.phone
        reopenCount = order.reopenCount
    }
}
