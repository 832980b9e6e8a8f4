import Foundation
import GRDB
import PlatformAdapter

/// The record of every request that reached an inbound endpoint: the raw body and headers as
/// received, what verifying the signature found, and what became of it. Refused requests are kept
/// too (they changed nothing else), so that a dispute with the platform can be settled from here.
///
/// A request that goes on to intake is kept before it goes (outcome `forwarding`) and its row is
/// updated with the answer afterwards, so that a gateway killed while intake works still has it;
/// any other request is kept once, with its answer.
struct Inbox: Sendable {
    struct Record: Sendable {
        /// The row, once the record is kept.
        var id: Int64?
        var receivedAt: Date
        var endpoint: String
        var appKey: String
        var headers: [String: String]
        var body: [UInt8]
        /// `verified`, or the authentication error code.
        var verification: String
        /// What became of the request:
        /// - `forwarding`: on its way to intake (a row left so: the gateway stopped before it heard);
        /// - `accepted`, `duplicate`: intake stored or had stored the order, or applied the event;
        /// - `uncertain`: intake's answer was lost or not definite, the caller was told to retry;
        /// - otherwise the error code answered (nothing changed).
        var outcome: String
        var httpStatus: Int
        var orderNumber: String?
        var eventID: String?
        var orderID: String?
        /// The platform's id of a shared knowledge-base article.
        var articleID: String?
    }

    static let forwarding = "forwarding"
    static let uncertain = "uncertain"

    let database: DatabasePool

    /// Keeps `record`: a new row, or the update of its row. Returns the row's id.
    @discardableResult
    func keep(_ record: Record) async throws -> Int64 {
        if let id = record.id {
            try await database.write { db in
                try db.execute(
                    sql: "UPDATE inbox SET outcome = ?, http_status = ?, order_number = ?, event_id = ?, order_id = ?, article_id = ? WHERE id = ?",
                    arguments: [record.outcome, record.httpStatus, record.orderNumber, record.eventID, record.orderID, record.articleID, id]
                )
            }
            return id
        }
        let headers = String(decoding: JSONValue.object(record.headers.mapValues(JSONValue.string)).encoded(), as: UTF8.self)
        return try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO inbox (received_at, endpoint, app_key, headers, body, verification, outcome, http_status,
                                       order_number, event_id, order_id, article_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.receivedAt.timeIntervalSince1970, record.endpoint, record.appKey, headers, Data(record.body),
                    record.verification, record.outcome, record.httpStatus, record.orderNumber, record.eventID, record.orderID,
                    record.articleID,
                ]
            )
            return db.lastInsertedRowID
        }
    }

    /// The response stored for an event applied before, if it was.
    func appliedEvent(_ eventID: String) async throws -> (orderNumber: String, response: [UInt8])? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT order_number, response FROM platform_event WHERE event_id = ?", arguments: [eventID]).map {
                (orderNumber: $0["order_number"], response: [UInt8]($0["response"] as Data))
            }
        }
    }

    func recordAppliedEvent(_ eventID: String, orderNumber: String, type: String, response: [UInt8], at now: Date) async throws {
        try await database.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO platform_event (event_id, order_number, type, applied_at, response) VALUES (?, ?, ?, ?, ?)",
                arguments: [eventID, orderNumber, type, now.timeIntervalSince1970, Data(response)]
            )
        }
    }
}
