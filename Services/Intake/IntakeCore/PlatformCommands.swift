import Domain
import Foundation
import GRDB
import Outbox
import ServiceDirectory
import ServiceKit
import WireProtocol

/// What the 12345 platform must hear after a change of one of its orders (DESIGN.md, "The 12345
/// platform edge"): the acknowledgement (签收), a return request (退单) with reason and basis, an
/// extension request (延期申请) with days, reason and legal basis, a progress note when handling
/// starts, and the reply (反馈). Handed to the gateway through the outbox, in the transaction of
/// the change, so that the staff action is confirmed only once its message is durable. 12333
/// orders stay inside the bureau.
///
/// A merged order (并单) hears `merged` (which also acknowledges it) and, when its parent's reply
/// goes out, that reply under its own number; `unmerged` when it is handled on its own again.
enum PlatformCommands {
    static let enqueue = Wire.Gateway.enqueuePlatformMessage

    /// The other orders a step's messages concern: the parent an order is merged into, and the
    /// merged orders a reply also answers.
    struct Related {
        var parent: WorkOrder?
        var mergedChildren: [WorkOrder] = []

        static func of(_ event: WorkOrderEvent, on order: WorkOrder, store: OrderStore, in db: Database) throws
            -> Related
        {
            switch event.action {
            case .merge: Related(parent: try order.parentOrderID.flatMap { try store.order(id: $0, in: db) })
            case .sendToPlatform: Related(mergedChildren: try store.mergedChildren(of: order.id, in: db))
            default: Related()
            }
        }
    }

    static func after(
        _ event: WorkOrderEvent, from before: WorkOrder, to order: WorkOrder, related: Related = Related()
    ) throws -> [OutboxMessage] {
        let messages = try own(event, from: before, to: order, related: related)
        guard event.action == .sendToPlatform else { return messages }
        // A 12345 order merged into this one (of either line) is answered with its reply.
        let reply = replyMessage(of: event, from: before, to: order)
        return try messages
            + related.mergedChildren.filter { $0.channel == .hotline12345 }.map { child in
                var message = reply
                message.messageId = "\(child.id)/\(order.id)/\(event.sequence)"
                message.orderId = child.id
                message.platformOrderNumber = child.platformOrderNumber
                message.channel = child.channel.rawValue
                return try queued(message, of: child.id)
            }
    }

    private static func own(_ event: WorkOrderEvent, from before: WorkOrder, to order: WorkOrder, related: Related)
        throws -> [OutboxMessage]
    {
        guard order.channel == .hotline12345 else { return [] }
        var message = Wire.PlatformMessage(
            messageId: "\(order.id)/\(event.sequence)",
            orderId: order.id,
            platformOrderNumber: order.platformOrderNumber,
            channel: order.channel.rawValue,
            actorId: event.actor.id,
            atUnixMs: event.timestamp.unixMilliseconds
        )
        switch event.action {
        case .acknowledge:
            message.kind = "acknowledgement"
        case .requestReturn:
            guard let request = order.returnRequest else { return [] }
            message.kind = "return_request"
            message.reason = request.reason
            message.legalBasis = request.basis
        case .requestExtension:
            guard let request = order.extensions.last else { return [] }
            message.kind = "extension_request"
            message.days = UInt32(request.days)
            message.reason = request.reason
            message.legalBasis = request.legalBasis
        case .start:
            message.kind = "progress"
            message.text = "承办单位已签收并开始办理（第 \(order.cycle) 轮）。"
        case .sendToPlatform:
            message = replyMessage(of: event, from: before, to: order)
        case .merge:
            let parent = related.parent
            message.kind = "merged"
            message.parentOrderNumber = parent?.channel == .hotline12345 ? parent?.platformOrderNumber ?? "" : ""
            let under =
                message.parentOrderNumber.isEmpty
                ? "局内工单 \(order.parentOrderID ?? "")" : "工单 \(message.parentOrderNumber)"
            message.text = "本工单与\(under)反映同一事项，已并入该工单合并办理，答复随该工单一并反馈。"
        case .unmerge:
            message.kind = "unmerged"
            message.text = "已撤销并单，本工单恢复单独办理。"
        default:
            return []
        }
        return [try queued(message, of: order.id)]
    }

    /// The reply (反馈) of `order` as it goes to the platform: the result reviewed before sending.
    private static func replyMessage(of event: WorkOrderEvent, from before: WorkOrder, to order: WorkOrder)
        -> Wire.PlatformMessage
    {
        let result = before.result ?? order.result
        return Wire.PlatformMessage(
            messageId: "\(order.id)/\(event.sequence)",
            orderId: order.id,
            platformOrderNumber: order.platformOrderNumber,
            channel: order.channel.rawValue,
            kind: "reply",
            text: result?.text ?? "",
            resultCode: result?.code.rawValue ?? "",
            attachmentUris: (result?.closureStandard?.evidence.map(\.attachment.uri) ?? []).filter { !$0.isEmpty },
            actorId: event.actor.id,
            atUnixMs: event.timestamp.unixMilliseconds,
            closureStandard: result?.closureStandard?.code ?? ""
        )
    }

    private static func queued(_ message: Wire.PlatformMessage, of orderID: String) throws -> OutboxMessage {
        IntakeOutbox.message(
            to: .gateway, method: enqueue, body: try Wire.EnqueuePlatformMessageRequest(message: message).wireBytes(),
            orderID: orderID)
    }
}
