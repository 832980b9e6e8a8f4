import Outbox
import Persistence
import ServiceDirectory
import ServiceKit

/// The intake database. Shipped migrations never change; add new ones at the end.
enum IntakeMigrations {
    static let all: [Migration] = [
        orders, knowledgeBase, outbox, outboxDestination, assessment, assessmentTallies, appliedRequests, sharedOutbox,
        EditLog.migration, editLogBySubject, knowledgeBaseWithoutTrigrams, knowledgeBaseShared,
        openAcknowledgementFacts,
        personalDataSealed, orderUnitByOrder, outboxTraceContext, outboxByDestination, orderParent,
        duplicateByOther,
    ]

    /// A probable duplicate is recorded on the newer order; the older one finds its later repeats
    /// through this index (the order's page and the queue's mark show both).
    static let duplicateByOther = Migration(
        "2026-12-07-duplicate-by-other",
        sql: "CREATE INDEX probable_duplicate_other ON probable_duplicate (other_id);"
    )

    /// The order each order is merged into, as a column: a parent's reply went looking for its
    /// merged orders by decoding every merged order ever stored, a cost that grew with the table
    /// (#18.4). Orders merged before this keep theirs, read from their JSON.
    static let orderParent = Migration(
        "2026-12-07-order-parent",
        sql: """
            ALTER TABLE work_order ADD COLUMN parent_order_id TEXT;
            UPDATE work_order SET parent_order_id = json_extract(body, '$.parentOrderID') WHERE state = 'merged';
            CREATE INDEX work_order_parent ON work_order (parent_order_id) WHERE parent_order_id IS NOT NULL;
            """
    )

    /// The outbox's entries by destination, for the sender's reads (`Shared/Outbox`).
    static let outboxByDestination = Migration(
        "2026-12-07-outbox-by-destination", sql: OutboxTable.destinationIndexMigrationSQL)

    /// Each outbox entry keeps the trace context of the transaction that wrote it (`Shared/Outbox`).
    static let outboxTraceContext = Migration(
        "2026-12-06-outbox-trace-context", sql: OutboxTable.traceContextMigrationSQL)

    /// Each order event rewrites the order's units by `order_id`, which the primary key
    /// `(unit, order_id)` cannot find: without this index that delete read the whole table, a cost
    /// that grew with every order stored (#18: 72 ms an event at a million orders).
    static let orderUnitByOrder = Migration(
        "2026-12-06-order-unit-by-order",
        sql: "CREATE INDEX work_order_unit_order ON work_order_unit (order_id);"
    )

    /// Callers' phones are kept as keyed hashes and their personal data sealed (`OrderStore+PersonalData`):
    /// the phone columns are renamed for what they now hold, `sealed_with` names the key of each
    /// order (NULL: still in clear, sealed at the next start), and a profile keeps the masked phone
    /// that reports show beside the hash they group by.
    static let personalDataSealed = Migration(
        "2026-12-06-personal-data-sealed",
        sql: """
            ALTER TABLE work_order RENAME COLUMN caller_phone TO caller_phone_hash;
            ALTER TABLE work_order ADD COLUMN sealed_with TEXT;
            CREATE INDEX work_order_sealed_with ON work_order (sealed_with);
            ALTER TABLE order_profile RENAME COLUMN caller_phone TO caller_phone_hash;
            ALTER TABLE order_profile ADD COLUMN caller_shown TEXT NOT NULL DEFAULT '';
            """
    )

    /// The knowledge base is shared with the 12345 platform (docs/platform-api.md): each article
    /// names its source (the bureau's own, or the platform's, read-only), its revision and when it
    /// was made (the platform hears each revision once, and a re-push of one changes nothing),
    /// and when it was retired (kept on record, answering nothing).
    static let knowledgeBaseShared = Migration(
        "2026-12-06-knowledge-base-shared",
        sql: """
            ALTER TABLE kb_article ADD COLUMN source TEXT NOT NULL DEFAULT 'bureau';
            ALTER TABLE kb_article ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE kb_article ADD COLUMN updated_at_ms INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE kb_article ADD COLUMN retired_at_ms INTEGER;
            """
    )

    /// An order past its acknowledgement deadline is overdue now until someone acknowledges it
    /// (its `acknowledged_late` fact's `until`); found like open handling deadlines.
    static let openAcknowledgementFacts = Migration(
        "2026-12-06-open-acknowledgement-facts",
        sql: "CREATE INDEX order_fact_open_acknowledgement ON order_fact (until) WHERE kind = 'acknowledged_late';"
    )

    /// The knowledge base is searched by subject terms of any length (`SubjectTerms`), which a
    /// trigram index cannot match under three characters: the index and its triggers go.
    static let knowledgeBaseWithoutTrigrams = Migration(
        "2026-12-05-knowledge-base-without-trigrams",
        sql: """
            DROP TRIGGER kb_article_insert;
            DROP TRIGGER kb_article_delete;
            DROP TRIGGER kb_article_update;
            DROP TABLE kb_article_fts;
            """
    )

    /// An order page reads who saw its caller in clear from the edit log, by subject.
    static let editLogBySubject = Migration(
        "2026-12-05-edit-log-by-subject",
        sql: "CREATE INDEX edit_event_subject ON edit_event (subject, action);"
    )

    static let orders = Migration(
        "2026-11-27-orders",
        sql: """
            CREATE TABLE work_order (
                id TEXT PRIMARY KEY NOT NULL,
                channel TEXT NOT NULL,
                platform_order_number TEXT NOT NULL,
                state TEXT NOT NULL,
                urgency TEXT NOT NULL,
                kind TEXT NOT NULL,
                topic TEXT NOT NULL,
                caller_phone TEXT NOT NULL,
                enterprise_code TEXT,
                received_at REAL NOT NULL,
                handling_deadline REAL,
                body TEXT NOT NULL,
                UNIQUE (channel, platform_order_number)
            );
            CREATE INDEX work_order_received ON work_order (received_at);
            CREATE INDEX work_order_state ON work_order (state);
            CREATE INDEX work_order_phone ON work_order (caller_phone, received_at);
            CREATE INDEX work_order_enterprise ON work_order (enterprise_code, received_at);
            CREATE TABLE work_order_unit (
                order_id TEXT NOT NULL REFERENCES work_order (id),
                unit TEXT NOT NULL,
                PRIMARY KEY (unit, order_id)
            );
            CREATE TABLE order_event (
                order_id TEXT NOT NULL REFERENCES work_order (id),
                sequence INTEGER NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (order_id, sequence)
            );
            -- The log is append-only: history is never rewritten, also not by a bug.
            CREATE TRIGGER order_event_no_update BEFORE UPDATE ON order_event
                BEGIN SELECT RAISE(ABORT, 'order_event is append-only'); END;
            CREATE TRIGGER order_event_no_delete BEFORE DELETE ON order_event
                BEGIN SELECT RAISE(ABORT, 'order_event is append-only'); END;
            CREATE TABLE probable_duplicate (
                order_id TEXT NOT NULL REFERENCES work_order (id),
                other_id TEXT NOT NULL REFERENCES work_order (id),
                similarity REAL NOT NULL,
                PRIMARY KEY (order_id, other_id)
            );
            CREATE TABLE recorded_clock_event (
                event_id TEXT PRIMARY KEY NOT NULL,
                order_id TEXT NOT NULL
            );
            """
    )

    static let knowledgeBase = Migration(
        "2026-11-27-knowledge-base",
        sql: """
            CREATE TABLE kb_article (
                id TEXT PRIMARY KEY NOT NULL,
                question TEXT NOT NULL,
                answer TEXT NOT NULL,
                policy_basis TEXT NOT NULL,
                tags TEXT NOT NULL,
                valid_from TEXT NOT NULL,
                valid_to TEXT NOT NULL
            );
            -- Trigram tokens find Chinese words without a word segmenter (SQLite 3.34+).
            CREATE VIRTUAL TABLE kb_article_fts USING fts5(
                question, answer, tags, content='kb_article', content_rowid='rowid', tokenize='trigram'
            );
            CREATE TRIGGER kb_article_insert AFTER INSERT ON kb_article BEGIN
                INSERT INTO kb_article_fts (rowid, question, answer, tags)
                VALUES (new.rowid, new.question, new.answer, new.tags);
            END;
            CREATE TRIGGER kb_article_delete AFTER DELETE ON kb_article BEGIN
                INSERT INTO kb_article_fts (kb_article_fts, rowid, question, answer, tags)
                VALUES ('delete', old.rowid, old.question, old.answer, old.tags);
            END;
            CREATE TRIGGER kb_article_update AFTER UPDATE ON kb_article BEGIN
                INSERT INTO kb_article_fts (kb_article_fts, rowid, question, answer, tags)
                VALUES ('delete', old.rowid, old.question, old.answer, old.tags);
                INSERT INTO kb_article_fts (rowid, question, answer, tags)
                VALUES (new.rowid, new.question, new.answer, new.tags);
            END;
            """
    )

    /// Calls to other services (the SLA clocks of an order) written in the same transaction as the
    /// change that needs them, and delivered in order until acknowledged.
    static let outbox = Migration(
        "2026-11-27-outbox",
        sql: """
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                method TEXT NOT NULL,
                body BLOB NOT NULL,
                created_at REAL NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT
            );
            CREATE TABLE outbox_rejected (
                id INTEGER PRIMARY KEY,
                method TEXT NOT NULL,
                body BLOB NOT NULL,
                created_at REAL NOT NULL,
                attempts INTEGER NOT NULL,
                last_error TEXT,
                rejection TEXT NOT NULL
            );
            """
    )

    /// The outbox also carries calls to the gateway (platform messages, notifications): each row
    /// names the service it goes to; rows written before this migration went to SLA.
    static let outboxDestination = Migration(
        "2026-11-28-outbox-destination",
        sql: """
            ALTER TABLE outbox ADD COLUMN destination TEXT NOT NULL DEFAULT 'sla';
            ALTER TABLE outbox_rejected ADD COLUMN destination TEXT NOT NULL DEFAULT 'sla';
            CREATE INDEX outbox_destination ON outbox (destination, id);
            """
    )

    /// The assessment's projection of the event logs (docs/assessment.md): a profile per order and
    /// its dated facts, rewritten with every event, so that a month's report sums index entries
    /// instead of replaying a million logs. `order_rowid` is `work_order.rowid`. The projection is
    /// rebuilt from the logs whenever `assessment_state.fingerprint` differs from the rules in force.
    static let assessment = Migration(
        "2026-11-27-assessment",
        sql: """
            CREATE TABLE order_profile (
                order_rowid INTEGER PRIMARY KEY,
                order_id TEXT NOT NULL,
                platform_order_number TEXT NOT NULL,
                unit TEXT NOT NULL,
                day INTEGER NOT NULL,
                channel TEXT NOT NULL,
                urgency TEXT NOT NULL,
                kind TEXT NOT NULL,
                topic TEXT NOT NULL,
                enterprise_code TEXT,
                enterprise_name TEXT,
                caller_phone TEXT NOT NULL,
                reopen_count INTEGER NOT NULL
            );
            CREATE INDEX order_profile_day ON order_profile (day, unit, channel, urgency, kind, topic);
            CREATE INDEX order_profile_reopens ON order_profile (reopen_count);
            CREATE TABLE order_fact (
                order_rowid INTEGER NOT NULL,
                kind TEXT NOT NULL,
                day INTEGER NOT NULL,
                at REAL NOT NULL,
                until REAL,
                unit TEXT NOT NULL,
                value REAL NOT NULL,
                amount REAL NOT NULL,
                label TEXT NOT NULL
            );
            -- Covers the tallies: a month is one range scan of this index, no table lookups.
            CREATE INDEX order_fact_day ON order_fact (day, unit, kind, label, value, amount, at);
            CREATE INDEX order_fact_kind ON order_fact (kind, at);
            CREATE INDEX order_fact_order ON order_fact (order_rowid);
            CREATE TABLE order_keyword (
                order_rowid INTEGER NOT NULL,
                day INTEGER NOT NULL,
                keyword TEXT NOT NULL
            );
            CREATE INDEX order_keyword_day ON order_keyword (day, keyword);
            CREATE INDEX order_keyword_order ON order_keyword (order_rowid);
            CREATE TABLE assessment_state (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            );
            CREATE TABLE digest_sent (
                day TEXT PRIMARY KEY NOT NULL,
                sent_at REAL NOT NULL,
                units INTEGER NOT NULL
            );
            """
    )

    /// Daily sums of the facts (what a report adds up), kept with the facts, so that a month is
    /// a few thousand rows rather than a scan of 600,000 facts; and the indexes of the report's
    /// other queries (docs/PERFORMANCE.md, assessment).
    static let assessmentTallies = Migration(
        "2026-11-27-assessment-tallies",
        sql: """
            CREATE TABLE fact_tally (
                day INTEGER NOT NULL,
                unit TEXT NOT NULL,
                kind TEXT NOT NULL,
                label TEXT NOT NULL,
                count INTEGER NOT NULL,
                value REAL NOT NULL,
                amount REAL NOT NULL,
                PRIMARY KEY (day, unit, kind, label)
            ) WITHOUT ROWID;
            INSERT INTO fact_tally (day, unit, kind, label, count, value, amount)
                SELECT day, unit, kind, CASE WHEN kind IN ('callback', 'reopened') THEN label ELSE '' END, count(*), total(value), total(amount)
                FROM order_fact GROUP BY 1, 2, 3, 4;
            DROP INDEX order_fact_kind;
            CREATE INDEX order_fact_kind ON order_fact (kind, at, label);
            CREATE INDEX order_fact_open_overdue ON order_fact (until) WHERE kind = 'overdue';
            CREATE INDEX order_profile_caller ON order_profile (day, caller_phone);
            CREATE INDEX order_profile_enterprise ON order_profile (day, enterprise_code) WHERE enterprise_code IS NOT NULL;
            """
    )

    /// The idempotency keys of applied actions and the event each produced, so that a caller's
    /// retry after a lost answer gets the first answer instead of a second event.
    static let appliedRequests = Migration(
        "2026-11-28-applied-requests",
        sql: """
            CREATE TABLE applied_request (
                key TEXT PRIMARY KEY NOT NULL,
                order_id TEXT NOT NULL,
                sequence INTEGER NOT NULL
            ) WITHOUT ROWID;
            """
    )

    /// The outbox moves into the shared outbox table (`Shared/Outbox`): entries waiting go on, ordered per
    /// order; those the receiver refused are kept there as given up. `stuck_order` remembers which orders
    /// raised the alarm of not leaving `received` in time (``StuckOrderWatch``), so that each raises it once.
    static let sharedOutbox = Migration(
        "2026-12-04-shared-outbox",
        sql: OutboxTable.migrationSQL + """

            INSERT INTO outbox_entry (destination, method, body, subject, state, attempts, last_error, created_ms, next_attempt_ms)
            SELECT destination, method, body, method, 'pending', attempts, coalesce(last_error, ''),
                CAST(created_at * 1000 AS INTEGER), CAST(created_at * 1000 AS INTEGER)
            FROM outbox ORDER BY id;
            INSERT INTO outbox_entry (destination, method, body, subject, state, attempts, last_error, created_ms)
            SELECT destination, method, body, method, 'given_up', attempts, rejection, CAST(created_at * 1000 AS INTEGER)
            FROM outbox_rejected ORDER BY id;
            DROP TABLE outbox;
            DROP TABLE outbox_rejected;
            CREATE TABLE stuck_order (
                order_id TEXT PRIMARY KEY NOT NULL REFERENCES work_order (id),
                noticed_at REAL NOT NULL
            );
            """
    )
}
