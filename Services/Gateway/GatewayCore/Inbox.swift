import Foundation
import GRDB
import Persistence
import PersonalData
import PlatformAdapter
import Traces

/// The record of every request that reached an inbound endpoint: when and from where it came,
/// its headers, a digest of its body, what verifying the signature found, and what became of it.
/// Refused requests are kept too (they changed nothing else), so that a dispute with the platform
/// can be settled from here.
///
/// Only an authenticated request keeps its body, sealed with the gateway's personal-data key
/// (`Inbox+PersonalData`) until the retention purge drops it: anyone can send a request that
/// fails authentication, and its body would fill the disk (issue 16.1) and hold whatever it
/// claims in clear. Such a request keeps its metadata and the SHA-256 of its body.
///
/// A request that goes on to intake is kept before it goes (outcome `forwarding`) and its row is
/// updated with the answer afterwards, so that a gateway killed while intake works still has it;
/// any other request is kept once, with its answer.
struct Inbox: Sendable {
    struct Record: Sendable {
        /// The row, once the record is kept.
        var id: Int64?
        var receivedAt: Date
        /// The peer's IP address (the reverse proxy's, behind one).
        var sourceAddress: String = ""
        var method: String = "POST"
        /// The request target as sent (path and query).
        var path: String = ""
        var endpoint: String
        /// The app key the request names: claimed, until `verification` says `verified`.
        var appKey: String
        var headers: [String: String]
        /// `nil` when it was not read (larger than the limit).
        var body: [UInt8]?
        /// `verified`, or the authentication error code: why the request was refused.
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
        /// The trace of the request's handling here (`TracePropagation.text(of:)`).
        var traceContext: String?

        /// Whether the body is kept: only a request that passed authentication.
        var keepsBody: Bool { verification == Inbox.verified && body != nil }
    }

    static let forwarding = "forwarding"
    static let uncertain = "uncertain"
    static let verified = "verified"

    let database: DatabasePool
    /// The gateway's key ring, sealing the bodies kept.
    let personalData: PersonalDataKeys
    /// Every push writes its row twice (kept before forwarding, updated with the answer): the
    /// rows of concurrent pushes share commits (issue 18).
    let writer: GroupCommitWriter

    init(database: DatabasePool, personalData: PersonalDataKeys, writer: GroupCommitWriter? = nil) {
        self.database = database
        self.personalData = personalData
        self.writer = writer ?? GroupCommitWriter(pool: database)
    }

    /// Keeps `record`: a new row, or the update of its row. Returns the row's id.
    @discardableResult
    func keep(_ record: Record) async throws -> Int64 {
        if let id = record.id {
            try await writer.write { db in
                try db.cachedStatement(
                    sql:
                        "UPDATE inbox SET outcome = ?, http_status = ?, order_number = ?, event_id = ?, order_id = ?, article_id = ? WHERE id = ?"
                ).execute(
                    arguments: [
                        record.outcome, record.httpStatus, record.orderNumber, record.eventID, record.orderID,
                        record.articleID, id,
                    ]
                )
            }
            return id
        }
        let headers = String(
            decoding: JSONValue.object(record.headers.mapValues(JSONValue.string)).encoded(), as: UTF8.self)
        return try await writer.write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO inbox (received_at, source_address, method, path, endpoint, app_key, headers, body_sha256, body_length,
                                       verification, outcome, http_status, order_number, event_id, order_id, article_id,
                                       trace_context)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    record.receivedAt.timeIntervalSince1970, record.sourceAddress, record.method, record.path,
                    record.endpoint,
                    record.appKey, headers, record.body.map(PlatformSignature.bodyDigest), record.body?.count,
                    record.verification, record.outcome, record.httpStatus, record.orderNumber, record.eventID,
                    record.orderID,
                    record.articleID, record.traceContext,
                ]
            )
            let id = db.lastInsertedRowID
            // Sealed in the same transaction, once the row has the id its context names.
            if record.keepsBody, let body = record.body { try storeSealed(body, row: id, in: db) }
            return id
        }
    }

    /// The trace of the push that brought order `number` in, as headers; empty when there is none
    /// (an order from before traces were kept, or one that never came through this gateway).
    func arrivalTrace(ofOrder number: String) throws -> [String: String] {
        let text = try database.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT trace_context FROM inbox
                    WHERE order_number = ? AND endpoint IN (?, ?) AND outcome = 'accepted' AND trace_context IS NOT NULL
                    ORDER BY id LIMIT 1
                    """,
                arguments: [
                    number, InboundDesk.Endpoint.platformOrder.name, InboundDesk.Endpoint.hotline12333Order.name,
                ]
            )
        }
        return TracePropagation.headers(fromText: text)
    }

    /// The response stored for an event applied before, if it was.
    func appliedEvent(_ eventID: String) async throws -> (orderNumber: String, response: [UInt8])? {
        try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT order_number, response FROM platform_event WHERE event_id = ?", arguments: [eventID]
            ).map {
                (orderNumber: $0["order_number"], response: [UInt8]($0["response"] as Data))
            }
        }
    }

    func recordAppliedEvent(_ eventID: String, orderNumber: String, type: String, response: [UInt8], at now: Date)
        async throws
    {
        try await writer.write { db in
            try db.execute(
                sql:
                    "INSERT OR IGNORE INTO platform_event (event_id, order_number, type, applied_at, response) VALUES (?, ?, ?, ?, ?)",
                arguments: [eventID, orderNumber, type, now.timeIntervalSince1970, Data(response)]
            )
        }
    }
}
