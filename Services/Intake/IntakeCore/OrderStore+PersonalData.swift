import Domain
import Foundation
import GRDB
import PersonalData

/// Callers' personal data at rest (个人信息保护法): an order's caller name, phone and ID number are
/// sealed field by field in its stored JSON under the intake's current personal-data key, bound
/// to the order and the field; the phone column holds the phone's keyed hash, for search and
/// duplicate detection. `sealed_with` names the key, so that records under an older key (or from
/// before sealing) are found and sealed again at start, and anonymised ones are left alone.
extension OrderStore {
    static let anonymised = "anonymised"

    /// The order's JSON as stored, its caller sealed.
    func stored(_ order: WorkOrder) throws -> String {
        var sealed = order
        sealed.caller.name = try personalData.seal(order.caller.name, context: Self.context(order.id, "name"))
        sealed.caller.phone = try personalData.seal(order.caller.phone, context: Self.context(order.id, "phone"))
        sealed.caller.idNumber = try order.caller.idNumber.map {
            try personalData.seal($0, context: Self.context(order.id, "id_number"))
        }
        return String(decoding: try Self.encoder.encode(sealed), as: UTF8.self)
    }

    /// The order a stored JSON holds, its caller opened; a field in clear (an anonymised caller,
    /// or a record from before sealing) is read as it is.
    func order(stored body: String) throws -> WorkOrder {
        var order = try Self.decoder.decode(WorkOrder.self, from: Data(body.utf8))
        order.caller.name = try opened(order.caller.name, order.id, "name")
        order.caller.phone = try opened(order.caller.phone, order.id, "phone")
        order.caller.idNumber = try order.caller.idNumber.map { try opened($0, order.id, "id_number") }
        return order
    }

    /// What the phone column holds: the keyed hash, never the number; empty for no number (an
    /// anonymised caller), so that such orders never count as one repeated caller.
    func phoneHash(_ phone: String) -> String {
        phone.isEmpty ? "" : personalData.keyedHash(phone)
    }

    /// Erases the callers of orders closed or returned before `cutoff` (their last step), in the
    /// caller's transaction: name, phone and ID number, and the hash that groups them. The order,
    /// its log and its facts stay. Returns the orders anonymised.
    func anonymiseCallers(closedBefore cutoff: Date, in db: Database) throws -> [String] {
        let terminal = WorkOrder.State.allCases.filter(\.isTerminal).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let ids = try String.fetchAll(
            db,
            sql: """
                SELECT id FROM work_order w
                WHERE state IN (\(terminal)) AND sealed_with IS NOT ?
                  AND (SELECT json_extract(e.body, '$.timestamp') FROM order_event e
                       WHERE e.order_id = w.id ORDER BY e.sequence DESC LIMIT 1) < ?
                """,
            arguments: [Self.anonymised, (cutoff.timeIntervalSince1970 * 1000).rounded()]
        )
        for id in ids {
            guard var order = try order(id: id, in: db) else { continue }
            order.caller = WorkOrder.Caller(name: "", phone: "", idNumber: nil)
            try db.execute(
                sql: "UPDATE work_order SET body = ?, caller_phone_hash = '', sealed_with = ? WHERE id = ?",
                arguments: [String(decoding: try Self.encoder.encode(order), as: UTF8.self), Self.anonymised, id]
            )
            try db.execute(
                sql:
                    "UPDATE order_profile SET caller_phone_hash = '', caller_shown = '' WHERE order_rowid = (SELECT rowid FROM work_order WHERE id = ?)",
                arguments: [id]
            )
        }
        return ids
    }

    /// Seals again, in batches, every order still in clear or under a key other than the current
    /// one (after `personal-data-key rotate`); returns how many it sealed.
    func sealRemaining(batch: Int = 500) throws -> Int {
        var total = 0
        while true {
            let count = try database.write { db in
                let rows = try Row.fetchAll(
                    db, sql: Self.unsealedOrders, arguments: [personalData.currentID, Self.anonymised, batch])
                for row in rows {
                    let order = try order(stored: row["body"])
                    try db.execute(
                        sql: "UPDATE work_order SET body = ?, caller_phone_hash = ?, sealed_with = ? WHERE id = ?",
                        arguments: [try stored(order), phoneHash(order.caller.phone), personalData.currentID, order.id]
                    )
                }
                return rows.count
            }
            total += count
            if count < batch { return total }
        }
    }

    /// Orders in clear or under a key other than `?1` and `?2`, `?3` at most: ranges of
    /// `work_order_sealed_with` around the two, so that every start seeks past the orders sealed
    /// already instead of reading the whole table (`NOT IN` cannot use the index).
    static let unsealedOrders = """
        SELECT id, body FROM work_order INDEXED BY work_order_sealed_with
        WHERE sealed_with IS NULL OR sealed_with < min(?1, ?2)
           OR (sealed_with > min(?1, ?2) AND sealed_with < max(?1, ?2)) OR sealed_with > max(?1, ?2)
        LIMIT ?3
        """

    private func opened(_ value: String, _ orderID: String, _ field: String) throws -> String {
        guard PersonalDataKeys.keyID(of: value) != nil else { return value }
        do {
            return try personalData.open(value, context: Self.context(orderID, field))
        } catch {
            throw PersonalDataUnreadable(orderID: orderID, field: field, problem: error)
        }
    }

    private static func context(_ orderID: String, _ field: String) -> String {
        "work_order/\(orderID)/caller.\(field)"
    }
}

/// A sealed caller field that the key ring cannot open: a lost or wrong key file, or tampering.
struct PersonalDataUnreadable: Error, CustomStringConvertible {
    var orderID: String
    var field: String
    var problem: PersonalDataKeys.Problem

    var description: String {
        "order \(orderID): caller.\(field): \(problem) (is this intake's personal-data key ring?)"
    }
}
