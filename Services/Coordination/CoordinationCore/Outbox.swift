import Foundation
import GRDB
import Logging
import Outbox
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// Calls to other services that a change of a case needs — invitations through the gateway, action-item clocks
/// in the SLA service, the compiled reply to intake — written to the shared outbox in the transaction of that
/// change and delivered in order per case until acknowledged, so that a crash or an outage loses none of them. The
/// receiving methods are idempotent (notifications and clocks by id; a repeated draft reply replaces itself).
enum CaseOutbox {
    typealias Sender = OutboxSender<SQLiteOutbox, WallClock>

    /// What the delivery means to the case; only ``Purpose/reply`` reports back.
    enum Purpose: String, Sendable {
        /// The compiled reply (`intake.apply` draft_reply): its delivery is shown on the case.
        case reply
    }

    static func message(
        to destination: ServiceName, method: MethodDescriptor<some WireMessage, some WireMessage>, body: [UInt8],
        caseID: String,
        purpose: Purpose? = nil
    ) -> OutboxMessage {
        OutboxMessage(
            destination: destination.rawValue, method: method.name, body: body, orderingKey: caseID,
            subject: "\(method) \(caseID)", context: purpose?.rawValue
        )
    }

    /// The sender of `database`'s outbox, one client per destination.
    static func sender(database: DatabasePool, clients: [ServiceName: RPCClient], logger: Logger) -> Sender {
        OutboxSender(name: "coordination", store: SQLiteOutbox(database: database), clock: WallClock(), logger: logger)
        { entry in
            guard let client = ServiceName(rawValue: entry.destination).flatMap({ clients[$0] }) else {
                return .refused("no client for \(entry.destination)")
            }
            let result = await client.deliver(entry)
            guard entry.message.context == Purpose.reply.rawValue, let caseID = entry.orderingKey, !result.isRetried
            else { return result }
            // The compiled reply's fate shows on its case; if this cannot be written, deliver again.
            do {
                try await database.write { db in
                    switch result {
                    case .refused(let error):
                        try CaseStore.setReplyDelivery(.rejected, error: error, caseID: caseID, in: db)
                    default: try CaseStore.setReplyDelivery(.delivered, caseID: caseID, in: db)
                    }
                }
            } catch {
                return .failed("recording the reply's delivery on \(caseID): \(error)")
            }
            return result
        }
    }
}
