public import Domain
import GRDB
import Logging

extension SLAEngine {
    /// Stops the open clocks of an order (of `kinds`, or all) for `reason` and returns the
    /// order's clocks of those kinds as they now are. Stopping again changes nothing, so a retried
    /// request gets the same answer.
    public func stopClocks(
        orderID: String,
        kinds: [ClockKind],
        clockIDs: [String] = [],
        reason: String,
        now: Int64
    ) async throws -> [ClockRecord] {
        try Self.require(orderID, "order_id", maximumLength: 100)
        try Self.require(reason, "reason", maximumLength: 200)
        let (stopped, clocks) = try await database.write { db in
            let stopped = try ClockStore.stop(
                orderID: orderID, kinds: kinds, clockIDs: clockIDs, reason: reason, at: now, db)
            let clocks = try ClockStore.fetch(orderID: orderID, db, policies: self.catalog)
            return (stopped, clocks.filter { kinds.isEmpty || kinds.contains($0.kind) })
        }
        // The stopped clocks' heap entries stay behind and are dropped when they come up.
        logger.debug("sla.clocks.stopped", metadata: ["order.id": "\(orderID)", "clocks.stopped": "\(stopped)"])
        return clocks
    }

    /// Every clock of an order, oldest first, with its state.
    public func clocks(orderID: String) async throws -> [ClockRecord] {
        try Self.require(orderID, "order_id", maximumLength: 100)
        return try await database.read { db in try ClockStore.fetch(orderID: orderID, db, policies: self.catalog) }
    }

    /// Open clocks due at or before `now + within` (already overdue ones included), or only those
    /// overdue, optionally of one unit and then also of `alsoOrderIDs` (orders the unit handles
    /// jointly: their clocks carry the lead unit); earliest first. More than `maximumListed` is
    /// refused with `resourceExhausted` rather than cut silently.
    public func dueClocks(
        within: Int64, unit: String?, alsoOrderIDs: [String] = [], overdueOnly: Bool, now: Int64
    ) async throws -> [ClockRecord] {
        guard within >= 0 else {
            throw SLAError(.invalidArgument, "within_ms must not be negative", field: "within_ms")
        }
        guard alsoOrderIDs.count <= Self.maximumAlsoOrders else {
            throw SLAError(
                .invalidArgument, "also_order_ids names more than \(Self.maximumAlsoOrders) orders",
                field: "also_order_ids")
        }
        guard alsoOrderIDs.isEmpty || unit != nil else {
            throw SLAError(.invalidArgument, "also_order_ids needs a unit", field: "also_order_ids")
        }
        let horizon = overdueOnly ? now : now.addingReportingOverflow(within).partialValue
        let limit = Self.maximumListed
        let clocks = try await database.read { db in
            try ClockStore.fetchOpen(
                dueBy: horizon, unit: unit, alsoOrderIDs: alsoOrderIDs, limit: limit + 1, db, policies: self.catalog)
        }
        guard clocks.count <= limit else {
            throw SLAError(
                .resourceExhausted,
                "more than \(limit) clocks are due in that window; narrow it or name a unit",
                field: "within_ms"
            )
        }
        return clocks
    }
}
