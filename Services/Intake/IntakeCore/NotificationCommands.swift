import Domain
import Foundation
import Outbox
import ServiceDirectory
import ServiceKit
import WireProtocol

/// What to email after a change of an order (notice, section 三.3; DESIGN.md, "Handling modes"):
/// the 交办单 of a transfer (即时转办); clock warnings, overdue events and their reminders; the
/// desk's reminders (催办) and supervision (督办); an urgent order awaiting the deputy leader's
/// instruction; a reply the hotline sent back, a dissatisfied callback, a reopened order. Intake
/// names the kind and the unit; the gateway's escalation ladder says whose posts are mailed.
enum NotificationCommands {
    static let notify = Wire.Gateway.notify

    static func after(_ event: WorkOrderEvent, from before: WorkOrder, to order: WorkOrder, unitNames: KnownUnitNames)
        throws -> [OutboxMessage]
    {
        var notifications: [Wire.Notification] = []
        switch event.action {
        case .assign where order.handlingMode == .transfer:
            for unit in order.responsibleUnits {
                notifications.append(
                    Wire.Notification(
                        notificationId: "\(order.id)/\(event.sequence)/transfer_slip/\(unit)", kind: "transfer_slip",
                        orderId: order.id, unit: unit, subject: transferSlipSubject(order),
                        body: transferSlip(order, unit: unit, unitName: unitNames.name)
                    )
                )
            }
        default:
            guard let kind = noticeKind(event, to: order) else { break }
            // An order no unit holds (a knowledge-base answer sent back) is the desk's.
            let units = order.responsibleUnits.isEmpty ? [StuckOrderAlarm.deskUnit] : order.responsibleUnits
            for unit in units {
                notifications.append(
                    Wire.Notification(
                        notificationId: "\(order.id)/\(event.sequence)/\(kind)/\(unit)", kind: kind, orderId: order.id,
                        unit: unit,
                        subject: "【\(label(kind, event))】工单 \(order.platformOrderNumber)",
                        body: reminder(order, event: event, kind: kind)
                    )
                )
            }
        }
        return try messages(notifications)
    }

    /// The kind of notice a step calls for, whose rungs of the gateway's escalation ladder are
    /// mailed; nil for a step nobody need hear of.
    static func noticeKind(_ event: WorkOrderEvent, to order: WorkOrder) -> String? {
        switch event.action {
        case .urge, .supervise: reminderKind(event)
        case .assign where order.handlingMode == .leaderInstruction: "instruction_request"
        case .platformReview where order.state != .awaitingCallback: "sent_back"
        case .recordCallback where order.state != .closed: "dissatisfied_callback"
        case .reopen where event.details["after_return"] == nil: "reopened"
        default: nil
        }
    }

    /// The outbox messages that hand `notifications` to the gateway.
    static func messages(_ notifications: [Wire.Notification]) throws -> [OutboxMessage] {
        try notifications.map {
            IntakeOutbox.message(
                to: .gateway, method: notify, body: try Wire.NotifyRequest(notification: $0).wireBytes(),
                orderID: $0.orderId.isEmpty ? nil : $0.orderId)
        }
    }

    /// An SLA clock's warning before the acknowledgement deadline prompts to acknowledge; other
    /// warnings warn of the deadline; the overdue event and its reminders escalate; a recomputed
    /// deadline is only logged (the order page shows it); the rest are the desk's reminders (催办, 督办).
    static func reminderKind(_ event: WorkOrderEvent) -> String? {
        switch (event.details["clock.event"], event.details["clock.kind"]) {
        case ("warning"?, "acknowledge"?): "acknowledge_prompt"
        case ("warning"?, _): "overdue_warning"
        case ("overdue"?, _), ("reminder"?, _): "overdue"
        case ("recomputed"?, _): nil
        default: "reminder"
        }
    }

    static func label(_ kind: String, _ event: WorkOrderEvent) -> String {
        if let clock = ClockEvent.recorded(in: event.details) { return clock.event.label(of: clock.kind) }
        switch kind {
        case "instruction_request": return "即时批办·请分管局领导批示"
        case "sent_back": return "平台退回重办"
        case "dissatisfied_callback": return "回访不满意"
        case "reopened": return "工单重办"
        default: return event.action == .supervise ? "督办" : "催办"
        }
    }

    static func transferSlipSubject(_ order: WorkOrder) -> String {
        let deadline = order.handlingDeadline.map { "，请于 \(ShanghaiTime.chineseText($0)) 前答复" } ?? ""
        return "【交办单】12345 工单 \(order.platformOrderNumber)（\(order.urgency.label)）\(deadline)"
    }

    /// The 交办单: the order, the instruction and the deadline, readable on its own. The caller's
    /// personal data is masked: the full contact is in Suban, not in mailboxes.
    static func transferSlip(_ order: WorkOrder, unit: String, unitName: (String) -> String) -> String {
        let caller = order.caller.masked
        let acknowledgeWithin = order.urgency == .urgent ? " 30 分钟" : " 4 小时"
        return """
            三门峡市12345热线办理交办单

            工单编号：\(order.platformOrderNumber)（Suban \(order.id)）
            来源渠道：\(order.channel == .hotline12345 ? "12345 政务服务便民热线" : "12333 人社服务热线")
            紧急程度：\(order.urgency.label)
            诉求类型：\(order.kind.label)
            诉求分类：\(order.topic.label)
            派单时间：\(ShanghaiTime.chineseText(order.dispatchedAt))
            办理时限：\(order.handlingDeadline.map(ShanghaiTime.chineseText) ?? "平台未给定，签收后按人社局时限规则起算，以工作台所示为准")
            承办单位：\(unitName(unit))\(order.responsibleUnits.count > 1 ? "（共同承办：\(order.responsibleUnits.map(unitName).joined(separator: "、"))）" : "")
            办理方式：即时转办
            诉求人：\(caller.name.isEmpty ? "匿名" : caller.name)，电话 \(caller.phone)
            事发地址：\(order.address.isEmpty ? "—" : order.address)

            诉求内容：
            \(order.content)

            交办意见：
            请分管领导、部门负责人阅示。联络员须在\(acknowledgeWithin)内签收，报部门领导签署交办意见后转相关科室办理，\
            并在办理时限内答复；特殊情况须在时限内提交延时办理申请，并附相关法律法规依据。

            —— 人社局 12345 工作台（Suban 自动发送，请勿直接回复）
            """
    }

    static func reminder(_ order: WorkOrder, event: WorkOrderEvent, kind: String) -> String {
        let due =
            event.details["clock.due"].flatMap(ShanghaiTime.parseISO8601).map { "时限：\(ShanghaiTime.chineseText($0))\n" }
            ?? order.handlingDeadline.map { "办理时限：\(ShanghaiTime.chineseText($0))\n" } ?? ""
        return """
            \(label(kind, event))：12345 工单 \(order.platformOrderNumber)（Suban \(order.id)）
            当前状态：\(order.state.label)
            \(due)说明：\(event.reason ?? "请尽快办理")

            诉求内容：
            \(order.content)

            —— 人社局 12345 工作台（Suban 自动发送）
            """
    }
}
