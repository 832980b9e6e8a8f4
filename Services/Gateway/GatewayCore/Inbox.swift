import Foundation
import GRDB
import PlatformAdapter

/// The record of every request that reached an inbound endpoint: the raw body and headers as
/// received, what verifying the signature found, and what became of it. Refused requests are kept
/// too (they changed nothing else), so that a dispute with the platform can be settled from here.
struct Inbox: Sendable {
    struct Record: Sendable {
        var receivedAt: Date
        var endpoint: String
        var appKey: String
        var headers: [String: String]
        var body: [UInt8]
        /// `verified`, or the authentication error code.
        var verification: String
        /// `accepted`, `duplicate`, or the error code answered.
        var outcome: String
        var httpStatus: Int
        var orderNumber: String?
        var eventID: String?
        var orderID: String?
    }

    let database: DatabasePool

    func record(_ record: Record) throws {
        let headers = String(decoding: JSONValue.object(record.headers.mapValues(JSONValue.string)).encoded(), as: UTF8.self)
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO inbox (received_at, endpoint, app_key, headers, body, verification, outcome, http_status,
                                       order_number, event_id, order_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.receivedAt.timeIntervalSince1970, record.endpoint, record.appKey, headers, Data(record.body),
                    record.verification, record.outcome, record.httpStatus, record.orderNumber, record.eventID, record.orderID,
                ]
            )
        }
    }

    /// The response stored for an event applied before, if it was.
    func appliedEvent(_ eventID: String) throws -> (orderNumber: String, response: [UInt8])? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT order_number, response FROM platform_event WHERE event_id = ?", arguments: [eventID]).map {
                (orderNumber: $0["order_number"], response: [UInt8]($0["response"] as Data))
            }
        }
    }

    func recordAppliedEvent(_ eventID: String, orderNumber: String, type: String, response: [UInt8], at now: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO platform_event (event_id, order_number, type, applied_at, response) VALUES (?, ?, ?, ?, ?)",
                arguments: [eventID, orderNumber, type, now.timeIntervalSince1970, Data(response)]
            )
        }
    }
}
