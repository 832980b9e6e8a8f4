/// What a clock watches (DESIGN.md, "Clocks and deadlines"); the raw values are the wire names.
public enum ClockKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 签收: the liaison acknowledges a dispatched order (30 minutes urgent, 4 hours normal).
    case acknowledge
    /// 办理: the reply is due, by the platform's deadline or a default per order kind.
    case handling
    /// Green channel: studied and deployed, and general enterprise requests closed, the same day.
    case greenSameDay = "green_same_day"
    /// Green channel: a complex request settled within 7 working days.
    case greenComplex = "green_complex"
    /// Green channel: a difficult multi-unit request settled within 15 working days (or explained).
    case greenDifficult = "green_difficult"
    /// An action item decided by a coordination meeting (协调会).
    case actionItem = "action_item"
}

extension ClockKind {
    /// The deadline's Chinese name, as the console shows it.
    public var label: String {
        switch self {
        case .acknowledge: "签收时限"
        case .handling: "办理时限"
        case .greenSameDay: "绿色通道·当日办结"
        case .greenComplex: "绿色通道·7个工作日"
        case .greenDifficult: "绿色通道·15个工作日"
        case .actionItem: "协调会事项"
        }
    }
}
