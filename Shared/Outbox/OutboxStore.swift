/// One entry as the sender sees it: where it goes and what it must wait for.
public protocol OutboxItem: Sendable {
    var id: Int64 { get }
    /// The receiver; an unreachable destination holds only its own entries back.
    var destination: String { get }
    /// Entries of one destination with the same key are delivered one after another, in the
    /// order they were written (an order's acknowledgement before its reply); `nil`: no order.
    var orderingKey: String? { get }
    /// The trace context its delivery continues (W3C headers); none by default.
    var traceHeaders: [String: String] { get }
}

extension OutboxItem {
    public var traceHeaders: [String: String] { [:] }
}

/// Where an outbox keeps its entries: the shared table (`SQLiteOutbox`), or a service's own
/// table that already is one (the SLA's fired events).
public protocol OutboxStore: Sendable {
    associatedtype Entry: OutboxItem

    /// Whether the store schedules each entry's next attempt itself (`due` leaves out entries
    /// waiting for their backoff). A store that does not is paced by the sender instead.
    var schedulesRetries: Bool { get }

    /// Undelivered entries due at `now` (Unix milliseconds), oldest first, none of them behind an
    /// earlier undelivered entry of its ordering key that is not due, none for the destinations
    /// `excluded` (unreachable ones, waiting for their next probe).
    func due(at now: Int64, limit: Int, excluding excluded: Set<String>) async throws -> [Entry]

    /// Stores what became of one round of attempts.
    func record(_ outcomes: [(entry: Entry, result: DeliveryResult)], at now: Int64) async throws

    /// Makes every undelivered entry of `destination` due at `now`: it answers again.
    func resume(destination: String, at now: Int64) async throws

    /// The earliest scheduled attempt of an undelivered entry for a destination not `excluded`.
    func nextAttempt(excluding excluded: Set<String>) async throws -> Int64?
}
