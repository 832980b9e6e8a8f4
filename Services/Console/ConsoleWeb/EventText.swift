import Domain
import Foundation
import WireProtocol

/// The words of the timeline and the clocks: event details and stop reasons, which the services
/// record by their wire names, said in Chinese. Names not known here are shown as recorded.
enum EventText {
    /// `numbers`: the platform numbers of the orders the page knows, by id, for the details that
    /// name another order.
    static func detail(_ detail: Wire.EventDetail, units: UnitNames, numbers: [String: String] = [:]) -> String {
        let value = detail.value
        switch detail.key {
        case "mode": return "办理方式：\(WorkOrder.HandlingMode(rawValue: value)?.label ?? value)"
        case "track": return "通道：\(WorkOrder.Track(rawValue: value)?.label ?? value)"
        case "units":
            return "承办单位：" + value.split(separator: ",").map { units.name(String($0)) }.joined(separator: "、")
        case "routing.rule": return "分派规则：\(value)"
        case "routing.explanation": return "分派依据：\(value)"
        case "closure_standard": return "办结标准：\(value)"
        case "circulated_to": return "传阅：\(value)"
        case "result": return "办理结果：\(WorkOrder.ResultCode(rawValue: value)?.label ?? value)"
        case "approved": return value == "true" ? "结论：通过" : "结论：退回"
        case "accepted": return value == "true" ? "平台结论：通过" : "平台结论：退回重办"
        case "outcome": return "回访结果：\(WorkOrder.CallbackOutcome(rawValue: value)?.label ?? value)"
        case "wage.workers": return "涉及劳动者：\(value) 人"
        case "wage.amount_fen":
            guard let fen = Int64(value) else { return "追回金额：\(value)" }
            return "追回金额：\(fen / 100).\(String(format: "%02d", fen % 100)) 元"
        case "article_id": return "知识库条目：\(value)"
        case "level": return "定级：\(WorkOrder.GreenChannelLevel(rawValue: value)?.label ?? value)"
        case "days": return "延期：\(value) 个工作日"
        case "legal_basis", "basis": return "依据：\(value)"
        case "new_deadline": return "新时限：\(value)"
        case "parent_order_id": return "并入：" + (numbers[value].map { "\($0)（\(value)）" } ?? value)
        case "clock.kind": return "时限：\(ClockKind(rawValue: value)?.label ?? value)"
        case "clock.due": return "截止：\(value)"
        default: return "\(detail.key)：\(value)"
        }
    }

    static func stopReason(_ reason: String) -> String {
        switch reason {
        case "acknowledged": "已签收"
        case "replied": "已答复"
        case "closed": "已办结"
        case "returned": "已退单"
        case "extended": "已延期"
        case "classified": "已定级，改按定级时限"
        case "done": "事项已办结"
        case "case_cancelled": "协调已撤销"
        // Intake stops every clock of an order leaving handling for the state's name (merged, …).
        default: WorkOrder.State(rawValue: reason)?.label ?? reason
        }
    }
}
