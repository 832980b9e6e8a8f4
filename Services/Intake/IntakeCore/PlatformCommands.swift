import Domain
import Foundation
import Outbox
import ServiceKit
import WireProtocol

/// What the 12345 platform must hear after a change of one of its orders (DESIGN.md, "The 12345
/// platform edge"): the acknowledgement (签收), a return request (退单) with reason and basis, an
/// extension request (延期申请) with days, reason and legal basis, a progress note when handling
/// starts, and the reply (反馈). Handed to the gateway through the outbox, in the transaction of
/// the change, so that the staff action is confirmed only once its message is durable. 12333
/// orders stay inside the bureau.
enum PlatformCommands {
    static let enqueue = "gateway.enqueue_platform_message"

    static func after(_ event: WorkOrderEvent, from before: WorkOrder, to order: WorkOrder) throws -> [OutboxMessage] {
        guard order.channel == .hotline12345 else { return [] }
        var message = PlatformMessage(
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
            message.kind = "reply"
            message.text = before.result?.text ?? order.result?.text ?? ""
            message.resultCode = (before.result ?? order.result)?.code.rawValue ?? ""
            message.closureStandard = (before.result ?? order.result)?.closureStandard?.code ?? ""
            let evidence = (before.result ?? order.result)?.closureStandard?.evidence.map(\.attachment.uri) ?? []
            message.attachmentUris = evidence.filter { !$0.isEmpty }
        default:
            return []
        }
        return [IntakeOutbox.message(to: .gateway, method: enqueue, body: try EnqueuePlatformMessageRequest(message: message).wireBytes(), orderID: order.id)]
    }
}
