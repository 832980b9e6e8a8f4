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
        case "urgency": WorkOrder.Urgency(rawValue: code)?.label ?? code
        case "channel": code.hasPrefix("hotline_") ? String(code.dropFirst("hotline_".count)) : code
        default: code
        }
    }
}
