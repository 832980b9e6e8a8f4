import Foundation
import GRDB
import ServiceKit

/// Calls to other services that a change of a case needs — invitations through the gateway, action-item clocks
/// in the SLA service, the compiled reply to intake — written in the transaction of that change and delivered in
/// order per destination until acknowledged, so that a crash or an outage loses none of them. The receiving
/// methods are idempotent (notifications and clocks by id; a repeated draft reply replaces itself).
enum Outbox {
    struct Message: Sendable, Equatable {
        var destination: ServiceName
        var method: String
        var body: [UInt8]
        /// The case the message was written for.
        var caseID: String?
        /// What the delivery means to the case; only ``Purpose/reply`` reports back.
        var purpose: Purpose?
    }

    enum Purpose: String, Sendable {
        /// The compiled reply (`intake.apply` draft_reply): its delivery is shown on the case.
        case reply
    }

    /// A message waiting in the outbox.
    struct Entry: Sendable {
        var id: Int64
        var message: Message
    }

    static func enqueue(_ messages: [Message], at time: Date, in db: Database) throws {
        for message in messages {
            try db.execute(
                sql: "INSERT INTO outbox (destination, method, body, case_id, purpose, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    message.destination.rawValue, message.method, Data(message.body), message.caseID,
                    message.purpose?.rawValue, time.timeIntervalSince1970,
                ]
            )
        }
    }

    /// Messages for `destination` not yet delivered, oldest first.
    static func pending(to destination: ServiceName, limit: Int, in db: Database) throws -> [Entry] {
        try Row.fetchAll(
            db,
            sql: "SELECT id, method, body, case_id, purpose FROM outbox WHERE destination = ? ORDER BY id LIMIT ?",
            arguments: [destination.rawValue, limit]
        ).map { row in
            Entry(
                id: row["id"],
                message: Message(
                    destination: destination, method: row["method"], body: [UInt8](row["body"] as Data), caseID: row["case_id"],
                    purpose: (row["purpose"] as String?).flatMap(Purpose.init(rawValue:))
                )
            )
        }
    }

    /// Moves a message the receiver refused for good aside, where it stays visible without blocking the rest.
    static func reject(_ id: Int64, because error: String, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO outbox_rejected (id, destination, method, body, case_id, purpose, created_at, attempts, last_error, rejection)
                SELECT id, destination, method, body, case_id, purpose, created_at, attempts, last_error, ? FROM outbox WHERE id = ?
                """,
            arguments: [error, id]
        )
        try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [id])
    }
}
