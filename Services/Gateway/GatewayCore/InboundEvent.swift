import Domain
import Foundation
import PlatformAdapter
import WireProtocol

/// An event the platform pushes on an order (docs/platform-api.md, "Events"), read from JSON into
/// the `intake.apply` request it stands for, acted by the platform.
struct InboundEvent: Sendable, Equatable {
    var eventID: String
    var type: PlatformAPI.EventType
    var occurredAt: Date
    var request: Wire.ApplyActionRequest

    /// Reads `body` for the order `orderNumber`; `appKey` names the actor when no `operator` is given.
    init(json body: JSONValue, orderNumber: String, appKey: String) throws(APIError) {
        guard case .object = body else { throw APIError.malformedJSON }
        var reader = JSONFieldReader()
        let eventID = reader.identifier(body, "event_id")
        let typeName = reader.oneOf(body, "type", allowed: PlatformAPI.EventType.allCases.map(\.rawValue))
        let occurredAt = reader.timestamp(body, "occurred_at")
        let operatorID = reader.string(body, "operator", required: false, maxLength: 64)
        var request = Wire.ApplyActionRequest(
            orderId: "\(WorkOrder.Channel.hotline12345.rawValue):\(orderNumber)",
            actor: Wire.Actor(id: operatorID ?? appKey, role: Role.platform.rawValue)
        )
        // A retry after the gateway lost intake's answer (a crash before the inbox recorded it)
        // must not apply the event twice.
        request.idempotencyKey = "platform-event:\(eventID ?? "")"
        switch typeName.flatMap(PlatformAPI.EventType.init(rawValue:)) {
        case .reminder?:
            request.action = WorkOrderAction.Kind.urge.rawValue
            request.text = reader.string(body, "note", required: false) ?? "12345 催办"
        case .supervision?:
            request.action = WorkOrderAction.Kind.supervise.rawValue
            request.text = reader.string(body, "note", required: false) ?? "12345 督办"
        case .review?:
            request.action = WorkOrderAction.Kind.platformReview.rawValue
            let accepted = reader.bool(body, "accepted")
            request.approved = accepted ?? false
            // A send-back (重办) must say why, or the unit cannot redo it.
            request.reason = reader.string(body, "reason", required: accepted == false) ?? ""
        case .callback?:
            request.action = WorkOrderAction.Kind.recordCallback.rawValue
            request.callbackOutcome =
                reader.oneOf(body, "outcome", allowed: WorkOrder.CallbackOutcome.allCases.map(\.rawValue)) ?? ""
            request.text = reader.string(body, "note", required: false) ?? ""
        case .extensionDecision?:
            let approved = reader.bool(body, "approved")
            request.approved = approved ?? false
            if approved == true {
                request.action = WorkOrderAction.Kind.approveExtension.rawValue
                request.newDeadlineUnixMs = reader.timestamp(body, "new_deadline")?.unixMilliseconds ?? 0
            } else {
                request.action = WorkOrderAction.Kind.denyExtension.rawValue
                request.reason = reader.string(body, "reason", required: false) ?? ""
            }
        case .returnDecision?:
            request.action = WorkOrderAction.Kind.decideReturn.rawValue
            request.approved = reader.bool(body, "approved") ?? false
            request.reason = reader.string(body, "reason", required: false) ?? ""
        case nil:
            break
        }
        guard reader.problems.isEmpty, let eventID, let typeName, let type = PlatformAPI.EventType(rawValue: typeName),
            let occurredAt
        else {
            throw APIError.invalidFields(reader.problems)
        }
        self.eventID = eventID
        self.type = type
        self.occurredAt = occurredAt
        self.request = request
    }
}
