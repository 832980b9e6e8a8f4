public import Assessment
public import Domain
import Foundation
public import GRDB
public import PersonalData

/// Loads orders with their whole logs straight into an intake database, with their assessment
/// projection: for orders that did not go through this intake (the bureau's history from the
/// platform's export) and for the assessment benchmark's year of orders. Nothing is sent to other
/// services, so no clocks start and nobody is notified.
public struct HistoricalOrders: Sendable {
    let projection: FactProjection
    var store: OrderStore { projection.store }

    /// Loads into `database`, sealing callers with `personalData` as the intake does.
    public init(database: DatabasePool, personalData: PersonalDataKeys, rules: AssessmentRules = AssessmentRules()) {
        projection = FactProjection(rules: rules, store: OrderStore(database: database, personalData: personalData))
    }

    /// Records that the stored projections were derived under this loader's rules, so that the
    /// intake does not derive them all again at its next start. Only for a database whose every
    /// order this loader wrote (the benchmarks' fresh ones): older orders' projections under other
    /// rules would stay stale.
    public func recordProjectionRules(in db: Database) throws {
        try projection.recordFingerprint(in: db)
    }

    /// Stores `order` and `events` (its log, checked as a whole) in `db`'s open transaction.
    public func insert(_ order: WorkOrder, events: [WorkOrderEvent], in db: Database) throws {
        _ = try WorkOrderLog(orderID: order.id, events: events)
        try store.insert(order, in: db)
        let rowID = db.lastInsertedRowID
        for event in events {
            try db.execute(
                sql: "INSERT INTO order_event (order_id, sequence, body) VALUES (?, ?, ?)",
                arguments: [
                    order.id, event.sequence, String(decoding: try OrderStore.encoder.encode(event), as: UTF8.self),
                ]
            )
        }
        for unit in Set(order.responsibleUnits) {
            try db.execute(
                sql: "INSERT INTO work_order_unit (order_id, unit) VALUES (?, ?)", arguments: [order.id, unit])
        }
        try projection.write(
            OrderProjection.derive(order: order, events: events, rules: projection.rules), rowID: rowID, in: db
        )
    }
}
