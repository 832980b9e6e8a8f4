import Domain
import Foundation
import Identity
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

// Meetings: schedule, move, call off, attendance, minutes. Each answers the case after the change and the meeting
// with the conflicts it has now (flagged, not refused).
extension CoordinationHandlers {
    func scheduleMeeting(_ request: Wire.ScheduleMeetingRequest, _ credential: Credential) throws
        -> Wire.MeetingResponse
    {
        var collector = ViolationCollector()
        let caseID = collector.require(request.caseId, field: "case_id")
        let actor = try credential.actor(claimed: request.actor)
        let start = collector.instant(request.startsAtUnixMs, field: "starts_at_unix_ms")
        let end = collector.instant(request.endsAtUnixMs, field: "ends_at_unix_ms")
        guard collector.violations.isEmpty, let start, let end, let caseID else {
            throw collector.refusal("invalid schedule_meeting request")
        }
        let plan = Meeting.Plan(
            slot: Meeting.Slot(start: start, end: end), place: request.place, callLink: request.callLink,
            agenda: request.agenda, invitedUnits: request.invitedUnits
        )
        let (record, event) = try desk.apply(.scheduleMeeting(plan), toCase: caseID, by: actor)
        return try meetingResponse(record, event)
    }

    func rescheduleMeeting(_ request: Wire.RescheduleMeetingRequest, _ credential: Credential) throws
        -> Wire.MeetingResponse
    {
        var collector = ViolationCollector()
        let meeting = collector.reference(request.meetingId, kind: "meeting", field: "meeting_id")
        let actor = try credential.actor(claimed: request.actor)
        let start = collector.instant(request.startsAtUnixMs, field: "starts_at_unix_ms")
        let end = collector.instant(request.endsAtUnixMs, field: "ends_at_unix_ms")
        guard collector.violations.isEmpty, let meeting, let start, let end else {
            throw collector.refusal("invalid reschedule_meeting request")
        }
        let action = CoordinationAction.rescheduleMeeting(
            number: meeting.number, to: Meeting.Slot(start: start, end: end),
            place: request.place.isEmpty ? nil : request.place,
            callLink: request.callLink.isEmpty ? nil : request.callLink,
            reason: request.reason
        )
        let (record, event) = try desk.apply(action, toCase: meeting.caseID, by: actor)
        return try meetingResponse(record, event)
    }

    func cancelMeeting(_ request: Wire.CancelMeetingRequest, _ credential: Credential) throws -> Wire.MeetingResponse {
        var collector = ViolationCollector()
        let meeting = collector.reference(request.meetingId, kind: "meeting", field: "meeting_id")
        let actor = try credential.actor(claimed: request.actor)
        guard collector.violations.isEmpty, let meeting else {
            throw collector.refusal("invalid cancel_meeting request")
        }
        let (record, event) = try desk.apply(
            .cancelMeeting(number: meeting.number, reason: request.reason), toCase: meeting.caseID, by: actor)
        return try meetingResponse(record, event)
    }

    func recordAttendance(_ request: Wire.RecordAttendanceRequest, _ credential: Credential) throws
        -> Wire.MeetingResponse
    {
        var collector = ViolationCollector()
        let meeting = collector.reference(request.meetingId, kind: "meeting", field: "meeting_id")
        let actor = try credential.actor(claimed: request.actor)
        if request.attendance.isEmpty {
            collector.violations.append(
                FieldViolation(field: "attendance", code: "required", message: "at least the units that came"))
        }
        guard collector.violations.isEmpty, let meeting else {
            throw collector.refusal("invalid record_attendance request")
        }
        let action = CoordinationAction.recordAttendance(
            number: meeting.number, request.attendance.map(Meeting.Attendance.init(wire:)))
        let (record, event) = try desk.apply(action, toCase: meeting.caseID, by: actor)
        return try meetingResponse(record, event)
    }

    func recordMinutes(_ request: Wire.RecordMinutesRequest, _ credential: Credential) throws -> Wire.MeetingResponse {
        var collector = ViolationCollector()
        let meeting = collector.reference(request.meetingId, kind: "meeting", field: "meeting_id")
        let actor = try credential.actor(claimed: request.actor)
        guard collector.violations.isEmpty, let meeting else {
            throw collector.refusal("invalid record_minutes request")
        }
        let action = CoordinationAction.recordMinutes(
            number: meeting.number, minutes: request.minutes, decisions: request.decisions)
        let (record, event) = try desk.apply(action, toCase: meeting.caseID, by: actor)
        return try meetingResponse(record, event)
    }

    private func meetingResponse(_ record: CaseStore.Record, _ event: CoordinationEvent) throws -> Wire.MeetingResponse
    {
        let view = try view(record)
        return Wire.MeetingResponse(coordinationCase: view, meeting: view.meetings.first { $0.id == event.subject })
    }
}
