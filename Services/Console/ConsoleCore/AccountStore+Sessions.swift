import GRDB
import RPC

extension AccountStore {
    /// Sessions that ended this long ago are deleted at the next sign-in: kept a while for the
    /// audit of who used what, not for ever.
    static let endedSessionRetentionMilliseconds: Int64 = 30 * 86_400_000

    /// Opens `session` (whose token hashes to `tokenDigest`) for the account whose password matched
    /// `verifiedHash`, unless it was locked or its password changed since the check.
    func signIn(
        login: String,
        verifiedHash: String,
        session: SessionRecord,
        tokenDigest: String,
        now: Int64
    ) async throws -> AccountRecord {
        try await database.write { db in
            var record = try Self.require(db, login: login)
            guard record.passwordHash == verifiedHash else { throw ConsoleRefusal.wrongLoginOrPassword }
            if let lockedUntil = record.lockedUntil, record.isLocked(at: now) {
                throw ConsoleRefusal.locked(until: lockedUntil)
            }
            try db.execute(
                sql:
                    "UPDATE account SET failed_attempts = 0, locked_until_ms = NULL, last_sign_in_ms = ? WHERE login = ?",
                arguments: [now, login]
            )
            try db.execute(
                sql: """
                    INSERT INTO session (id, token_sha256, login, client, created_ms, last_seen_ms, expires_ms, revoked_ms, revoked_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)
                    """,
                arguments: [
                    session.id, tokenDigest, login, session.client, session.created, session.lastSeen, session.expires,
                ]
            )
            try Self.append(
                db,
                AccountEventEntry(
                    kind: .signedIn, login: login, by: login, detail: "session \(session.id) with \(session.client)"),
                now: now
            )
            try db.execute(
                sql: "DELETE FROM session WHERE MIN(expires_ms, COALESCE(revoked_ms, expires_ms)) < ?",
                arguments: [now - Self.endedSessionRetentionMilliseconds]
            )
            record.failedAttempts = 0
            record.lockedUntil = nil
            record.lastSignIn = now
            return record
        }
    }

    /// The account and session of the token hashing to `tokenDigest`, with the session's use at
    /// `now` recorded (which slides its idle limit); `unauthenticated` when it is unknown or over.
    func useSession(tokenDigest: String, now: Int64, idleSeconds: Int, maximumSeconds: Int) async throws -> (
        AccountRecord, SessionRecord
    ) {
        try await database.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM session WHERE token_sha256 = ?", arguments: [tokenDigest])
            else {
                throw ConsoleRefusal.unknownSession
            }
            var session = Self.session(row)
            if let ending = session.ending(at: now, idleSeconds: idleSeconds, maximumSeconds: maximumSeconds) {
                throw ConsoleRefusal.ended(ending)
            }
            let account = try Self.require(db, login: session.login)
            // Disabling revokes the sessions; this only guards against a session written meanwhile.
            guard !account.disabled else { throw ConsoleRefusal.disabled }
            try db.execute(sql: "UPDATE session SET last_seen_ms = ? WHERE id = ?", arguments: [now, session.id])
            session.lastSeen = now
            return (account, session)
        }
    }

    /// The sessions of `login` that may still be used at `now`, newest first.
    func openSessions(login: String, now: Int64, idleSeconds: Int, maximumSeconds: Int) async throws -> [SessionRecord]
    {
        let sessions = try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM session WHERE login = ? AND revoked_ms IS NULL ORDER BY created_ms DESC, id",
                arguments: [login]
            ).map(Self.session)
        }
        return sessions.filter { $0.ending(at: now, idleSeconds: idleSeconds, maximumSeconds: maximumSeconds) == nil }
    }

    func session(id: String) async throws -> SessionRecord? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM session WHERE id = ?", arguments: [id]).map(Self.session)
        }
    }

    /// Ends the session `id` (`kind` says whether its holder signed out or someone revoked it); ending
    /// one that has ended already changes nothing.
    func endSession(id: String, login: String, kind: AccountEventKind, by: String, now: Int64) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE session SET revoked_ms = ?, revoked_by = ? WHERE id = ? AND revoked_ms IS NULL",
                arguments: [now, by, id]
            )
            guard db.changesCount > 0 else { return }
            try Self.append(db, AccountEventEntry(kind: kind, login: login, by: by, detail: "session \(id)"), now: now)
        }
    }

    /// Ends every session of `login` but `except`, with one audit entry naming how many.
    static func revokeSessions(_ db: Database, login: String, except: String?, by: String, now: Int64) throws {
        try db.execute(
            sql:
                "UPDATE session SET revoked_ms = ?, revoked_by = ? WHERE login = ? AND revoked_ms IS NULL AND id IS NOT ?",
            arguments: [now, by, login, except]
        )
        let count = db.changesCount
        guard count > 0 else { return }
        let which = except == nil ? "all sessions" : "all other sessions"
        try append(
            db, AccountEventEntry(kind: .sessionRevoked, login: login, by: by, detail: "\(which) (\(count))"), now: now)
    }

    static func session(_ row: Row) -> SessionRecord {
        SessionRecord(
            id: row["id"],
            login: row["login"],
            client: row["client"],
            created: row["created_ms"],
            lastSeen: row["last_seen_ms"],
            expires: row["expires_ms"],
            revoked: row["revoked_ms"]
        )
    }
}
