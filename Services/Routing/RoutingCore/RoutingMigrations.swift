import Persistence
import ServiceDirectory
import ServiceKit

/// The routing database: the unit directory, the routing rules, the key enterprises. Shipped migrations never
/// change; add new ones at the end.
///
/// The tables start empty: the shipped defaults are seeded by `RoutingStore.seedIfNeeded()` on first start,
/// not here, because a migration's SQL is checksummed and must not change when the defaults do.
enum RoutingMigrations {
    static let all: [Migration] = [tables, EditLog.migration, peopleMovedToAccounts]

    static let tables = Migration(
        "2026-12-01-routing",
        sql: """
            CREATE TABLE unit (
                code TEXT PRIMARY KEY NOT NULL,
                position INTEGER NOT NULL UNIQUE,
                name TEXT NOT NULL,
                level TEXT NOT NULL CHECK (level IN ('desk', 'unit', 'enterprise_help')),
                liaison_name TEXT NOT NULL,
                liaison_email TEXT NOT NULL,
                leader_name TEXT NOT NULL,
                leader_email TEXT NOT NULL,
                deputy_leader_name TEXT NOT NULL,
                deputy_leader_email TEXT NOT NULL,
                -- JSON array of topic strings, e.g. ["wage_arrears","labor_inspection"]
                topics TEXT NOT NULL,
                active INTEGER NOT NULL CHECK (active IN (0, 1)),
                updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            );
            CREATE TABLE routing_rule (
                id TEXT PRIMARY KEY NOT NULL,
                position INTEGER NOT NULL UNIQUE,
                -- JSON arrays of strings
                topics TEXT NOT NULL,
                keywords TEXT NOT NULL,
                units TEXT NOT NULL,
                mode TEXT,
                note TEXT
            );
            CREATE TABLE key_enterprise (
                id INTEGER PRIMARY KEY,
                credit_code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL
            );
            CREATE INDEX key_enterprise_name ON key_enterprise (name);
            -- seeded_at, seed_units_version, rules_version
            CREATE TABLE routing_meta (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            );
            """
    )

    /// The units' liaisons and leaders are the console's staff accounts now (docs/accounts.md): routing keeps
    /// units, not people. Contacts stored before are dropped, not copied: no deployment had real ones yet.
    static let peopleMovedToAccounts = Migration(
        "2026-12-05-unit-people-to-accounts",
        sql: """
            ALTER TABLE unit DROP COLUMN liaison_name;
            ALTER TABLE unit DROP COLUMN liaison_email;
            ALTER TABLE unit DROP COLUMN leader_name;
            ALTER TABLE unit DROP COLUMN leader_email;
            ALTER TABLE unit DROP COLUMN deputy_leader_name;
            ALTER TABLE unit DROP COLUMN deputy_leader_email;
            """
    )
}
