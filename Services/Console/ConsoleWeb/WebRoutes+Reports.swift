import Assessment
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import RPC
import ReportRendering
import WireProtocol

// 统计报表: the assessment page and its downloads, read from intake as the person (intake decides
// whose rows they see).

extension WebRoutes {
    func registerReports(on router: Hummingbird.Router<WebRequestContext>) {
        router.get(RouterPath(ReportsPage.stylesheetPath)) { _, _ in
            WebResponse.asset(ReportsPage.stylesheet, contentType: "text/css; charset=utf-8")
        }
        router.get("/reports") { request, _ in await guarded { try await reports(request) } }
        router.get("/reports/download") { request, _ in await guarded { try await reportDownload(request) } }
    }

    func reports(_ request: Request) async throws -> Response {
        let staff = try await signedIn(request)
        guard ReportsPage.mayView(staff) else {
            return refusal(RPCError(.permissionDenied, "统计报表仅供局机关账号和各单位人员查看"), staff: staff)
        }
        let today = LocalDate(containing: Date())
        let choice: ReportChoice
        do {
            choice = try ReportChoice(FormFields(encoded: request.uri.query ?? ""), today: today)
        } catch {
            return WebResponse.page(
                ReportsPage.page(staff: staff, choice: nil, report: nil, today: today, flash: .error(error.message)),
                status: .unprocessableContent)
        }
        do throws(RPCError) {
            let report = try await assessment(choice, staff: staff)
            return WebResponse.page(ReportsPage.page(staff: staff, choice: choice, report: report, today: today))
        } catch {
            if error.code == .unauthenticated { return refusal(error, staff: staff) }
            return WebResponse.page(
                ReportsPage.page(
                    staff: staff, choice: choice, report: nil, today: today, flash: .error(RefusalText.message(error))),
                status: RefusalText.status(error))
        }
    }

    /// The files `subanctl report --output xlsx|csv` writes, by the same writers.
    func reportDownload(_ request: Request) async throws -> Response {
        let staff = try await signedIn(request)
        let fields = FormFields(encoded: request.uri.query ?? "")
        let choice: ReportChoice
        do {
            choice = try ReportChoice(fields, today: LocalDate(containing: Date()))
        } catch {
            return refusal(RPCError(.invalidArgument, error.message), staff: staff)
        }
        let table = fields.text("table") ?? "ranking"
        guard ReportTables.names.contains(table) else {
            return refusal(RPCError(.invalidArgument, "没有名为“\(table)”的表格"), staff: staff)
        }
        let format = fields.text("format") ?? ""
        guard format == "xlsx" || format == "csv" else {
            return refusal(RPCError(.invalidArgument, "下载格式只能是 xlsx 或 csv"), staff: staff)
        }
        let report: AssessmentReport
        do {
            report = try await assessment(choice, staff: staff)
        } catch {
            return refusal(error, staff: staff)
        }
        if format == "csv", let csv = ReportTables.all(report).first(where: { $0.name == table })?.csv() {
            return Self.download(
                Data(csv.utf8), contentType: "text/csv; charset=utf-8",
                fileName: choice.fileName("report-\(table)", extension: "csv"))
        }
        let workbook = try ReportWorkbook.data(report)
        return Self.download(
            workbook, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            fileName: choice.fileName("report", extension: "xlsx"))
    }

    /// Intake's assessment of `choice`, the units named by routing's directory.
    func assessment(_ choice: ReportChoice, staff: SignedInStaff) async throws(RPCError) -> AssessmentReport {
        let response = try await backend.call(
            backend.intake, Wire.Intake.report, choice.request(unitNames: await units(staff).units),
            session: staff.session)
        do {
            return try AssessmentReport.decode(json: Data(response.reportJson))
        } catch {
            logger.error("console.web.report_unreadable", metadata: ["error": "\(error)"])
            throw RPCError(.internal, "intake sent a report this console cannot read")
        }
    }

    /// A file to save: never rendered in the page's origin (nosniff and attachment), not cached.
    static func download(_ bytes: Data, contentType: String, fileName: String) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        fields[.contentDisposition] = "attachment; filename=\"\(fileName)\""
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
