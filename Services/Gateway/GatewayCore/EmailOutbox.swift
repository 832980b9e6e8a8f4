import Foundation
import GRDB
import WireProtocol

/// Emails to bureau staff (交办单, reminders, overdue warnings, acknowledgement prompts), stored
/// before `gateway.notify` answers, with the recipients the unit directory named then (none when it
/// could not: the entry is then failing until the directory is fixed and it is retried), and
/// delivered until the SMTP server accepts them.
struct EmailOutbox: Sendable {
    struct Entry: Sendable, Equatable {
        var id: Int64
        var notificationID: String
        var kind: String
        var unit: String
        var recipients: [String]
        var subject: String
        var body: String
        var createdAt: Date
    }

    let database: DatabasePool
    let table = OutboxTable(name: .email)

    /// The new entry's id; `nil` when a notification with this id was stored before.
    func enqueue(_ notification: WireProtocol.Notification, recipients: [String], at now: Date) throws -> Int64? {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO email_outbox (notification_id, kind, order_id, unit, recipients, subject, body, state, created_at, next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                    """,
                arguments: [
                    notification.notificationId, notification.kind, notification.orderId, notification.unit, recipients.joined(separator: ","),
                    notification.subject, notification.body, now.timeIntervalSince1970, now.timeIntervalSince1970,
                ]
            )
            return db.changesCount == 1 ? db.lastInsertedRowID : nil
        }
    }

    func setRecipients(_ recipients: [String], of id: Int64, in db: Database) throws {
        try db.execute(sql: "UPDATE email_outbox SET recipients = ? WHERE id = ?", arguments: [recipients.joined(separator: ","), id])
    }

    func due(at now: Date, limit: Int) throws -> [Entry] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, notification_id, kind, unit, recipients, subject, body, created_at FROM email_outbox
                    WHERE state != 'delivered' AND next_attempt_at IS NOT NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?
                    """,
                arguments: [now.timeIntervalSince1970, limit]
            ).map {
                Entry(
                    id: $0["id"], notificationID: $0["notification_id"], kind: $0["kind"], unit: $0["unit"],
                    recipients: ($0["recipients"] as String).split(separator: ",").map(String.init),
                    subject: $0["subject"], body: $0["body"], createdAt: Date(timeIntervalSince1970: $0["created_at"])
                )
            }
        }
    }
}
