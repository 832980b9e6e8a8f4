import Domain
import Testing
import WireProtocol

@testable import ConsoleWeb

/// What the forms post becomes intake's request, or a refusal that says what to fix.
@Suite("Console web: forms")
struct FormReadingTests {
    @Test func fieldsAreDecodedAndRepeatedNamesKept() {
        let fields = FormFields(
            encoded: "text=%E5%B7%A5%E8%B5%84+%E4%B8%89%E4%B8%AA%E6%9C%88&units=a&units=b&empty=&bad=%ZZ")
        #expect(fields["text"] == "工资 三个月")
        #expect(fields.all("units") == ["a", "b"])
        #expect(fields.text("empty") == nil)
        #expect(fields["bad"] == nil, "a malformed escape is dropped, not guessed")
    }

    @Test func aWageArrearsReplyCarriesItsStandardEvidenceAndAmount() throws {
        let order = Wire.WorkOrderView(
            id: "WO-1", channel: "hotline_12345", state: "in_progress", handlingMode: "special_case")
        let fields = FormFields(
            encoded: "action=draft_reply&result_code=solved&text=done&closure_standard=WA-P01"
                + "&evidence=%E5%87%AD%E8%AF%81%7CBANK-1%0A%0A%E8%AE%B0%E5%BD%95%7CREC-2&workers_helped=3&amount_recovered_yuan=12800.5"
        )
        let request = try ActionForm.request(fields, order: order, staff: PageSafetyTests.staff(roles: ["liaison"]))
        #expect(request.action == "draft_reply")
        #expect(request.actor?.role == "liaison" && request.actor?.id == "li.wei")
        #expect(
            request.evidence.map(\.name) == ["凭证", "记录"] && request.evidence.map(\.reference) == ["BANK-1", "REC-2"])
        #expect(request.workersHelped == 3)
        #expect(request.amountRecoveredFen == 1_280_050)
    }

    @Test func anOpinionIsCirculatedToTheNamesWrittenWithAnySeparator() throws {
        let order = Wire.WorkOrderView(id: "WO-1", channel: "hotline_12345", state: "acknowledged")
        let fields = FormFields(
            encoded: "action=instruct&text=ok&circulate_to=" + FormFields.percentEncoded("钱副局长、劳动关系科，监察科; 办公室\n"))
        let request = try ActionForm.request(fields, order: order, staff: PageSafetyTests.staff(roles: ["unit_leader"]))
        #expect(request.circulateTo == ["钱副局长", "劳动关系科", "监察科", "办公室"])
    }

    @Test(arguments: ["12.345", "-1", "1e3", "abc", "１２"])
    func anAmountThatIsNotYuanIsRefused(_ text: String) {
        #expect(throws: ActionForm.Refusal.self) { _ = try ActionForm.fen(text) }
    }

    @Test func evidenceWithoutItsReferenceIsRefused() {
        #expect(throws: ActionForm.Refusal.self) { _ = try ActionForm.evidence("工资支付凭证|") }
        #expect(throws: ActionForm.Refusal.self) { _ = try ActionForm.evidence("只有名称") }
    }

    @Test func aRoleTheAccountLacksIsRefusedBeforeIntakeIsAsked() {
        let order = Wire.WorkOrderView(id: "WO-1", channel: "hotline_12345", state: "reply_drafted")
        let fields = FormFields(encoded: "action=review&approved=true")
        #expect(throws: ActionForm.Refusal.self) {
            _ = try ActionForm.request(fields, order: order, staff: PageSafetyTests.staff(roles: ["liaison"]))
        }
    }

    @Test func aSendBackNeedsItsReason() {
        let order = Wire.WorkOrderView(id: "WO-1", channel: "hotline_12345", state: "reply_drafted")
        let desk = PageSafetyTests.staff(roles: ["bureau_desk"], unit: "office")
        #expect(throws: ActionForm.Refusal.self) {
            _ = try ActionForm.request(FormFields(encoded: "action=review&approved=false"), order: order, staff: desk)
        }
        #expect(throws: Never.self) {
            _ = try ActionForm.request(
                FormFields(encoded: "action=review&approved=false&text=%E8%AF%81%E6%8D%AE%E4%B8%8D%E8%B6%B3"),
                order: order, staff: desk)
        }
    }

    @Test func theFormsOfferedAreThoseOfTheStateAndTheRole() {
        let pending = Wire.WorkOrderView(id: "WO-1", channel: "hotline_12345", state: "assigned_pending_ack")
        #expect(OrderActionForms.offered(pending, staff: PageSafetyTests.staff(roles: ["liaison"])) == [.acknowledge])
        #expect(OrderActionForms.offered(pending, staff: PageSafetyTests.staff(roles: ["unit_leader"])) == [.urge])
        let drafted = Wire.WorkOrderView(id: "WO-1", channel: "hotline_12345", state: "reply_drafted")
        #expect(
            OrderActionForms.offered(drafted, staff: PageSafetyTests.staff(roles: ["bureau_desk"], unit: "office")) == [
                .review, .urge, .supervise,
            ])
        let replied12333 = Wire.WorkOrderView(id: "WO-2", channel: "hotline_12333", state: "replied_to_platform")
        #expect(
            OrderActionForms.offered(replied12333, staff: PageSafetyTests.staff(roles: ["bureau_desk"], unit: "office"))
                .contains(.platformReview))
    }

    /// 并单 is the desk's, in the browser: into an order named as the desk knows it (intake
    /// resolves it), with the probable duplicates offered; and undone likewise.
    @Test func theDeskMergesAnOrderIntoAnotherNamedByItsNumberOrItsID() throws {
        let desk = PageSafetyTests.staff(roles: ["bureau_desk"], unit: "office")
        let order = Wire.WorkOrderView(
            id: "WO-2", channel: "hotline_12333", state: "received", probableDuplicates: ["WO-1"])
        #expect(OrderActionForms.offered(order, staff: desk).contains(.merge))
        #expect(!OrderActionForms.offered(order, staff: PageSafetyTests.staff(roles: ["liaison"])).contains(.merge))
        let form = OrderActionForms.forms(order, staff: desk, units: UnitNames()).rendered
        #expect(form.contains("name=\"parent_order_id\""))
        #expect(form.contains("<option value=\"WO-1\">疑似重复</option>"))
        // Named by number where intake gave it: as typed on the same line, by id on the other.
        let offered = OrderActionForms.forms(
            order, staff: desk, units: UnitNames(),
            duplicates: [
                Wire.OrderReference(id: "WO-1", channel: "hotline_12333", platformOrderNumber: "T-0014"),
                Wire.OrderReference(id: "WO-3", channel: "hotline_12345", platformOrderNumber: "N14"),
            ]
        ).rendered
        #expect(offered.contains("<option value=\"T-0014\">疑似重复 T-0014</option>"))
        #expect(offered.contains("<option value=\"WO-3\">疑似重复 N14</option>"))

        let byNumber = try ActionForm.request(
            FormFields(encoded: "action=merge&parent_order_id=T-0014"), order: order, staff: desk)
        #expect(byNumber.action == "merge" && byNumber.parentOrderId == "T-0014")
        for given in ["WO-1", "hotline_12345:N14"] {
            let request = try ActionForm.request(
                FormFields(encoded: "action=merge&parent_order_id=" + FormFields.percentEncoded(given)),
                order: order, staff: desk)
            #expect(request.parentOrderId == given)
        }

        let merged = Wire.WorkOrderView(id: "WO-2", channel: "hotline_12333", state: "merged", parentOrderId: "WO-1")
        #expect(OrderActionForms.offered(merged, staff: desk).first == .unmerge)
    }
}
