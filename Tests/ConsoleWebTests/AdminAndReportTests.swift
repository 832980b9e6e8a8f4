import Assessment
import Domain
import Foundation
import RPC
import Testing
import WireProtocol

@testable import ConsoleWeb

/// The uploads' reader refuses what is not a browser's form, the report's period is read or
/// refused in Chinese, and the administration and reports are offered to whom they belong.
@Suite("Console web: administration and reports")
struct AdminAndReportTests {
    static let boundary = "----WebKitFormBoundaryX7a"

    static func body(_ parts: [String], closed: Bool = true) -> [UInt8] {
        var text = ""
        for part in parts { text += "--\(boundary)\r\n\(part)\r\n" }
        if closed { text += "--\(boundary)--\r\n" }
        return Array(text.utf8)
    }

    @Test func aBrowsersUploadIsRead() throws {
        let csv = "name,credit_code\r\n某公司,91411200MA44A0B1CH\r\n"
        let form = try MultipartForm(
            body: Self.body([
                "Content-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken-1",
                "Content-Disposition: form-data; name=\"csv\"; filename=\"a \\\"b\\\".csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)",
                "Content-Disposition: form-data; name=\"replace\"\r\n\r\ntrue",
            ]),
            boundary: Self.boundary)
        #expect(form["csrf"] == "token-1")
        #expect(form["replace"] == "true")
        let file = try #require(form.file("csv"))
        #expect(file.fileName == "a \"b\".csv")
        #expect(file.bytes == Array(csv.utf8), "CRLF inside the file is kept")
    }

    @Test func noFileChosenIsNoFile() throws {
        let form = try MultipartForm(
            body: Self.body([
                "Content-Disposition: form-data; name=\"csv\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            ]),
            boundary: Self.boundary)
        #expect(form.file("csv") == nil)
    }

    @Test(arguments: [
        ("unterminated", body(["Content-Disposition: form-data; name=\"a\"\r\n\r\nx"], closed: false)),
        ("no disposition", body(["Content-Type: text/plain\r\n\r\nx"])),
        ("no name", body(["Content-Disposition: form-data; filename=\"a.csv\"\r\n\r\nx"])),
        ("unclosed quote", body(["Content-Disposition: form-data; name=\"a\r\n\r\nx"])),
        ("no headers end", Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"".utf8)),
        (
            "headers too long",
            body(["Content-Disposition: form-data; name=\"a\"; x=\"\(String(repeating: "y", count: 2000))\"\r\n\r\nx"])
        ),
        ("too many parts", body(Array(repeating: "Content-Disposition: form-data; name=\"a\"\r\n\r\nx", count: 17))),
        (
            "not UTF-8",
            Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n".utf8) + [0xFF, 0xFE]
                + Array("\r\n--\(boundary)--\r\n".utf8)
        ),
        ("nothing", []),
        ("garbage after delimiter", Array("--\(boundary)XX".utf8)),
    ])
    func hostileBodiesAreRefused(_ name: String, _ body: [UInt8]) {
        #expect(throws: MultipartForm.Refusal.self, "\(name)") {
            _ = try MultipartForm(body: body, boundary: Self.boundary)
        }
    }

    @Test func theBoundaryIsTakenFromTheContentTypeOnly() throws {
        #expect(
            try MultipartForm.boundary(contentType: "multipart/form-data; boundary=\(Self.boundary)") == Self.boundary)
        #expect(try MultipartForm.boundary(contentType: "multipart/form-data; boundary=\"a b\"") == "a b")
        for bad in [
            "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=",
            "multipart/form-data; boundary=\(String(repeating: "x", count: 71))",
            "multipart/form-data; boundary=a\u{0}b", "multipart/mixed; boundary=a",
        ] {
            #expect(throws: MultipartForm.Refusal.self, "\(bad)") { _ = try MultipartForm.boundary(contentType: bad) }
        }
    }

    @Test func aPeriodIsReadFromTheFormAndAnythingElseRefusedInChinese() throws {
        let today = try #require(LocalDate("2026-03-18"))
        #expect(try ReportChoice(FormFields(encoded: ""), today: today).period.description == "2026-03")
        #expect(try ReportChoice(FormFields(encoded: "period=2026-W10"), today: today).period.description == "2026-W10")
        let range = try ReportChoice(
            FormFields(encoded: "period=2026-Q1&from=2026-01-05&to=2026-01-11&asof=2026-01-08"), today: today)
        #expect(range.period.description == "2026-01-05..2026-01-11" && range.asOf == LocalDate("2026-01-08"))
        #expect(
            range.fileName("report", extension: "xlsx") == "suban-report-2026-01-05_to_2026-01-11-asof-2026-01-08.xlsx")
        for bad in [
            "period=2026-13", "from=2026-01-05", "from=2026-02-01&to=2026-01-01", "period=%3Cscript%3E",
            "asof=yesterday",
        ] {
            #expect(throws: ReportChoice.Refusal.self, "\(bad)") {
                _ = try ReportChoice(FormFields(encoded: bad), today: today)
            }
        }
    }

    @Test func theAdministrationIsForAdministratorsAndReportsForThoseIntakeLetsRead() {
        #expect(AdminPages.mayView(PageSafetyTests.staff(roles: ["administrator"], unit: "")))
        #expect(!AdminPages.mayView(PageSafetyTests.staff(roles: ["bureau_desk"], unit: "office")))
        #expect(!AdminPages.mayView(PageSafetyTests.staff(roles: ["bureau_leader", "liaison"])))
        #expect(ReportsPage.mayView(PageSafetyTests.staff(roles: ["liaison"])))
        #expect(ReportsPage.mayView(PageSafetyTests.staff(roles: ["bureau_leader"], unit: "")))
        #expect(
            !ReportsPage.mayView(PageSafetyTests.staff(roles: ["unit_leader"], unit: "")),
            "intake refuses a unit post without a unit")
    }

    @Test func theAccountListShowsNamesAsTextAndSaysLockedAndDisabled() {
        let admin = PageSafetyTests.staff(roles: ["administrator"], unit: "")
        let accounts = [
            Wire.Account(
                login: "x.y", name: "<img src=x onerror=alert(1)>", roles: ["liaison"], unit: "office", disabled: true,
                lockedUntilUnixMs: 2_000)
        ]
        let page = AccountAdminPages.list(staff: admin, accounts: accounts, units: UnitNames(), unit: "", now: 1_000)
            .rendered
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.contains("已停用") && page.contains("已锁定"))
        #expect(
            AccountAdminPages.state(Wire.Account(lockedUntilUnixMs: 500), now: 1_000) == "正常",
            "a lockout that ended is no lockout")
    }

    @Test func theConsolesRefusalsOfAnAccountNameTheFieldsInChinese() {
        let error = RPCError(
            .invalidArgument, "the account is invalid; nothing was stored",
            fieldViolations: [
                FieldViolation(field: "account.login", code: "invalid", message: "a login is …"),
                FieldViolation(field: "account.roles", code: "required", message: "at least one role"),
            ])
        let message = AdminPages.refusalMessage(error)
        #expect(message.contains("账号：由 1–64 个小写字母") && message.contains("岗位：必填") && message.contains("未作任何更改"))
        let problem = WebRoutes.enterpriseProblem(
            FieldViolation(
                field: "csv.line[3].credit_code", code: "invalid_credit_code",
                message: "line 3: the credit code's check character does not match"))
        #expect(problem.hasPrefix("第 3 行 · 统一社会信用代码：信用代码无效"))
    }

    @Test func everyPostFormOfTheAdministrationCarriesTheToken() {
        let admin = PageSafetyTests.staff(roles: ["administrator"], unit: "")
        let pages = [
            AccountAdminPages.new(staff: admin, units: UnitNames()),
            AccountAdminPages.detail(
                staff: admin, account: Wire.Account(login: "a.b", name: "甲"), units: UnitNames(),
                sessions: [Wire.SessionView(id: "s1", login: "a.b", client: "浏览器")], events: [], now: 0),
            DirectoryAdminPages.unit(staff: admin, unit: Wire.Unit(code: "office", name: "办公室", active: true)),
            DirectoryAdminPages.enterprises(staff: admin, enterprises: []),
        ]
        for page in pages.map(\.rendered) {
            let forms = page.components(separatedBy: "<form method=\"post\"").dropFirst()
            #expect(!forms.isEmpty)
            for form in forms {
                let body = form.components(separatedBy: "</form>")[0]
                #expect(body.contains("name=\"csrf\" value=\"\(admin.formToken)\""))
            }
        }
    }
}
