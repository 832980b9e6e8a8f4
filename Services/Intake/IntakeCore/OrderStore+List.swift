import Domain
import Foundation
import GRDB

extension OrderStore {
    /// What `list` filters on; every field is optional.
    struct Filter: Sendable {
        var state: WorkOrder.State?
        var unit: String?
        var urgency: WorkOrder.Urgency?
        var topic: WorkOrder.Topic?
        var kind: WorkOrder.Kind?
        var channel: WorkOrder.Channel?
        var track: WorkOrder.Track?
        /// An order's id or platform number, the caller's phone, or text of the stored order (its content).
        var text: String?
        /// Only these orders (the overdue ones, as SLA tells).
        var orderIDs: Set<String>?
        var receivedFrom: Date?
        var receivedTo: Date?
        /// Only orders that await the bureau (``WorkOrder/State/awaitsTheBureau``).
        var awaitingTheBureau = false
    }

    /// `state IN (…)` of the states that await the bureau, for SQL.
    static let awaitingTheBureauSQL =
        "state IN ("
        + WorkOrder.State.allCases.filter(\.awaitsTheBureau).map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    /// One page of orders, newest first, each with one of its probable duplicates if it has any.
    /// The page token is the (received_at, id) of the last order returned, so paging stays stable
    /// while new orders arrive.
    func list(_ filter: Filter, limit: Int, after token: PageToken?) throws
        -> (orders: [(order: WorkOrder, duplicate: String?)], next: PageToken?)
    {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let state = filter.state {
            conditions.append("state = ?")
            arguments.append(state.rawValue)
        }
        if let unit = filter.unit {
            conditions.append("id IN (SELECT order_id FROM work_order_unit WHERE unit = ?)")
            arguments.append(unit)
        }
        if let urgency = filter.urgency {
            conditions.append("urgency = ?")
            arguments.append(urgency.rawValue)
        }
        if let topic = filter.topic {
            conditions.append("topic = ?")
            arguments.append(topic.rawValue)
        }
        if let kind = filter.kind {
            conditions.append("kind = ?")
            arguments.append(kind.rawValue)
        }
        if let channel = filter.channel {
            conditions.append("channel = ?")
            arguments.append(channel.rawValue)
        }
        if let track = filter.track {
            conditions.append("json_extract(body, '$.track') = ?")
            arguments.append(track.rawValue)
        }
        if let text = filter.text {
            conditions.append("(id = ? OR platform_order_number = ? OR caller_phone_hash = ? OR instr(body, ?) > 0)")
            arguments.append(contentsOf: [text, text, phoneHash(text), text] as [(any DatabaseValueConvertible)?])
        }
        if let ids = filter.orderIDs {
            conditions.append("id IN (SELECT value FROM json_each(?))")
            arguments.append(String(decoding: try JSONEncoder().encode(ids.sorted()), as: UTF8.self))
        }
        if filter.awaitingTheBureau { conditions.append(Self.awaitingTheBureauSQL) }
        if let from = filter.receivedFrom {
            conditions.append("received_at >= ?")
            arguments.append(from.timeIntervalSince1970)
        }
        if let to = filter.receivedTo {
            conditions.append("received_at < ?")
            arguments.append(to.timeIntervalSince1970)
        }
        if let token {
            conditions.append("(received_at < ? OR (received_at = ? AND id < ?))")
            arguments.append(
                contentsOf: [token.receivedAt, token.receivedAt, token.id] as [(any DatabaseValueConvertible)?])
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        // With one probable duplicate of each, earlier or later, if any, to mark it in the queue: an
        // index seek or two an order however many it has (a caller who rings daily has hundreds).
        let sql = """
            SELECT body, coalesce(
                (SELECT other_id FROM probable_duplicate WHERE order_id = work_order.id LIMIT 1),
                (SELECT order_id FROM probable_duplicate WHERE other_id = work_order.id LIMIT 1)) AS duplicate
            FROM work_order \(whereClause) ORDER BY received_at DESC, id DESC LIMIT \(limit + 1)
            """
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map {
                (body: $0["body"] as String, duplicate: $0["duplicate"] as String?)
            }
        }
        var orders = try rows.map { (order: try order(stored: $0.body), duplicate: $0.duplicate) }
        var next: PageToken?
        if orders.count > limit {
            orders.removeLast()
            next = orders.last.map { PageToken(receivedAt: $0.order.receivedAt.timeIntervalSince1970, id: $0.order.id) }
        }
        return (orders, next)
    }

    struct PageToken: Sendable, Equatable {
        var receivedAt: Double
        var id: String

        var text: String { "\(receivedAt)|\(id)" }

        init(receivedAt: Double, id: String) {
            self.receivedAt = receivedAt
            self.id = id
        }

        init?(text: String) {
            let parts = text.split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2, let receivedAt = Double(parts[0]), !parts[1].isEmpty else { return nil }
            self.init(receivedAt: receivedAt, id: parts[1])
        }
    }
}
