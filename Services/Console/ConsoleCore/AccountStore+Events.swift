import GRDB

extension AccountStore {
    /// An entry of the audit trail as stored, with when it happened (Unix ms).
    struct StoredEvent: Sendable, Hashable {
        var at: Int64
        var entry: AccountEventEntry
    }

    /// The newest `limit` entries, of `login` only when given, newest first.
    func events(login: String?, limit: Int) async throws -> [StoredEvent] {
        try await database.read { db in
            let rows: [Row]
            if let login {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM account_event WHERE login = ? ORDER BY id DESC LIMIT ?",
                    arguments: [login, limit]
                )
            } else {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM account_event ORDER BY id DESC LIMIT ?", arguments: [limit])
            }
            return try rows.map { row in
                let kindText: String = row["kind"]
                guard let kind = AccountEventKind(rawValue: kindText) else {
                    throw CorruptData(description: "account_event \(row["id"] as Int64): unknown kind \(kindText)")
                }
                return StoredEvent(
                    at: row["at_ms"],
                    entry: AccountEventEntry(
                        kind: kind, login: row["login"], by: row["by_login"], detail: row["detail"])
                )
            }
        }
    }

    /// Appends `entry` within the transaction of the change it records.
    static func append(_ db: Database, _ entry: AccountEventEntry, now: Int64) throws {
        try db.execute(
            sql: "INSERT INTO account_event (at_ms, kind, login, by_login, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [now, entry.kind.rawValue, entry.login, entry.by, entry.detail]
        )
    }
}
