public import CoreMetrics
public import GRDB

/// The SLA service in swift-metrics: clocks running (not stopped) and how late each event fired
/// after it fell due (the scheduler's lag).
public struct SLAMetrics: Sendable {
    static let liveClocks = "suban_sla_live_clocks"
    static let firingLag = "suban_sla_firing_lag_seconds"

    let factory: any MetricsFactory

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// Records the lag of each event fired in one round.
    func record(fired events: [FiredEvent]) {
        guard !events.isEmpty else { return }
        let lag = CoreMetrics.Timer(label: Self.firingLag, factory: factory)
        for event in events {
            lag.recordMilliseconds(max(0, event.fired - event.scheduled))
        }
    }

    /// Counts the clocks not stopped (the partial index of open clocks answers it) and sets the gauge.
    public func refreshLiveClocks(database: DatabasePool) async throws {
        let live = try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sla_clock WHERE stopped_ms IS NULL") ?? 0 }
        CoreMetrics.Gauge(label: Self.liveClocks, factory: factory).record(live)
    }
}
