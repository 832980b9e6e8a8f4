public import Assessment
import Domain

/// The Chinese names a bureau reads, for the codes a report stores.
public enum ReportLabels {
    public static func topic(_ code: String) -> String {
        WorkOrder.Topic(rawValue: code)?.label ?? code
    }

    public static let dimensions: [(key: String, title: String)] = [
        ("channel", "渠道"), ("urgency", "紧急程度"), ("kind", "诉求类型"), ("topic", "诉求分类"),
    ]

    /// A channel, urgency, kind or topic code as its name.
    public static func dimensionValue(_ dimension: String, _ code: String) -> String {
        switch dimension {
        case "topic": topic(code)
        case "kind": WorkOrder.Kind(rawValue: code)?.label ?? code
        case "urgency": code == WorkOrder.Urgency.urgent.rawValue ? "紧急" : code == WorkOrder.Urgency.normal.rawValue ? "一般" : code
        case "channel": code.hasPrefix("hotline_") ? String(code.dropFirst("hotline_".count)) : code
        default: code
        }
    }

    public static func fact(_ kind: OrderFact.Kind) -> String {
        switch kind {
        case .received: "收件"
        case .acknowledged: "签收"
        case .acknowledgedOnTime: "按时签收"
        case .acknowledgedLate: "超时签收"
        case .replied: "答复"
        case .closed: "办结"
        case .closedOnTime: "按时办结"
        case .closedLate: "超期办结"
        case .greenClosed: "绿色通道办结"
        case .greenClosedOnTime: "绿色通道按时销号"
        case .overdue: "超期"
        case .extensionRequested: "申请延期"
        case .extensionGranted: "延期获准"
        case .extensionDenied: "延期未准"
        case .returnRequested: "申请退单"
        case .returned: "退单"
        case .returnRefused: "退单未准"
        case .sentBack: "退回重办"
        case .reopened: "重办"
        case .callback: "回访"
        case .wageRecovered: "欠薪办结"
        case .merged: "并单"
        case .keyword: "关键词"
        }
    }
}
