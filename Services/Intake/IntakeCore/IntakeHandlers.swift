import Domain
import Foundation
import GRDB
import Logging
import Outbox
import RPC
import WireProtocol

/// The RPC methods of intake, translating between the wire and the desk.
struct IntakeHandlers: Sendable {
    let desk: IntakeDesk
    let routing: RPCClient
    let sla: RPCClient
    let logger: Logger
    /// How long an order may stay `received` before it counts as stuck.
    var stuckAfter: TimeInterval = StuckOrderAlarm.defaultThreshold

    var routeStep: RouteStep { RouteStep(desk: desk, routing: routing, logger: logger) }

    static let systemActor = WorkOrder.Actor(id: "intake", role: .system)

    func router() -> RPCRouter {
        var router = RPCRouter()
        router.register("intake.submit") { (request: SubmitOrderRequest, context) in try await submit(request, context) }
        router.register("intake.get") { (request: GetOrderRequest, _) in try get(request) }
        router.register("intake.list") { (request: ListOrdersRequest, _) in try list(request) }
        router.register("intake.apply") { (request: ApplyActionRequest, context) in try await apply(request, context) }
        router.register("intake.record_clock_event") { (request: RecordClockEventRequest, _) in try recordClockEvent(request) }
        router.register("intake.kb_add") { (request: AddArticleRequest, _) in try addArticle(request) }
        router.register("intake.kb_search") { (request: SearchArticlesRequest, _) in try searchArticles(request) }
        router.register("intake.kb_import") { (request: ImportArticlesRequest, _) in try importArticles(request) }
        router.register("intake.report") { (request: ReportRequest, _) in try report(request) }
        router.register("intake.send_digest") { (request: SendDigestRequest, _) in try sendDigest(request) }
        return router
    }

    /// Stores the order with its routing step (durable before "accepted"), then takes the step at
    /// once when routing answers in time; otherwise the outbox takes it, retrying until routing
    /// answers, and the order waits in `received` meanwhile.
    func submit(_ request: SubmitOrderRequest, _ context: ServerContext) async throws -> SubmitOrderResponse {
        let draft = try WorkOrderDraft(wire: request.draft, receivedAt: Date())
        var suggested: String?
        if draft.kind == .consultation {
            suggested = try desk.knowledgeBase.search(draft.content, on: LocalDate(containing: draft.receivedAt), limit: 1)
                .first { $0.score >= KnowledgeBase.closeMatch }?.entry.id
        }
        let route = RouteOrderRequest(
            topic: draft.topic.rawValue, kind: draft.kind.rawValue, urgency: draft.urgency.rawValue,
            content: draft.content, enterpriseName: draft.enterprise?.name ?? "",
            enterpriseCreditCode: draft.enterprise?.creditCode ?? "", knowledgeBaseMatch: suggested != nil,
            wideImpact: request.draft?.wideImpact ?? false
        )
        let submission = try desk.submit(draft, route: route)
        var order = submission.order
        guard submission.created else {
            return SubmitOrderResponse(order: WorkOrderView(order, duplicates: submission.duplicates), created: false)
        }
        var decision: WireProtocol.RoutingDecision?
        do {
            let timeout = min(context.remainingTimeout, .seconds(2))
            decision = try await routing.call(RouteStep.method, route, as: RouteOrderResponse.self, timeout: timeout).decision
            let assigned = routeStep.assign(order.id, as: decision)
            if assigned.isRetried { throw RPCError(.unavailable, "assignment deferred: \(assigned.error)") }
            order = try desk.store.order(id: order.id) ?? order
        } catch {
            logger.warning("intake.routing.unavailable", metadata: ["order.id": "\(order.id)", "error": "\(error)"])
            do {
                try routeStep.makeDue(order.id)
            } catch {
                // The step is still stored: it falls due after its grace period.
                logger.error("intake.route.make_due_failed", metadata: ["order.id": "\(order.id)", "error": "\(error)"])
            }
        }
        return SubmitOrderResponse(
            order: WorkOrderView(order, duplicates: submission.duplicates, suggestedArticle: suggested),
            created: true,
            routing: decision
        )
    }

    func get(_ request: GetOrderRequest) throws -> GetOrderResponse {
        let order = try resolve(request.id)
        return GetOrderResponse(
            order: WorkOrderView(order, duplicates: try desk.store.probableDuplicates(of: order.id)),
            events: try desk.store.events(orderID: order.id).map(OrderEvent.init)
        )
    }

    /// An order by id, or by `channel:platform order number`.
    func resolve(_ id: String) throws -> WorkOrder {
        if let order = try desk.store.order(id: id) { return order }
        let parts = id.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 2, let channel = WorkOrder.Channel(rawValue: parts[0]),
            let order = try desk.store.database.read({ try OrderStore.order(channel: channel, number: parts[1], in: $0) })
        {
            return order
        }
        throw RPCError(.notFound, "no order \(id)")
    }

    func list(_ request: ListOrdersRequest) throws -> ListOrdersResponse {
        var collector = ViolationCollector()
        var filter = OrderStore.Filter()
        if !request.state.isEmpty { filter.state = collector.value(WorkOrder.State.self, request.state, field: "state") }
        if !request.urgency.isEmpty { filter.urgency = collector.value(WorkOrder.Urgency.self, request.urgency, field: "urgency") }
        if !request.topic.isEmpty { filter.topic = collector.value(WorkOrder.Topic.self, request.topic, field: "topic") }
        if !request.unit.isEmpty { filter.unit = request.unit }
        if request.overdueOnly { filter.overdueAt = Date() }
        if request.receivedFromUnixMs > 0 { filter.receivedFrom = Date(unixMilliseconds: request.receivedFromUnixMs) }
        if request.receivedToUnixMs > 0 { filter.receivedTo = Date(unixMilliseconds: request.receivedToUnixMs) }
        if request.stuckOnly {
            let threshold = Date().addingTimeInterval(-stuckAfter)
            filter.state = .received
            filter.receivedTo = min(filter.receivedTo ?? threshold, threshold)
        }
        if request.limit > 500 { collector.violations.append(FieldViolation(field: "limit", code: "out_of_range", message: "at most 500")) }
        var token: OrderStore.PageToken?
        if !request.pageToken.isEmpty {
            token = OrderStore.PageToken(text: request.pageToken)
            if token == nil { collector.violations.append(FieldViolation(field: "page_token", code: "malformed", message: "not a token this service issued")) }
        }
        try collector.check("invalid list request")
        let page = try desk.store.list(filter, limit: request.limit == 0 ? 50 : Int(request.limit), after: token)
        return ListOrdersResponse(orders: page.orders.map { WorkOrderView($0) }, nextPageToken: page.next?.text ?? "")
    }

    func apply(_ request: ApplyActionRequest, _ context: ServerContext) async throws -> ApplyActionResponse {
        let action = try WorkOrderAction(wire: request)
        let actor = try WorkOrder.Actor(wire: request.actor)
        let order = try resolve(request.orderId)
        let key = request.idempotencyKey.isEmpty ? nil : request.idempotencyKey
        if let key, let (earlier, event) = try desk.earlierResult(of: key, on: order.id) {
            return ApplyActionResponse(order: WorkOrderView(earlier), event: OrderEvent(event))
        }
        if case .requestExtension(let days, _, _) = action {
            // The one-month cap needs the working-day calendar: the SLA service decides it.
            let check = try await sla.call(
                "sla.extend_clock",
                ExtendClockRequest(orderId: order.id, workingDays: UInt32(days), dryRun: true),
                as: ExtendClockResponse.self,
                timeout: context.remainingTimeout
            )
            guard check.allowed else { throw RPCError(.failedPrecondition, "extension refused: \(check.reason)") }
        }
        let (changed, event) = try desk.apply(action, to: order.id, by: actor, idempotencyKey: key)
        return ApplyActionResponse(order: WorkOrderView(changed), event: OrderEvent(event))
    }
}
