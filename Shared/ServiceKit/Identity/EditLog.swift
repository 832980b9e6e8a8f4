import Domain
public import Foundation
public import GRDB
public import Identity
public import Persistence

/// The audited edits of a service's reference data (unit directory, key enterprises, knowledge
/// base): who changed what, when. Each edit is written in the transaction of the change itself, so
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
}
