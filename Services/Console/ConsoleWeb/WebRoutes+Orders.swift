import Crypto
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RPC
import ServiceLifecycle
import WireProtocol

// 我的工单, one order and its actions, and the live updates of the queue.

extension WebRoutes {
    /// What the queue shows, read as the person: the orders intake lets them list, and the
    /// running clocks of their scope from SLA (the queue still shows when SLA does not answer).
    struct QueueData: Sendable {
        var orders: [Wire.WorkOrderView]
        var clocks: [Wire.Clock]
        var clocksNote: String?
        /// More orders matched than the queue reads.
        var truncated = false

        /// Changes when an order arrives, moves, or one of its clocks changes light.
        func signature(now: Int64) -> String {
            var hasher = SHA256()
            for order in orders { hasher.update(data: Data("\(order.id)|\(order.state)\n".utf8)) }
            for clock in clocks {
                hasher.update(data: Data("\(clock.id)|\(ClockLight(clock, now: now).rawValue)\n".utf8))
            }
            return Hex.encode(hasher.finalize().prefix(12))
        }
    }

    /// Running clocks due within this window are read for the lights and countdowns.
    static let clockWindowMilliseconds: Int64 = 366 * 86_400_000
    /// SLA's limit on the orders whose clocks are asked for besides the unit's own.
    static let jointOrdersAsked = 1_000

    /// The whole queue of `filter` (up to ``QueueFilter/maximumOrders``), read in intake's
    /// largest pages, with the running clocks of the person's scope.
    func queueData(_ staff: SignedInStaff, _ filter: QueueFilter) async throws(RPCError) -> QueueData {
        var orders: [Wire.WorkOrderView] = []
        var token = ""
        repeat {
            let page = try await backend.call(
                backend.intake, Wire.Intake.list, filter.listRequest(pageToken: token), session: staff.session)
            orders += page.orders
            token = page.nextPageToken
        } while !token.isEmpty && orders.count < QueueFilter.maximumOrders
        let unit = staff.readsEveryUnit ? filter.unit : (staff.unit ?? "")
        // A joint order's clocks carry its lead unit: asked for by id when the unit is not the lead.
        let joint =
            unit.isEmpty
            ? [] : orders.lazy.filter { $0.responsibleUnits.first != unit }.prefix(Self.jointOrdersAsked).map(\.id)
        do {
            let due = try await backend.call(
                backend.sla, Wire.SLA.listDue,
                Wire.ListDueRequest(withinMs: Self.clockWindowMilliseconds, unit: unit, alsoOrderIds: Array(joint)),
                session: staff.session)
            return QueueData(orders: orders, clocks: due.clocks, truncated: !token.isEmpty)
        } catch {
            if error.code == .unauthenticated { throw error }
            return QueueData(
                orders: orders, clocks: [],
                clocksNote: "时限服务暂时无法访问，灯和倒计时未显示：\(error.message)" + RefusalText.traceNote(error),
                truncated: !token.isEmpty)
        }
    }

    func queue(_ request: Request) async throws -> Response {
        let fragment = request.uri.queryParameters["fragment"] == "rows"
        let staff = try await signedIn(request, signedOut: fragment ? Self.signedOutForScripts : nil)
        let filter = QueueFilter(FormFields(encoded: request.uri.query ?? ""))
        let now = nowMilliseconds()
        let data: QueueData
        do {
            data = try await queueData(staff, filter)
        } catch {
            return refusal(error, staff: staff)
        }
        let queue = QueuePage.Sorted(
            QueuePage.rows(data.orders, clocks: data.clocks, now: now), page: filter.page, truncated: data.truncated)
        let units = await units(staff)
        if fragment { return WebResponse.page(QueuePage.liveParts(queue, filter: filter, units: units)) }
        let live = "/events?" + filter.query(page: filter.page) + "&since=" + data.signature(now: now)
        return WebResponse.page(
            QueuePage.page(
                staff: staff, filter: filter, queue: queue, units: units, clocksNote: data.clocksNote, live: live))
    }

    func order(
        _ request: Request, id: String, flash: Flash? = nil, status: HTTPResponse.Status = .ok,
        revealedCaller: Wire.Caller? = nil
    ) async throws -> Response {
        let staff = try await signedIn(request)
        do throws(RPCError) {
            let order = try await backend.call(
                backend.intake, Wire.Intake.get, Wire.GetOrderRequest(id: id), session: staff.session)
            // The order still shows when SLA does not answer, saying why its clocks are missing.
            var clocks: Result<[Wire.Clock], RPCError>
            do throws(RPCError) {
                clocks = .success(
                    try await backend.call(
                        backend.sla, Wire.SLA.listClocks, Wire.ListClocksRequest(orderId: order.order?.id ?? id),
                        session: staff.session
                    ).clocks)
            } catch {
                if error.code == .unauthenticated { throw error }
                clocks = .failure(error)
            }
            let coordination = try await coordinationOfOrder(order.order ?? Wire.WorkOrderView(), staff: staff)
            let done = request.uri.queryParameters["done"].flatMap { WorkOrderAction.Kind(rawValue: String($0)) }
            let page = OrderPage.page(
                staff: staff, order: order, clocks: clocks, units: await units(staff), now: nowMilliseconds(),
                flash: flash ?? done.map { .ok("已完成：\($0.label)") }, revealedCaller: revealedCaller,
                coordination: coordination)
            return WebResponse.page(page, status: status)
        } catch {
            return refusal(error, staff: staff)
        }
    }

    /// An action form: intake checks who may do what to which order, in which state, and says
    /// why not; the page shows the order again with what happened.
    func act(_ request: Request, id: String) async throws -> Response {
        let staff = try await signedIn(request)
        let fields = try await form(request, staff: staff)
        let order: Wire.GetOrderResponse
        do {
            order = try await backend.call(
                backend.intake, Wire.Intake.get, Wire.GetOrderRequest(id: id), session: staff.session)
        } catch {
            return refusal(error, staff: staff)
        }
        let view = order.order ?? Wire.WorkOrderView()
        let apply: Wire.ApplyActionRequest
        do {
            apply = try ActionForm.request(fields, order: view, staff: staff)
        } catch {
            return try await self.order(request, id: id, flash: .error(error.message), status: .unprocessableContent)
        }
        do {
            let _: Wire.ApplyActionResponse = try await backend.call(
                backend.intake, Wire.Intake.apply, apply, session: staff.session)
            // The desk assigns from its dashboard and goes back there; every other form shows the order.
            if fields["back"] == "desk" { return WebResponse.redirect("/desk?done=\(apply.action)&order=\(view.id)") }
            return WebResponse.redirect("/orders/\(view.id)?done=\(apply.action)")
        } catch {
            if error.code == .unauthenticated { return refusal(error, staff: staff) }
            return try await self.order(
                request, id: id, flash: .error(RefusalText.message(error)), status: RefusalText.status(error))
        }
    }

    /// Server-sent events for an open queue page: `queue` whenever what the page shows would
    /// change (`since` is the signature it was rendered with), `signed-out` when the session
    /// ends. A stream lasts half a minute; the browser's EventSource reconnects by itself.
    func events(_ request: Request) async throws -> Response {
        let staff = try await signedIn(request, signedOut: Self.signedOutForScripts)
        let filter = QueueFilter(FormFields(encoded: request.uri.query ?? ""))
        let since = request.uri.queryParameters["since"].map(String.init) ?? ""
        var fields = HTTPFields()
        fields[.contentType] = "text/event-stream; charset=utf-8"
        let routes = self
        let body = ResponseBody { (writer: inout any ResponseBodyWriter) in
            var shown = since
            try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
            let ends = ContinuousClock.now + Self.streamLifetime
            // A stream ends with the console's graceful shutdown too, so that an open page never holds it up.
            while ContinuousClock.now < ends && !Task.isShuttingDownGracefully {
                let data: QueueData
                do throws(RPCError) {
                    data = try await routes.queueData(staff, filter)
                } catch {
                    if error.code == .unauthenticated {
                        try await writer.write(ByteBuffer(string: "event: signed-out\ndata: \n\n"))
                        break
                    }
                    // A service is down for now: the page keeps what it shows and a later poll retries.
                    try await Task.sleep(for: Self.pollInterval)
                    continue
                }
                let signature = data.signature(now: routes.nowMilliseconds())
                if signature != shown {
                    shown = signature
                    try await writer.write(ByteBuffer(string: "event: queue\ndata: \(signature)\n\n"))
                } else {
                    // A comment: it keeps proxies from closing the stream, and tells us when the page has gone.
                    try await writer.write(ByteBuffer(string: ": quiet\n\n"))
                }
                try await Task.sleep(for: Self.pollInterval)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: fields, body: body)
    }

    /// How often an open queue page's stream looks for changes, and how long a stream lasts.
    static let pollInterval: Duration = .seconds(2)
    static let streamLifetime: Duration = .seconds(30)

    /// What scripts get instead of the sign-in page when the session has ended.
    static var signedOutForScripts: Response {
        Response(status: .unauthorized, body: ResponseBody(byteBuffer: ByteBuffer(string: "signed out")))
    }
}
