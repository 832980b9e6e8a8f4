/// An order's append-only event log. It accepts an event only if it continues the log: same order, next sequence
/// number, starting in the state the previous event ended in, same or next cycle.
public struct WorkOrderLog: Sendable, Hashable, Codable {
    /// Why an event does not continue the log.
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        public enum Code: Sendable, Hashable {
            case wrongOrder(expected: String, found: String)
            case sequenceGap(expected: Int, found: Int)
            case stateMismatch(expected: WorkOrder.State, found: WorkOrder.State)
            case cycleMismatch(current: Int, found: Int)
        }

        public var code: Code

        public init(_ code: Code) {
            self.code = code
        }

        public var description: String {
            switch code {
            case .wrongOrder(let expected, let found): "event of order \(found) in the log of order \(expected)"
            case .sequenceGap(let expected, let found): "expected event #\(expected), got #\(found)"
            case .stateMismatch(let expected, let found): "event starts in \(found) but the order is \(expected)"
            case .cycleMismatch(let current, let found): "event has cycle \(found) after cycle \(current)"
            }
        }
    }

    public let orderID: String
    public private(set) var events: [WorkOrderEvent]

    /// An empty log.
    public init(orderID: String) {
        self.orderID = orderID
        self.events = []
    }

    /// A log rebuilt from stored events, checked from the first to the last.
    public init(orderID: String, events: some Sequence<WorkOrderEvent>) throws(Error) {
        self.init(orderID: orderID)
        for event in events {
            try append(event)
        }
    }

    /// Adds `event` if it continues the log; otherwise the log is left as it was.
    ///
    /// Timestamps are not checked for order: platform events carry the platform's clock and may arrive late.
    public mutating func append(_ event: WorkOrderEvent) throws(Error) {
        guard event.orderID == orderID else { throw Error(.wrongOrder(expected: orderID, found: event.orderID)) }
        try Self.check(event, after: events.last)
        events.append(event)
    }

    /// The state the log leaves the order in (``WorkOrder/State/received`` when empty).
    public var state: WorkOrder.State { events.last?.to ?? .received }

    /// The cycle the log leaves the order in (1 when empty).
    public var cycle: Int { events.last?.cycle ?? 1 }

    /// Replays stored events from a fresh order and returns the state they lead to, checking on the way that each
    /// event continues the previous one. Replaying an order's log gives its current state.
    public static func replay(_ events: some Sequence<WorkOrderEvent>) throws(Error) -> WorkOrder.State {
        var previous: WorkOrderEvent?
        for event in events {
            if let previous, event.orderID != previous.orderID {
                throw Error(.wrongOrder(expected: previous.orderID, found: event.orderID))
            }
            try check(event, after: previous)
            previous = event
        }
        return previous?.to ?? .received
    }

    private static func check(_ event: WorkOrderEvent, after previous: WorkOrderEvent?) throws(Error) {
        let expectedSequence = (previous?.sequence ?? 0) + 1
        guard event.sequence == expectedSequence else {
            throw Error(.sequenceGap(expected: expectedSequence, found: event.sequence))
        }
        let current = previous?.to ?? .received
        guard event.from == current else { throw Error(.stateMismatch(expected: current, found: event.from)) }
        let cycle = previous?.cycle ?? 1
        guard event.cycle == cycle || event.cycle == cycle + 1 else {
            throw Error(.cycleMismatch(current: cycle, found: event.cycle))
        }
    }
}
