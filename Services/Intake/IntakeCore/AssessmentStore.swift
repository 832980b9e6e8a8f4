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

    /// Whole days before the one containing `asOf` come from the daily sums; that day and later
    /// ones from the facts, since only facts up to `asOf` count.
    public func tallies(_ days: ClosedRange<LocalDate>, asOf: Date) throws -> [FactTally] {
        let cutoff = LocalDate(containing: asOf)
        return try database.read { db in
            var tallies: [FactTally] = []
            if days.lowerBound < cutoff {
                try Self.collect(
                    db, "SELECT * FROM fact_tally WHERE day BETWEEN ? AND ? AND count != 0",
                    [days.lowerBound.dayNumber, min(days.upperBound, cutoff.addingClamped(days: -1)).dayNumber],
                    into: &tallies
                )
            }
            if days.upperBound >= cutoff {
                try Self.collect(
                    db, TallyChange.sumSQL(where: "day BETWEEN ? AND ? AND at <= ?"),
                    [max(days.lowerBound, cutoff).dayNumber, days.upperBound.dayNumber, asOf.timeIntervalSince1970],
                    into: &tallies
                )
            }
            return tallies
        }
    }

    private static func collect(
        _ db: Database, _ sql: String, _ arguments: StatementArguments, into tallies: inout [FactTally]
    ) throws {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            guard let kind = OrderFact.Kind(rawValue: row["kind"]), let day = LocalDate(dayNumber: row["day"]) else {
                continue
            }
            tallies.append(
                FactTally(
                    day: day, unit: row["unit"], kind: kind, label: row["label"], count: row["count"],
                    value: row["value"], amount: row["amount"])
            )
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
                guard let channel = WorkOrder.Channel(rawValue: row["channel"]),
                    let urgency = WorkOrder.Urgency(rawValue: row["urgency"]),
                    let kind = WorkOrder.Kind(rawValue: row["kind"]),
                    let topic = WorkOrder.Topic(rawValue: row["topic"]),
                    let day = LocalDate(dayNumber: row["day"])
                else { return nil }
                return ReceivedCount(
                    unit: row["unit"], channel: channel, urgency: urgency, kind: kind, topic: topic, day: day,
                    count: row["count"])
            }
        }
    }

    public func overdueNow(asOf: Date) throws -> [OrderReference] {
        try database.read { db in
            // Two ranges of each partial index on open deadline facts: still open, or resolved after
            // asOf. Named, because the planner otherwise scans every such fact up to asOf by (kind, at).
            var parts: [String] = []
            for (kind, index) in [
                ("overdue", "order_fact_open_overdue"), ("acknowledged_late", "order_fact_open_acknowledgement"),
            ] {
                for open in ["f.until IS NULL", "f.until > ?1"] {
                    parts.append(
                        """
                        SELECT p.order_id, p.platform_order_number, p.unit, f.kind, f.at, p.reopen_count
                        FROM order_fact f INDEXED BY \(index) JOIN order_profile p ON p.order_rowid = f.order_rowid
                        WHERE f.kind = '\(kind)' AND \(open) AND f.at <= ?1
                        """
                    )
                }
            }
            let rows = try Row.fetchAll(
                db, sql: parts.joined(separator: "\nUNION ALL\n"), arguments: [asOf.timeIntervalSince1970])
            return OrderReference.earliestPerOrder(
                rows.map { row in
                    let missed: OrderReference.MissedDeadline = row["kind"] == "overdue" ? .handling : .acknowledgement
                    return Self.reference(row, since: Date(timeIntervalSince1970: row["at"]), missed: missed)
                })
        }
    }

    public func facts(of selection: [OrderFact.Kind: Set<String>?], in days: ClosedRange<LocalDate>, asOf: Date) throws
        -> [FactReference]
    {
        guard !selection.isEmpty else { return [] }
        let start = days.lowerBound.startInstant.timeIntervalSince1970
        let end = min(
            days.upperBound.addingClamped(days: 1).startInstant.timeIntervalSince1970, asOf.timeIntervalSince1970.nextUp
        )
        // One range of the (kind, at, label) index per kind.
        var parts: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        for (kind, labels) in selection.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            var part = """
                SELECT p.order_id, p.platform_order_number, f.unit, f.kind, f.label, f.at
                FROM order_fact f JOIN order_profile p ON p.order_rowid = f.order_rowid
                WHERE f.kind = ? AND f.at >= ? AND f.at < ?
                """
            arguments += [kind.rawValue, start, end]
            if let labels {
                part += " AND f.label IN (\(Array(repeating: "?", count: labels.count).joined(separator: ", ")))"
                arguments += labels.sorted()
            }
            parts.append(part)
        }
        return try database.read { db in
            try Row.fetchAll(db, sql: parts.joined(separator: " UNION ALL "), arguments: StatementArguments(arguments))
                .compactMap { row in
                    guard let kind = OrderFact.Kind(rawValue: row["kind"]) else { return nil }
                    return FactReference(
                        orderID: row["order_id"], platformOrderNumber: row["platform_order_number"], unit: row["unit"],
                        kind: kind,
                        label: row["label"], at: Date(timeIntervalSince1970: row["at"])
                    )
                }
        }
    }

    public func keywordCounts(_ days: ClosedRange<LocalDate>) throws -> [KeywordCount] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT day, keyword, count(*) AS count FROM order_keyword WHERE day BETWEEN ? AND ? GROUP BY day, keyword",
                arguments: [days.lowerBound.dayNumber, days.upperBound.dayNumber]
            ).compactMap { row in
                LocalDate(dayNumber: row["day"]).map {
                    KeywordCount(day: $0, keyword: row["keyword"], count: row["count"])
                }
            }
        }
    }

    public func repeatedDemands(_ days: ClosedRange<LocalDate>, minimum: Int) throws -> [RepeatedDemand] {
        try database.read { db in
            let arguments: StatementArguments = [days.lowerBound.dayNumber, days.upperBound.dayNumber, minimum]
            let callers = try Row.fetchAll(
                db,
                sql: """
                    SELECT max(caller_shown) AS shown, count(*) AS count FROM order_profile
                    WHERE day BETWEEN ? AND ? AND caller_phone_hash != ''
                    GROUP BY caller_phone_hash HAVING count(*) >= ?
                    """,
                arguments: arguments
            ).map { RepeatedDemand(subject: .caller, key: $0["shown"], name: "", count: $0["count"]) }
            let enterprises = try Row.fetchAll(
                db,
                sql: """
                    SELECT enterprise_code, max(enterprise_name) AS name, count(*) AS count FROM order_profile
                    WHERE day BETWEEN ? AND ? AND enterprise_code IS NOT NULL
                    GROUP BY enterprise_code HAVING count(*) >= ?
                    """,
                arguments: arguments
            ).map {
                RepeatedDemand(
                    subject: .enterprise, key: $0["enterprise_code"], name: $0["name"] ?? "", count: $0["count"])
            }
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

    private static func reference(_ row: Row, since: Date? = nil, missed: OrderReference.MissedDeadline? = nil)
        -> OrderReference
    {
        OrderReference(
            orderID: row["order_id"], platformOrderNumber: row["platform_order_number"], unit: row["unit"],
            since: since,
            missed: missed, reopenCount: row["reopen_count"]
        )
    }
}
