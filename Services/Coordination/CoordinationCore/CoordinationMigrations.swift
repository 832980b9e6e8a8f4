import Outbox
import Persistence

/// The coordination database. Shipped migrations never change; add new ones at the end.
enum CoordinationMigrations {
    static let all: [Migration] = [cases, outbox, sharedOutbox, outboxTraceContext, outboxByDestination]

    /// The outbox's entries by destination, for the sender's reads (`Shared/Outbox`).
    static let outboxByDestination = Migration(
        "2026-12-07-outbox-by-destination", sql: OutboxTable.destinationIndexMigrationSQL)

    /// Each outbox entry keeps the trace context of the transaction that wrote it (`Shared/Outbox`).
    static let outboxTraceContext = Migration(
        "2026-12-06-outbox-trace-context", sql: OutboxTable.traceContextMigrationSQL)

    /// A case row keeps the whole case as JSON plus the columns that queries filter on; `case_unit`,
    /// `pending_meeting` and `open_action_item` are indexes derived from the JSON on every save, for the unit
    /// filter, conflict detection and the overdue filter.
    static let cases = Migration(
        "2026-11-27-coordination-cases",
        sql: """
            CREATE TABLE coordination_case (
                id TEXT PRIMARY KEY NOT NULL,
                order_id TEXT NOT NULL,
                state TEXT NOT NULL,
                track TEXT NOT NULL,
                lead_unit TEXT NOT NULL,
                opened_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                body TEXT NOT NULL,
                reply_delivery TEXT,
                reply_error TEXT
            );
            CREATE INDEX coordination_case_order ON coordination_case (order_id, opened_at);
            CREATE INDEX coordination_case_state ON coordination_case (state, updated_at);
            CREATE TABLE case_unit (
                case_id TEXT NOT NULL REFERENCES coordination_case (id),
                unit TEXT NOT NULL,
                PRIMARY KEY (unit, case_id)
            );
            CREATE TABLE pending_meeting (
                meeting_id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES coordination_case (id),
                starts_at REAL NOT NULL,
                ends_at REAL NOT NULL,
                units TEXT NOT NULL
            );
            CREATE INDEX pending_meeting_case ON pending_meeting (case_id);
            CREATE INDEX pending_meeting_start ON pending_meeting (starts_at);
            CREATE TABLE open_action_item (
                item_id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES coordination_case (id),
                owner_unit TEXT NOT NULL,
                due_at REAL NOT NULL
            );
            CREATE INDEX open_action_item_case ON open_action_item (case_id, due_at);
            CREATE TABLE case_event (
                case_id TEXT NOT NULL REFERENCES coordination_case (id),
                sequence INTEGER NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (case_id, sequence)
            );
            -- The log is append-only: history is never rewritten, also not by a bug.
            CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event
                BEGIN SELECT RAISE(ABORT, 'case_event is append-only'); END;
            CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event
                BEGIN SELECT RAISE(ABORT, 'case_event is append-only'); END;
            """
    )

    /// Calls to other services (invitations, action-item clocks, the compiled reply) written in the same
    /// transaction as the change that needs them, delivered in order per destination until acknowledged.
    /// `case_id` and `purpose` let a delivery report back to its case (the compiled reply's delivery state).
    static let outbox = Migration(
        "2026-11-27-coordination-outbox",
        sql: """
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                destination TEXT NOT NULL,
                method TEXT NOT NULL,
                body BLOB NOT NULL,
                case_id TEXT,
                purpose TEXT,
                created_at REAL NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT
            );
            CREATE INDEX outbox_destination ON outbox (destination, id);
            CREATE TABLE outbox_rejected (
                id INTEGER PRIMARY KEY,
                destination TEXT NOT NULL,
                method TEXT NOT NULL,
                body BLOB NOT NULL,
                case_id TEXT,
                purpose TEXT,
                created_at REAL NOT NULL,
                attempts INTEGER NOT NULL,
                last_error TEXT,
                rejection TEXT NOT NULL
            );
            """
    )

    /// The outbox moves into the shared outbox table (`Shared/Outbox`), ordered per case; a message the
    /// receiver refused is kept there as given up.
    static let sharedOutbox = Migration(
        "2026-12-04-coordination-shared-outbox",
        sql: OutboxTable.migrationSQL + """

            INSERT INTO outbox_entry (destination, ordering_key, method, body, subject, context, state, attempts, last_error,
                created_ms, next_attempt_ms)
            SELECT destination, case_id, method, body, method || ' ' || coalesce(case_id, ''), purpose, 'pending', attempts,
                coalesce(last_error, ''), CAST(created_at * 1000 AS INTEGER), CAST(created_at * 1000 AS INTEGER)
            FROM outbox ORDER BY id;
            INSERT INTO outbox_entry (destination, ordering_key, method, body, subject, context, state, attempts, last_error,
                created_ms)
            SELECT destination, case_id, method, body, method || ' ' || coalesce(case_id, ''), purpose, 'given_up', attempts,
                rejection, CAST(created_at * 1000 AS INTEGER)
            FROM outbox_rejected ORDER BY id;
            DROP TABLE outbox;
            DROP TABLE outbox_rejected;
            """
    )
}
