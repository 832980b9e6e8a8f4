import Domain
import Foundation
import GRDB
import Logging
import Outbox
import RPC
import ServiceLifecycle
import WireProtocol

/// The alarm's settings, shared by the watch and `list --stuck`.
enum StuckOrderAlarm {
    static let defaultThreshold: TimeInterval = 300
    /// The unit whose people watch every order around the clock (局办公室).
    static let deskUnit = "office"
}

/// Watches for orders that stop moving: an order still `received` a while after it arrived was
/// not routed (routing down for long, or an immediate answer nobody gave). Each such order raises
/// the alarm once: logged at error, listed by `subanctl list --stuck`, mailed to the bureau desk.
///
/// On start it also gives every waiting order without one the routing step that new orders get in
/// their own transaction (orders stored by an earlier version), so that none stays unrouted.
struct StuckOrderWatch<C: _Concurrency.Clock>: Service where C.Instant == UnixInstant, C.Duration == Duration {

    let desk: IntakeDesk
    let threshold: TimeInterval
    let interval: Duration
    let clock: C
    let logger: Logger
    /// Where `orders.stuck` (orders received longer than the threshold) is reported.
    var statistics: ServerStatistics?
    /// Where the orders by state go, counted on each check.
    var orderMetrics = OrderMetrics()

    func run() async throws {
        do {
            try await watch()
        } catch is CancellationError {
            return
        }
    }

    private func watch() async throws {
        try await cancelWhenGracefulShutdown {
            do {
                try backfillRouteSteps()
            } catch {
                logger.error("intake.route.backfill_failed", metadata: ["error": "\(error)"])
            }
            while !Task.isCancelled {
                do {
                    try check()
                } catch {
                    logger.error("intake.stuck.check_failed", metadata: ["error": "\(error)"])
                }
                try await clock.sleep(for: interval)
            }
        }
    }

    /// Raises the alarm for the orders that became stuck since the last check; returns their ids.
    ///
    /// Its reads go through `work_order_state`: the orders still `received` are few, those received
    /// before the threshold are nearly all. With a million stored, the planner's statistics chose
    /// `work_order_received` and the check walked every order inside the writer's transaction,
    /// holding every order behind it for about a second at each start and every 30 s.
    @discardableResult
    func check() throws -> [String] {
        let now = Date(timeIntervalSince1970: Double(clock.now.unixMilliseconds) / 1000)
        let stuck = try desk.store.database.write { db -> [WorkOrder] in
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM work_order INDEXED BY work_order_state
                    WHERE state = 'received' AND received_at < ? AND id NOT IN (SELECT order_id FROM stuck_order)
                    ORDER BY received_at LIMIT 500
                    """,
                arguments: [now.addingTimeInterval(-threshold).timeIntervalSince1970]
            )
            let orders = try ids.compactMap { try desk.store.order(id: $0, in: db) }
            for order in orders {
                try db.execute(
                    sql: "INSERT INTO stuck_order (order_id, noticed_at) VALUES (?, ?)",
                    arguments: [order.id, now.timeIntervalSince1970])
            }
            try IntakeOutbox.enqueue(
                NotificationCommands.messages(orders.map { alarm(for: $0, at: now) }), at: now, in: db)
            let waiting =
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT count(*) FROM work_order INDEXED BY work_order_state WHERE state = 'received' AND received_at < ?",
                    arguments: [now.addingTimeInterval(-threshold).timeIntervalSince1970]
                ) ?? 0
            statistics?.setGauge("orders.stuck", to: Int64(waiting))
            return orders
        }
        for order in stuck {
            logger.error(
                "intake.order.stuck",
                metadata: [
                    "order.id": "\(order.id)", "order.number": "\(order.platformOrderNumber)",
                    "order.received_at": "\(order.receivedAt)",
                ]
            )
        }
        if !stuck.isEmpty { desk.outboxChanged() }
        // Read outside the write: counting every order must not hold the writer.
        try desk.store.database.read { db in try orderMetrics.refresh(in: db) }
        return stuck.map(\.id)
    }

    /// The mail to the bureau desk about an order that did not leave `received`.
    func alarm(for order: WorkOrder, at now: Date) -> Wire.Notification {
        let minutes = Int(now.timeIntervalSince(order.receivedAt) / 60)
        return Wire.Notification(
            notificationId: "\(order.id)/stuck", kind: "stuck_order", orderId: order.id, unit: StuckOrderAlarm.deskUnit,
            subject: "【未分派】工单 \(order.platformOrderNumber) 已 \(minutes) 分钟未交办",
            body: """
                工单 \(order.platformOrderNumber)（\(order.urgency.label)）于 \(ShanghaiTime.iso8601(order.receivedAt)) 收到，\
                至今 \(minutes) 分钟仍未交办到承办单位。请在工作台或用 subanctl assign 人工交办，或按知识库即时答复。
                """
        )
    }

    /// Gives each waiting order without a routing step one (orders stored before steps existed).
    func backfillRouteSteps() throws {
        let now = Date(timeIntervalSince1970: Double(clock.now.unixMilliseconds) / 1000)
        let added = try desk.store.database.write { db -> Int in
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM work_order w INDEXED BY work_order_state WHERE state = 'received'
                      AND NOT EXISTS (SELECT 1 FROM outbox_entry WHERE deduplication_key = 'route:' || w.id)
                      AND NOT EXISTS (SELECT 1 FROM applied_request WHERE key = 'route:' || w.id)
                    """
            )
            for order in try ids.compactMap({ try desk.store.order(id: $0, in: db) }) {
                let request = Wire.RouteOrderRequest(
                    topic: order.topic.rawValue, kind: order.kind.rawValue, urgency: order.urgency.rawValue,
                    content: order.content,
                    enterpriseName: order.enterprise?.name ?? "",
                    enterpriseCreditCode: order.enterprise?.creditCode ?? ""
                )
                let step = try RouteStep.message(for: order, request: request, at: now, dueAtOnce: true)
                try IntakeOutbox.enqueue([step], at: now, in: db)
            }
            return ids.count
        }
        if added > 0 {
            logger.notice("intake.route.backfilled", metadata: ["orders": "\(added)"])
            desk.outboxChanged()
        }
    }
}
