import Domain
import Foundation
import PlatformAdapter
import WireProtocol

/// A new order as the platform pushes it (or the 12333 line files it), read from JSON into the
/// draft intake takes (docs/platform-api.md, "New order"). Shape and types are checked here, and
/// the check characters of phone, ID and credit-code numbers too, so that one 422 names every bad
/// field (issue 16.4); intake validates the content again and answers field by field.
struct InboundOrder: Sendable, Equatable {
    var number: String
    var draft: Wire.OrderDraft

    /// Reads `body`; every missing or ill-typed field is reported at once.
    init(json body: JSONValue, channel: WorkOrder.Channel, receivedAt: Date) throws(APIError) {
        guard case .object = body else { throw APIError.malformedJSON }
        var reader = JSONFieldReader()
        let number = reader.identifier(body, "order_no")
        let urgency = reader.oneOf(body, "urgency", allowed: WorkOrder.Urgency.allCases.map(\.rawValue))
        let kind = reader.oneOf(body, "kind", allowed: WorkOrder.Kind.allCases.map(\.rawValue))
        let topic = reader.oneOf(body, "topic", allowed: WorkOrder.Topic.allCases.map(\.rawValue))
        let content = reader.string(body, "content", maxLength: 4000)
        let address = reader.string(body, "address", required: false, maxLength: 500)
        // The platform always knows when it dispatched; the 12333 line files at once.
        let dispatchedAt = reader.timestamp(body, "dispatched_at", required: channel == .hotline12345)
        let deadline = reader.timestamp(body, "deadline", required: false)
        let wideImpact = reader.bool(body, "wide_impact", required: false)

        var caller: Wire.Caller?
        if let object = reader.object(body, "caller") {
            let name = reader.string(object, "name", prefix: "caller.", required: false, maxLength: 50)
            let phone = reader.phone(object, "phone", prefix: "caller.")
            let idNumber = reader.idNumber(object, "id_number", prefix: "caller.")
            if let phone { caller = Wire.Caller(name: name ?? "", phone: phone, idNumber: idNumber ?? "") }
        }
        var enterprise: Wire.Enterprise?
        if let object = reader.object(body, "enterprise", required: false) {
            let name = reader.string(object, "name", prefix: "enterprise.", maxLength: 200)
            let code = reader.creditCode(object, "credit_code", prefix: "enterprise.")
            if let name { enterprise = Wire.Enterprise(name: name, creditCode: code ?? "") }
        }
        var attachments: [Wire.Attachment] = []
        for (index, item) in (reader.array(body, "attachments", maxCount: 20) ?? []).enumerated() {
            let prefix = "attachments[\(index)]."
            guard case .object = item else {
                reader.problem("attachments[\(index)]", "wrong_type", "must be an object with name and url")
                continue
            }
            let name = reader.string(item, "name", prefix: prefix, maxLength: 200)
            let url = reader.string(item, "url", prefix: prefix, maxLength: 2000)
            if let name, let url { attachments.append(Wire.Attachment(name: name, uri: url)) }
        }
        guard reader.problems.isEmpty, let number, let urgency, let kind, let topic, let content, let caller else {
            throw APIError.invalidFields(reader.problems)
        }
        self.number = number
        draft = Wire.OrderDraft(
            platformOrderNumber: number,
            channel: channel.rawValue,
            urgency: urgency,
            kind: kind,
            topic: topic,
            content: content,
            address: address ?? "",
            caller: caller,
            enterprise: enterprise,
            dispatchedAtUnixMs: (dispatchedAt ?? receivedAt).unixMilliseconds,
            handlingDeadlineUnixMs: deadline?.unixMilliseconds ?? 0,
            attachments: attachments,
            wideImpact: wideImpact ?? false
        )
    }
}

extension Date {
    var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }
}
