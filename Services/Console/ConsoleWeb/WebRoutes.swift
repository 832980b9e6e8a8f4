import Foundation
import HTTPTypes
import Hummingbird
import Instrumentation
import Logging
import NIOCore
import RPC
import Traces
import WireProtocol

/// A page request, knowing the client's address (for the sign-in throttle).
struct WebRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

/// Ends a request early with this response: a redirect to sign-in, a refusal.
struct EarlyResponse: Error {
    let response: Response
}

/// The console's pages and what each does; one extension a part (account, orders, desk).
struct WebRoutes: Sendable {
    let backend: StaffBackend
    let configuration: WebConfiguration
    let throttle = SignInThrottle()
    let unitNames = UnitNamesCache()
    var logger: Logger { backend.logger }

    /// The largest form a page posts (a reply with its evidence is a few kilobytes).
    static let maximumFormBytes = 64 * 1024

    func register(on router: Router<WebRequestContext>) {
        router.get(RouterPath(Assets.stylesheetPath)) { _, _ in
            WebResponse.asset(Assets.stylesheet, contentType: "text/css; charset=utf-8")
        }
        router.get(RouterPath(Assets.scriptPath)) { _, _ in
            WebResponse.asset(Assets.script, contentType: "text/javascript; charset=utf-8")
        }
        router.get("/") { _, _ in WebResponse.redirect("/orders") }
        // Browsers ask for an icon; there is none, and saying so keeps their consoles quiet.
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/login") { request, _ in await guarded { try await signInPage(request) } }
        router.post("/login") { request, context in await guarded { try await signIn(request, context) } }
        router.post("/logout") { request, _ in await guarded { try await signOut(request) } }
        router.get("/password") { request, _ in await guarded { try await passwordPage(request) } }
        router.post("/password") { request, _ in await guarded { try await changePassword(request) } }
        router.get("/orders") { request, _ in await guarded { try await queue(request) } }
        router.get("/events") { request, _ in await guarded { try await events(request) } }
        router.get("/orders/:id") { request, context in
            await guarded { try await order(request, id: context.parameters.get("id") ?? "") }
        }
        router.post("/orders/:id/actions") { request, context in
            await guarded { try await act(request, id: context.parameters.get("id") ?? "") }
        }
        router.post("/orders/:id/caller") { request, context in
            await guarded { try await revealCaller(request, id: context.parameters.get("id") ?? "") }
        }
        router.post("/orders/:id/coordination") { request, context in
            await guarded { try await openCoordination(request, orderID: context.parameters.get("id") ?? "") }
        }
        router.get("/coordination") { request, _ in await guarded { try await coordinationList(request) } }
        // A constant segment wins over a parameter in Hummingbird's trie, so this is not a case id.
        router.get("/coordination/calendar") { request, _ in await guarded { try await meetingCalendar(request) } }
        router.get("/coordination/:id") { request, context in
            await guarded { try await coordinationCase(request, id: context.parameters.get("id") ?? "") }
        }
        router.post("/coordination/:id/steps") { request, context in
            await guarded { try await coordinationStep(request, id: context.parameters.get("id") ?? "") }
        }
        router.get("/desk") { request, _ in await guarded { try await desk(request) } }
        router.get("/kb") { request, _ in await guarded { try await knowledgeBase(request) } }
        registerReports(on: router)
        registerAdmin(on: router)
    }

    /// Runs a page's work; an early response, a service's refusal or a fault becomes a page.
    ///
    /// The page's work runs under one trace id, which its calls carry and a fault page names.
    func guarded(_ body: () async throws -> Response) async -> Response {
        var context = ServiceContext.current ?? .topLevel
        let traceID = context.callTraceID ?? TraceID.random()
        context.callTraceID = traceID
        return await ServiceContext.withValue(context) {
            do {
                return try await body()
            } catch let early as EarlyResponse {
                return early.response
            } catch let error as RPCError {
                return refusal(error, staff: nil)
            } catch {
                logger.error(
                    "console.web.failed", metadata: ["error": "\(String(reflecting: error))", "trace.id": "\(traceID)"])
                return WebResponse.page(
                    PageLayout.page(
                        title: "出错了", staff: nil, flash: .error("系统内部错误，请稍后重试（追踪编号 \(traceID)）"), body: .empty),
                    status: .internalServerError)
            }
        }
    }

    /// A service's refusal as a page; an ended session sends the person to sign in again.
    func refusal(_ error: RPCError, staff: SignedInStaff?) -> Response {
        if error.code == .unauthenticated {
            return WebResponse.redirect(
                "/login", cookie: WebResponse.clearedSession(secure: configuration.secureCookies))
        }
        return WebResponse.page(
            PageLayout.page(title: "未能完成", staff: staff, flash: .error(RefusalText.message(error)), body: .empty),
            status: RefusalText.status(error))
    }

    /// The signed-in person of `request`, or an early response: sign-in for a missing or ended
    /// session (or `signedOut` instead, for the requests a script makes), and the change of
    /// password while a one-time password is in use.
    func signedIn(_ request: Request, allowingOneTimePassword: Bool = false, signedOut: Response? = nil) async throws
        -> SignedInStaff
    {
        let toSignIn =
            signedOut
            ?? WebResponse.redirect("/login", cookie: WebResponse.clearedSession(secure: configuration.secureCookies))
        guard let token = request.cookies[WebResponse.sessionCookie]?.value, !token.isEmpty else {
            throw EarlyResponse(response: toSignIn)
        }
        let who: Wire.WhoAmIResponse
        do {
            who = try await backend.whoAmI(session: token)
        } catch {
            if error.code == .unauthenticated { throw EarlyResponse(response: toSignIn) }
            throw error
        }
        var staff = SignedInStaff(session: token, account: who.account ?? Wire.Account())
        if let unit = staff.unit { staff.unitName = await units(staff).name(unit) }
        if staff.account.mustChangePassword && !allowingOneTimePassword {
            throw EarlyResponse(response: WebResponse.redirect("/password"))
        }
        return staff
    }

    /// The fields of a posted form, refused unless it is a same-site form post carrying the
    /// session's form token (when there is a session).
    func form(_ request: Request, staff: SignedInStaff?) async throws -> FormFields {
        func refuse(_ status: HTTPResponse.Status, _ message: String) -> EarlyResponse {
            formRefusal(status, message, staff: staff)
        }
        // Browsers say where a request comes from; a form posted from another site is refused.
        if HTTPField.Name.secFetchSite.flatMap({ request.headers[$0] }) == "cross-site" {
            throw refuse(.forbidden, "拒绝来自其他网站的提交")
        }
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            throw refuse(.unsupportedMediaType, "请通过页面上的表单提交")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maximumFormBytes)
        } catch {
            throw refuse(.contentTooLarge, "提交的内容过长")
        }
        let fields = FormFields(encoded: String(buffer: buffer))
        if let staff, !staff.acceptsFormToken(fields["csrf"]) {
            throw refuse(.forbidden, "表单已失效（可能已在别处退出或重新登录），请刷新页面后重试")
        }
        return fields
    }

    /// A posted form refused before it was read: nothing changes.
    func formRefusal(_ status: HTTPResponse.Status, _ message: String, staff: SignedInStaff?) -> EarlyResponse {
        EarlyResponse(
            response: WebResponse.page(
                PageLayout.page(title: "未能完成", staff: staff, flash: .error(message), body: .empty), status: status))
    }

    /// Routing's unit names, read with the person's credential.
    func units(_ staff: SignedInStaff) async -> UnitNames {
        await unitNames.names {
            try await backend.call(
                backend.routing, Wire.Routing.listUnits, Wire.ListUnitsRequest(), session: staff.session
            ).units
        }
    }

    func nowMilliseconds() -> Int64 {
        Int64(Date().timeIntervalSince1970 * 1000)
    }
}
