import Foundation
public import GRDB
import Instrumentation
import Traces
public import Tracing

/// The shared outbox table, `outbox_entry`, in a service's own database: messages are enqueued in
/// the caller's transaction, so that a change and the calls it implies commit together or not at
/// all. A service adds `OutboxTable.migrationSQL` to its migrations.
public struct OutboxTable: Sendable {
    public static let migrationSQL = """
        CREATE TABLE outbox_entry (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            destination TEXT NOT NULL,
            ordering_key TEXT,
            method TEXT NOT NULL,
            body BLOB NOT NULL,
            deduplication_key TEXT UNIQUE,
            subject TEXT NOT NULL DEFAULT '',
            context TEXT,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failing', 'delivered', 'given_up')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            created_ms INTEGER NOT NULL,
            next_attempt_ms INTEGER,
            delivered_ms INTEGER
        );
        CREATE INDEX outbox_entry_due ON outbox_entry (next_attempt_ms) WHERE state IN ('pending', 'failing');
        CREATE INDEX outbox_entry_ordering ON outbox_entry (destination, ordering_key, id) WHERE state IN ('pending', 'failing');
        CREATE INDEX outbox_entry_state ON outbox_entry (state, id);
        """

    /// The trace context of the transaction that wrote an entry (`OutboxMessage.traceHeaders`),
    /// so that its delivery continues that trace, also after a restart. A migration of its own,
    /// after `migrationSQL`, in every service that has the table.
    public static let traceContextMigrationSQL = "ALTER TABLE outbox_entry ADD COLUMN trace_context TEXT;"

    /// Each destination's undelivered entries in order, so that the sender reads the due entries
    /// of the destinations it serves without walking the backlog of one it leaves out (a lost or
    /// slow one, whose entries can be thousands). A migration of its own, after the two above.
    public static let destinationIndexMigrationSQL = """
        CREATE INDEX outbox_entry_destination ON outbox_entry (destination, id, next_attempt_ms)
            WHERE state IN ('pending', 'failing');
        """

    /// Whether delivered entries stay as the record of what was sent (the gateway's), or go.
    public var keepsDelivered: Bool

    public init(keepsDelivered: Bool = false) {
        self.keepsDelivered = keepsDelivered
    }

    /// Writes `messages` in the caller's transaction; returns the new ids, `nil` for a message
    /// whose deduplication key was enqueued before.
    /// A message without trace headers of its own continues the current context (the call or
    /// the delivery that writes it), as `tracer` propagates it.
    @discardableResult
    public static func enqueue(
        _ messages: [OutboxMessage], at now: Int64, in db: Database, tracer: any Tracer = InstrumentationSystem.tracer
    ) throws -> [Int64?] {
        let statement = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO outbox_entry
                    (destination, ordering_key, method, body, deduplication_key, subject, context, created_ms, next_attempt_ms,
                     trace_context)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let current = ServiceContext.current.map { TracePropagation.headers(for: $0, tracer: tracer) } ?? [:]
        return try messages.map { message in
            try statement.execute(arguments: [
                message.destination, message.orderingKey, message.method, Data(message.body), message.deduplicationKey,
                message.subject, message.context, now, message.notBefore ?? now,
                TracePropagation.text(of: message.traceHeaders ?? current),
            ])
            return db.changesCount == 1 ? db.lastInsertedRowID : nil
        }
    }

    static let columns = """
        id, destination, ordering_key, method, body, deduplication_key, subject, context, state, attempts, last_error,
        created_ms, next_attempt_ms, delivered_ms, trace_context
        """

    /// Undelivered entries due at `now`, oldest first, leaving out any whose ordering key has an
    /// earlier undelivered entry that is not due (it must go first). Read destination by
    /// destination, so that the cost does not grow with the backlog of those `excluded`.
    public func due(at now: Int64, limit: Int, excluding excluded: Set<String>, in db: Database) throws -> [OutboxEntry]
    {
        var due: [OutboxEntry] = []
        for destination in try Self.pendingDestinations(in: db) where !excluded.contains(destination) {
            due += try Row.fetchAll(
                db.cachedStatement(sql: Self.dueOfDestinationSQL), arguments: [destination, now, now, limit]
            ).map(Self.entry)
        }
        return Array(due.sorted { $0.id < $1.id }.prefix(limit))
    }

    /// The destinations with undelivered entries: one index seek per destination, never a walk
    /// over the entries.
    static func pendingDestinations(in db: Database) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: pendingDestinationsSQL))
    }

    private static let dueOfDestinationSQL = """
        SELECT \(columns) FROM outbox_entry p INDEXED BY outbox_entry_destination
        WHERE p.destination = ? AND p.state IN ('pending', 'failing') AND p.next_attempt_ms <= ?
          AND NOT EXISTS (SELECT 1 FROM outbox_entry q
                          WHERE q.destination = p.destination AND q.ordering_key = p.ordering_key AND q.id < p.id
                            AND q.state IN ('pending', 'failing') AND q.next_attempt_ms > ?)
        ORDER BY p.id LIMIT ?
        """

    private static let pendingDestinationsSQL = """
        WITH RECURSIVE destinations(name) AS (
            SELECT MIN(destination) FROM outbox_entry INDEXED BY outbox_entry_destination
            WHERE state IN ('pending', 'failing')
            UNION ALL
            SELECT (SELECT MIN(destination) FROM outbox_entry INDEXED BY outbox_entry_destination
                    WHERE state IN ('pending', 'failing') AND destination > destinations.name)
            FROM destinations WHERE destinations.name IS NOT NULL)
        SELECT name FROM destinations WHERE name IS NOT NULL
        """

    /// Stores a round's results: a delivered entry is marked (or deleted), a failed one scheduled
    /// after its backoff (and the later entries of its key no earlier), an unreachable one left due
    /// for the next probe, a refused one given up.
    public func record(
        _ outcomes: [(entry: OutboxEntry, result: DeliveryResult)], at now: Int64, policy: OutboxRetryPolicy,
        in db: Database
    ) throws {
        for (entry, result) in outcomes {
            switch result {
            case .delivered:
                if keepsDelivered {
                    try db.cachedStatement(
                        sql: """
                            UPDATE outbox_entry SET state = 'delivered', attempts = attempts + 1, delivered_ms = ?,
                                next_attempt_ms = NULL, last_error = '' WHERE id = ?
                            """
                    ).execute(arguments: [now, entry.id])
                } else {
                    try db.cachedStatement(sql: "DELETE FROM outbox_entry WHERE id = ?").execute(arguments: [entry.id])
                }
            case .failed(let error):
                let attempts = entry.attempts + 1
                let next = now + DestinationHealth.milliseconds(policy.delay(afterFailedAttempts: attempts))
                try markAttempt(entry.id, attempts: attempts, error: error, next: next, policy: policy, in: db)
                if let key = entry.orderingKey {
                    try db.execute(
                        sql: """
                            UPDATE outbox_entry SET next_attempt_ms = MAX(next_attempt_ms, ?)
                            WHERE destination = ? AND ordering_key = ? AND id > ? AND state IN ('pending', 'failing')
                            """,
                        arguments: [next, entry.destination, key, entry.id]
                    )
                }
            case .unreachable(let error):
                try markAttempt(entry.id, attempts: entry.attempts + 1, error: error, next: now, policy: policy, in: db)
            case .refused(let error):
                try giveUp(entry.id, attempted: true, because: error, in: db)
            }
        }
    }

    private func markAttempt(
        _ id: Int64, attempts: Int, error: String, next: Int64, policy: OutboxRetryPolicy, in db: Database
    ) throws {
        try db.execute(
            sql: "UPDATE outbox_entry SET state = ?, attempts = ?, last_error = ?, next_attempt_ms = ? WHERE id = ?",
            arguments: [
                policy.isFailing(attempts: attempts) ? "failing" : "pending", attempts, String(error.prefix(500)), next,
                id,
            ]
        )
    }

    /// Sets an entry aside as given up, visible and retried only when someone asks; `attempted`
    /// counts the attempt that was refused.
    public func giveUp(_ id: Int64, attempted: Bool, because error: String, in db: Database) throws {
        try db.execute(
            sql:
                "UPDATE outbox_entry SET state = 'given_up', attempts = attempts + ?, last_error = ?, next_attempt_ms = NULL WHERE id = ?",
            arguments: [attempted ? 1 : 0, String(error.prefix(500)), id]
        )
    }

    /// Makes every undelivered entry of `destination` due at `now`.
    public func resume(destination: String, at now: Int64, in db: Database) throws {
        try db.execute(
            sql:
                "UPDATE outbox_entry SET next_attempt_ms = ? WHERE destination = ? AND state IN ('pending', 'failing') AND next_attempt_ms > ?",
            arguments: [now, destination, now]
        )
    }

    public func nextAttempt(excluding excluded: Set<String>, in db: Database) throws -> Int64? {
        guard !excluded.isEmpty else {
            return try Int64.fetchOne(
                db, sql: "SELECT MIN(next_attempt_ms) FROM outbox_entry WHERE state IN ('pending', 'failing')")
        }
        var earliest: Int64?
        for destination in try Self.pendingDestinations(in: db) where !excluded.contains(destination) {
            let next = try Int64.fetchOne(
                db,
                sql: """
                    SELECT MIN(next_attempt_ms) FROM outbox_entry INDEXED BY outbox_entry_destination
                    WHERE destination = ? AND state IN ('pending', 'failing')
                    """,
                arguments: [destination])
            if let next { earliest = min(earliest ?? next, next) }
        }
        return earliest
    }

    /// Makes undelivered entries due now: `id`, or every failing and given-up one when `id` is nil.
    /// Returns how many; a delivered entry is never sent again.
    public func retry(_ id: Int64?, at now: Int64, in db: Database) throws -> Int {
        if let id {
            try db.execute(
                sql:
                    "UPDATE outbox_entry SET state = 'pending', next_attempt_ms = ? WHERE id = ? AND state != 'delivered'",
                arguments: [now, id]
            )
        } else {
            try db.execute(
                sql:
                    "UPDATE outbox_entry SET state = 'pending', next_attempt_ms = ? WHERE state IN ('failing', 'given_up')",
                arguments: [now]
            )
        }
        return db.changesCount
    }

    /// Entries for a listing, oldest first (newest first for delivered ones): every undelivered
    /// one when `state` is nil. The stored state; `OutboxListing` adds what the sender knows.
    public func entries(state: OutboxEntry.State?, destinations: [String]? = nil, limit: Int, in db: Database) throws
        -> [OutboxEntry]
    {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        switch state {
        case nil: conditions.append("state != 'delivered'")
        case .inFlight?: conditions.append("state IN ('pending', 'failing')")
        case let state?:
            conditions.append("state = ?")
            arguments.append(state.rawValue)
        }
        if let destinations {
            conditions.append("destination IN (\(databaseQuestionMarks(count: destinations.count)))")
            arguments.append(contentsOf: destinations)
        }
        arguments.append(limit)
        return try Row.fetchAll(
            db,
            sql: """
                SELECT \(Self.columns) FROM outbox_entry WHERE \(conditions.joined(separator: " AND "))
                ORDER BY id \(state == .delivered ? "DESC" : "ASC") LIMIT ?
                """,
            arguments: StatementArguments(arguments)
        ).map(Self.entry)
    }

    public func entry(id: Int64, in db: Database) throws -> OutboxEntry? {
        try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM outbox_entry WHERE id = ?", arguments: [id]).map(
            Self.entry)
    }

    static func entry(_ row: Row) -> OutboxEntry {
        OutboxEntry(
            id: row["id"],
            message: OutboxMessage(
                destination: row["destination"], method: row["method"], body: [UInt8](row["body"] as Data),
                orderingKey: row["ordering_key"], deduplicationKey: row["deduplication_key"], subject: row["subject"],
                context: row["context"], traceHeaders: TracePropagation.headers(fromText: row["trace_context"])
            ),
            state: OutboxEntry.State(rawValue: row["state"]) ?? .pending,
            attempts: row["attempts"],
            lastError: row["last_error"],
            createdAt: row["created_ms"],
            nextAttemptAt: row["next_attempt_ms"],
            deliveredAt: row["delivered_ms"]
        )
    }
}
