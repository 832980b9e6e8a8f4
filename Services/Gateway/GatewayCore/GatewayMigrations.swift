import Outbox
import Persistence

/// The gateway database. Shipped migrations never change; add new ones at the end.
enum GatewayMigrations {
    static let all: [Migration] = [
        inbox, outboxes, sharedOutbox, inboxArticles, inboxDigestsAndSealedBodies, outboxTraceContext,
        inboxTraceContext, outboxByDestination,
    ]

    /// Each inbox row keeps the trace of the request's handling at the gateway, so that a message
    /// about the order sent later (the acknowledgement a person gave) links back to its arrival.
    static let inboxTraceContext = Migration(
        "2026-12-07-inbox-trace-context", sql: "ALTER TABLE inbox ADD COLUMN trace_context TEXT;")

    /// The outbox's entries by destination, for the sender's reads (`Shared/Outbox`).
    static let outboxByDestination = Migration(
        "2026-12-07-outbox-by-destination", sql: OutboxTable.destinationIndexMigrationSQL)

    /// Each outbox entry keeps the trace context of the transaction that wrote it (`Shared/Outbox`).
    static let outboxTraceContext = Migration(
        "2026-12-06-outbox-trace-context", sql: OutboxTable.traceContextMigrationSQL)

    /// The inbox keeps a refused request's metadata and digest, not its body (anyone can send one:
    /// issue 16.1), seals an accepted request's body under the gateway's personal-data key
    /// (`Inbox+PersonalData`), and lets the retention purge drop bodies: `body` becomes nullable,
    /// so the table is made anew. The bodies of refused requests are not copied (a flooded inbox
    /// would need its size again on disk to migrate), only their length. Accepted rows from before
    /// have `sealed_with` NULL and their body in clear: the gateway digests and seals them at its
    /// next start.
    static let inboxDigestsAndSealedBodies = Migration(
        "2026-12-06-inbox-digests-and-sealed-bodies",
        sql: """
            CREATE TABLE inbox_sealed (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                received_at REAL NOT NULL,
                source_address TEXT NOT NULL DEFAULT '',
                method TEXT NOT NULL DEFAULT 'POST',
                path TEXT NOT NULL DEFAULT '',
                endpoint TEXT NOT NULL,
                app_key TEXT NOT NULL,
                headers TEXT NOT NULL,
                body BLOB,
                body_encoding TEXT,
                sealed_with TEXT,
                body_sha256 TEXT,
                body_length INTEGER,
                body_purged_at REAL,
                verification TEXT NOT NULL,
                outcome TEXT NOT NULL,
                http_status INTEGER NOT NULL,
                order_number TEXT,
                event_id TEXT,
                order_id TEXT,
                article_id TEXT
            );
            INSERT INTO inbox_sealed (id, received_at, endpoint, app_key, headers, body, body_length, verification, outcome,
                                      http_status, order_number, event_id, order_id, article_id)
            SELECT id, received_at, endpoint, app_key, headers, CASE WHEN verification = 'verified' THEN body END, length(body),
                   verification, outcome, http_status, order_number, event_id, order_id, article_id
            FROM inbox ORDER BY id;
            DROP TABLE inbox;
            ALTER TABLE inbox_sealed RENAME TO inbox;
            CREATE INDEX inbox_received ON inbox (received_at);
            CREATE INDEX inbox_order ON inbox (order_number);
            CREATE INDEX inbox_sealed_with ON inbox (sealed_with);
            """
    )

    /// The platform shares knowledge-base articles too: their requests name the article.
    static let inboxArticles = Migration(
        "2026-12-08-inbox-articles",
        sql: "ALTER TABLE inbox ADD COLUMN article_id TEXT;"
    )

    /// Every request that reached the platform and 12333 endpoints, raw, with what verifying it
    /// found and what became of it; the nonces seen inside the signature window; the events
    /// already applied (idempotency on event ids).
    static let inbox = Migration(
        "2026-11-28-inbox",
        sql: """
            CREATE TABLE inbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                received_at REAL NOT NULL,
                endpoint TEXT NOT NULL,
                app_key TEXT NOT NULL,
                headers TEXT NOT NULL,
                body BLOB NOT NULL,
                verification TEXT NOT NULL,
                outcome TEXT NOT NULL,
                http_status INTEGER NOT NULL,
                order_number TEXT,
                event_id TEXT,
                order_id TEXT
            );
            CREATE INDEX inbox_received ON inbox (received_at);
            CREATE INDEX inbox_order ON inbox (order_number);
            CREATE TABLE nonce (
                app_key TEXT NOT NULL,
                nonce TEXT NOT NULL,
                expires_at REAL NOT NULL,
                PRIMARY KEY (app_key, nonce)
            );
            CREATE INDEX nonce_expiry ON nonce (expires_at);
            CREATE TABLE platform_event (
                event_id TEXT PRIMARY KEY NOT NULL,
                order_number TEXT NOT NULL,
                type TEXT NOT NULL,
                applied_at REAL NOT NULL,
                response BLOB NOT NULL
            );
            """
    )

    /// Messages for the platform and emails, written before the staff action is confirmed and
    /// kept after delivery (state `delivered`) as the record of what was sent.
    static let outboxes = Migration(
        "2026-11-28-outboxes",
        sql: """
            CREATE TABLE platform_outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                message_id TEXT NOT NULL UNIQUE,
                order_id TEXT NOT NULL,
                order_number TEXT NOT NULL,
                kind TEXT NOT NULL,
                path TEXT NOT NULL,
                body BLOB NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT NOT NULL DEFAULT '',
                created_at REAL NOT NULL,
                next_attempt_at REAL,
                delivered_at REAL
            );
            CREATE INDEX platform_outbox_due ON platform_outbox (state, next_attempt_at);
            CREATE INDEX platform_outbox_order ON platform_outbox (order_number, id);
            CREATE TABLE email_outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                notification_id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                order_id TEXT NOT NULL,
                unit TEXT NOT NULL,
                recipients TEXT NOT NULL,
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT NOT NULL DEFAULT '',
                created_at REAL NOT NULL,
                next_attempt_at REAL,
                delivered_at REAL
            );
            CREATE INDEX email_outbox_due ON email_outbox (state, next_attempt_at);
            """
    )

    /// Both outboxes move into the shared outbox table (`Shared/Outbox`), entries and history alike:
    /// a platform message keeps its JSON body, path and order; an email becomes its JSON `Mail`
    /// with the recipients beside it. An entry held after a refusal is given up, as it now says.
    static let sharedOutbox = Migration(
        "2026-12-04-shared-outbox",
        sql: OutboxTable.migrationSQL + """

            INSERT INTO outbox_entry (destination, ordering_key, method, body, deduplication_key, subject, context, state,
                attempts, last_error, created_ms, next_attempt_ms, delivered_ms)
            SELECT 'platform', order_number, kind, body, 'platform:' || message_id, kind || ' ' || order_number, path,
                CASE WHEN state = 'failing' AND next_attempt_at IS NULL THEN 'given_up' ELSE state END, attempts, last_error,
                CAST(created_at * 1000 AS INTEGER), CAST(next_attempt_at * 1000 AS INTEGER), CAST(delivered_at * 1000 AS INTEGER)
            FROM platform_outbox ORDER BY id;
            INSERT INTO outbox_entry (destination, ordering_key, method, body, deduplication_key, subject, context, state,
                attempts, last_error, created_ms, next_attempt_ms, delivered_ms)
            SELECT 'email', NULL, kind,
                CAST(json_object('notificationID', notification_id, 'kind', kind, 'orderID', order_id, 'unit', unit,
                                 'subject', subject, 'body', body) AS BLOB),
                'email:' || notification_id, kind || ' ' || CASE WHEN order_id = '' THEN unit ELSE order_id END, recipients,
                CASE WHEN state = 'failing' AND next_attempt_at IS NULL THEN 'given_up' ELSE state END, attempts, last_error,
                CAST(created_at * 1000 AS INTEGER), CAST(next_attempt_at * 1000 AS INTEGER), CAST(delivered_at * 1000 AS INTEGER)
            FROM email_outbox ORDER BY id;
            DROP TABLE platform_outbox;
            DROP TABLE email_outbox;
            """
    )
}
