public import Foundation

extension ClockEvent {
    /// The event's Chinese name, as the order's log, the console and mails say it:
    /// 签收时限预警, 办理时限已超期, 办理时限超期催办（第 2 次）.
    public func label(of kind: ClockKind) -> String {
        switch self {
        case .warning: "\(kind.label)预警"
        case .overdue: "\(kind.label)已超期"
        case .reminder(let number): "\(kind.label)超期催办（第 \(number) 次）"
        case .recomputed: "\(kind.label)按工作日历重算"
        }
    }

    /// What the event asks of the unit, in a sentence with the deadline in Beijing time.
    public func note(of kind: ClockKind, due: Date) -> String {
        let deadline = ShanghaiTime.chineseText(due)
        switch (self, kind) {
        case (.warning, .acknowledge): return "\(label(of: kind))：请于 \(deadline) 前签收"
        case (.warning, _): return "\(label(of: kind))：请于 \(deadline) 前办结答复，确需延期的在此前申请"
        case (.overdue, _), (.reminder, _): return "\(label(of: kind))：时限 \(deadline) 已过，请立即办理并说明原因"
        case (.recomputed, _): return "\(label(of: kind))：时限现为 \(deadline)"
        }
    }

    /// The event and clock kind intake recorded in an event's details (`clock.event`,
    /// `clock.reminder`, `clock.kind`), if the event is a clock's.
    public static func recorded(in details: [String: String]) -> (event: ClockEvent, kind: ClockKind)? {
        guard let name = details["clock.event"], let kind = details["clock.kind"].flatMap(ClockKind.init(rawValue:))
        else { return nil }
        let number = name == "overdue" ? 0 : Int(details["clock.reminder"] ?? "") ?? 0
        return ClockEvent(name: name, number: number).map { ($0, kind) }
    }
}

extension WorkOrderEvent {
    /// The Chinese name of what happened: the step's, or for a clock's warning, overdue event or
    /// reminder (recorded as a system `urge`) the clock event's own.
    public static func label(action: String, details: [String: String]) -> String {
        if let clock = ClockEvent.recorded(in: details) { return clock.event.label(of: clock.kind) }
        return WorkOrderAction.Kind(rawValue: action)?.label ?? action
    }
}
