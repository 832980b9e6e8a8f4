public import CoreMetrics
import Domain
import GRDB

/// Intake's orders in swift-metrics: how many are in each state (`suban_orders{state=…}`), set by
/// the stuck-order watch on its round rather than on every request. Every state is set, so that a
/// state whose last order left reads 0.
public struct OrderMetrics: Sendable {
    static let orders = "suban_orders"

    let factory: any MetricsFactory

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// Counts the orders by state in `db` and sets the gauges.
    func refresh(in db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT state, count(*) AS orders FROM work_order GROUP BY state")
        var counts: [String: Int] = [:]
        for row in rows { counts[row["state"]] = row["orders"] }
        for state in WorkOrder.State.allCases {
            CoreMetrics.Gauge(label: Self.orders, dimensions: [("state", state.rawValue)], factory: factory).record(
                counts[state.rawValue] ?? 0)
        }
    }
}
