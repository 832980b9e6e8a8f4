import Domain
import Testing
import WireProtocol

@testable import ConsoleWeb

/// What a case page's forms post becomes coordination's request, in the role the domain lets the
/// person act in, or a refusal that says what to fix.
@Suite("Console web: coordination forms")
struct CoordinationFormTests {
    typealias F = CoordinationFixtures

    @Test func aMeetingIsScheduledInBeijingTimeForTheChosenDuration() throws {
        let view = F.coordinationCase(state: "open")
        let fields = FormFields(
            encoded:
                "step=schedule_meeting&starts_at=2026-12-05T09%3A30&duration_minutes=90&place=%E4%BC%9A%E8%AE%AE%E5%AE%A4"
                + "&agenda=%E8%AE%AE%E9%A2%98&invited_units=\(F.partner)&invited_units=job_placement_center")
        let step = try CoordinationStepForm.step(fields, case: view, staff: F.staff(["bureau_desk"], unit: "office"))
        guard case .scheduleMeeting(let request) = step else {
            Issue.record("not a schedule: \(step)")
            return
        }
        #expect(request.caseId == view.id)
        #expect(request.actor?.role == "bureau_desk" && request.actor?.id == "li.wei")
        #expect(request.startsAtUnixMs == F.morning)
        #expect(request.endsAtUnixMs == F.morning + 90 * 60_000)
        #expect(request.place == "会议室" && request.agenda == "议题")
        #expect(request.invitedUnits == [F.partner, "job_placement_center"])
    }

    @Test(arguments: [
        "starts_at=2026-13-05T09%3A30&duration_minutes=60", "starts_at=&duration_minutes=60",
        "starts_at=2026-12-05T09%3A30&duration_minutes=1440", "starts_at=2026-12-05T09%3A30",
    ])
    func aTimeOrDurationThatIsNotOneIsRefused(_ query: String) {
        #expect(throws: ActionForm.Refusal.self) {
            _ = try CoordinationStepForm.step(
                FormFields(encoded: "step=schedule_meeting&agenda=x&" + query), case: F.coordinationCase(state: "open"),
                staff: F.staff(["bureau_desk"], unit: "office"))
        }
    }

    @Test func attendanceNamesEveryInvitedUnitAndWhoCame() throws {
        let view = F.coordinationCase(state: "meeting_scheduled", meetings: [F.meeting(1, start: F.morning)])
        let fields = FormFields(
            encoded:
                "step=record_attendance&meeting=1&present=\(F.lead)&attendees.\(F.lead)=%E9%99%88%E7%A7%91%E9%95%BF%E3%80%81+%E6%9D%8E%E5%B9%B2%E4%BA%8B"
                + "&note.\(F.partner)=%E5%87%BA%E5%B7%AE")
        let step = try CoordinationStepForm.step(fields, case: view, staff: F.staff(["liaison"], unit: F.lead))
        guard case .recordAttendance(let request) = step else {
            Issue.record("not attendance: \(step)")
            return
        }
        #expect(request.meetingId == "CC-20261205-001/meeting/1")
        #expect(request.actor?.role == "liaison")
        #expect(request.attendance.map(\.unit) == [F.lead, F.partner])
        #expect(request.attendance.map(\.present) == [true, false])
        #expect(request.attendance[0].attendees == ["陈科长", "李干事"])
        #expect(request.attendance[1].note == "出差")
    }

    @Test func minutesKeepOneDecisionALine() throws {
        let view = F.coordinationCase(state: "in_progress", meetings: [F.meeting(1, state: "held", start: F.morning)])
        let fields = FormFields(
            encoded:
                "step=record_minutes&meeting=1&minutes=%3Cb%3E%E7%BA%AA%E8%A6%81&decisions=%E4%B8%80%0D%0A%0D%0A+%E4%BA%8C+"
        )
        guard
            case .recordMinutes(let request) = try CoordinationStepForm.step(
                fields, case: view, staff: F.staff(["bureau_desk"], unit: "office"))
        else {
            Issue.record("not minutes")
            return
        }
        #expect(request.minutes == "<b>纪要", "kept as typed; the page escapes it")
        #expect(request.decisions == ["一", "二"])
    }

    @Test func aMeetingOrItemOfAnotherCaseIsRefusedBeforeCoordinationIsAsked() {
        let view = F.coordinationCase(
            state: "in_progress", meetings: [F.meeting(1, state: "held", start: F.morning)],
            items: [F.item(1, owner: F.partner)])
        let desk = F.staff(["bureau_desk"], unit: "office")
        #expect(throws: ActionForm.Refusal.self) {
            _ = try CoordinationStepForm.step(
                FormFields(encoded: "step=cancel_meeting&meeting=2&reason=x"), case: view, staff: desk)
        }
        #expect(throws: ActionForm.Refusal.self) {
            _ = try CoordinationStepForm.step(
                FormFields(encoded: "step=complete_action_item&item=7&outcome=x"), case: view, staff: desk)
        }
        #expect(throws: ActionForm.Refusal.self) {
            _ = try CoordinationStepForm.step(FormFields(encoded: "step=open"), case: view, staff: desk)
        }
    }

    @Test func anItemsOwnerCompletesItAsItsLiaison() throws {
        let view = F.coordinationCase(
            state: "in_progress", meetings: [F.meeting(1, state: "held", start: F.morning)],
            items: [F.item(1, owner: F.partner)])
        let step = try CoordinationStepForm.step(
            FormFields(encoded: "step=complete_action_item&item=1&outcome=%E5%B7%B2%E5%8A%9E"), case: view,
            staff: F.staff(["liaison"], unit: F.partner))
        guard case .completeActionItem(let request) = step else {
            Issue.record("not completion")
            return
        }
        #expect(
            request.actionItemId == "CC-20261205-001/action/1" && request.actor?.role == "liaison"
                && request.outcome == "已办")
    }

    @Test func aStepTheAccountCanNeverTakeIsForbiddenHereAndAnyOtherGoesToCoordination() throws {
        let view = F.coordinationCase(state: "ready_to_compile")
        // No role of the enterprise-help liaison ever compiles: refused here, as 403.
        let refusal = #expect(throws: ActionForm.Refusal.self) {
            _ = try CoordinationStepForm.step(
                FormFields(encoded: "step=compile&result_code=solved"), case: view,
                staff: F.staff(["enterprise_help_liaison"], unit: "enterprise_help"))
        }
        #expect(refusal?.forbidden == true)
        // A participating unit's liaison may compile nowhere but in its own lead: the request goes
        // to coordination as liaison, which refuses it in its own words.
        let step = try CoordinationStepForm.step(
            FormFields(encoded: "step=compile&result_code=solved"), case: view,
            staff: F.staff(["liaison"], unit: F.partner))
        guard case .compile(let request) = step else {
            Issue.record("not compile")
            return
        }
        #expect(request.actor?.role == "liaison")
    }

    @Test func anOpeningCarriesTheInstructionAndFurtherUnits() throws {
        let order = Wire.WorkOrderView(
            id: "WO-1", channel: "hotline_12345", state: "in_progress", handlingMode: "joint_handling",
            responsibleUnits: [F.lead, F.partner])
        let request = try CoordinationStepForm.opening(
            FormFields(
                encoded:
                    "coordinator=%E5%BC%A0&instructing_leader=%E5%B1%80%E9%95%BF&instruction=%E5%8D%8F%E8%B0%83&participating_units=job_placement_center"
            ),
            order: order, staff: F.staff(["liaison"], unit: F.lead))
        #expect(request.orderId == "WO-1" && request.actor?.role == "liaison")
        #expect(request.coordinator == "张" && request.instructingLeader == "局长" && request.instruction == "协调")
        #expect(request.participatingUnits == ["job_placement_center"])
    }
}
