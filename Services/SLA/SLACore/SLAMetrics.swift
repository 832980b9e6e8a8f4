public import CoreMetrics
public import GRDB
import Outbox

/// The SLA service in swift-metrics: clocks running (not stopped), how late each event fired
/// after it fell due (the scheduler's lag), and its outbox of fired events not yet delivered to
/// intake (`sla_event`, as `suban_outbox_depth{destination="intake"}` like the shared outbox).
public struct SLAMetrics: Sendable {
    static let liveClocks = "suban_sla_live_clocks"
    static let firingLag = "suban_sla_firing_lag_seconds"

    let factory: any MetricsFactory
    let outbox: OutboxMetrics

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        self.outbox = OutboxMetrics(factory: factory)
    }

    /// Records the lag of each event fired in one round.
    func record(fired events: [FiredEvent]) {
        guard !events.isEmpty else { return }
        let lag = CoreMetrics.Timer(label: Self.firingLag, factory: factory)
        for event in events {
            lag.recordMilliseconds(max(0, event.fired - event.scheduled))
        }
    }

    /// Counts the clocks not stopped and the events not delivered (partial indexes answer both)
    /// as of `now` (Unix milliseconds), and sets the gauges.
    public func refresh(database: DatabasePool, now: Int64) async throws {
        let (live, backlog) = try await database.read { db in
            let clocks = try Int.fetchOne(db, sql: "SELECT count(*) FROM sla_clock WHERE stopped_ms IS NULL") ?? 0
            let pending = try Int.fetchOne(db, sql: "SELECT count(*) FROM sla_event WHERE delivered_ms IS NULL") ?? 0
            let oldest = try Int64.fetchOne(
                db, sql: "SELECT fired_ms FROM sla_event WHERE delivered_ms IS NULL ORDER BY seq LIMIT 1")
            let backlog = oldest.map { ["intake": OutboxTable.Backlog(entries: pending, oldestCreated: $0)] } ?? [:]
            return (clocks, backlog)
        }
        CoreMetrics.Gauge(label: Self.liveClocks, factory: factory).record(live)
        outbox.record(backlog, now: now)
    }
}
