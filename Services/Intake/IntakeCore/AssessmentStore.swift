public import Assessment
public import Domain
public import Foundation
public import GRDB

/// The assessment's queries over the intake database's projection (see FactProjection). Each
/// answers with sums or short lists; none reads an order body or replays a log.
public struct AssessmentStore: AssessmentSource {
    let database: DatabasePool

    public init(database: DatabasePool) {
        self.database = database
    }

    public func tallies(_ days: ClosedRange<LocalDate>, asOf: Date) throws -> [FactTally] {
        try database.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT day, unit, kind, CASE WHEN kind IN ('callback', 'reopened') THEN label ELSE '' END AS tally_label,
                           count(*) AS count, total(value) AS value, total(amount) AS amount
                    FROM order_fact
                    WHERE day BETWEEN ? AND ? AND at <= ?
                    GROUP BY day, unit, kind, tally_label
                    """,
                arguments: [days.lowerBound.dayNumber, days.upperBound.dayNumber, asOf.timeIntervalSince1970]
            )
            var tallies: [FactTally] = []
            while let row = try rows.next() {
                guard let kind = OrderFact.Kind(rawValue: row["kind"]), let day = LocalDate(dayNumber: row["day"]) else { continue }
                tallies.append(
                    FactTally(
                        day: day, unit: row["unit"], kind: kind, label: row["tally_label"], count: row["count"],
                        value: row["value"], amount: row["amount"]
                    )
                )
            }
            return tallies
        }
    }

    public func receivedBreakdown(_ days: ClosedRange<LocalDate>) throws -> [ReceivedCount] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT day, unit, channel, urgency, kind, topic, count(*) AS count FROM order_profile
                    WHERE day BETWEEN ? AND ? GROUP BY day, unit, channel, urgency, kind, topic
                    """,
                arguments: [days.lowerBound.dayNumber, days.upperBound.dayNumber]
            ).compactMap { row in
                guard let channel = WorkOrder.Channel(rawValue: row["channel"]), let urgency = WorkOrder.Urgency(rawValue: row["urgency"]),
                    let kind = WorkOrder.Kind(rawValue: row["kind"]), let topic = WorkOrder.Topic(rawValue: row["topic"]),
                    let day = LocalDate(dayNumber: row["day"])
                else { return nil }
                return ReceivedCount(unit: row["unit"], channel: channel, urgency: urgency, kind: kind, topic: topic, day: day, count: row["count"])
            }
        }
    }

    public func overdueNow(asOf: Date) throws -> [OrderReference] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.order_id, p.platform_order_number, p.unit, f.at, p.reopen_count
                    FROM order_fact f JOIN order_profile p ON p.order_rowid = f.order_rowid
                    WHERE f.kind = 'overdue' AND f.at <= ?1 AND (f.until IS NULL OR f.until > ?1)
                    """,
                arguments: [asOf.timeIntervalSince1970]
            ).map { Self.reference($0, since: Date(timeIntervalSince1970: $0["at"])) }
        }
    }

    public func facts(of kinds: Set<OrderFact.Kind>, in days: ClosedRange<LocalDate>, asOf: Date) throws -> [FactReference] {
        guard !kinds.isEmpty else { return [] }
        return try database.read { db in
            let placeholders = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
            var arguments: [any DatabaseValueConvertible] = kinds.map(\.rawValue).sorted()
            arguments += [days.lowerBound.dayNumber, days.upperBound.dayNumber, asOf.timeIntervalSince1970]
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT p.order_id, p.platform_order_number, f.unit, f.kind, f.label, f.at
                    FROM order_fact f JOIN order_profile p ON p.order_rowid = f.order_rowid
                    WHERE f.kind IN (\(placeholders)) AND f.day BETWEEN ? AND ? AND f.at <= ?
                    """,
                arguments: StatementArguments(arguments)
            ).compactMap { row in
                guard let kind = OrderFact.Kind(rawValue: row["kind"]) else { return nil }
                return FactReference(
                    orderID: row["order_id"], platformOrderNumber: row["platform_order_number"], unit: row["unit"], kind: kind,
                    label: row["label"], at: Date(timeIntervalSince1970: row["at"])
                )
            }
        }
    }

    public func keywordCounts(_ days: ClosedRange<LocalDate>) throws -> [KeywordCount] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT day, keyword, count(*) AS count FROM order_keyword WHERE day BETWEEN ? AND ? GROUP BY day, keyword",
                arguments: [days.lowerBound.dayNumber, days.upperBound.dayNumber]
            ).compactMap { row in
                LocalDate(dayNumber: row["day"]).map { KeywordCount(day: $0, keyword: row["keyword"], count: row["count"]) }
            }
        }
    }

    public func repeatedDemands(_ days: ClosedRange<LocalDate>, minimum: Int) throws -> [RepeatedDemand] {
        try database.read { db in
            let arguments: StatementArguments = [days.lowerBound.dayNumber, days.upperBound.dayNumber, minimum]
            let callers = try Row.fetchAll(
                db,
                sql: """
                    SELECT caller_phone, count(*) AS count FROM order_profile WHERE day BETWEEN ? AND ?
                    GROUP BY caller_phone HAVING count(*) >= ?
                    """,
                arguments: arguments
            ).map { RepeatedDemand(subject: .caller, key: $0["caller_phone"], name: "", count: $0["count"]) }
            let enterprises = try Row.fetchAll(
                db,
                sql: """
                    SELECT enterprise_code, max(enterprise_name) AS name, count(*) AS count FROM order_profile
                    WHERE day BETWEEN ? AND ? AND enterprise_code IS NOT NULL
                    GROUP BY enterprise_code HAVING count(*) >= ?
                    """,
                arguments: arguments
            ).map { RepeatedDemand(subject: .enterprise, key: $0["enterprise_code"], name: $0["name"] ?? "", count: $0["count"]) }
            return callers + enterprises
        }
    }

    public func recurringOrders(_ days: ClosedRange<LocalDate>, minimum: Int, limit: Int) throws -> [OrderReference] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT order_id, platform_order_number, unit, reopen_count FROM order_profile
                    WHERE reopen_count >= ? AND day <= ? ORDER BY reopen_count DESC, order_id LIMIT ?
                    """,
                arguments: [minimum, days.upperBound.dayNumber, limit]
            ).map { Self.reference($0) }
        }
    }

    private static func reference(_ row: Row, since: Date? = nil) -> OrderReference {
        OrderReference(
            orderID: row["order_id"], platformOrderNumber: row["platform_order_number"], unit: row["unit"], since: since,
            reopenCount: row["reopen_count"]
        )
    }
}
