import Foundation
import ReportRendering
import WireProtocol

/// Renders coordination cases for people (a summary, tables of meetings and action items, one line per event) and
/// for scripts (JSON with the wire's field names).
enum CoordinationPrinter {
    static func summary(_ view: Wire.CoordinationCaseView) -> String {
        var lines = [
            ("case", view.id),
            ("order", "\(view.orderId)  (\(view.platformOrderNumber))"),
            ("state", view.state),
            ("mode / track", "\(view.handlingMode.isEmpty ? "-" : view.handlingMode) / \(view.track)"),
            ("lead unit", view.leadUnit),
            ("participating", view.participatingUnits.isEmpty ? "-" : view.participatingUnits.joined(separator: ", ")),
            ("coordinator", view.coordinator),
        ]
        if !view.instruction.isEmpty {
            lines.append(("instruction", "\(view.instruction)  — \(view.instructingLeader)"))
        }
        lines.append(("opened", "\(OrderPrinter.time(view.openedAtUnixMs)) by \(view.openedBy)"))
        if view.overdueItems > 0 { lines.append(("overdue items", String(view.overdueItems))) }
        if !view.cancellationReason.isEmpty { lines.append(("cancelled", view.cancellationReason)) }
        if !view.compiledText.isEmpty {
            lines.append(
                (
                    "compiled",
                    "\(OrderPrinter.time(view.compiledAtUnixMs)) by \(view.compiledBy), result \(view.resultCode)"
                ))
            lines.append(
                (
                    "reply to intake",
                    view.replyError.isEmpty ? view.replyDelivery : "\(view.replyDelivery): \(view.replyError)"
                ))
        }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(
            separator: "\n")
    }

    static func meetingsTable(_ meetings: [Wire.MeetingView]) -> String {
        var table = TextTable(["MEETING", "STATE", "WHEN", "WHERE", "UNITS", "PRESENT", "DECISIONS", "NOTE"])
        for meeting in meetings {
            let present = meeting.attendance.filter(\.present).map(\.unit)
            var note = meeting.cancellationReason
            if note.isEmpty, let last = meeting.reschedules.last { note = "moved: \(last.reason)" }
            if !meeting.conflicts.isEmpty {
                note =
                    (note.isEmpty ? "" : note + "; ") + "CONFLICT with "
                    + meeting.conflicts.map(\.meetingId).joined(separator: ", ")
            }
            table.append([
                meeting.id, meeting.state, slot(meeting.startsAtUnixMs, meeting.endsAtUnixMs),
                [meeting.place, meeting.callLink].filter { !$0.isEmpty }.joined(separator: " / "),
                meeting.invitedUnits.joined(separator: ","),
                meeting.attendance.isEmpty ? "-" : present.joined(separator: ","),
                String(meeting.decisions.count), note.isEmpty ? "-" : note,
            ])
        }
        return table.render()
    }

    static func itemsTable(_ items: [Wire.ActionItemView]) -> String {
        var table = TextTable(["ITEM", "OWNER", "STATE", "DUE", "WHAT", "OUTCOME"])
        for item in items {
            let state = item.overdue ? "OVERDUE" : item.state
            let due = "\(item.dueDay) (\(item.dueWorkingDays) wd)\(item.dueProvisional ? " provisional" : "")"
            table.append([item.id, item.ownerUnit, state, due, item.what, item.outcome.isEmpty ? "-" : item.outcome])
        }
        return table.render()
    }

    static func listTable(_ cases: [Wire.CoordinationCaseView]) -> String {
        var table = TextTable([
            "CASE", "ORDER", "STATE", "TRACK", "LEAD", "UNITS", "NEXT MEETING", "ITEMS DONE", "OVERDUE",
        ])
        for view in cases {
            let next = view.meetings.filter { $0.state == "scheduled" || $0.state == "rescheduled" }.map(
                \.startsAtUnixMs
            ).min()
            let done = view.actionItems.filter { $0.state == "done" }.count
            table.append([
                view.id, view.platformOrderNumber, view.state, view.track, view.leadUnit,
                ([view.leadUnit] + view.participatingUnits).joined(separator: ","), next.map(OrderPrinter.time) ?? "-",
                "\(done)/\(view.actionItems.count)", view.overdueItems == 0 ? "-" : String(view.overdueItems),
            ])
        }
        return table.render()
    }

    static func eventLine(_ event: Wire.CaseEvent) -> String {
        let who = event.unit.isEmpty ? "\(event.role):\(event.actorId)" : "\(event.role):\(event.actorId)@\(event.unit)"
        var line = "#\(event.sequence) \(OrderPrinter.time(event.atUnixMs))  \(event.action)"
        if !event.subject.isEmpty { line += " \(event.subject)" }
        line += "  \(event.fromState) → \(event.toState)  by \(who)"
        if !event.reason.isEmpty { line += "  — \(event.reason)" }
        return line
    }

    static func conflictLines(_ meeting: Wire.MeetingView) -> [String] {
        meeting.conflicts.map {
            "conflict: \($0.units.joined(separator: ",")) also invited to \($0.meetingId) at \(slot($0.startsAtUnixMs, $0.endsAtUnixMs))"
        }
    }

    /// `2025-09-30 10:00—12:00` in Asia/Shanghai.
    static func slot(_ start: Int64, _ end: Int64) -> String {
        let from = OrderPrinter.time(start)
        let to = OrderPrinter.time(end)
        return from + "—" + (from.prefix(10) == to.prefix(10) ? String(to.suffix(5)) : to)
    }

    // MARK: JSON

    static func object(_ view: Wire.CoordinationCaseView) -> [String: Any] {
        [
            "id": view.id, "order_id": view.orderId, "platform_order_number": view.platformOrderNumber,
            "handling_mode": view.handlingMode, "track": view.track, "state": view.state, "lead_unit": view.leadUnit,
            "participating_units": view.participatingUnits, "coordinator": view.coordinator,
            "instructing_leader": view.instructingLeader, "instruction": view.instruction, "opened_by": view.openedBy,
            "opened_at_unix_ms": view.openedAtUnixMs, "updated_at_unix_ms": view.updatedAtUnixMs,
            "meetings": view.meetings.map(object), "action_items": view.actionItems.map(object),
            "compiled_text": view.compiledText, "result_code": view.resultCode, "compiled_by": view.compiledBy,
            "compiled_at_unix_ms": view.compiledAtUnixMs, "reply_delivery": view.replyDelivery,
            "reply_error": view.replyError,
            "cancellation_reason": view.cancellationReason, "overdue_items": Int(view.overdueItems),
        ]
    }

    static func object(_ meeting: Wire.MeetingView) -> [String: Any] {
        [
            "id": meeting.id, "number": Int(meeting.number), "state": meeting.state,
            "starts_at_unix_ms": meeting.startsAtUnixMs, "ends_at_unix_ms": meeting.endsAtUnixMs,
            "place": meeting.place,
            "call_link": meeting.callLink, "agenda": meeting.agenda, "invited_units": meeting.invitedUnits,
            "attendance": meeting.attendance.map {
                ["unit": $0.unit, "present": $0.present, "attendees": $0.attendees, "note": $0.note] as [String: Any]
            },
            "minutes": meeting.minutes, "decisions": meeting.decisions,
            "reschedules": meeting.reschedules.map {
                [
                    "from_starts_at_unix_ms": $0.fromStartsAtUnixMs, "to_starts_at_unix_ms": $0.toStartsAtUnixMs,
                    "reason": $0.reason, "actor_id": $0.actorId, "at_unix_ms": $0.atUnixMs,
                ] as [String: Any]
            },
            "cancellation_reason": meeting.cancellationReason, "scheduled_by": meeting.scheduledBy,
            "conflicts": meeting.conflicts.map {
                [
                    "meeting_id": $0.meetingId, "case_id": $0.caseId, "units": $0.units,
                    "starts_at_unix_ms": $0.startsAtUnixMs, "ends_at_unix_ms": $0.endsAtUnixMs,
                ] as [String: Any]
            },
        ]
    }

    static func object(_ item: Wire.ActionItemView) -> [String: Any] {
        [
            "id": item.id, "number": Int(item.number), "meeting_id": item.meetingId, "owner_unit": item.ownerUnit,
            "what": item.what, "due_working_days": Int(item.dueWorkingDays), "due_unix_ms": item.dueUnixMs,
            "due_day": item.dueDay, "due_provisional": item.dueProvisional, "state": item.state,
            "outcome": item.outcome,
            "completed_by": item.completedBy, "completed_at_unix_ms": item.completedAtUnixMs, "overdue": item.overdue,
            "created_at_unix_ms": item.createdAtUnixMs,
        ]
    }

    static func object(_ event: Wire.CaseEvent) -> [String: Any] {
        [
            "sequence": event.sequence, "actor_id": event.actorId, "role": event.role, "unit": event.unit,
            "at_unix_ms": event.atUnixMs, "from": event.fromState, "to": event.toState, "action": event.action,
            "subject": event.subject, "reason": event.reason,
        ]
    }
}
