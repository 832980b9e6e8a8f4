import Domain
import Foundation
import GRDB

/// Coordination cases and their append-only event logs in the coordination database.
///
/// Every change of a case, the event that explains it, its derived index rows and the outbox messages it needs
/// are written in one transaction.
struct CaseStore: Sendable {
    let database: DatabasePool

    /// How the compiled reply's hand-over to intake went.
    enum ReplyDelivery: String, Sendable {
        case pending
        case delivered
        case rejected
    }

    /// A case with what the store knows besides the case itself.
    struct Record: Sendable {
        var coordination: CoordinationCase
        var replyDelivery: ReplyDelivery?
        var replyError: String?
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    // MARK: Reading

    static func record(id: String, in db: Database) throws -> Record? {
        let row = try Row.fetchOne(
            db, sql: "SELECT body, reply_delivery, reply_error FROM coordination_case WHERE id = ?", arguments: [id])
        return try row.map(record(from:))
    }

    static func coordination(id: String, in db: Database) throws -> CoordinationCase? {
        try record(id: id, in: db)?.coordination
    }

    /// The latest case of an order, active or not.
    static func latest(orderID: String, in db: Database) throws -> Record? {
        let row = try Row.fetchOne(
            db,
            sql:
                "SELECT body, reply_delivery, reply_error FROM coordination_case WHERE order_id = ? ORDER BY opened_at DESC, id DESC LIMIT 1",
            arguments: [orderID]
        )
        return try row.map(record(from:))
    }

    /// The case of an order that is neither compiled nor cancelled, if any: an order has at most one.
    static func active(orderID: String, in db: Database) throws -> CoordinationCase? {
        let body = try String.fetchOne(
            db,
            sql:
                "SELECT body FROM coordination_case WHERE order_id = ? AND state NOT IN ('compiled', 'cancelled') LIMIT 1",
            arguments: [orderID]
        )
        return try body.map { try decoder.decode(CoordinationCase.self, from: Data($0.utf8)) }
    }

    static func events(caseID: String, in db: Database) throws -> [CoordinationEvent] {
        try String.fetchAll(
            db, sql: "SELECT body FROM case_event WHERE case_id = ? ORDER BY sequence", arguments: [caseID]
        )
        .map { try decoder.decode(CoordinationEvent.self, from: Data($0.utf8)) }
    }

    static func record(from row: Row) throws -> Record {
        let body: String = row["body"]
        let delivery: String? = row["reply_delivery"]
        return Record(
            coordination: try decoder.decode(CoordinationCase.self, from: Data(body.utf8)),
            replyDelivery: delivery.flatMap(ReplyDelivery.init(rawValue:)),
            replyError: row["reply_error"]
        )
    }

    // MARK: Writing

    /// The next case id of the day (Asia/Shanghai): `CC-20261127-001`, `CC-20261127-002`, … Called inside the
    /// writing transaction, so that two openings never get the same number.
    static func nextID(at time: Date, in db: Database) throws -> String {
        let day = LocalDate(containing: time).description.replacingOccurrences(of: "-", with: "")
        let prefix = "CC-\(day)-"
        let count =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM coordination_case WHERE id >= ? AND id < ?",
                arguments: [prefix, prefix + "~"]
            ) ?? 0
        let number = String(count + 1)
        return prefix + String(repeating: "0", count: max(0, 3 - number.count)) + number
    }

    static func insert(_ coordination: CoordinationCase, event: CoordinationEvent, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO coordination_case (id, order_id, state, track, lead_unit, opened_at, updated_at, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                coordination.id, coordination.orderID, coordination.state.rawValue, coordination.track.rawValue,
                coordination.leadUnit, coordination.openedAt.timeIntervalSince1970,
                coordination.updatedAt.timeIntervalSince1970, try body(of: coordination),
            ]
        )
        for unit in Set(coordination.units) {
            try db.execute(
                sql: "INSERT INTO case_unit (case_id, unit) VALUES (?, ?)", arguments: [coordination.id, unit])
        }
        try append(event, in: db)
    }

    /// Saves `coordination` as changed by `event`, rebuilds its index rows and appends the event to its log.
    static func save(_ coordination: CoordinationCase, appending event: CoordinationEvent, in db: Database) throws {
        try db.execute(
            sql: "UPDATE coordination_case SET state = ?, updated_at = ?, body = ? WHERE id = ?",
            arguments: [
                coordination.state.rawValue, coordination.updatedAt.timeIntervalSince1970, try body(of: coordination),
                coordination.id,
            ]
        )
        try db.execute(sql: "DELETE FROM pending_meeting WHERE case_id = ?", arguments: [coordination.id])
        for meeting in coordination.meetings where meeting.isPending {
            try db.execute(
                sql:
                    "INSERT INTO pending_meeting (meeting_id, case_id, starts_at, ends_at, units) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    meeting.id, coordination.id, meeting.start.timeIntervalSince1970, meeting.end.timeIntervalSince1970,
                    meeting.invitedUnits.joined(separator: ","),
                ]
            )
        }
        try db.execute(sql: "DELETE FROM open_action_item WHERE case_id = ?", arguments: [coordination.id])
        for item in coordination.actionItems where item.state == .open {
            try db.execute(
                sql: "INSERT INTO open_action_item (item_id, case_id, owner_unit, due_at) VALUES (?, ?, ?, ?)",
                arguments: [item.id, coordination.id, item.ownerUnit, item.due.timeIntervalSince1970]
            )
        }
        try append(event, in: db)
    }

    static func setReplyDelivery(_ delivery: ReplyDelivery, error: String? = nil, caseID: String, in db: Database)
        throws
    {
        try db.execute(
            sql: "UPDATE coordination_case SET reply_delivery = ?, reply_error = ? WHERE id = ?",
            arguments: [delivery.rawValue, error, caseID]
        )
    }

    private static func append(_ event: CoordinationEvent, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO case_event (case_id, sequence, body) VALUES (?, ?, ?)",
            arguments: [event.caseID, event.sequence, String(decoding: try encoder.encode(event), as: UTF8.self)]
        )
    }

    private static func body(of coordination: CoordinationCase) throws -> String {
        String(decoding: try encoder.encode(coordination), as: UTF8.self)
    }
}
