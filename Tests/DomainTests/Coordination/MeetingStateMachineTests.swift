import Domain
import Foundation
import Testing

/// A meeting's own lifecycle — scheduled → rescheduled → held (attendance, minutes) | cancelled — through the case.
@Suite struct MeetingStateMachineTests {
    typealias F = CoordinationFixtures

    static let moved = Meeting.Slot(start: F.at("2025-10-09T14:00:00+08:00"), end: F.at("2025-10-09T16:00:00+08:00"))

    @Test func theTableIsTheOneOfTheIssue() {
        #expect(
            Meeting.transitions[.scheduled] == [
                .reschedule: .rescheduled, .cancel: .cancelled, .recordAttendance: .held,
            ])
        #expect(Meeting.transitions[.rescheduled] == Meeting.transitions[.scheduled])
        #expect(Meeting.transitions[.held] == [.recordAttendance: .held, .recordMinutes: .held])
        #expect(Meeting.transitions[.cancelled] == [:])
    }

    @Test func schedulingKeepsThePlanAndInvitesTheLeadUnitFirst() throws {
        var coordination = try F.caseIn(.open)
        let plan = Meeting.Plan(
            slot: F.meetingSlot, place: "  ", callLink: " https://meet.example.invalid/1 ", agenda: "议题",
            invitedUnits: [F.partner, "office", F.partner, F.lead])
        let event = try coordination.apply(.scheduleMeeting(plan), by: F.desk, at: F.t0)
        let meeting = try #require(coordination.meeting(number: 1))
        #expect(event.subject == meeting.id && meeting.id == "CC-20250929-001/meeting/1")
        #expect(meeting.invitedUnits == [F.lead, F.partner, "office"])
        #expect(meeting.place.isEmpty && meeting.callLink == "https://meet.example.invalid/1")
        #expect(meeting.state == .scheduled && meeting.scheduledBy == F.desk)
    }

    @Test(arguments: [
        ("place", Meeting.Plan(slot: F.meetingSlot, agenda: "议题", invitedUnits: [F.partner])),
        ("agenda", Meeting.Plan(slot: F.meetingSlot, place: "会议室", agenda: " ", invitedUnits: [F.partner])),
        ("invited_units", Meeting.Plan(slot: F.meetingSlot, place: "会议室", agenda: "议题", invitedUnits: [F.lead])),
        (
            "ends_at",
            Meeting.Plan(
                slot: .init(start: F.meetingSlot.end, end: F.meetingSlot.start), place: "会议室", agenda: "议题",
                invitedUnits: [F.partner])
        ),
        (
            "ends_at",
            Meeting.Plan(
                slot: .init(start: F.meetingSlot.start, end: F.meetingSlot.start.addingTimeInterval(13 * 3600)),
                place: "会议室", agenda: "议题", invitedUnits: [F.partner])
        ),
        (
            "starts_at",
            Meeting.Plan(
                slot: .init(start: F.at("2025-09-27T09:00:00+08:00"), end: F.at("2025-09-27T10:00:00+08:00")),
                place: "会议室", agenda: "议题", invitedUnits: [F.partner])
        ),
    ])
    func aBadPlanIsRefusedNamingItsField(_ field: String, _ plan: Meeting.Plan) throws {
        var coordination = try F.caseIn(.open)
        let error = #expect(throws: CoordinationError.self) {
            try coordination.apply(.scheduleMeeting(plan), by: F.desk, at: F.t0)
        }
        #expect(error?.field == field)
        #expect(coordination.meetings.isEmpty)
    }

    @Test func aMeetingConvenedOnTheSpotIsRecordedAfterwards() throws {
        var coordination = try F.caseIn(.open)
        _ = try coordination.apply(
            .scheduleMeeting(F.plan()), by: F.desk, at: F.meetingSlot.end.addingTimeInterval(3600))
        _ = try coordination.apply(
            .recordAttendance(number: 1, F.attendance), by: F.desk, at: F.meetingSlot.end.addingTimeInterval(3700))
        #expect(coordination.meetings[0].state == .held)
    }

    @Test func reschedulingKeepsEveryMoveWithItsReason() throws {
        var coordination = try F.caseIn(.meetingScheduled)
        _ = try coordination.apply(
            .rescheduleMeeting(number: 1, to: Self.moved, place: nil, callLink: nil, reason: "节前时间紧"), by: F.desk,
            at: F.t0)
        let later = Meeting.Slot(
            start: Self.moved.start.addingTimeInterval(86_400), end: Self.moved.end.addingTimeInterval(86_400))
        let event = try coordination.apply(
            .rescheduleMeeting(number: 1, to: later, place: "失业保险中心会议室", callLink: nil, reason: "改在失业保险中心"),
            by: F.liaison(), at: F.t0)
        let meeting = coordination.meetings[0]
        #expect(meeting.state == .rescheduled && meeting.slot == later && meeting.place == "失业保险中心会议室")
        #expect(meeting.reschedules.map(\.reason) == ["节前时间紧", "改在失业保险中心"])
        #expect(meeting.reschedules.map(\.from) == [F.meetingSlot, Self.moved])
        #expect(meeting.reschedules[1].actorID == F.liaison().id)
        #expect(event.reason == "改在失业保险中心" && event.subject == meeting.id)
    }

    @Test func reschedulingNeedsAReasonAFutureTimeAndAChange() throws {
        let coordination = try F.caseIn(.meetingScheduled)
        let cases: [(CoordinationAction, String)] = [
            (.rescheduleMeeting(number: 1, to: Self.moved, place: nil, callLink: nil, reason: " "), "reason"),
            (
                .rescheduleMeeting(
                    number: 1,
                    to: .init(start: F.at("2025-09-29T08:00:00+08:00"), end: F.at("2025-09-29T08:30:00+08:00")),
                    place: nil, callLink: nil, reason: "改期"), "starts_at"
            ),
            (.rescheduleMeeting(number: 1, to: F.meetingSlot, place: nil, callLink: nil, reason: "改期"), "starts_at"),
        ]
        for (action, field) in cases {
            var copy = coordination
            let error = #expect(throws: CoordinationError.self) { try copy.apply(action, by: F.desk, at: F.t0) }
            #expect(error?.field == field)
            #expect(copy == coordination)
        }
    }

    @Test func aCancelledMeetingKeepsItsReasonAndAcceptsNothingMore() throws {
        var coordination = try F.caseIn(.meetingScheduled)
        _ = try coordination.apply(.cancelMeeting(number: 1, reason: "问题已解决"), by: F.desk, at: F.t0)
        #expect(coordination.meetings[0].state == .cancelled && coordination.meetings[0].cancellationReason == "问题已解决")
        #expect(coordination.state == .open)
        let meetingID = coordination.meetings[0].id
        for (action, meetingAction) in [
            (
                CoordinationAction.rescheduleMeeting(
                    number: 1, to: Self.moved, place: nil, callLink: nil, reason: "再议"), Meeting.Action.reschedule
            ),
            (.cancelMeeting(number: 1, reason: "再取消"), .cancel),
        ] {
            var copy = coordination
            _ = try copy.apply(.scheduleMeeting(F.plan(Self.moved)), by: F.desk, at: F.t0)  // so that the case accepts meeting actions
            let error = #expect(throws: CoordinationError.self) { try copy.apply(action, by: F.desk, at: F.t0) }
            #expect(
                error?.code == .illegalMeetingTransition(meeting: meetingID, from: .cancelled, action: meetingAction))
        }
        let noReason = #expect(throws: CoordinationError.self) {
            var copy = try F.caseIn(.meetingScheduled)
            _ = try copy.apply(.cancelMeeting(number: 1, reason: ""), by: F.desk, at: F.t0)
        }
        #expect(noReason?.code == .missingArgument(field: "reason"))
    }

    @Test func attendanceIsOfInvitedUnitsOnceTheMeetingBegan() throws {
        let coordination = try F.caseIn(.meetingScheduled)
        let meetingID = coordination.meetings[0].id
        let cases: [([Meeting.Attendance], Date, CoordinationError.Code)] = [
            (F.attendance, F.t0, .meetingNotStarted(meeting: meetingID, start: F.meetingSlot.start)),
            ([.init(unit: "office", present: true)], F.duringMeeting, .unitNotInvited(unit: "office")),
            (
                [F.attendance[0], F.attendance[0]], F.duringMeeting,
                .invalidArgument(field: "attendance", reason: "unit \(F.lead) is listed twice")
            ),
            (
                [.init(unit: F.lead, present: false)], F.duringMeeting,
                .invalidArgument(field: "attendance", reason: "no unit attended; cancel the meeting instead")
            ),
        ]
        for (entries, time, code) in cases {
            var copy = coordination
            let error = #expect(throws: CoordinationError.self) {
                try copy.apply(.recordAttendance(number: 1, entries), by: F.desk, at: time)
            }
            #expect(error?.code == code)
            #expect(copy == coordination)
        }
        var held = coordination
        _ = try held.apply(
            .recordAttendance(number: 1, [.init(unit: F.partner, present: true, attendees: [" 刘主任 ", ""])]), by: F.desk,
            at: F.duringMeeting)
        #expect(
            held.meetings[0].attendance == [
                .init(unit: F.lead, present: false), .init(unit: F.partner, present: true, attendees: ["刘主任"]),
            ])
        #expect(held.meetings[0].presentUnits == [F.partner])
    }

    @Test func minutesNeedADecisionAndMayBeAmended() throws {
        var coordination = try F.caseIn(.meetingScheduled)
        _ = try coordination.apply(.recordAttendance(number: 1, F.attendance), by: F.desk, at: F.duringMeeting)
        let none = #expect(throws: CoordinationError.self) {
            try coordination.apply(
                .recordMinutes(number: 1, minutes: "纪要", decisions: []), by: F.desk, at: F.duringMeeting)
        }
        #expect(none?.code == .missingArgument(field: "decisions"))
        let blank = #expect(throws: CoordinationError.self) {
            try coordination.apply(
                .recordMinutes(number: 1, minutes: "纪要", decisions: ["决定一", " "]), by: F.desk, at: F.duringMeeting)
        }
        #expect(blank?.code == .missingArgument(field: "decisions[1]"))
        _ = try coordination.apply(
            .recordMinutes(number: 1, minutes: "纪要", decisions: [" 决定一 "]), by: F.desk, at: F.duringMeeting)
        _ = try coordination.apply(
            .recordMinutes(number: 1, minutes: "修订纪要", decisions: ["决定一", "决定二"]), by: F.desk, at: F.afterMeeting)
        #expect(coordination.meetings[0].minutes == "修订纪要" && coordination.meetings[0].decisions == ["决定一", "决定二"])
    }

    @Test func anUnknownMeetingIsNamed() throws {
        var coordination = try F.caseIn(.meetingScheduled)
        let error = #expect(throws: CoordinationError.self) {
            try coordination.apply(.cancelMeeting(number: 7, reason: "x"), by: F.desk, at: F.t0)
        }
        #expect(error?.code == .unknownMeeting(number: 7))
        // Also where no meeting action applies: that the meeting does not exist is the more useful answer.
        var fresh = try F.caseIn(.open)
        let early = #expect(throws: CoordinationError.self) {
            try fresh.apply(.cancelMeeting(number: 1, reason: "x"), by: F.desk, at: F.t0)
        }
        #expect(early?.code == .unknownMeeting(number: 1))
        let item = #expect(throws: CoordinationError.self) {
            try fresh.apply(.completeActionItem(number: 1, outcome: "x"), by: F.desk, at: F.t0)
        }
        #expect(item?.code == .unknownActionItem(number: 1))
    }
}
