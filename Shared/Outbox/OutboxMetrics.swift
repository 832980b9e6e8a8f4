public import CoreMetrics
public import GRDB
import Synchronization

/// The outbox in swift-metrics: undelivered entries and the age of the oldest one, per
/// destination. A destination that had a backlog and has none now reads 0, not its last value.
public final class OutboxMetrics: Sendable {
    static let depth = "suban_outbox_depth"
    static let oldestAge = "suban_outbox_oldest_age_seconds"

    private let factory: any MetricsFactory
    private let destinations = Mutex<Set<String>>([])

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// Sets the gauges from `backlog` as of `now` (Unix milliseconds).
    public func record(_ backlog: [String: OutboxTable.Backlog], now: Int64) {
        let known = destinations.withLock { known in
            known.formUnion(backlog.keys)
            return known
        }
        for destination in known {
            let dimensions = [("destination", destination)]
            let waiting = backlog[destination]
            CoreMetrics.Gauge(label: Self.depth, dimensions: dimensions, factory: factory).record(waiting?.entries ?? 0)
            let age = waiting.map { Double(max(0, now - $0.oldestCreated)) / 1000 } ?? 0
            CoreMetrics.Gauge(label: Self.oldestAge, dimensions: dimensions, factory: factory).record(age)
        }
    }

    /// Counts the backlog of the shared outbox table in `database` and sets the gauges.
    public func refresh(database: DatabasePool, now: Int64) async throws {
        let backlog = try await database.read { db in try OutboxTable.backlog(in: db) }
        record(backlog, now: now)
    }
}
