import Persistence

/// The console database: staff accounts, their sign-in sessions and the audit trail of both.
/// Shipped migrations never change; add new ones at the end.
///
/// Instants are Unix milliseconds, as on the wire. Neither a password nor a session token is ever
/// stored: an account keeps its bcrypt hash, a session the SHA-256 of its token.
enum ConsoleMigrations {
    static let all: [Migration] = [tables]

    static let tables = Migration(
        "2026-12-05-console",
        sql: """
            CREATE TABLE account (
                login TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                phone TEXT NOT NULL,
                email TEXT NOT NULL,
                -- JSON array of role names, sorted, e.g. ["liaison","unit_leader"]
                roles TEXT NOT NULL,
                -- unit code of routing's directory; '' for bureau-wide accounts
                unit TEXT NOT NULL,
                disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
                password_hash TEXT NOT NULL,
                must_change_password INTEGER NOT NULL CHECK (must_change_password IN (0, 1)),
                failed_attempts INTEGER NOT NULL CHECK (failed_attempts >= 0),
                locked_until_ms INTEGER,
                created_ms INTEGER NOT NULL,
                -- the administrator's login, or 'bootstrap'
                created_by TEXT NOT NULL,
                last_sign_in_ms INTEGER,
                updated_ms INTEGER NOT NULL
            );
            CREATE INDEX account_unit ON account (unit);
            CREATE TABLE session (
                -- the public handle, shown in listings and used to revoke
                id TEXT PRIMARY KEY NOT NULL,
                -- hex SHA-256 of the token; the token itself is only ever with its holder
                token_sha256 TEXT NOT NULL UNIQUE,
                login TEXT NOT NULL REFERENCES account (login),
                client TEXT NOT NULL,
                created_ms INTEGER NOT NULL,
                last_seen_ms INTEGER NOT NULL,
                -- the absolute limit; the idle limit follows last_seen_ms and the configuration
                expires_ms INTEGER NOT NULL,
                revoked_ms INTEGER,
                revoked_by TEXT
            );
            CREATE INDEX session_login ON session (login);
            CREATE TABLE account_event (
                id INTEGER PRIMARY KEY,
                at_ms INTEGER NOT NULL,
                kind TEXT NOT NULL,
                -- the account concerned
                login TEXT NOT NULL,
                -- who did it: the account itself, an administrator, or 'bootstrap'
                by_login TEXT NOT NULL,
                detail TEXT NOT NULL
            );
            CREATE INDEX account_event_login ON account_event (login, id);
            """
    )
}
