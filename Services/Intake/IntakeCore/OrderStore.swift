import Domain
import Foundation
import GRDB
import Persistence
import PersonalData
import WireProtocol

/// Work orders and their append-only event logs in the intake database.
///
/// An order row keeps the whole order as JSON plus the columns that queries filter on; every
/// change of an order and the event that explains it are written in one transaction. The
/// caller's name, phone and ID number are sealed in that JSON (`OrderStore+PersonalData`), and
/// the phone is searched by its keyed hash.
struct OrderStore: Sendable {
    let database: DatabasePool
    let personalData: PersonalDataKeys
    /// The writes of arriving orders, which share commits with the orders arriving beside them.
    let writer: GroupCommitWriter

    init(database: DatabasePool, personalData: PersonalDataKeys, writer: GroupCommitWriter? = nil) {
        self.database = database
        self.personalData = personalData
        self.writer = writer ?? GroupCommitWriter(pool: database)
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

    func order(id: String) throws -> WorkOrder? {
        try database.read { db in try order(id: id, in: db) }
    }

    func order(id: String, in db: Database) throws -> WorkOrder? {
        guard
            let body = try String.fetchOne(
                db.cachedStatement(sql: "SELECT body FROM work_order WHERE id = ?"), arguments: [id])
        else {
            return nil
        }
        return try order(stored: body)
    }

    /// The orders merged into `parentID` (并单) and still merged, in the order they were stored. Found
    /// through their parent whatever the statistics say: the merged state holds every merged order
    /// ever stored.
    func mergedChildren(of parentID: String, in db: Database) throws -> [WorkOrder] {
        try String.fetchAll(db.cachedStatement(sql: Self.mergedChildrenSQL("body")), arguments: [parentID])
            .map { try order(stored: $0) }
    }

    /// The same orders named only (``Reference``), for a page: nothing is decoded or unsealed.
    func mergedChildReferences(of parentID: String, in db: Database) throws -> [Reference] {
        try Reference.fetchAll(
            db.cachedStatement(sql: Self.mergedChildrenSQL(Reference.columns)), arguments: [parentID])
    }

    private static func mergedChildrenSQL(_ columns: String) -> String {
        """
        SELECT \(columns) FROM work_order INDEXED BY work_order_parent
        WHERE parent_order_id = ? AND state = '\(WorkOrder.State.merged.rawValue)' ORDER BY rowid
        """
    }

    /// Another order as a page names it: id, line and platform number, read from their columns.
    struct Reference: Sendable, Equatable {
        var id: String
        var channel: String
        var number: String

        static let columns = "id, channel, platform_order_number"

        static func fetchAll(_ statement: Statement, arguments: StatementArguments) throws -> [Reference] {
            try Row.fetchAll(statement, arguments: arguments).map {
                Reference(id: $0["id"], channel: $0["channel"], number: $0["platform_order_number"])
            }
        }
    }

    func reference(of id: String, in db: Database) throws -> Reference? {
        try Reference.fetchAll(
            db.cachedStatement(sql: "SELECT \(Reference.columns) FROM work_order WHERE id = ?"), arguments: [id]
        ).first
    }

    func order(channel: WorkOrder.Channel, number: String, in db: Database) throws -> WorkOrder? {
        let body = try String.fetchOne(
            db.cachedStatement(sql: "SELECT body FROM work_order WHERE channel = ? AND platform_order_number = ?"),
            arguments: [channel.rawValue, number]
        )
        return try body.map { try order(stored: $0) }
    }

    func events(orderID: String) throws -> [WorkOrderEvent] {
        try database.read { db in try Self.events(orderID: orderID, in: db) }
    }

    /// Event `sequence` of `orderID`'s log.
    static func event(orderID: String, sequence: Int, in db: Database) throws -> WorkOrderEvent? {
        let body = try String.fetchOne(
            db, sql: "SELECT body FROM order_event WHERE order_id = ? AND sequence = ?", arguments: [orderID, sequence]
        )
        return try body.map { try decoder.decode(WorkOrderEvent.self, from: Data($0.utf8)) }
    }

    /// The log of `orderID`, first event first.
    static func events(orderID: String, in db: Database) throws -> [WorkOrderEvent] {
        let statement = try db.cachedStatement(sql: "SELECT body FROM order_event WHERE order_id = ? ORDER BY sequence")
        return try String.fetchAll(statement, arguments: [orderID]).map {
            try decoder.decode(WorkOrderEvent.self, from: Data($0.utf8))
        }
    }

    /// The probable duplicates of `orderID`, most alike first: the id, line and number of each.
    /// Both ways: the earlier orders it was found like, and the later ones found like it.
    func probableDuplicateOrders(of orderID: String, in db: Database) throws -> [Reference] {
        try Reference.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT w.id, w.channel, w.platform_order_number, d.similarity FROM probable_duplicate d
                        JOIN work_order w ON w.id = d.other_id WHERE d.order_id = ?
                    UNION ALL
                    SELECT w.id, w.channel, w.platform_order_number, d.similarity FROM probable_duplicate d
                        JOIN work_order w ON w.id = d.order_id WHERE d.other_id = ?
                    ORDER BY 4 DESC, 1
                    """),
            arguments: [orderID, orderID]
        )
    }

    /// The most recent orders duplicate detection compares a new order with.
    static let duplicateCandidates = 200

    /// The contents of the orders of the same caller or enterprise received in `window` before
    /// `order`, the latest ``duplicateCandidates`` of them, for duplicate detection.
    ///
    /// One query per key, each walking its index (`work_order_phone`, `work_order_enterprise`)
    /// from the newest row and stopping at the cap: the cost stays the cap, however many orders
    /// the caller has (an `OR` of the two would collect and sort all of them). Only the id and
    /// the content are read: no order is decoded and no caller unsealed.
    func recentContents(like order: WorkOrder, window: TimeInterval, in db: Database) throws
        -> [(id: String, content: String)]
    {
        let since = order.receivedAt.timeIntervalSince1970 - window
        var candidates = try recentContents(
            column: "caller_phone_hash", equal: phoneHash(order.caller.phone),
            since: since, except: order.id, in: db)
        if let creditCode = order.enterprise?.creditCode {
            let known = Set(candidates.map(\.id))
            candidates += try recentContents(
                column: "enterprise_code", equal: creditCode, since: since, except: order.id, in: db
            ).filter { !known.contains($0.id) }
            candidates.sort { $0.receivedAt > $1.receivedAt }
        }
        return candidates.prefix(Self.duplicateCandidates).map { (id: $0.id, content: $0.content) }
    }

    private func recentContents(column: String, equal value: String, since: Double, except id: String, in db: Database)
        throws -> [(id: String, receivedAt: Double, content: String)]
    {
        let statement = try db.cachedStatement(
            sql: """
                SELECT id, received_at, json_extract(body, '$.content') AS content FROM work_order
                WHERE \(column) = ? AND received_at >= ? AND id != ?
                ORDER BY received_at DESC LIMIT \(Self.duplicateCandidates)
                """
        )
        return try Row.fetchAll(statement, arguments: [value, since, id]).map {
            (id: $0["id"], receivedAt: $0["received_at"], content: ($0["content"] as String?) ?? "")
        }
    }

    // MARK: Writing

    func insert(_ order: WorkOrder, in db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO work_order (id, channel, platform_order_number, state, urgency, kind, topic,
                    caller_phone_hash, enterprise_code, received_at, handling_deadline, body, sealed_with,
                    parent_order_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                order.id, order.channel.rawValue, order.platformOrderNumber, order.state.rawValue,
                order.urgency.rawValue, order.kind.rawValue, order.topic.rawValue, phoneHash(order.caller.phone),
                order.enterprise?.creditCode, order.receivedAt.timeIntervalSince1970,
                order.handlingDeadline?.timeIntervalSince1970, try stored(order), personalData.currentID,
                order.parentOrderID,
            ]
        )
    }

    /// Saves `order` as changed by `event` and appends the event to its log.
    func save(_ order: WorkOrder, appending event: WorkOrderEvent, in db: Database) throws {
        try db.cachedStatement(
            sql: """
                UPDATE work_order SET state = ?, handling_deadline = ?, body = ?, sealed_with = ?, parent_order_id = ?
                WHERE id = ?
                """
        ).execute(
            arguments: [
                order.state.rawValue, order.handlingDeadline?.timeIntervalSince1970, try stored(order),
                personalData.currentID, order.parentOrderID, order.id,
            ]
        )
        try db.cachedStatement(sql: "DELETE FROM work_order_unit WHERE order_id = ?").execute(arguments: [order.id])
        let insertUnit = try db.cachedStatement(sql: "INSERT INTO work_order_unit (order_id, unit) VALUES (?, ?)")
        for unit in Set(order.responsibleUnits) {
            try insertUnit.execute(arguments: [order.id, unit])
        }
        let eventBody = String(decoding: try Self.encoder.encode(event), as: UTF8.self)
        try db.cachedStatement(sql: "INSERT INTO order_event (order_id, sequence, body) VALUES (?, ?, ?)")
            .execute(arguments: [order.id, event.sequence, eventBody])
    }

    static func recordDuplicates(of orderID: String, _ duplicates: [(id: String, similarity: Double)], in db: Database)
        throws
    {
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO probable_duplicate (order_id, other_id, similarity) VALUES (?, ?, ?)")
        for duplicate in duplicates {
            try insert.execute(arguments: [orderID, duplicate.id, duplicate.similarity])
        }
    }
}

// Here rather than in WireMapping.swift, which the fuzz targets compile without the store (scripts/fuzz.sh).
extension Wire.OrderReference {
    init(_ reference: OrderStore.Reference) {
        self.init(id: reference.id, channel: reference.channel, platformOrderNumber: reference.number)
    }
}
