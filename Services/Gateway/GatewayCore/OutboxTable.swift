import Foundation
import GRDB
import WireProtocol

/// What the platform and email outboxes share: an entry is `pending` until delivered, listed as
/// `failing` once it failed often (it is still retried) or was refused outright (it then waits for
/// `subanctl outbox retry`), and `delivered` for good once the receiver acknowledged it. A
/// delivered entry is never sent again, also not by a manual retry.
struct OutboxTable: Sendable {
    enum Name: String, Sendable, CaseIterable {
        case platform
        case email

        var table: String { "\(rawValue)_outbox" }
    }

    enum State: String, Sendable, CaseIterable {
        case pending
        case failing
        case delivered
    }

    let name: Name

    func markDelivered(_ id: Int64, at now: Date, in db: Database) throws {
        try db.execute(
            sql: "UPDATE \(name.table) SET state = 'delivered', delivered_at = ?, next_attempt_at = NULL, last_error = '' WHERE id = ?",
            arguments: [now.timeIntervalSince1970, id]
        )
    }

    /// Records a failed attempt. A `permanent` failure (the receiver refused the entry itself)
    /// is not retried until someone asks; any other is retried after the schedule's delay.
    func markFailed(_ id: Int64, error: String, permanent: Bool, schedule: RetrySchedule, at now: Date, in db: Database) throws {
        let attempts = (try Int.fetchOne(db, sql: "SELECT attempts FROM \(name.table) WHERE id = ?", arguments: [id]) ?? 0) + 1
        let state: State = permanent || schedule.isFailing(attempts: attempts) ? .failing : .pending
        let next: Double? = permanent ? nil : now.addingTimeInterval(schedule.delay(afterFailedAttempts: attempts).seconds).timeIntervalSince1970
        try db.execute(
            sql: "UPDATE \(name.table) SET state = ?, attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
            arguments: [state.rawValue, attempts, String(error.prefix(500)), next, id]
        )
    }

    /// Makes undelivered entries due now: `id`, or every failing one when `id` is nil. Returns
    /// how many; a delivered entry is refused so that nothing reaches the receiver twice.
    func retry(_ id: Int64?, at now: Date, in db: Database) throws -> Int {
        if let id {
            try db.execute(
                sql: "UPDATE \(name.table) SET state = 'pending', next_attempt_at = ? WHERE id = ? AND state != 'delivered'",
                arguments: [now.timeIntervalSince1970, id]
            )
        } else {
            try db.execute(
                sql: "UPDATE \(name.table) SET state = 'pending', next_attempt_at = ? WHERE state = 'failing'",
                arguments: [now.timeIntervalSince1970]
            )
        }
        return db.changesCount
    }

    func state(of id: Int64, in db: Database) throws -> State? {
        try String.fetchOne(db, sql: "SELECT state FROM \(name.table) WHERE id = ?", arguments: [id]).flatMap(State.init(rawValue:))
    }

    /// Entries for `subanctl outbox list`: every undelivered one when `state` is nil.
    func entries(state: State?, limit: Int, in db: Database) throws -> [OutboxEntry] {
        let summary = name == .platform ? "kind || ' ' || order_number" : "kind || ' ' || order_id || ' → ' || recipients"
        let filter = state.map { "state = '\($0.rawValue)'" } ?? "state != 'delivered'"
        let order = state == .delivered ? "DESC" : "ASC"
        return try Row.fetchAll(
            db,
            sql: """
                SELECT id, \(summary) AS summary, state, attempts, last_error, created_at, next_attempt_at
                FROM \(name.table) WHERE \(filter) ORDER BY id \(order) LIMIT ?
                """,
            arguments: [limit]
        ).map { row in
            OutboxEntry(
                id: "\(name.rawValue)-\(row["id"] as Int64)",
                outbox: name.rawValue,
                summary: row["summary"],
                state: row["state"],
                attempts: UInt32(row["attempts"] as Int),
                lastError: row["last_error"],
                createdUnixMs: Int64(((row["created_at"] as Double) * 1000).rounded()),
                nextAttemptUnixMs: (row["next_attempt_at"] as Double?).map { Int64(($0 * 1000).rounded()) } ?? 0
            )
        }
    }
}

extension Duration {
    /// The duration in seconds, for `Date` arithmetic.
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
