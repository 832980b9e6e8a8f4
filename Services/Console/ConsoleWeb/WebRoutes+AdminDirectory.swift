import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import RPC
import WireProtocol

// 管理 · routing's directory (units, key enterprises, rules) and the holiday calendar, called as
// the administrator; routing checks the role itself.

extension WebRoutes {
    /// The largest key-enterprise file taken: some ten thousand enterprises.
    static let maximumUploadBytes = 2 * 1024 * 1024

    func registerDirectoryAdmin(on router: Hummingbird.Router<WebRequestContext>) {
        router.get("/admin/units") { request, _ in await guarded { try await unitList(request) } }
        router.get("/admin/units/:code") { request, context in
            await guarded { try await unitPage(request, code: context.parameters.get("code") ?? "") }
        }
        router.post("/admin/units/:code") { request, context in
            await guarded { try await updateUnit(request, code: context.parameters.get("code") ?? "") }
        }
        router.get("/admin/enterprises") { request, _ in await guarded { try await enterpriseList(request) } }
        router.post("/admin/enterprises") { request, _ in await guarded { try await importEnterprises(request) } }
        router.get("/admin/rules") { request, _ in
            await guarded {
                let staff = try await administrator(request)
                let stored = try await backend.call(
                    backend.routing, Wire.Routing.listRules, Wire.ListRulesRequest(), session: staff.session)
                let rules: RoutingRuleSet
                do {
                    rules = try RoutingRuleSet.decode(storedJSON: Data(stored.rulesJson))
                } catch {
                    logger.error("console.web.rules_unreadable", metadata: ["error": "\(error)"])
                    return refusal(RPCError(.internal, "routing 返回的分派规则无法读取"), staff: staff)
                }
                return WebResponse.page(
                    DirectoryAdminPages.rules(staff: staff, rules: rules, units: await units(staff)))
            }
        }
        router.get("/admin/calendar") { request, _ in await guarded { try await calendarPage(request) } }
        router.post("/admin/calendar") { request, _ in await guarded { try await loadCalendar(request) } }
    }

    /// A holiday file is a few kilobytes; this leaves room for comments and long names.
    static let maximumCalendarBytes = 256 * 1024

    func calendarPage(_ request: Request, flash: Flash? = nil, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let staff = try await administrator(request)
        do throws(RPCError) {
            let years = try await backend.call(
                backend.sla, Wire.SLA.listCalendar, Wire.ListCalendarRequest(), session: staff.session
            ).years
            return WebResponse.page(
                DirectoryAdminPages.calendar(staff: staff, years: years, flash: flash), status: status)
        } catch {
            return refusal(error, staff: staff)
        }
    }

    func loadCalendar(_ request: Request) async throws -> Response {
        let staff = try await administrator(request)
        let upload = try await multipartForm(request, staff: staff, maximumBytes: Self.maximumCalendarBytes)
        guard let file = upload.file("json") else {
            return try await calendarPage(request, flash: .error("请选择要加载的节假日文件"), status: .unprocessableContent)
        }
        let loaded: Wire.LoadCalendarResponse
        do throws(RPCError) {
            loaded = try await backend.call(
                backend.sla, Wire.SLA.loadCalendar, Wire.LoadCalendarRequest(json: file.bytes), session: staff.session)
        } catch {
            guard error.code == .invalidArgument else { return refusal(error, staff: staff) }
            return try await calendarPage(
                request, flash: .error("文件有误，未加载（节假日历未改变）：\(error.message)" + RefusalText.traceNote(error)),
                status: .unprocessableContent)
        }
        return try await calendarPage(request, flash: .ok("已加载 \(loaded.year) 年的安排，\(loaded.recomputed) 个未完成时限随之调整"))
    }

    /// Routing's units as they are now (not the pages' cached names: an administrator edits them).
    func freshUnits(_ staff: SignedInStaff) async throws(RPCError) -> [Wire.Unit] {
        try await backend.call(backend.routing, Wire.Routing.listUnits, Wire.ListUnitsRequest(), session: staff.session)
            .units
    }

    func unitList(_ request: Request, flash: Flash? = nil) async throws -> Response {
        let staff = try await administrator(request)
        do throws(RPCError) {
            let units = try await freshUnits(staff)
            let people = try await backend.callConsole(
                Wire.Console.listAccounts, Wire.ListAccountsRequest(), session: staff.session
            ).accounts
            return WebResponse.page(DirectoryAdminPages.units(staff: staff, units: units, people: people, flash: flash))
        } catch {
            return refusal(error, staff: staff)
        }
    }

    func unitPage(_ request: Request, code: String, flash: Flash? = nil, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let staff = try await administrator(request)
        do throws(RPCError) {
            guard let unit = try await freshUnits(staff).first(where: { $0.code == code }) else {
                throw RPCError(.notFound, "没有单位 \(code)")
            }
            return WebResponse.page(DirectoryAdminPages.unit(staff: staff, unit: unit, flash: flash), status: status)
        } catch {
            return refusal(error, staff: staff)
        }
    }

    func updateUnit(_ request: Request, code: String) async throws -> Response {
        let (staff, fields) = try await administratorForm(request)
        var unit = Wire.Unit(code: code)
        do throws(RPCError) {
            guard let found = try await freshUnits(staff).first(where: { $0.code == code }) else {
                throw RPCError(.notFound, "没有单位 \(code)")
            }
            unit = found
            unit.name = fields.text("name") ?? ""
            unit.topics = fields.all("topics")
            unit.active = fields["active"] == "true"
            let _: Wire.UpdateUnitResponse = try await backend.call(
                backend.routing, Wire.Routing.updateUnit, Wire.UpdateUnitRequest(unit: unit), session: staff.session)
        } catch {
            guard error.code == .invalidArgument || error.code == .failedPrecondition else {
                return refusal(error, staff: staff)
            }
            let page = DirectoryAdminPages.unit(
                staff: staff, unit: unit, flash: .error("未保存。" + RefusalText.message(error)))
            return WebResponse.page(page, status: RefusalText.status(error))
        }
        unitNames.forget()
        return try await unitPage(request, code: code, flash: .ok("已保存"))
    }

    func enterpriseList(
        _ request: Request, flash: Flash? = nil, problems: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let staff = try await administrator(request)
        do {
            let enterprises = try await backend.call(
                backend.routing, Wire.Routing.listEnterprises, Wire.ListEnterprisesRequest(), session: staff.session
            ).enterprises
            return WebResponse.page(
                DirectoryAdminPages.enterprises(
                    staff: staff, enterprises: enterprises, flash: flash, problems: problems), status: status)
        } catch {
            return refusal(error, staff: staff)
        }
    }

    /// The CSV goes to routing whole; routing imports all of it or nothing and names each bad line.
    func importEnterprises(_ request: Request) async throws -> Response {
        let staff = try await administrator(request)
        let upload = try await multipartForm(request, staff: staff, maximumBytes: Self.maximumUploadBytes)
        guard let file = upload.file("csv") else {
            return try await enterpriseList(request, flash: .error("请选择要导入的 CSV 文件"), status: .unprocessableContent)
        }
        let imported: Wire.ImportEnterprisesResponse
        do throws(RPCError) {
            imported = try await backend.call(
                backend.routing, Wire.Routing.importEnterprises,
                Wire.ImportEnterprisesRequest(csv: file.bytes, replace: upload["replace"] == "true"),
                session: staff.session)
        } catch {
            guard error.code == .invalidArgument else { return refusal(error, staff: staff) }
            return try await enterpriseList(
                request, flash: .error("文件有误，未导入任何企业（名单未改变）。请修改以下各行后重新导入："),
                problems: error.fieldViolations.map(Self.enterpriseProblem), status: .unprocessableContent)
        }
        return try await enterpriseList(request, flash: .ok("已导入 \(imported.imported) 家，名单共 \(imported.total) 家"))
    }

    /// `csv.line[3].credit_code` with routing's words, as 第 3 行 · 统一社会信用代码.
    static func enterpriseProblem(_ violation: FieldViolation) -> String {
        let line = violation.field.firstMatch(of: /line\[(\d+)\]/).map { "第 \($0.1) 行" } ?? "文件"
        let field =
            violation.field.hasSuffix(".credit_code")
            ? " · 统一社会信用代码" : violation.field.hasSuffix(".name") ? " · 企业名称" : ""
        let what: String
        switch violation.code {
        case "required": what = "不能为空"
        case "too_long": what = "名称过长"
        case "invalid_credit_code": what = "信用代码无效（应为 18 位，且校验位正确）"
        case "duplicate": what = "信用代码与前面某行重复"
        default: what = "格式有误"
        }
        return "\(line)\(field)：\(what)（\(violation.message)）"
    }

    /// The parts of a posted `multipart/form-data` form, with the checks `form` makes: same site,
    /// the content type, a size limit, and the session's form token.
    func multipartForm(_ request: Request, staff: SignedInStaff, maximumBytes: Int) async throws -> MultipartForm {
        if HTTPField.Name.secFetchSite.flatMap({ request.headers[$0] }) == "cross-site" {
            throw formRefusal(.forbidden, "拒绝来自其他网站的提交", staff: staff)
        }
        let boundary: String
        do {
            boundary = try MultipartForm.boundary(contentType: request.headers[.contentType] ?? "")
        } catch {
            throw formRefusal(.unsupportedMediaType, "请通过页面上的表单提交", staff: staff)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBytes)
        } catch {
            throw formRefusal(.contentTooLarge, "上传的文件过大（最大 \(maximumBytes / 1024 / 1024) MB）", staff: staff)
        }
        let upload: MultipartForm
        do {
            upload = try MultipartForm(body: Array(buffer.readableBytesView), boundary: boundary)
        } catch {
            throw formRefusal(.badRequest, "上传的内容无法读取，请重新选择文件提交", staff: staff)
        }
        guard staff.acceptsFormToken(upload["csrf"]) else {
            throw formRefusal(.forbidden, "表单已失效（可能已在别处退出或重新登录），请刷新页面后重试", staff: staff)
        }
        return upload
    }
}
