import Domain
import Foundation
import ReportRendering
import WireProtocol

/// Renders orders and events for people (tables, one line per event) and for scripts (JSON).
enum OrderPrinter {
    static func time(_ unixMilliseconds: Int64) -> String {
        guard unixMilliseconds > 0 else { return "-" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(unixMilliseconds) / 1000))
    }

    static func summary(_ order: Wire.WorkOrderView) -> String {
        var lines = [
            ("order", "\(order.id)  (\(order.channel) \(order.platformOrderNumber))"),
            ("state", "\(order.state)  cycle \(order.cycle)"),
            ("urgency / kind / topic", "\(order.urgency) / \(order.kind) / \(order.topic)"),
            ("mode / track", "\(order.handlingMode.isEmpty ? "-" : order.handlingMode) / \(order.track)"),
            ("units", order.responsibleUnits.isEmpty ? "-" : order.responsibleUnits.joined(separator: ", ")),
            ("received / dispatched", "\(time(order.receivedAtUnixMs)) / \(time(order.dispatchedAtUnixMs))"),
            ("handling deadline", ClockPrinter.deadline(order.handlingDeadlineUnixMs)),
            ("caller", [order.caller?.name, order.caller?.phone].compactMap { $0 }.joined(separator: " ")),
            ("content", order.content),
        ]
        if let enterprise = order.enterprise, !enterprise.name.isEmpty {
            lines.append(("enterprise", "\(enterprise.name) \(enterprise.creditCode)"))
        }
        if !order.knowledgeBaseArticleId.isEmpty { lines.append(("knowledge base", order.knowledgeBaseArticleId)) }
        if !order.replyText.isEmpty { lines.append(("reply", "[\(order.resultCode)] \(order.replyText)")) }
        if !order.callbackOutcome.isEmpty { lines.append(("callback", order.callbackOutcome)) }
        if !order.parentOrderId.isEmpty { lines.append(("merged into", order.parentOrderId)) }
        if !order.probableDuplicates.isEmpty {
            lines.append(("probable duplicates", order.probableDuplicates.joined(separator: ", ")))
        }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(
            separator: "\n")
    }

    static func eventLine(_ event: Wire.OrderEvent) -> String {
        var who = event.unit.isEmpty ? "\(event.role):\(event.actorId)" : "\(event.role):\(event.actorId)@\(event.unit)"
        if !event.actorName.isEmpty { who += " (\(event.actorName))" }
        let label = WorkOrderEvent.label(
            action: event.action, details: Dictionary(event.details.map { ($0.key, $0.value) }) { $1 })
        var line =
            "#\(event.sequence) \(time(event.atUnixMs))  \(event.action)（\(label)）  \(event.fromState) → \(event.toState)  by \(who)"
        if !event.reason.isEmpty { line += "  — \(event.reason)" }
        let details = event.details.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        if !details.isEmpty { line += "  [\(details)]" }
        return line
    }

    static func listTable(_ orders: [Wire.WorkOrderView]) -> String {
        var table = TextTable(["ID", "NUMBER", "STATE", "URGENCY", "TOPIC", "UNITS", "DEADLINE"])
        for order in orders {
            table.append([
                order.id, order.platformOrderNumber, order.state, order.urgency, order.topic,
                order.responsibleUnits.joined(separator: ","), ClockPrinter.deadline(order.handlingDeadlineUnixMs),
            ])
        }
        return table.render()
    }

    static func object(_ order: Wire.WorkOrderView) -> [String: Any] {
        [
            "id": order.id, "platform_order_number": order.platformOrderNumber, "channel": order.channel,
            "urgency": order.urgency, "kind": order.kind, "topic": order.topic, "state": order.state,
            "handling_mode": order.handlingMode, "track": order.track, "responsible_units": order.responsibleUnits,
            "received_at_unix_ms": order.receivedAtUnixMs, "dispatched_at_unix_ms": order.dispatchedAtUnixMs,
            "handling_deadline_unix_ms": order.handlingDeadlineUnixMs, "content": order.content,
            "caller": ["name": order.caller?.name ?? "", "phone": order.caller?.phone ?? ""],
            "cycle": order.cycle, "parent_order_id": order.parentOrderId,
            "knowledge_base_article_id": order.knowledgeBaseArticleId, "result_code": order.resultCode,
            "reply_text": order.replyText, "callback_outcome": order.callbackOutcome,
            "probable_duplicates": order.probableDuplicates,
        ]
    }

    static func object(_ order: Wire.OrderReference) -> [String: Any] {
        ["id": order.id, "channel": order.channel, "platform_order_number": order.platformOrderNumber]
    }

    static func object(_ event: Wire.OrderEvent) -> [String: Any] {
        [
            "sequence": event.sequence, "actor_id": event.actorId, "actor_name": event.actorName, "role": event.role,
            "unit": event.unit,
            "at_unix_ms": event.atUnixMs, "from": event.fromState, "to": event.toState, "action": event.action,
            "reason": event.reason, "cycle": event.cycle,
            "details": Dictionary(event.details.map { ($0.key, $0.value) }) { $1 },
        ]
    }

    static func json(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(
            withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
