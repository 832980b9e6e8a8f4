import Domain
import Foundation
import RPC
import WireProtocol

extension Wire.Clock {
    /// The wire form of a stored clock.
    init(_ record: ClockRecord) {
        self.init(
            id: record.id,
            orderId: record.orderID,
            unit: record.unit,
            kind: record.kind.rawValue,
            policy: record.policy.name,
            startUnixMs: record.start,
            dueUnixMs: record.due,
            originalDueUnixMs: record.originalDue,
            state: record.state.rawValue,
            provisional: record.provisional,
            warningsSent: UInt32(clamping: record.progress.warningsSent),
            remindersSent: UInt32(clamping: record.progress.remindersSent),
            stopReason: record.stopReason,
            cycle: UInt32(clamping: record.cycle)
        )
    }
}

extension Wire.Clock {
    /// The wire form with how its deadline was counted: the policy's rule, and for a rule counted
    /// in days the days `calendar` skipped or counted and the notices it read.
    init(_ record: ClockRecord, explainedBy calendar: WorkingDayCalendar) {
        self.init(record)
        switch record.dueSource {
        case .policy: rule = record.dueRule.label
        case .caller: rule = DueRule.givenByCaller.label
        case .extension: rule = "延期批准的时限（原规则：\(record.dueRule.label)）"
        }
        guard record.dueSource != .caller, record.dueRule.dependsOnCalendar || record.dueSource == .extension else {
            return
        }
        let explanation = calendar.explain(
            start: Date(unixMilliseconds: record.start), due: Date(unixMilliseconds: record.due))
        calendarNotices = explanation.notices
        skippedDays = explanation.skippedDays.map { "\($0.date) \($0.name)" }
        workedWeekendDays = explanation.workedWeekendDays.map { "\($0.date) \($0.name)" }
    }
}
