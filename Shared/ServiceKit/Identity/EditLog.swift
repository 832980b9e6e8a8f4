import Domain
public import Foundation
public import GRDB
public import Identity
public import Persistence

/// The audited edits of a service's reference data (unit directory, key enterprises, knowledge
/// base), and audited reads of personal data (a caller shown in clear): who did what, when. Each edit is written in the transaction of the change itself, so
/// that no change goes unrecorded and no record names a change that did not happen.
public enum EditLog {
    /// The table, for a service's migrations.
    public static let migration = Migration(
        "2026-12-04-edit-log",
        sql: """
            CREATE TABLE edit_event (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                at_ms INTEGER NOT NULL,
                account TEXT NOT NULL,
                name TEXT NOT NULL,
                roles TEXT NOT NULL,
                unit TEXT,
                credential_id TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                detail TEXT NOT NULL
            );
            """
    )

    /// Records that `credential`'s account did `action` to `subject`.
    public static func record(
        _ db: Database,
        by credential: Credential,
        action: String,
        subject: String,
        detail: String = "",
        at: Date = Date()
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO edit_event (at_ms, account, name, roles, unit, credential_id, action, subject, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                Int64((at.timeIntervalSince1970 * 1000).rounded()), credential.account, credential.recordedName,
                credential.roles.sorted().map(\.rawValue).joined(separator: ","), credential.unit, credential.id,
                action, subject, detail,
            ]
        )
    }

    /// One recorded edit or read.
    public struct Entry: Sendable, Equatable {
        public var at: Date
        public var account: String
        public var name: String
        public var roles: [String]
        public var unit: String?
        public var detail: String
    }

    /// What was recorded as `action` on `subject`, oldest first.
    public static func entries(_ db: Database, action: String, subject: String) throws -> [Entry] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT at_ms, account, name, roles, unit, detail FROM edit_event
                WHERE action = ? AND subject = ? ORDER BY sequence
                """,
            arguments: [action, subject]
        ).map { row in
            let roles: String = row["roles"]
            return Entry(
                at: Date(timeIntervalSince1970: Double(row["at_ms"] as Int64) / 1000), account: row["account"],
                name: row["name"],
                roles: roles.split(separator: ",").map(String.init), unit: row["unit"], detail: row["detail"])
        }
    }
}
