import Domain
import Foundation
import WireProtocol

/// The email a unit gets when a coordination meeting is called (协调会通知), moved or called off. It reads on its
/// own: the order, when and where, the agenda, who else comes, who coordinates and what the leaders instructed.
/// The gateway sends it to the unit's liaison.
struct MeetingNotice {
    enum Kind: String {
        case invitation
        case reschedule
        case cancellation

        var title: String {
            switch self {
            case .invitation: "协调会通知"
            case .reschedule: "协调会改期通知"
            case .cancellation: "协调会取消通知"
            }
        }
    }

    /// The gateway's notification kind for all three: they go to the same people the same way.
    static let notificationKind = "meeting_invitation"

    var kind: Kind
    var meeting: Meeting
    var coordination: CoordinationCase

    /// Idempotent per meeting, unit and change: a retried delivery is recognised, a second move is a new notice.
    func notificationID(for unit: String) -> String {
        switch kind {
        case .invitation: "\(meeting.id)/invitation/\(unit)"
        case .reschedule: "\(meeting.id)/reschedule/\(meeting.reschedules.count)/\(unit)"
        case .cancellation: "\(meeting.id)/cancellation/\(unit)"
        }
    }

    func notification(for unit: String) -> Wire.Notification {
        Wire.Notification(
            notificationId: notificationID(for: unit), kind: Self.notificationKind, orderId: coordination.orderID,
            unit: unit,
            subject: "【\(kind.title)】12345 工单 \(coordination.platformOrderNumber)：\(Self.time(meeting.slot))",
            body: body(for: unit)
        )
    }

    func body(for unit: String) -> String {
        var lines = ["\(coordination.name(ofUnit: unit))：", ""]
        switch kind {
        case .invitation:
            lines.append("兹定于以下时间召开协调会，研究 12345 工单办理事宜，请派员准时参加。")
        case .reschedule:
            let last = meeting.reschedules.last
            lines.append("原定于 \(last.map { Self.time($0.from) } ?? "-") 召开的协调会改期举行，改期原因：\(last?.reason ?? "-")。")
        case .cancellation:
            lines.append("原定于 \(Self.time(meeting.slot)) 召开的协调会取消，取消原因：\(meeting.cancellationReason ?? "-")。")
        }
        lines += [
            "",
            "工单编号：\(coordination.platformOrderNumber)（Suban \(coordination.orderID)，协调案件 \(coordination.id)）",
            "会议时间：\(Self.time(meeting.slot))",
        ]
        if !meeting.place.isEmpty { lines.append("会议地点：\(meeting.place)") }
        if !meeting.callLink.isEmpty { lines.append("线上会议：\(meeting.callLink)") }
        lines += [
            "会议议题：\(meeting.agenda)",
            "牵头单位：\(coordination.name(ofUnit: coordination.leadUnit))",
            "参会单位：\(meeting.invitedUnits.map(coordination.name(ofUnit:)).joined(separator: "、"))",
            "协调人：\(coordination.coordinator)",
        ]
        if let instruction = coordination.instruction {
            lines.append("领导批示：\(instruction.text)（\(instruction.leader)）")
        }
        lines += ["", "—— 人社局 12345 工作台（Suban 自动发送，请勿直接回复）"]
        return lines.joined(separator: "\n")
    }

    /// `2025-09-30 10:00—12:00`, or with both dates when the meeting spans midnight; Asia/Shanghai.
    static func time(_ slot: Meeting.Slot) -> String {
        let start = ShanghaiTime.iso8601(slot.start)
        let end = ShanghaiTime.iso8601(slot.end)
        func minutes(_ text: String) -> String { String(text.prefix(16)).replacingOccurrences(of: "T", with: " ") }
        let sameDay = start.prefix(10) == end.prefix(10)
        return minutes(start) + "—" + (sameDay ? String(minutes(end).suffix(5)) : minutes(end))
    }
}
