import Domain
import Foundation
import GRDB
import Outbox
import PlatformAdapter
import RPC
import WireProtocol

/// Messages for the 12345 platform: written to the shared outbox when intake hands them over
/// (before the staff action that caused them is confirmed, since intake's own outbox holds them
/// until then), delivered in order per order number, and kept as the record of what was sent.
struct PlatformOutbox: Sendable {
    let database: DatabasePool

    /// Stores `message` as the JSON the platform receives; `false` when its id was stored before.
    func enqueue(_ message: Wire.PlatformMessage, at now: Date) throws -> Bool {
        let (kind, body) = try Self.outbound(message)
        let entry = OutboxMessage(
            destination: GatewayOutbox.Destination.platform.rawValue, method: kind.rawValue, body: body.encoded(),
            orderingKey: message.platformOrderNumber, deduplicationKey: "platform:" + message.messageId,
            subject: "\(kind.rawValue) \(message.platformOrderNumber)",
            context: kind.path(orderNumber: message.platformOrderNumber)
        )
        return try database.write { db in try OutboxTable.enqueue([entry], at: now.unixMilliseconds, in: db)[0] != nil }
    }

    /// The kind `text` names, or `nil` with a violation of `message.kind` listing the kinds.
    static func kind<Kind: RawRepresentable & CaseIterable>(_ text: String, _ violations: inout [FieldViolation])
        -> Kind? where Kind.RawValue == String
    {
        if let kind = Kind(rawValue: text) { return kind }
        violations.append(
            FieldViolation(
                field: "message.kind", code: "unknown_value",
                message: "one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"))
        return nil
    }

    /// The message's kind and the JSON body documented in docs/platform-api.md ("Outbound").
    static func outbound(_ message: Wire.PlatformMessage) throws(RPCError) -> (PlatformAPI.OutboundKind, JSONValue) {
        var violations: [FieldViolation] = []
        func require(_ value: String, _ field: String) {
            if value.allSatisfy(\.isWhitespace) {
                violations.append(FieldViolation(field: field, code: "required", message: "required"))
            }
        }
        require(message.messageId, "message.message_id")
        require(message.orderId, "message.order_id")
        if !PlatformAPI.isValidOrderNumber(message.platformOrderNumber) {
            violations.append(
                FieldViolation(
                    field: "message.platform_order_number", code: "invalid_format",
                    message: "1 to 64 of A-Z a-z 0-9 _ -"))
        }
        if message.channel != WorkOrder.Channel.hotline12345.rawValue {
            violations.append(
                FieldViolation(
                    field: "message.channel", code: "unknown_value",
                    message: "only hotline_12345 orders go to the platform"))
        }
        let kind: PlatformAPI.OutboundKind? = Self.kind(message.kind, &violations)
        var body: [String: JSONValue] = [
            "message_id": .string(message.messageId), "order_no": .string(message.platformOrderNumber),
            "type": .string(message.kind),
            "occurred_at": .string(
                ShanghaiTime.iso8601(message.atUnixMs > 0 ? Date(unixMilliseconds: message.atUnixMs) : Date())),
            "operator": .string(message.actorId),
        ]
        switch kind {
        case .returnRequest?:
            require(message.reason, "message.reason")
            require(message.legalBasis, "message.legal_basis")
            body["reason"] = .string(message.reason)
            body["basis"] = .string(message.legalBasis)
        case .extensionRequest?:
            if message.days == 0 {
                violations.append(
                    FieldViolation(field: "message.days", code: "required", message: "at least one working day"))
            }
            require(message.reason, "message.reason")
            require(message.legalBasis, "message.legal_basis")
            body["days"] = .integer(Int64(message.days))
            body["reason"] = .string(message.reason)
            body["legal_basis"] = .string(message.legalBasis)
        case .progress?:
            require(message.text, "message.text")
            body["text"] = .string(message.text)
        case .reply?:
            require(message.text, "message.text")
            if WorkOrder.ResultCode(rawValue: message.resultCode) == nil {
                violations.append(
                    FieldViolation(
                        field: "message.result_code", code: "unknown_value",
                        message: "solved, partly_solved or unsolved"))
            }
            body["result_code"] = .string(message.resultCode)
            body["text"] = .string(message.text)
            body["attachments"] = .array(message.attachmentUris.map { ["url": .string($0)] })
            if !message.closureStandard.isEmpty { body["closure_standard"] = .string(message.closureStandard) }
        case .merged?:
            require(message.text, "message.text")
            body["text"] = .string(message.text)
            if !message.parentOrderNumber.isEmpty { body["parent_order_no"] = .string(message.parentOrderNumber) }
        case .unmerged?:
            require(message.text, "message.text")
            body["text"] = .string(message.text)
        case .acknowledgement?, nil:
            break
        }
        guard violations.isEmpty, let kind else {
            throw RPCError(.invalidArgument, "the platform message is incomplete", fieldViolations: violations)
        }
        return (kind, .object(body))
    }
}
