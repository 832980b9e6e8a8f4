import Domain
import Foundation
import HTTPTypes
import Hummingbird
import RPC
import WireProtocol

// 管理 · 账号: the console's administrators' methods, called as the signed-in administrator. The
// pages refuse everyone else first; the methods would refuse them anyway.

extension WebRoutes {
    func registerAdmin(on router: Hummingbird.Router<WebRequestContext>) {
        router.get("/admin") { _, _ in WebResponse.redirect("/admin/accounts") }
        router.get("/admin/accounts") { request, _ in await guarded { try await accountList(request) } }
        router.get("/admin/accounts/new") { request, _ in await guarded { try await newAccountPage(request) } }
        router.post("/admin/accounts") { request, _ in await guarded { try await createAccount(request) } }
        router.get("/admin/accounts/:login") { request, context in
            await guarded { try await accountPage(request, login: context.parameters.get("login") ?? "") }
        }
        router.post("/admin/accounts/:login") { request, context in
            await guarded { try await updateAccount(request, login: context.parameters.get("login") ?? "") }
        }
        router.post("/admin/accounts/:login/disabled") { request, context in
            await guarded { try await setAccountDisabled(request, login: context.parameters.get("login") ?? "") }
        }
        router.post("/admin/accounts/:login/password") { request, context in
            await guarded { try await resetPassword(request, login: context.parameters.get("login") ?? "") }
        }
        router.post("/admin/accounts/:login/sessions/revoke") { request, context in
            await guarded { try await revokeSession(request, login: context.parameters.get("login") ?? "") }
        }
        registerDirectoryAdmin(on: router)
    }

    /// The signed-in administrator, or an early 403 page for anyone else.
    func administrator(_ request: Request) async throws -> SignedInStaff {
        let staff = try await signedIn(request)
        guard AdminPages.mayView(staff) else {
            throw EarlyResponse(response: refusal(RPCError(.permissionDenied, "管理页面仅供系统管理员使用"), staff: staff))
        }
        return staff
    }

    /// The fields of an administrator's form post (CSRF and the rest checked by `form`).
    func administratorForm(_ request: Request) async throws -> (SignedInStaff, FormFields) {
        let staff = try await administrator(request)
        return (staff, try await form(request, staff: staff))
    }

    func accountList(_ request: Request, flash: Flash? = nil) async throws -> Response {
        let staff = try await administrator(request)
        let unit = FormFields(encoded: request.uri.query ?? "").text("unit") ?? ""
        do {
            let accounts = try await backend.callConsole(
                Wire.Console.listAccounts, Wire.ListAccountsRequest(unit: unit, includeDisabled: true),
                session: staff.session
            ).accounts
            let page = AccountAdminPages.list(
                staff: staff, accounts: accounts, units: await units(staff), unit: unit, now: nowMilliseconds(),
                flash: flash)
            return WebResponse.page(page)
        } catch {
            return refusal(error, staff: staff)
        }
    }

    func newAccountPage(_ request: Request) async throws -> Response {
        let staff = try await administrator(request)
        return WebResponse.page(AccountAdminPages.new(staff: staff, units: await units(staff)))
    }

    func createAccount(_ request: Request) async throws -> Response {
        let (staff, fields) = try await administratorForm(request)
        let account = Self.account(fields, login: fields.text("login") ?? "")
        do {
            let created = try await backend.callConsole(
                Wire.Console.createAccount, Wire.CreateAccountRequest(account: account), session: staff.session)
            return WebResponse.page(
                AccountAdminPages.oneTimePassword(
                    staff: staff, account: created.account ?? account, password: created.oneTimePassword, created: true),
                status: .created)
        } catch {
            if error.code == .unauthenticated || error.code == .permissionDenied { return refusal(error, staff: staff) }
            let page = AccountAdminPages.new(
                staff: staff, units: await units(staff), values: account,
                flash: .error(AdminPages.refusalMessage(error)))
            return WebResponse.page(page, status: RefusalText.status(error))
        }
    }

    func accountPage(_ request: Request, login: String, flash: Flash? = nil, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let staff = try await administrator(request)
        do throws(RPCError) {
            let accounts = try await backend.callConsole(
                Wire.Console.listAccounts, Wire.ListAccountsRequest(includeDisabled: true), session: staff.session
            ).accounts
            guard let account = accounts.first(where: { $0.login == login }) else {
                throw RPCError(.notFound, "没有账号 \(login)")
            }
            let sessions = try await backend.callConsole(
                Wire.Console.listSessions, Wire.ListSessionsRequest(login: login), session: staff.session
            ).sessions
            let events = try await backend.callConsole(
                Wire.Console.listAccountEvents, Wire.ListAccountEventsRequest(login: login, limit: 50),
                session: staff.session
            ).events
            let page = AccountAdminPages.detail(
                staff: staff, account: account, units: await units(staff), sessions: sessions, events: events,
                now: nowMilliseconds(), flash: flash)
            return WebResponse.page(page, status: status)
        } catch {
            return refusal(error, staff: staff)
        }
    }

    func updateAccount(_ request: Request, login: String) async throws -> Response {
        let (staff, fields) = try await administratorForm(request)
        do throws(RPCError) {
            let _: Wire.UpdateAccountResponse = try await backend.callConsole(
                Wire.Console.updateAccount, Wire.UpdateAccountRequest(account: Self.account(fields, login: login)),
                session: staff.session)
        } catch {
            return try await adminActionRefused(error, request: request, login: login, staff: staff)
        }
        return try await accountPage(request, login: login, flash: .ok("已保存"))
    }

    func setAccountDisabled(_ request: Request, login: String) async throws -> Response {
        let (staff, fields) = try await administratorForm(request)
        guard let disabled = fields["disabled"].flatMap(Bool.init) else {
            return try await accountPage(
                request, login: login, flash: .error("请通过页面上的按钮操作"), status: .unprocessableContent)
        }
        do throws(RPCError) {
            let _: Wire.SetAccountDisabledResponse = try await backend.callConsole(
                Wire.Console.setAccountDisabled,
                Wire.SetAccountDisabledRequest(login: login, disabled: disabled, reason: fields.text("reason") ?? ""),
                session: staff.session)
        } catch {
            return try await adminActionRefused(error, request: request, login: login, staff: staff)
        }
        return try await accountPage(request, login: login, flash: .ok(disabled ? "已停用，该账号的登录已全部退出" : "已启用"))
    }

    func resetPassword(_ request: Request, login: String) async throws -> Response {
        let (staff, _) = try await administratorForm(request)
        let reset: Wire.ResetPasswordResponse
        let account: Wire.Account
        do throws(RPCError) {
            reset = try await backend.callConsole(
                Wire.Console.resetPassword, Wire.ResetPasswordRequest(login: login), session: staff.session)
            account =
                try await backend.callConsole(
                    Wire.Console.listAccounts, Wire.ListAccountsRequest(includeDisabled: true), session: staff.session
                ).accounts.first { $0.login == login } ?? Wire.Account(login: login)
        } catch {
            return try await adminActionRefused(error, request: request, login: login, staff: staff)
        }
        return WebResponse.page(
            AccountAdminPages.oneTimePassword(
                staff: staff, account: account, password: reset.oneTimePassword, created: false))
    }

    func revokeSession(_ request: Request, login: String) async throws -> Response {
        let (staff, fields) = try await administratorForm(request)
        do throws(RPCError) {
            let _: Wire.RevokeSessionResponse = try await backend.callConsole(
                Wire.Console.revokeSession, Wire.RevokeSessionRequest(id: fields["id"] ?? ""), session: staff.session)
        } catch {
            return try await adminActionRefused(error, request: request, login: login, staff: staff)
        }
        // Revoking one's own current session signs one out; any other failure is the page's to show.
        do {
            _ = try await backend.whoAmI(session: staff.session)
        } catch {
            if error.code == .unauthenticated {
                return WebResponse.redirect(
                    "/login", cookie: WebResponse.clearedSession(secure: configuration.secureCookies))
            }
            return refusal(error, staff: staff)
        }
        return try await accountPage(request, login: login, flash: .ok("已强制退出该会话"))
    }

    /// The account's page again with why the console refused; the session's end signs out.
    private func adminActionRefused(_ error: RPCError, request: Request, login: String, staff: SignedInStaff)
        async throws -> Response
    {
        if error.code == .unauthenticated || error.code == .permissionDenied || error.code == .notFound {
            return refusal(error, staff: staff)
        }
        return try await accountPage(
            request, login: login, flash: .error(AdminPages.refusalMessage(error)), status: RefusalText.status(error))
    }

    /// The account a new or edit form describes; the console validates it.
    static func account(_ fields: FormFields, login: String) -> Wire.Account {
        Wire.Account(
            login: login, name: fields.text("name") ?? "", phone: fields.text("phone") ?? "",
            email: fields.text("email") ?? "",
            roles: fields.all("roles"), unit: fields.text("unit") ?? "")
    }
}
