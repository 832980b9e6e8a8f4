import Foundation
import HTTPTypes
import Hummingbird
import RPC
import WireProtocol

// Sign-in, sign-out and change of password. Passwords go to the console's own methods and appear
// in no page, log line or redirect.

extension WebRoutes {
    func signInPage(_ request: Request) async throws -> Response {
        if request.cookies[WebResponse.sessionCookie] != nil, (try? await signedIn(request)) != nil {
            return WebResponse.redirect("/orders")
        }
        return WebResponse.page(AccountPages.signIn())
    }

    func signIn(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let fields = try await form(request, staff: nil)
        let login = fields.text("login") ?? ""
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        if let wait = throttle.attempt(from: address) {
            var response = WebResponse.page(
                AccountPages.signIn(login: login, flash: .error("尝试次数过多，请 \(wait) 秒后再试")), status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        do {
            let signedIn = try await backend.signIn(
                login: login, password: fields["password"] ?? "", client: Self.client(request))
            throttle.succeeded(from: address)
            let next = signedIn.account?.mustChangePassword == true ? "/password" : "/orders"
            return WebResponse.redirect(
                next, cookie: WebResponse.session(signedIn.sessionToken, secure: configuration.secureCookies))
        } catch {
            return WebResponse.page(
                AccountPages.signIn(login: login, flash: .error(Self.signInRefusal(error))), status: .unauthorized)
        }
    }

    func signOut(_ request: Request) async throws -> Response {
        let staff = try await signedIn(request, allowingOneTimePassword: true)
        _ = try await form(request, staff: staff)
        try await backend.signOut(session: staff.session)
        return WebResponse.redirect("/login", cookie: WebResponse.clearedSession(secure: configuration.secureCookies))
    }

    func passwordPage(_ request: Request) async throws -> Response {
        let staff = try await signedIn(request, allowingOneTimePassword: true)
        return WebResponse.page(AccountPages.changePassword(staff: staff))
    }

    func changePassword(_ request: Request) async throws -> Response {
        let staff = try await signedIn(request, allowingOneTimePassword: true)
        let fields = try await form(request, staff: staff)
        let new = fields["new_password"] ?? ""
        guard new == fields["new_password_again"] else {
            return WebResponse.page(
                AccountPages.changePassword(staff: staff, flash: .error("两次输入的新密码不一致")), status: .unprocessableContent)
        }
        do {
            try await backend.changePassword(
                session: staff.session, current: fields["current_password"] ?? "", new: new)
            return WebResponse.redirect("/orders")
        } catch {
            // A lockout here ends the session; the sign-in page then says why.
            if error.code == .unauthenticated { return refusal(error, staff: staff) }
            return WebResponse.page(
                AccountPages.changePassword(staff: staff, flash: .error(Self.passwordRefusal(error))),
                status: RefusalText.status(error))
        }
    }

    /// What the person signed in with, for their list of sessions: "浏览器" and the start of the
    /// browser's own name, printable and at most 64 characters as the console requires.
    static func client(_ request: Request) -> String {
        let agent = (request.headers[.userAgent] ?? "").unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }
        return String(("浏览器 " + String(String.UnicodeScalarView(agent))).prefix(64))
    }

    static func signInRefusal(_ error: RPCError) -> String {
        switch error.fieldViolations.first(where: { $0.field == "login" })?.code {
        case "wrong": "账号或密码错误"
        case "locked": "登录失败次数过多，账号已暂时锁定（\(error.fieldViolations.first?.message ?? "")）。请稍后再试，或请管理员重置密码。"
        case "disabled": "账号已停用，请联系管理员"
        default: RefusalText.message(error)
        }
    }

    static func passwordRefusal(_ error: RPCError) -> String {
        let codes = Set(error.fieldViolations.map(\.code))
        if codes.contains("wrong") { return "当前密码不正确" }
        if codes.contains("too_short") { return "新密码至少需要 12 个字符" }
        if codes.contains("too_long") { return "新密码过长（最多 72 个字节）" }
        if codes.contains("unchanged") { return "新密码不能与当前密码相同" }
        return RefusalText.message(error)
    }
}
