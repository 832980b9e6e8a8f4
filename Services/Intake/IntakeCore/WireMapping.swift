import Domain
import Foundation
import RPC
import WireProtocol

extension WorkOrderDraft {
    /// The draft a platform or 12333 submission describes; unknown enumerations and missing parts
    /// are field violations. The domain validates the rest (phone, ID and credit-code checks).
    init(wire draft: Wire.OrderDraft?, receivedAt: Date) throws(RPCError) {
        guard let draft else {
            throw RPCError(
                .invalidArgument, "draft is required",
                fieldViolations: [FieldViolation(field: "draft", code: "required", message: "required")])
        }
        var collector = ViolationCollector()
        let channel = collector.value(WorkOrder.Channel.self, draft.channel, field: "draft.channel")
        let urgency = collector.value(WorkOrder.Urgency.self, draft.urgency, field: "draft.urgency")
        let kind = collector.value(WorkOrder.Kind.self, draft.kind, field: "draft.kind")
        let topic = collector.value(WorkOrder.Topic.self, draft.topic, field: "draft.topic")
        if draft.caller == nil {
            collector.violations.append(FieldViolation(field: "draft.caller", code: "required", message: "required"))
        }
        if draft.dispatchedAtUnixMs < 0 || draft.handlingDeadlineUnixMs < 0 {
            collector.violations.append(
                FieldViolation(
                    field: "draft.dispatched_at_unix_ms", code: "invalid_time", message: "times are Unix milliseconds"))
        }
        guard collector.violations.isEmpty, let channel, let urgency, let kind, let topic, let caller = draft.caller
        else {
            throw collector.refusal("the order is invalid")
        }
        self.init(
            platformOrderNumber: draft.platformOrderNumber,
            channel: channel,
            receivedAt: receivedAt,
            dispatchedAt: draft.dispatchedAtUnixMs > 0 ? Date(unixMilliseconds: draft.dispatchedAtUnixMs) : receivedAt,
            urgency: urgency,
            kind: kind,
            topic: topic,
            content: draft.content,
            address: draft.address,
            caller: WorkOrder.Caller(
                name: caller.name, phone: caller.phone, idNumber: caller.idNumber.isEmpty ? nil : caller.idNumber),
            enterprise: draft.enterprise.flatMap {
                $0.name.isEmpty && $0.creditCode.isEmpty
                    ? nil : WorkOrder.Enterprise(name: $0.name, creditCode: $0.creditCode.isEmpty ? nil : $0.creditCode)
            },
            handlingDeadline: draft.handlingDeadlineUnixMs > 0
                ? Date(unixMilliseconds: draft.handlingDeadlineUnixMs) : nil,
            attachments: draft.attachments.map { WorkOrder.Attachment(name: $0.name, uri: $0.uri) }
        )
    }
}

extension Wire.WorkOrderView {
    /// The order as staff see it, with the caller's personal data masked.
    init(_ order: WorkOrder, duplicates: [String] = [], suggestedArticle: String? = nil) {
        let caller = order.caller.masked
        self.init(
            id: order.id,
            platformOrderNumber: order.platformOrderNumber,
            channel: order.channel.rawValue,
            urgency: order.urgency.rawValue,
            kind: order.kind.rawValue,
            topic: order.topic.rawValue,
            state: order.state.rawValue,
            handlingMode: order.handlingMode?.rawValue ?? "",
            track: order.track.rawValue,
            responsibleUnits: order.responsibleUnits,
            receivedAtUnixMs: order.receivedAt.unixMilliseconds,
            dispatchedAtUnixMs: order.dispatchedAt.unixMilliseconds,
            handlingDeadlineUnixMs: order.handlingDeadline?.unixMilliseconds ?? 0,
            content: order.content,
            address: order.address,
            caller: Wire.Caller(name: caller.name, phone: caller.phone, idNumber: caller.idNumber ?? ""),
            enterprise: order.enterprise.map { Wire.Enterprise(name: $0.name, creditCode: $0.creditCode ?? "") },
            cycle: UInt32(order.cycle),
            parentOrderId: order.parentOrderID ?? "",
            knowledgeBaseArticleId: order.knowledgeBaseArticleID ?? suggestedArticle ?? "",
            resultCode: order.result?.code.rawValue ?? "",
            replyText: order.result?.text ?? "",
            callbackOutcome: order.callbackOutcome?.rawValue ?? "",
            probableDuplicates: duplicates,
            greenLevel: order.greenChannelLevel?.rawValue ?? ""
        )
    }
}

extension Wire.OrderEvent {
    init(_ event: WorkOrderEvent) {
        self.init(
            sequence: UInt64(event.sequence),
            actorId: event.actor.id,
            role: event.actor.role.rawValue,
            unit: event.actor.unitCode ?? "",
            atUnixMs: event.timestamp.unixMilliseconds,
            fromState: event.from.rawValue,
            toState: event.to.rawValue,
            action: event.action.rawValue,
            reason: event.reason ?? "",
            cycle: UInt32(event.cycle),
            details: event.details.sorted { $0.key < $1.key }.map { Wire.EventDetail(key: $0.key, value: $0.value) },
            actorName: event.actor.name ?? ""
        )
    }
}
