import Domain
import RPC
import Testing
import WireProtocol

@testable import ConsoleWeb

/// Public text reaches a page only as text, and the form token proves a session without being it.
@Suite("Console web: escaping and form tokens")
struct PageSafetyTests {
    @Test func interpolatedTextIsEscapedAndMarkupIsKept() {
        let content = "<script>alert(1)</script> &amp; \"'\u{7}\u{202E}"
        let html: HTML = "<p class=\"content\">\(content)</p>"
        #expect(
            html.rendered
                == "<p class=\"content\">&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &quot;&#39;\\u0007\\u202E</p>")
    }

    @Test func anOrderPageShowsThePublicsTextAsText() {
        var order = Wire.WorkOrderView(
            id: "WO-1", platformOrderNumber: "<b>N</b>", channel: "hotline_12345", state: "in_progress")
        order.content = "<img src=x onerror=alert(1)>"
        order.caller = Wire.Caller(name: "<i>王小明</i>", phone: "13812345678")
        let page = OrderPage.page(
            staff: Self.staff(roles: ["liaison"]), order: Wire.GetOrderResponse(order: order), clocks: .success([]),
            units: UnitNames(), now: 0,
            flash: nil
        ).rendered
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!page.contains("<b>N</b>") && !page.contains("<i>"))
        #expect(!page.contains("13812345678"), "the caller's number is masked")
        #expect(page.contains("138****5678"))
    }

    @Test func eachDeadlineSaysHowItWasCounted() {
        let order = Wire.WorkOrderView(id: "WO-2", channel: "hotline_12333", state: "in_progress")
        var clock = Wire.Clock(
            id: "WO-2/handling/1", orderId: "WO-2", kind: "handling", policy: "handling.default", dueUnixMs: 1)
        clock.rule = "15 个工作日"
        clock.skippedDays = ["2026-10-01 国庆节", "2026-10-03 周六"]
        clock.workedWeekendDays = ["2026-09-27 国庆节调休上班"]
        clock.calendarNotices = ["2026 年：国办发明电〔2025〕7号"]
        let page = OrderPage.page(
            staff: Self.staff(roles: ["liaison"]), order: Wire.GetOrderResponse(order: order),
            clocks: .success([clock]), units: UnitNames(), now: 0,
            flash: nil
        ).rendered
        #expect(page.contains("<td>15 个工作日</td>") && !page.contains("handling.default"))
        #expect(page.contains("不计入 2 天：2026-10-01 国庆节、2026-10-03 周六。调休上班计入：2026-09-27 国庆节调休上班。依据：2026 年：国办发明电〔2025〕7号"))
    }

    @Test func theFormTokenIsTheSessionsOwn() {
        let staff = Self.staff(roles: ["liaison"])
        #expect(staff.acceptsFormToken(staff.formToken))
        #expect(!staff.acceptsFormToken(nil))
        #expect(!staff.acceptsFormToken(""))
        #expect(!staff.acceptsFormToken(SignedInStaff.formToken(session: "another session")))
        #expect(!staff.formToken.contains(staff.session))
    }

    @Test func callersAreMasked() {
        #expect(OrderPage.masked(name: "王小明") == "王*明")
        #expect(OrderPage.masked(name: "欧阳小明") == "欧**明")
        #expect(OrderPage.masked(name: "李四") == "李*")
        #expect(OrderPage.masked(phone: "13812345678") == "138****5678")
        #expect(OrderPage.masked(phone: "12345") == "*****")
    }

    static func staff(roles: [String], unit: String = "employment_office") -> SignedInStaff {
        SignedInStaff(
            session: "session-token-of-the-test",
            account: Wire.Account(login: "li.wei", name: "李伟", roles: roles, unit: unit))
    }
}

@Suite("Console web: refusals in Chinese")
struct RefusalTextTests {
    @Test func aStepRefusedByTheDomainReadsInChineseWithTheEnglishAfterIt() {
        let refused = WorkOrderTransitionError(.illegalTransition(from: .closed, action: .acknowledge))
        #expect(refused.explanation == "工单当前为“已办结”，不能签收")
        let missing = WorkOrderTransitionError(.missingArgument(field: "basis"))
        #expect(missing.explanation == "请填写依据")
    }

    @Test func badFieldsAreNamedInChinese() {
        let error = RPCError(
            .invalidArgument, "invalid request",
            fieldViolations: [
                FieldViolation(field: "accounts[2].login", code: "taken", message: "login taken"),
                FieldViolation(field: "reason", code: "required", message: "say why"),
                FieldViolation(field: "custom", code: "odd", message: "an odd value"),
            ])
        #expect(RefusalText.message(error) == "填写有误：invalid request（账号：已被使用；理由：必填；custom：an odd value）")
    }
}
