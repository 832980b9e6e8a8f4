public import Logging
public import Outbox

// The fired events in `sla_event` are the SLA's outbox towards intake: the shared sender delivers
// them, an order's events one after another (its log shows "warning" before "overdue").

extension FiredEvent: OutboxItem {
    public var id: Int64 { seq }
    public var destination: String { "intake" }
    public var orderingKey: String? { orderID }
}

/// `sla_event` as the shared sender's store. It keeps no per-event schedule: the sender paces
/// retries, and probes intake while it does not answer.
public struct FiredEventStore: OutboxStore {
    let engine: SLAEngine

    public var schedulesRetries: Bool { false }

    public func due(at now: Int64, limit: Int, excluding excluded: Set<String>) async throws -> [FiredEvent] {
        excluded.contains("intake") ? [] : try await engine.pendingEvents(limit: limit)
    }

    public func record(_ outcomes: [(entry: FiredEvent, result: DeliveryResult)], at now: Int64) async throws {
        try engine.recordDeliveries(outcomes, now: now)
    }

    /// Every undelivered event is due whenever intake answers.
    public func resume(destination: String, at now: Int64) async throws {}

    public func nextAttempt(excluding excluded: Set<String>) async throws -> Int64? { nil }
}

extension SLAEngine {
    /// The sender that delivers fired events to `sink` (intake), on `clock`.
    public func outboxSender<C: Clock>(
        sink: any ClockEventSink,
        clock: C,
        batchSize: Int = 256,
        concurrency: Int = 16,
        logger: Logger,
        observer: (@Sendable ([(entry: FiredEvent, result: DeliveryResult)]) -> Void)? = nil
    ) -> OutboxSender<FiredEventStore, C> where C.Instant == UnixInstant, C.Duration == Duration {
        OutboxSender(
            name: "sla",
            store: FiredEventStore(engine: self),
            clock: clock,
            configuration: .init(
                policy: OutboxRetryPolicy(maximumDelay: .seconds(30)), batchSize: batchSize, concurrency: concurrency),
            doorbell: outbox,
            logger: logger,
            observer: observer,
            deliver: { event in await sink.deliver(event).result }
        )
    }
}
