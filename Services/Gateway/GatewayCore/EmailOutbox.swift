import Foundation
import GRDB
import Outbox
import WireProtocol

/// Emails to bureau staff (交办单, reminders, overdue warnings, acknowledgement prompts), written
/// to the shared outbox before `gateway.notify` answers, with the recipients the unit directory
/// named then (none when it could not: they are looked up again when it is sent), and delivered
/// until the SMTP server accepts them.
struct EmailOutbox: Sendable {
    /// The email as stored: the entry's body is this as JSON, its context the recipients.
    struct Mail: Codable, Sendable, Equatable {
        var notificationID: String
        var kind: String
        var orderID: String
        var unit: String
        var subject: String
        var body: String
    }

    let database: DatabasePool

    /// The new entry's id; `nil` when a notification with this id was stored before.
    func enqueue(_ notification: Wire.Notification, recipients: [String], at now: Date) throws -> Int64? {
        let mail = Mail(
            notificationID: notification.notificationId, kind: notification.kind, orderID: notification.orderId,
            unit: notification.unit, subject: notification.subject, body: notification.body
        )
        let entry = OutboxMessage(
            destination: GatewayOutbox.Destination.email.rawValue, method: notification.kind,
            body: Array(try JSONEncoder().encode(mail)),
            deduplicationKey: "email:" + notification.notificationId,
            subject: "\(notification.kind) \(notification.orderId.isEmpty ? notification.unit : notification.orderId)",
            context: recipients.joined(separator: ",")
        )
        return try database.write { db in try OutboxTable.enqueue([entry], at: now.unixMilliseconds, in: db)[0] }
    }

    static func mail(of entry: Outbox.OutboxEntry) throws -> Mail {
        try JSONDecoder().decode(Mail.self, from: Data(entry.message.body))
    }

    static func recipients(of entry: Outbox.OutboxEntry) -> [String] {
        (entry.message.context ?? "").split(separator: ",").map(String.init)
    }

    func setRecipients(_ recipients: [String], of id: Int64) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE outbox_entry SET context = ? WHERE id = ?",
                arguments: [recipients.joined(separator: ","), id])
        }
    }
}
