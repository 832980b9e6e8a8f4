public import Persistence

/// The sla database. Shipped migrations never change; add new ones at the end.
///
/// - `sla_policy`: every policy a clock was started under, as canonical JSON, so that a clock
///   keeps its warnings and reminders when the policy file changes later.
/// - `sla_clock`: one row per clock; `seq` is the scheduler's handle, `next_fire_ms` the instant
///   of its next event (NULL when stopped or when nothing is left to fire).
/// - `sla_event`: every event fired, written in the transaction that advanced its clock (which is
///   what makes it fire once: no unique index on `event_id`, whose random order would cost a
///   random page write per event); also the outbox: `delivered_ms` is set once intake answered.
/// - `sla_calendar_year`: holiday notices loaded by the administrator, replacing shipped years.
public enum SLAMigrations {
    /// Every migration, in order.
    public static let all: [Migration] = [clocks, recomputedDeadlines]

    /// An action item's clock counts its own working days (the meeting's period), so that a
    /// holiday notice recomputes it like a policy's; a recomputation is an event that keeps the
    /// deadline it replaced.
    static let recomputedDeadlines = Migration(
        "2026-12-06-sla-recomputed-deadlines",
        sql: """
            ALTER TABLE sla_clock ADD COLUMN due_working_days INTEGER;
            ALTER TABLE sla_event ADD COLUMN previous_due_ms INTEGER;
            ALTER TABLE sla_event ADD COLUMN provisional INTEGER;
            """
    )

    static let clocks = Migration(
        "2026-12-01-sla-clocks",
        sql: """
            CREATE TABLE sla_policy (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                json TEXT NOT NULL UNIQUE
            );
            CREATE TABLE sla_clock (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                order_id TEXT NOT NULL,
                unit TEXT NOT NULL,
                kind TEXT NOT NULL,
                policy_id INTEGER NOT NULL REFERENCES sla_policy (id),
                cycle INTEGER NOT NULL,
                start_ms INTEGER NOT NULL,
                due_ms INTEGER NOT NULL,
                original_due_ms INTEGER NOT NULL,
                due_source TEXT NOT NULL CHECK (due_source IN ('policy', 'caller', 'extension')),
                provisional INTEGER NOT NULL,
                revision INTEGER NOT NULL DEFAULT 0,
                warnings_handled INTEGER NOT NULL DEFAULT 0,
                warnings_sent INTEGER NOT NULL DEFAULT 0,
                overdue_sent INTEGER NOT NULL DEFAULT 0,
                reminders_handled INTEGER NOT NULL DEFAULT 0,
                reminders_sent INTEGER NOT NULL DEFAULT 0,
                next_fire_ms INTEGER,
                stopped_ms INTEGER,
                stop_reason TEXT NOT NULL DEFAULT '',
                created_ms INTEGER NOT NULL
            );
            CREATE INDEX sla_clock_order ON sla_clock (order_id);
            CREATE INDEX sla_clock_next_fire ON sla_clock (next_fire_ms) WHERE next_fire_ms IS NOT NULL;
            CREATE INDEX sla_clock_open_due ON sla_clock (due_ms) WHERE stopped_ms IS NULL;
            CREATE INDEX sla_clock_open_unit_due ON sla_clock (unit, due_ms) WHERE stopped_ms IS NULL;
            CREATE TABLE sla_event (
                seq INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL,
                clock_seq INTEGER NOT NULL REFERENCES sla_clock (seq),
                event TEXT NOT NULL,
                number INTEGER NOT NULL,
                due_ms INTEGER NOT NULL,
                scheduled_ms INTEGER NOT NULL,
                fired_ms INTEGER NOT NULL,
                delivered_ms INTEGER,
                attempts INTEGER NOT NULL DEFAULT 0,
                outcome TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX sla_event_pending ON sla_event (seq) WHERE delivered_ms IS NULL;
            CREATE TABLE sla_calendar_year (
                year INTEGER PRIMARY KEY,
                json BLOB NOT NULL,
                loaded_ms INTEGER NOT NULL
            );
            """
    )
}
