import Foundation
import GRDB
import Logging
import Outbox
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// Calls to other services that a change of an order needs (route it, start or stop its SLA
/// clocks, tell the platform, email the unit), written to the shared outbox in the transaction of
/// that change and delivered in order per order until acknowledged, so that a crash or an outage
/// loses none of them. The receiving methods are idempotent.
enum IntakeOutbox {
    typealias Sender = OutboxSender<SQLiteOutbox, WallClock>

    /// A call about `orderID` (its calls go in the order written), or about no order (a digest).
    static func message(
        to destination: ServiceName, method: MethodDescriptor<some WireMessage, some WireMessage>, body: [UInt8],
        orderID: String?
    ) -> OutboxMessage {
        OutboxMessage(
            destination: destination.rawValue, method: method.name, body: body, orderingKey: orderID,
            subject: "\(method) \(orderID ?? "")")
    }

    static func enqueue(_ messages: [OutboxMessage], at now: Date, in db: Database) throws {
        try OutboxTable.enqueue(messages, at: now.unixMilliseconds, in: db)
    }

    /// The sender of intake's outbox: SLA and gateway calls go to their clients, routing steps to
    /// `route`; `doorbell` is what the desk rings after a change enqueued something; clock starts
    /// due together go to SLA in calls of `clockBatch` at most (1: one call each).
    static func sender(
        database: DatabasePool, clients: [ServiceName: RPCClient], route: RouteStep?, doorbell: Doorbell,
        logger: Logger,
        clockBatch: Int = 256
    ) -> Sender {
        OutboxSender(
            name: "intake", store: SQLiteOutbox(database: database), clock: WallClock(), doorbell: doorbell,
            logger: logger,
            batching: clockBatch > 1
                ? clients[.sla].map { ClockCommands.batching(sla: $0, maximumSize: clockBatch) } : nil
        ) { entry in
            if entry.destination == ServiceName.routing.rawValue, let route {
                return await route.deliver(entry)
            }
            guard let client = ServiceName(rawValue: entry.destination).flatMap({ clients[$0] }) else {
                return .unreachable("no client for \(entry.destination)")
            }
            return await client.deliver(entry)
        }
    }
}
