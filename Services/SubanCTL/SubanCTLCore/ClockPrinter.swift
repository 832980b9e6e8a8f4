import Domain
import Foundation
import WireProtocol

/// An order's deadlines as `subanctl show` prints them: each clock with its rule, start, deadline
/// (an end of day as 24:00) and how its days were counted.
enum ClockPrinter {
    static func lines(_ clocks: [Wire.Clock]) -> [String] {
        guard !clocks.isEmpty else { return ["  (no clock)"] }
        return clocks.flatMap(lines)
    }

    static func lines(_ clock: Wire.Clock) -> [String] {
        let kind = ClockKind(rawValue: clock.kind)?.label ?? clock.kind
        var state = clock.state
        if clock.state == "stopped", !clock.stopReason.isEmpty { state += " (\(clock.stopReason))" }
        var head = "  \(kind)  \(deadline(clock.dueUnixMs))  \(state)"
        if clock.provisional { head += "  provisional: a year counted has no holiday notice loaded" }
        var lines = [head]
        var rule = "    rule \(clock.rule.isEmpty ? clock.policy : clock.rule), from \(deadline(clock.startUnixMs))"
        if clock.originalDueUnixMs != clock.dueUnixMs, clock.originalDueUnixMs > 0 {
            rule += ", before extension \(deadline(clock.originalDueUnixMs))"
        }
        lines.append(rule)
        if !clock.skippedDays.isEmpty { lines.append("    not counted: " + clock.skippedDays.joined(separator: ", ")) }
        if !clock.workedWeekendDays.isEmpty {
            lines.append("    weekend days counted: " + clock.workedWeekendDays.joined(separator: ", "))
        }
        if !clock.calendarNotices.isEmpty {
            lines.append("    calendar: " + clock.calendarNotices.joined(separator: "; "))
        }
        return lines
    }

    static func object(_ clock: Wire.Clock) -> [String: Any] {
        [
            "id": clock.id, "kind": clock.kind, "state": clock.state, "rule": clock.rule, "policy": clock.policy,
            "start": ShanghaiTime.iso8601(instant(clock.startUnixMs)),
            "due": ShanghaiTime.iso8601(instant(clock.dueUnixMs)), "due_text": deadline(clock.dueUnixMs),
            "provisional": clock.provisional, "stop_reason": clock.stopReason, "skipped_days": clock.skippedDays,
            "worked_weekend_days": clock.workedWeekendDays, "calendar_notices": clock.calendarNotices,
        ]
    }

    static func deadline(_ unixMilliseconds: Int64) -> String {
        unixMilliseconds > 0 ? ShanghaiTime.deadlineText(instant(unixMilliseconds)) : "-"
    }

    private static func instant(_ unixMilliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }
}
