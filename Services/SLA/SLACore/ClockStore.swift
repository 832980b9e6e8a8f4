import Domain
import GRDB

/// The SQL of the clocks table, run inside transactions that `SLAEngine` opens. Statements are
/// cached per connection: the scheduler runs the same three for every event it fires.
enum ClockStore {
    static let columns = """
        seq, id, order_id, unit, kind, policy_id, cycle, start_ms, due_ms, original_due_ms, due_source,
        provisional, revision, warnings_handled, warnings_sent, overdue_sent, reminders_handled, reminders_sent,
        next_fire_ms, stopped_ms, stop_reason, created_ms, due_working_days
        """

    /// Decodes a row selected with `columns`, in that order.
    static func record(_ row: Row, policies: PolicyCatalog) throws -> ClockRecord {
        let policyID: Int64 = row[5]
        guard let policy = policies.policy(id: policyID) else {
            throw DatabaseError(message: "clock \(row[1] as String) refers to unknown policy \(policyID)")
        }
        let kindText: String = row[4]
        let sourceText: String = row[10]
        guard let kind = ClockKind(rawValue: kindText), let source = ClockRecord.DueSource(rawValue: sourceText) else {
            throw DatabaseError(message: "clock \(row[1] as String) has kind \(kindText), due source \(sourceText)")
        }
        return ClockRecord(
            seq: row[0],
            id: row[1],
            orderID: row[2],
            unit: row[3],
            kind: kind,
            policy: policy,
            policyID: policyID,
            cycle: row[6],
            start: row[7],
            due: row[8],
            originalDue: row[9],
            dueSource: source,
            provisional: row[11],
            revision: row[12],
            progress: ClockProgress(
                warningsHandled: row[13],
                warningsSent: row[14],
                overdueSent: row[15],
                remindersHandled: row[16],
                remindersSent: row[17]
            ),
            nextFire: row[18],
            stoppedAt: row[19],
            stopReason: row[20],
            createdAt: row[21],
            dueWorkingDays: row[22]
        )
    }

    /// The clocks with these row ids, by row id, in one statement per 500 (a firing round).
    static func fetch(seqs: [Int64], _ db: Database, policies: PolicyCatalog) throws -> [Int64: ClockRecord] {
        var clocks: [Int64: ClockRecord] = [:]
        clocks.reserveCapacity(seqs.count)
        for start in stride(from: 0, to: seqs.count, by: 500) {
            let chunk = seqs[start..<min(start + 500, seqs.count)]
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT \(columns) FROM sla_clock WHERE seq IN (\(placeholders))",
                arguments: StatementArguments(Array(chunk))
            )
            while let row = try rows.next() {
                let clock = try record(row, policies: policies)
                clocks[clock.seq] = clock
            }
        }
        return clocks
    }

    static func fetch(id: String, _ db: Database, policies: PolicyCatalog) throws -> ClockRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM sla_clock WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [id]).map { try record($0, policies: policies) }
    }

    /// Every clock of an order, oldest first.
    static func fetch(orderID: String, _ db: Database, policies: PolicyCatalog) throws -> [ClockRecord] {
        try Row.fetchAll(
            db,
            sql: "SELECT \(columns) FROM sla_clock WHERE order_id = ? ORDER BY start_ms, seq",
            arguments: [orderID]
        ).map { try record($0, policies: policies) }
    }

    /// Clocks not stopped whose due instant is at or before `horizon`, earliest first, at most
    /// `limit` (the caller asks for one more than it returns, to tell that there were more).
    static func fetchOpen(
        dueBy horizon: Int64, unit: String?, alsoOrderIDs: [String] = [], limit: Int, _ db: Database,
        policies: PolicyCatalog
    ) throws -> [ClockRecord] {
        var sql = "SELECT \(columns) FROM sla_clock WHERE stopped_ms IS NULL AND due_ms <= ?"
        var arguments: StatementArguments = [horizon]
        if let unit {
            let others =
                alsoOrderIDs.isEmpty ? "" : " OR order_id IN (\(databaseQuestionMarks(count: alsoOrderIDs.count)))"
            sql += " AND (unit = ?\(others))"
            arguments += [unit]
            arguments += StatementArguments(alsoOrderIDs)
        }
        sql += " ORDER BY due_ms, seq LIMIT ?"
        arguments += [limit]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { try record($0, policies: policies) }
    }

    /// Inserts a new clock and returns its `seq`; with `ignoringExisting`, a clock whose id exists
    /// already is left alone and `nil` returned.
    @discardableResult
    static func insert(_ clock: ClockRecord, ignoringExisting: Bool = false, _ db: Database) throws -> Int64? {
        let statement = try db.cachedStatement(
            sql: (ignoringExisting ? "INSERT OR IGNORE" : "INSERT") + """
                 INTO sla_clock (id, order_id, unit, kind, policy_id, cycle, start_ms, due_ms, original_due_ms,
                    due_source, provisional, revision, warnings_handled, warnings_sent, overdue_sent,
                    reminders_handled, reminders_sent, next_fire_ms, stopped_ms, stop_reason, created_ms, due_working_days)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        try statement.execute(arguments: [
            clock.id, clock.orderID, clock.unit, clock.kind.rawValue, clock.policyID, clock.cycle, clock.start,
            clock.due, clock.originalDue, clock.dueSource.rawValue, clock.provisional, clock.revision,
            clock.progress.warningsHandled, clock.progress.warningsSent, clock.progress.overdueSent,
            clock.progress.remindersHandled, clock.progress.remindersSent, clock.nextFire, clock.stoppedAt,
            clock.stopReason, clock.createdAt, clock.dueWorkingDays,
        ])
        return db.changesCount == 1 ? db.lastInsertedRowID : nil
    }

    /// Stores how far the clock has fired and when it fires next.
    static func updateProgress(_ clock: ClockRecord, _ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                UPDATE sla_clock SET warnings_handled = ?, warnings_sent = ?, overdue_sent = ?, reminders_handled = ?,
                    reminders_sent = ?, next_fire_ms = ? WHERE seq = ?
                """
        )
        let progress = clock.progress
        try statement.execute(arguments: [
            progress.warningsHandled, progress.warningsSent, progress.overdueSent, progress.remindersHandled,
            progress.remindersSent, clock.nextFire, clock.seq,
        ])
    }

    /// Stores a moved deadline (extension or calendar change) with its progress.
    static func updateDeadline(_ clock: ClockRecord, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE sla_clock SET due_ms = ?, original_due_ms = ?, due_source = ?, provisional = ?, revision = ? WHERE seq = ?
                """,
            arguments: [
                clock.due, clock.originalDue, clock.dueSource.rawValue, clock.provisional, clock.revision, clock.seq,
            ]
        )
        try updateProgress(clock, db)
    }

    /// Stores a stopped clock running again with its moved deadline.
    static func resume(_ clock: ClockRecord, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE sla_clock SET stopped_ms = NULL, stop_reason = '', start_ms = ?, due_ms = ?, original_due_ms = ?,
                    next_fire_ms = ? WHERE seq = ?
                """,
            arguments: [clock.start, clock.due, clock.originalDue, clock.nextFire, clock.seq]
        )
    }

    /// Stops every open clock of an order (of the given kinds, or all) and returns how many.
    static func stop(
        orderID: String,
        kinds: [ClockKind],
        clockIDs: [String] = [],
        reason: String,
        at now: Int64,
        _ db: Database
    ) throws -> Int {
        var sql =
            "UPDATE sla_clock SET stopped_ms = ?, stop_reason = ?, next_fire_ms = NULL WHERE order_id = ? AND stopped_ms IS NULL"
        var arguments: StatementArguments = [now, reason, orderID]
        if !kinds.isEmpty {
            sql += " AND kind IN (\(Array(repeating: "?", count: kinds.count).joined(separator: ", ")))"
            arguments += StatementArguments(kinds.map(\.rawValue))
        }
        if !clockIDs.isEmpty {
            sql += " AND id IN (\(Array(repeating: "?", count: clockIDs.count).joined(separator: ", ")))"
            arguments += StatementArguments(clockIDs)
        }
        try db.execute(sql: sql, arguments: arguments)
        return db.changesCount
    }

    /// The next instant of every clock that has one, earliest first, read from the partial index.
    static func nextFirings(_ db: Database) throws -> [TimerEntry] {
        var entries: [TimerEntry] = []
        entries.reserveCapacity(
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sla_clock WHERE next_fire_ms IS NOT NULL") ?? 0)
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT next_fire_ms, seq FROM sla_clock WHERE next_fire_ms IS NOT NULL ORDER BY next_fire_ms"
        )
        while let row = try rows.next() {
            entries.append(TimerEntry(instant: row[0], clock: row[1]))
        }
        return entries
    }
}
