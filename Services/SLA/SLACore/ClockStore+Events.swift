import Domain
import GRDB

// The fired events, which are also the outbox towards intake.

extension ClockStore {
    /// Records an event of `clock`, in the transaction that stores the clock's new progress.
    static func insertEvent(
        _ firing: ClockFiring,
        of clock: ClockRecord,
        firedAt now: Int64,
        _ db: Database
    ) throws -> FiredEvent {
        let eventID = firing.event.id(clockID: clock.id, revision: clock.revision)
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO sla_event (event_id, clock_seq, event, number, due_ms, scheduled_ms, fired_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        )
        try statement.execute(arguments: [
            eventID, clock.seq, firing.event.name, firing.event.number, clock.due, firing.instant, now,
        ])
        return FiredEvent(
            seq: db.lastInsertedRowID,
            eventID: eventID,
            clockID: clock.id,
            orderID: clock.orderID,
            unit: clock.unit,
            clockKind: clock.kind,
            event: firing.event,
            due: clock.due,
            scheduled: firing.instant,
            fired: now
        )
    }

    /// Records that `clock`'s due moved from `previousDue` to its `due` (the calendar changed, or
    /// the caller had counted on another one): the clock's next recomputation event.
    static func insertRecomputation(of clock: ClockRecord, from previousDue: Int64, at now: Int64, _ db: Database)
        throws
    {
        let earlier =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM sla_event WHERE clock_seq = ? AND event = 'recomputed'",
                arguments: [clock.seq]
            ) ?? 0
        let event = ClockEvent.recomputed(earlier + 1)
        let eventID = event.id(clockID: clock.id)
        try db.execute(
            sql: """
                INSERT INTO sla_event (event_id, clock_seq, event, number, due_ms, scheduled_ms, fired_ms, previous_due_ms, provisional)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                eventID, clock.seq, event.name, event.number, clock.due, now, now, previousDue, clock.provisional,
            ]
        )
    }

    /// Events not yet delivered, oldest first.
    static func pendingEvents(limit: Int, _ db: Database) throws -> [FiredEvent] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT e.seq, e.event_id, c.id, c.order_id, c.unit, c.kind, e.event, e.number, e.due_ms, e.scheduled_ms,
                    e.fired_ms, e.previous_due_ms, e.provisional
                FROM sla_event e JOIN sla_clock c ON c.seq = e.clock_seq
                WHERE e.delivered_ms IS NULL ORDER BY e.seq LIMIT ?
                """,
            arguments: [limit]
        )
        return try rows.map { row in
            let kindText: String = row[5]
            let name: String = row[6]
            guard let kind = ClockKind(rawValue: kindText), let event = ClockEvent(name: name, number: row[7]) else {
                throw DatabaseError(message: "event \(row[1] as String) has kind \(kindText), event \(name)")
            }
            return FiredEvent(
                seq: row[0],
                eventID: row[1],
                clockID: row[2],
                orderID: row[3],
                unit: row[4],
                clockKind: kind,
                event: event,
                due: row[8],
                scheduled: row[9],
                fired: row[10],
                previousDue: row[11],
                provisional: row[12] ?? false
            )
        }
    }

    /// Records the outcome of a delivery attempt of each event; `delivered` closes them for good.
    static func recordAttempts(events seqs: [Int64], outcome: String, delivered: Bool, at now: Int64, _ db: Database)
        throws
    {
        for start in stride(from: 0, to: seqs.count, by: 500) {
            let chunk = seqs[start..<min(start + 500, seqs.count)]
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            try db.execute(
                sql:
                    "UPDATE sla_event SET attempts = attempts + 1, outcome = ?, delivered_ms = ? WHERE seq IN (\(placeholders))",
                arguments: [outcome, delivered ? now : nil] + StatementArguments(Array(chunk))
            )
        }
    }
}
