import Domain
import Foundation
import Outbox
import ServiceKit
import WireProtocol

/// Whom to email after a change of an order (notice, section 三.3; DESIGN.md, "Handling modes"):
/// a transfer (即时转办) sends the 交办单 to each responsible unit's deputy leader and head;
/// reminders (催办), supervision (督办), clock warnings and overdue events go to the unit's liaison.
/// Intake names the unit; the gateway looks up the addresses in routing's unit directory.
enum NotificationCommands {
    static let notify = "gateway.notify"

    static func after(_ event: WorkOrderEvent, from before: WorkOrder, to order: WorkOrder, unitNames: KnownUnitNames) throws -> [OutboxMessage] {
        var notifications: [WireProtocol.Notification] = []
        switch event.action {
        case .assign where order.handlingMode == .transfer:
            for unit in order.responsibleUnits {
                notifications.append(
                    WireProtocol.Notification(
                        notificationId: "\(order.id)/\(event.sequence)/transfer_slip/\(unit)", kind: "transfer_slip",
                        orderId: order.id, unit: unit, subject: transferSlipSubject(order), body: transferSlip(order, unit: unit, unitName: unitNames.name)
                    )
                )
            }
        case .urge, .supervise:
            let kind = reminderKind(event)
            for unit in order.responsibleUnits {
                notifications.append(
                    WireProtocol.Notification(
                        notificationId: "\(order.id)/\(event.sequence)/\(kind)/\(unit)", kind: kind, orderId: order.id, unit: unit,
                        subject: "【\(label(kind, event))】工单 \(order.platformOrderNumber)", body: reminder(order, event: event, kind: kind)
                    )
                )
            }
        default:
            break
        }
        return try messages(notifications)
    }

    /// The outbox messages that hand `notifications` to the gateway.
    static func messages(_ notifications: [WireProtocol.Notification]) throws -> [OutboxMessage] {
        try notifications.map {
            IntakeOutbox.message(to: .gateway, method: notify, body: try NotifyRequest(notification: $0).wireBytes(), orderID: $0.orderId.isEmpty ? nil : $0.orderId)
        }
    }

    /// An SLA clock's warning before the acknowledgement deadline prompts to acknowledge; any other
    /// warning or overdue event is an overdue warning; the rest are reminders.
    static func reminderKind(_ event: WorkOrderEvent) -> String {
        switch (event.details["clock.event"], event.details["clock.kind"]) {
        case ("warning"?, "acknowledge"?): "acknowledge_prompt"
        case ("warning"?, _), ("overdue"?, _): "overdue_warning"
        default: "reminder"
        }
    }

    static func label(_ kind: String, _ event: WorkOrderEvent) -> String {
        if let clock = ClockEvent.recorded(in: event.details) { return clock.event.label(of: clock.kind) }
        return event.action == .supervise ? "督办" : "催办"
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
        let due = event.details["clock.due"].flatMap(ShanghaiTime.parseISO8601).map { "时限：\(ShanghaiTime.chineseText($0))\n" }
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
