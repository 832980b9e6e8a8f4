import Domain
import Foundation
import RPC
public import WireProtocol

// Compiled into a module named CoordinationCore together with coordination's own
// WireMapping+Requests.swift (scripts/fuzz.sh). The handlers (CoordinationHandlers+*.swift) read their
// requests with RPC's `ViolationCollector` and then need the desk and Identity, which do not compile on
// their own: each function here repeats a handler's reading steps up to the `CoordinationAction`.

/// Coordination's requests read into the actions the desk applies.
public enum CoordinationRequestMapping {
    public static func scheduleMeeting(_ request: Wire.ScheduleMeetingRequest) {
        var collector = ViolationCollector()
        let caseID = collector.require(request.caseId, field: "case_id")
        let start = collector.instant(request.startsAtUnixMs, field: "starts_at_unix_ms")
        let end = collector.instant(request.endsAtUnixMs, field: "ends_at_unix_ms")
        guard (try? collector.check("invalid schedule_meeting request")) != nil, caseID != nil, let start, let end
        else { return }
        let plan = Meeting.Plan(
            slot: Meeting.Slot(start: start, end: end), place: request.place, callLink: request.callLink,
            agenda: request.agenda, invitedUnits: request.invitedUnits
        )
        _ = CoordinationAction.scheduleMeeting(plan)
    }

    public static func rescheduleMeeting(_ request: Wire.RescheduleMeetingRequest) {
        var collector = ViolationCollector()
        let meeting = collector.reference(request.meetingId, kind: "meeting", field: "meeting_id")
        let start = collector.instant(request.startsAtUnixMs, field: "starts_at_unix_ms")
        let end = collector.instant(request.endsAtUnixMs, field: "ends_at_unix_ms")
        guard (try? collector.check("invalid reschedule_meeting request")) != nil, let meeting, let start, let end
        else { return }
        _ = CoordinationAction.rescheduleMeeting(
            number: meeting.number, to: Meeting.Slot(start: start, end: end),
            place: request.place.isEmpty ? nil : request.place,
            callLink: request.callLink.isEmpty ? nil : request.callLink,
            reason: request.reason
        )
    }

    public static func cancelMeeting(_ request: Wire.CancelMeetingRequest) {
        var collector = ViolationCollector()
        _ = collector.reference(request.meetingId, kind: "meeting", field: "meeting_id")
    }

    public static func recordAttendance(_ request: Wire.RecordAttendanceRequest) {
        var collector = ViolationCollector()
        guard let meeting = collector.reference(request.meetingId, kind: "meeting", field: "meeting_id") else { return }
        _ = CoordinationAction.recordAttendance(
            number: meeting.number, request.attendance.map(Meeting.Attendance.init(wire:)))
    }

    public static func recordMinutes(_ request: Wire.RecordMinutesRequest) {
        var collector = ViolationCollector()
        _ = collector.reference(request.meetingId, kind: "meeting", field: "meeting_id")
    }

    public static func addActionItem(_ request: Wire.AddActionItemRequest) {
        var collector = ViolationCollector()
        guard let meeting = collector.reference(request.meetingId, kind: "meeting", field: "meeting_id") else { return }
        _ = CoordinationAction.addActionItem(
            meeting: meeting.number, ownerUnit: request.ownerUnit, what: request.what,
            dueWorkingDays: Int(clamping: request.dueWorkingDays)
        )
    }

    public static func completeActionItem(_ request: Wire.CompleteActionItemRequest) {
        var collector = ViolationCollector()
        guard let item = collector.reference(request.actionItemId, kind: "action", field: "action_item_id") else {
            return
        }
        _ = CoordinationAction.completeActionItem(number: item.number, outcome: request.outcome)
    }

    public static func moveActionItemDue(_ request: Wire.MoveActionItemDueRequest) {
        var collector = ViolationCollector()
        _ = collector.reference(request.actionItemId, kind: "action", field: "action_item_id")
        _ = collector.instant(request.dueUnixMs, field: "due_unix_ms")
    }

    public static func compileResult(_ request: Wire.CompileResultRequest) {
        var collector = ViolationCollector()
        _ = collector.require(request.caseId, field: "case_id")
        guard let result = collector.value(WorkOrder.ResultCode.self, request.resultCode, field: "result_code") else {
            return
        }
        _ = CoordinationAction.compile(result: result, summary: request.summary)
    }
}

// A copy of the extension in CoordinationCommands.swift, which the mapping uses and which cannot be compiled here:
// that file also needs Outbox and ServiceKit.
extension Date {
    var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }
}
