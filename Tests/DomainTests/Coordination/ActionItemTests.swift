import Domain
import Foundation
import Testing

/// Action items: due dates in working days from the meeting on the shared calendar, owners, completion, overdue.
@Suite struct ActionItemTests {
    typealias F = CoordinationFixtures

    static func held(on slot: Meeting.Slot = F.meetingSlot) throws -> CoordinationCase {
        var coordination = try F.caseIn(.open)
        _ = try coordination.apply(.scheduleMeeting(F.plan(slot)), by: F.desk, at: slot.start.addingTimeInterval(-3600))
        _ = try coordination.apply(.recordAttendance(number: 1, F.attendance), by: F.desk, at: slot.start)
        return coordination
    }

    /// The meeting on 2025-09-30 is followed by the National Day holiday (1–8 October) and the make-up working
    /// Saturday 11 October: five working days end on Tuesday 14 October, at 24:00.
    @Test(arguments: [
        (1, "2025-10-09"), (3, "2025-10-11"), (5, "2025-10-14"), (10, "2025-10-21"),
    ])
    func dueDatesCountWorkingDaysAfterTheMeetingsDate(_ days: Int, _ lastDay: String) throws {
        var coordination = try Self.held()
        let event = try coordination.apply(
            .addActionItem(meeting: 1, ownerUnit: F.partner, what: "办理失业登记", dueWorkingDays: days), by: F.desk,
            at: F.duringMeeting)
        let item = try #require(coordination.actionItem(number: 1))
        #expect(event.subject == item.id && item.id == "CC-20250929-001/action/1")
        #expect(item.dueDay == LocalDate(lastDay))
        #expect(item.due == LocalDate(lastDay)!.endInstant)
        #expect(
            item.due == (try WorkingDayCalendar.shipped.deadline(workingDays: days, from: F.meetingSlot.start)).instant)
        #expect(!item.dueIsProvisional && item.state == .open && item.meetingNumber == 1)
    }

    @Test func aDueDateInAYearWithoutANoticeIsProvisional() throws {
        let slot = Meeting.Slot(start: F.at("2026-12-30T09:00:00+08:00"), end: F.at("2026-12-30T10:00:00+08:00"))
        var coordination = try F.caseIn(.open)
        _ = try coordination.apply(.scheduleMeeting(F.plan(slot)), by: F.desk, at: F.t0)
        _ = try coordination.apply(.recordAttendance(number: 1, F.attendance), by: F.desk, at: slot.start)
        _ = try coordination.apply(
            .addActionItem(meeting: 1, ownerUnit: F.lead, what: "x", dueWorkingDays: 5), by: F.desk, at: slot.start)
        #expect(coordination.actionItems[0].dueIsProvisional)
    }

    @Test func badItemsAreRefusedNamingTheField() throws {
        let coordination = try Self.held()
        let cases: [(CoordinationAction, CoordinationError.Code)] = [
            (
                .addActionItem(meeting: 1, ownerUnit: " ", what: "x", dueWorkingDays: 1),
                .missingArgument(field: "owner_unit")
            ),
            (
                .addActionItem(meeting: 1, ownerUnit: "talent_exchange_center", what: "x", dueWorkingDays: 1),
                .invalidArgument(
                    field: "owner_unit",
                    reason: "talent_exchange_center neither takes part in the case nor was invited to the meeting")
            ),
            (
                .addActionItem(meeting: 1, ownerUnit: F.lead, what: "", dueWorkingDays: 1),
                .missingArgument(field: "what")
            ),
            (
                .addActionItem(meeting: 1, ownerUnit: F.lead, what: "x", dueWorkingDays: 0),
                .invalidArgument(field: "due_working_days", reason: "must be 1...60")
            ),
            (
                .addActionItem(meeting: 1, ownerUnit: F.lead, what: "x", dueWorkingDays: 61),
                .invalidArgument(field: "due_working_days", reason: "must be 1...60")
            ),
            (.addActionItem(meeting: 2, ownerUnit: F.lead, what: "x", dueWorkingDays: 1), .unknownMeeting(number: 2)),
        ]
        for (action, code) in cases {
            var copy = coordination
            let error = #expect(throws: CoordinationError.self) {
                try copy.apply(action, by: F.desk, at: F.duringMeeting)
            }
            #expect(error?.code == code)
            #expect(copy == coordination)
        }
    }

    @Test func itemsComeFromHeldMeetingsOnly() throws {
        var coordination = try F.caseIn(.inProgress)
        _ = try coordination.apply(
            .scheduleMeeting(F.plan(CoordinationCaseTransitionTests.laterSlot)), by: F.desk, at: F.afterMeeting)
        let pending = #expect(throws: CoordinationError.self) {
            try coordination.apply(
                .addActionItem(meeting: 2, ownerUnit: F.lead, what: "x", dueWorkingDays: 1), by: F.desk,
                at: F.afterMeeting)
        }
        #expect(pending?.code == .meetingNotHeld(meeting: "CC-20250929-001/meeting/2"))
        _ = try coordination.apply(.cancelMeeting(number: 2, reason: "不开了"), by: F.desk, at: F.afterMeeting)
        let cancelled = #expect(throws: CoordinationError.self) {
            try coordination.apply(
                .addActionItem(meeting: 2, ownerUnit: F.lead, what: "x", dueWorkingDays: 1), by: F.desk,
                at: F.afterMeeting)
        }
        #expect(cancelled?.code == .meetingCancelled(meeting: "CC-20250929-001/meeting/2"))
    }

    @Test func anItemIsDoneOnceWithItsOutcome() throws {
        var coordination = try F.caseIn(.inProgress)
        let event = try coordination.apply(
            .completeActionItem(number: 2, outcome: "已办理失业登记"), by: F.liaison(F.partner), at: F.afterMeeting)
        #expect(event.reason == "已办理失业登记" && event.subject == "CC-20250929-001/action/2")
        let item = coordination.actionItems[1]
        #expect(item.state == .done && item.outcome == "已办理失业登记" && item.completedAt == F.afterMeeting)
        #expect(item.wasDoneInTime == true)  // due 2025-10-11 24:00, done 2025-10-09
        let again = #expect(throws: CoordinationError.self) {
            try coordination.apply(
                .completeActionItem(number: 2, outcome: "再次"), by: F.liaison(F.partner), at: F.afterMeeting)
        }
        #expect(again?.code == .actionItemNotOpen(item: item.id, state: .done))
        let blank = #expect(throws: CoordinationError.self) {
            try coordination.apply(.completeActionItem(number: 1, outcome: " "), by: F.liaison(), at: F.afterMeeting)
        }
        #expect(blank?.code == .missingArgument(field: "outcome"))
        let unknown = #expect(throws: CoordinationError.self) {
            try coordination.apply(.completeActionItem(number: 9, outcome: "x"), by: F.desk, at: F.afterMeeting)
        }
        #expect(unknown?.code == .unknownActionItem(number: 9))
    }

    @Test func anOpenItemIsOverdueFromItsDueInstant() throws {
        let coordination = try F.caseIn(.inProgress)
        let item = coordination.actionItems[1]  // 3 working days: due 2025-10-12T00:00+08:00
        #expect(!item.isOverdue(at: item.due.addingTimeInterval(-1)))
        #expect(item.isOverdue(at: item.due))
        #expect(coordination.overdueActionItems(at: F.at("2025-10-13T09:00:00+08:00")).map(\.number) == [2])
        #expect(coordination.overdueActionItems(at: F.at("2025-10-15T09:00:00+08:00")).map(\.number) == [1, 2])
    }
}
