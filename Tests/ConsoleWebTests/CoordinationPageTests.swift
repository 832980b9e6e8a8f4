import Domain
import Foundation
import Testing
import WireProtocol

@testable import ConsoleWeb

/// Which forms a case page and an order page offer (the domain's rules: state, role, unit, track),
/// and that what people typed into a case reaches the page as text.
@Suite("Console web: coordination pages")
struct CoordinationPageTests {
    typealias F = CoordinationFixtures

    static func page(_ view: Wire.CoordinationCaseView, as staff: SignedInStaff, now: Int64 = F.morning + 3_600_000)
        -> String
    {
        CoordinationCasePage.page(
            staff: staff, case: Wire.GetCaseResponse(coordinationCase: view),
            order: .success(Wire.WorkOrderView(id: "WO-1")), units: UnitNames(),
            now: now, flash: nil
        ).rendered
    }

    static func steps(_ page: String) -> Set<String> {
        Set(
            page.components(separatedBy: "data-step=\"").dropFirst().compactMap {
                $0.split(separator: "\"").first.map(String.init)
            })
    }

    @Test func theDeskSchedulesAndRecordsButOnlyTheLeadUnitsLiaisonCompiles() {
        let meeting = F.meeting(1, start: F.morning)
        let scheduled = F.coordinationCase(state: "meeting_scheduled", meetings: [meeting])
        #expect(
            Self.steps(Self.page(scheduled, as: F.staff(["bureau_desk"], unit: "office")))
                == ["schedule_meeting", "record_attendance", "reschedule_meeting", "cancel_meeting", "cancel"])
        // Before the meeting began there is nothing to record yet.
        #expect(
            !Self.steps(Self.page(scheduled, as: F.staff(["bureau_desk"], unit: "office"), now: F.morning - 1))
                .contains("record_attendance"))

        let ready = F.coordinationCase(
            state: "ready_to_compile", meetings: [F.meeting(1, state: "held", start: F.morning)],
            items: [F.item(1, owner: F.partner, state: "done")])
        #expect(
            Self.steps(Self.page(ready, as: F.staff(["liaison"], unit: F.lead)))
                == ["schedule_meeting", "record_attendance", "record_minutes", "add_action_item", "compile"])
        #expect(
            !Self.steps(Self.page(ready, as: F.staff(["bureau_desk"], unit: "office"))).contains("compile"),
            "compile is the liaison's")
        #expect(
            Self.steps(Self.page(ready, as: F.staff(["liaison"], unit: F.partner))).isEmpty,
            "a participating unit leads nothing")
    }

    @Test func aParticipatingUnitCompletesOnlyItsOwnItem() {
        let view = F.coordinationCase(
            state: "in_progress", meetings: [F.meeting(1, state: "held", start: F.morning)],
            items: [F.item(1, owner: F.lead), F.item(2, owner: F.partner), F.item(3, owner: F.partner, state: "done")])
        let page = Self.page(view, as: F.staff(["liaison"], unit: F.partner))
        #expect(Self.steps(page) == ["complete_action_item"])
        #expect(
            page.contains("data-item=\"2\"") && !page.contains("data-step=\"complete_action_item\" data-item=\"1\""))
        #expect(!page.contains("data-step=\"complete_action_item\" data-item=\"3\""), "a done item takes no more")
    }

    @Test func theTaskForceActsOnGreenChannelCasesOnly() {
        let taskForce = F.staff(["task_force"], unit: "")
        #expect(Self.steps(Self.page(F.coordinationCase(state: "open"), as: taskForce)).isEmpty)
        #expect(
            Self.steps(Self.page(F.coordinationCase(state: "open", track: "green_channel"), as: taskForce)) == [
                "schedule_meeting", "cancel",
            ])
    }

    @Test func aCompiledOrCancelledCaseOffersOnlyWhatItsStateAllows() {
        #expect(
            Self.steps(Self.page(F.coordinationCase(state: "cancelled"), as: F.staff(["bureau_desk"], unit: "office")))
                .isEmpty)
        // A compiled case is recompiled only after its reply was sent back: those forms are folded away.
        var compiled = F.coordinationCase(state: "compiled", meetings: [F.meeting(1, state: "held", start: F.morning)])
        compiled.compiledText = "汇总"
        let page = Self.page(compiled, as: F.staff(["liaison"], unit: F.lead))
        #expect(Self.steps(page).isSuperset(of: ["compile", "schedule_meeting", "add_action_item"]))
        let folded = page.components(separatedBy: "<summary>答复被退回重办时使用</summary>").count - 1
        #expect(folded == 3)
    }

    @Test func whatPeopleTypedIntoACaseIsText() {
        var meeting = F.meeting(1, state: "held", start: F.morning)
        meeting.minutes = "<script>alert(1)</script>"
        meeting.decisions = ["<img src=x onerror=alert(2)>"]
        meeting.agenda = "\"><b>议题</b>"
        meeting.attendance = [Wire.AttendanceEntry(unit: F.lead, present: true, attendees: ["<i>陈</i>"])]
        var view = F.coordinationCase(state: "in_progress", meetings: [meeting])
        view.coordinator = "<u>张</u>"
        view.compiledText = "<iframe>"
        let page = Self.page(view, as: F.staff(["bureau_desk"], unit: "office"))
        for markup in ["<script>alert", "<img src=x", "<b>议题", "<i>陈", "<u>张", "<iframe>"] {
            #expect(!page.contains(markup), "\(markup) reached the page as markup")
        }
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;"))
    }

    @Test func everyStepFormCarriesTheFormTokenAndLabelsItsControls() {
        let view = F.coordinationCase(
            state: "in_progress",
            meetings: [F.meeting(1, state: "held", start: F.morning), F.meeting(2, start: F.morning + 86_400_000)],
            items: [F.item(1, owner: F.lead)])
        let staff = F.staff(["liaison"], unit: F.lead)
        let page = Self.page(view, as: staff)
        let forms = page.components(separatedBy: "<form method=\"post\"").dropFirst()
        #expect(forms.count >= 7)
        for form in forms {
            #expect(form.contains("name=\"csrf\" value=\"\(staff.formToken)\""))
        }
        // Every visible control sits inside a label (FormControls) or is a labelled checkbox.
        let controls = page.components(separatedBy: "<input type=\"text\"").count - 1
        let labelled =
            page.components(separatedBy: "<label>").count - 1 + page.components(separatedBy: "<label class=").count - 1
        #expect(labelled >= controls)
    }

    @Test func theNavigationOffersCoordinationToThoseWhoTakePart() {
        #expect(CoordinationAccess.takesPart(F.staff(["liaison"], unit: F.lead)))
        #expect(CoordinationAccess.takesPart(F.staff(["bureau_leader"], unit: "")))
        #expect(!CoordinationAccess.takesPart(F.staff(["enterprise_help_liaison"], unit: "enterprise_help")))
        #expect(!CoordinationAccess.takesPart(F.staff(["administrator"], unit: "")))
        let page = PageLayout.page(title: "t", staff: F.staff(["unit_leader"], unit: F.lead), body: .empty).rendered
        #expect(page.contains("<a href=\"/coordination\">协调会商</a>"))
    }

    @Test func anOrderPageOpensACaseForThoseWhoMayAndShowsItOnceOpen() {
        let order = Wire.WorkOrderView(
            id: "WO-1", channel: "hotline_12345", state: "in_progress", handlingMode: "joint_handling",
            responsibleUnits: [F.lead, F.partner])
        func page(_ coordination: Wire.CoordinationCaseView?, as staff: SignedInStaff) -> String {
            OrderPage.page(
                staff: staff, order: Wire.GetOrderResponse(order: order), clocks: .success([]), units: UnitNames(),
                now: F.morning, flash: nil,
                coordination: .success(coordination)
            ).rendered
        }
        #expect(page(nil, as: F.staff(["liaison"], unit: F.lead)).contains("action=\"/orders/WO-1/coordination\""))
        #expect(
            page(nil, as: F.staff(["bureau_desk"], unit: "office")).contains("action=\"/orders/WO-1/coordination\""))
        let partnerView = page(nil, as: F.staff(["liaison"], unit: F.partner))
        #expect(!partnerView.contains("action=\"/orders/WO-1/coordination\"") && partnerView.contains("尚未立案协调"))
        let opened = page(F.coordinationCase(state: "open"), as: F.staff(["bureau_desk"], unit: "office"))
        #expect(
            opened.contains("href=\"/coordination/CC-20261205-001\"")
                && !opened.contains("action=\"/orders/WO-1/coordination\""))
        // A compiled case is reopened by its own steps; a cancelled one leaves the order free for a new case.
        #expect(
            !page(F.coordinationCase(state: "compiled"), as: F.staff(["bureau_desk"], unit: "office")).contains(
                "action=\"/orders/WO-1/coordination\""))
        #expect(
            page(F.coordinationCase(state: "cancelled"), as: F.staff(["bureau_desk"], unit: "office")).contains(
                "action=\"/orders/WO-1/coordination\""))
    }

    /// A joint order's coordination items each have a deadline: the rows say whose, or two items
    /// due the same day would read alike.
    @Test func anItemsDeadlineNamesTheUnitItWasGivenTo() {
        let order = Wire.WorkOrderView(
            id: "WO-1", channel: "hotline_12345", state: "in_progress", handlingMode: "joint_handling",
            responsibleUnits: [F.lead, F.partner])
        let clocks = [F.lead, F.partner].enumerated().map { index, unit in
            Wire.Clock(
                id: "CC-20261205-001/action/\(index + 1)", orderId: "WO-1", unit: unit, kind: "action_item",
                startUnixMs: F.morning, dueUnixMs: F.morning + 86_400_000, state: "running")
        }
        let handling = Wire.Clock(
            id: "WO-1/handling/1", orderId: "WO-1", unit: F.lead, kind: "handling", startUnixMs: F.morning,
            dueUnixMs: F.morning + 86_400_000, state: "running")
        let page = OrderPage.page(
            staff: F.staff(["bureau_desk"], unit: "office"), order: Wire.GetOrderResponse(order: order),
            clocks: .success(clocks + [handling]), units: UnitNames(names: [F.lead: "就业办", F.partner: "职业介绍服务中心"]),
            now: F.morning, flash: nil
        ).rendered
        #expect(page.contains("<td>协调会事项 · 就业办</td>"))
        #expect(page.contains("<td>协调会事项 · 职业介绍服务中心</td>"))
        #expect(page.contains("<td>办理时限</td>"))
    }
}
