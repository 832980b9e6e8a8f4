import Domain
import Foundation
import GRDB
import Identity
import Logging
import Outbox
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// The RPC methods of intake, translating between the wire and the desk.
struct IntakeHandlers: Sendable {
    let desk: IntakeDesk
    let routing: RPCClient
    let sla: RPCClient
    let logger: Logger
    /// Checks every caller's credential.
    let gate: CredentialGate
    /// How long an order may stay `received` before it counts as stuck.
    var stuckAfter: TimeInterval = StuckOrderAlarm.defaultThreshold
    /// The units orders may be assigned to, from routing's directory.
    let unitCodes: UnitCodes

    init(
        desk: IntakeDesk, routing: RPCClient, sla: RPCClient, logger: Logger, gate: CredentialGate,
        stuckAfter: TimeInterval = StuckOrderAlarm.defaultThreshold
    ) {
        self.desk = desk
        self.routing = routing
        self.sla = sla
        self.logger = logger
        self.gate = gate
        self.stuckAfter = stuckAfter
        unitCodes = UnitCodes(routing: routing, logger: logger, names: desk.unitNames)
    }

    var routeStep: RouteStep { RouteStep(desk: desk, routing: routing, logger: logger) }

    /// Every method and who may call it; the state machine then decides, per order, what each may do.
    func router() -> GuardedRouter {
        var router = GuardedRouter(gate: gate)
        // The platform through the gateway; the bureau desk files its own 12333 line's orders.
        router.register(Wire.Intake.submit, roles: [.platform, .bureauDesk]) {
            (request: Wire.SubmitOrderRequest, context, credential) in
            try await submit(request, context, by: try credential.actor(claimed: nil))
        }
        router.register(Wire.Intake.get, roles: .readers) { (request: Wire.GetOrderRequest, _, credential) in
            try get(request, credential)
        }
        router.register(Wire.Intake.revealCaller, roles: .staff) { (request: Wire.RevealCallerRequest, _, credential) in
            try revealCaller(request, credential)
        }
        router.register(Wire.Intake.list, roles: .readers) { (request: Wire.ListOrdersRequest, context, credential) in
            try await list(request, credential, timeout: context.remainingTimeout)
        }
        router.register(Wire.Intake.apply, roles: .readers) { (request: Wire.ApplyActionRequest, context, credential) in
            try await apply(request, context, credential)
        }
        router.register(Wire.Intake.recordClockEvent, roles: [.system]) {
            (request: Wire.RecordClockEventRequest, _, credential) in
            try recordClockEvent(request, credential)
        }
        router.register(Wire.Intake.anonymiseCallers, roles: [.administrator]) {
            (request: Wire.AnonymiseCallersRequest, _, credential) in
            try anonymiseCallers(request, credential)
        }
        router.register(Wire.Intake.kbAdd, roles: [.administrator]) {
            (request: Wire.AddArticleRequest, _, credential) in
            try addArticle(request, credential)
        }
        router.register(Wire.Intake.kbRetire, roles: [.administrator]) {
            (request: Wire.RetireArticleRequest, _, credential) in
            try retireArticle(request, credential)
        }
        // The 12345 platform's articles, through the gateway.
        router.register(Wire.Intake.kbAccept, roles: [.platform]) {
            (request: Wire.AcceptPlatformArticleRequest, _, credential) in
            try acceptPlatformArticle(request, credential)
        }
        router.register(Wire.Intake.kbSearch, roles: .readers) { (request: Wire.SearchArticlesRequest, _, _) in
            try searchArticles(request)
        }
        router.register(Wire.Intake.listStandards, roles: .readers) { (_: Wire.ListStandardsRequest, _, _) in
            Wire.ListStandardsResponse(tableJson: Array(try desk.standards().jsonBytes()))
        }
        router.register(Wire.Intake.kbImport, roles: [.administrator]) {
            (request: Wire.ImportArticlesRequest, _, credential) in
            try importArticles(request, credential)
        }
        router.register(Wire.Intake.report, roles: .staff.union([.system])) {
            (request: Wire.ReportRequest, _, credential) in
            try report(request, credential)
        }
        router.register(Wire.Intake.sendDigest, roles: [.bureauDesk, .administrator, .system]) {
            (request: Wire.SendDigestRequest, _, _) in
            try sendDigest(request)
        }
        return router
    }

    /// Asks routing, then stores the order durably before "accepted": with routing's assignment
    /// when it answers in time, otherwise with a routing step that the outbox takes, retrying until
    /// routing answers, while the order waits in `received` (``RouteStep``).
    func submit(_ request: Wire.SubmitOrderRequest, _ context: ServerContext, by actor: WorkOrder.Actor) async throws
        -> Wire.SubmitOrderResponse
    {
        let draft = try WorkOrderDraft(wire: request.draft, receivedAt: Date())
        var suggested: String?
        if draft.kind == .consultation {
            suggested = try desk.knowledgeBase.proposal(
                for: draft.content, on: LocalDate(containing: draft.receivedAt))?.entry.id
        }
        let route = Wire.RouteOrderRequest(
            topic: draft.topic.rawValue, kind: draft.kind.rawValue, urgency: draft.urgency.rawValue,
            content: draft.content, enterpriseName: draft.enterprise?.name ?? "",
            enterpriseCreditCode: draft.enterprise?.creditCode ?? "", knowledgeBaseMatch: suggested != nil,
            wideImpact: request.draft?.wideImpact ?? false
        )
        // Validated before routing is asked, so that a wrong order is refused at once even when
        // routing is slow; routed before it is stored, so that order and assignment share one commit.
        let newOrder = try desk.newOrder(draft)
        var answered = true
        var decision: Wire.RoutingDecision?
        do {
            decision = try await routing.call(
                RouteStep.method, route, timeout: min(context.remainingTimeout, .seconds(2))
            ).decision
        } catch {
            answered = false
            logger.warning(
                "intake.routing.unavailable",
                metadata: [
                    "order.id": "\(newOrder.id)", "order.number": "\(newOrder.platformOrderNumber)",
                    "error": "\(error)",
                ])
        }
        let plan = RouteStep.Plan(
            request: route, assignment: answered ? RouteStep.assignment(for: decision) : nil, answered: answered)
        let submission = try await desk.submit(newOrder, routing: plan, by: actor)
        var order = submission.order
        if submission.redispatched {
            // The new cycle is routed like a new order; without routing, the desk assigns it.
            if answered {
                let assigned = await routeStep.assign(order.id, as: decision, cycle: order.cycle)
                if !assigned.result.isRetried { order = try assigned.order ?? desk.store.order(id: order.id) ?? order }
            }
            logger.notice(
                "intake.order.redispatched", metadata: ["order.id": "\(order.id)", "order.cycle": "\(order.cycle)"])
            return Wire.SubmitOrderResponse(
                order: Wire.WorkOrderView(order), created: false, routing: decision, redispatched: true)
        }
        guard submission.created else {
            return Wire.SubmitOrderResponse(
                order: Wire.WorkOrderView(order, duplicates: submission.duplicates), created: false)
        }
        return Wire.SubmitOrderResponse(
            order: Wire.WorkOrderView(order, duplicates: submission.duplicates, suggestedArticle: suggested),
            created: true,
            routing: decision
        )
    }

    /// An order with its log, for a reader who may see it (``WorkOrder/isVisible(to:unit:)``).
    func get(_ request: Wire.GetOrderRequest, _ credential: Credential) throws -> Wire.GetOrderResponse {
        let order = try resolve(request.id)
        guard order.isVisible(to: credential.roles, unit: credential.unit) else {
            throw RPCError(
                .permissionDenied, "order \(request.id) is not an order of unit \(credential.unit ?? "(none)")")
        }
        // A consultation the desk has yet to answer or assign shows the article that answers it
        // today, as proposed at submission (the knowledge base may have changed since).
        let proposal =
            order.kind == .consultation && order.state == .received
            ? try desk.knowledgeBase.proposal(for: order.content, on: LocalDate(containing: Date()))?.entry.id : nil
        let store = desk.store
        let (parent, merged, duplicates) = try store.database.read { db in
            (
                try order.parentOrderID.flatMap { try store.reference(of: $0, in: db) }.map(Wire.OrderReference.init),
                try store.mergedChildReferences(of: order.id, in: db).map(Wire.OrderReference.init),
                try store.probableDuplicateOrders(of: order.id, in: db).map(Wire.OrderReference.init)
            )
        }
        return Wire.GetOrderResponse(
            order: Wire.WorkOrderView(order, duplicates: duplicates.map(\.id), suggestedArticle: proposal),
            events: try desk.store.events(orderID: order.id).map(Wire.OrderEvent.init),
            callerDisclosures: try callerDisclosures(of: order.id),
            mergedOrders: merged,
            duplicateOrders: duplicates,
            parentOrder: parent
        )
    }

    /// An order by id, or by `channel:platform order number`, or — given `line` — by its number
    /// alone on that line.
    func resolve(_ id: String, field: String? = nil, line: WorkOrder.Channel? = nil) throws -> WorkOrder {
        if let order = try desk.store.order(id: id) { return order }
        let parts = id.split(separator: ":", maxSplits: 1).map(String.init)
        let named: (channel: WorkOrder.Channel, number: String)? =
            if parts.count == 2, let channel = WorkOrder.Channel(rawValue: parts[0]) {
                (channel, parts[1])
            } else if parts.count == 1, let line { (line, id) } else { nil }
        if let named,
            let order = try desk.store.database.read({
                try desk.store.order(channel: named.channel, number: named.number, in: $0)
            })
        {
            return order
        }
        let violations = field.map { [FieldViolation(field: $0, code: "not_found", message: "no such order")] } ?? []
        // As the person named it: a number on a line reads "12345 热线的工单 N14".
        let shown = named.map { "\($0.channel.label) 热线的工单 \($0.number)" } ?? "工单 \(id)"
        throw RPCError(.notFound, "\(shown) 不存在", fieldViolations: violations)
    }

    /// A page of orders; a unit's people list their unit's only, whatever unit they ask for.
    func list(_ request: Wire.ListOrdersRequest, _ credential: Credential, timeout: Duration? = nil) async throws
        -> Wire.ListOrdersResponse
    {
        var collector = ViolationCollector()
        var filter = OrderStore.Filter()
        if !request.state.isEmpty {
            filter.state = collector.value(WorkOrder.State.self, request.state, field: "state")
        }
        if !request.urgency.isEmpty {
            filter.urgency = collector.value(WorkOrder.Urgency.self, request.urgency, field: "urgency")
        }
        if !request.topic.isEmpty {
            filter.topic = collector.value(WorkOrder.Topic.self, request.topic, field: "topic")
        }
        if !request.kind.isEmpty { filter.kind = collector.value(WorkOrder.Kind.self, request.kind, field: "kind") }
        if !request.channel.isEmpty {
            filter.channel = collector.value(WorkOrder.Channel.self, request.channel, field: "channel")
        }
        if !request.track.isEmpty {
            filter.track = collector.value(WorkOrder.Track.self, request.track, field: "track")
        }
        if !request.text.isEmpty { filter.text = request.text }
        if !request.unit.isEmpty { filter.unit = request.unit }
        if !credential.roles.contains(where: \.readsEveryUnit) {
            guard let unit = credential.unit, filter.unit == nil || filter.unit == unit else {
                throw RPCError(
                    .permissionDenied,
                    "\(credential.account) lists the orders of unit \(credential.unit ?? "(none)") only")
            }
            filter.unit = unit
        }
        if request.overdueOnly { filter.orderIDs = try await overdueOrderIDs(timeout: timeout) }
        filter.awaitingTheBureau = request.awaitingTheBureau
        if request.receivedFromUnixMs > 0 { filter.receivedFrom = Date(unixMilliseconds: request.receivedFromUnixMs) }
        if request.receivedToUnixMs > 0 { filter.receivedTo = Date(unixMilliseconds: request.receivedToUnixMs) }
        if request.stuckOnly {
            let threshold = Date().addingTimeInterval(-stuckAfter)
            filter.state = .received
            filter.receivedTo = min(filter.receivedTo ?? threshold, threshold)
        }
        if request.limit > 500 {
            collector.violations.append(FieldViolation(field: "limit", code: "out_of_range", message: "at most 500"))
        }
        var token: OrderStore.PageToken?
        if !request.pageToken.isEmpty {
            token = OrderStore.PageToken(text: request.pageToken)
            if token == nil {
                collector.violations.append(
                    FieldViolation(field: "page_token", code: "malformed", message: "not a token this service issued"))
            }
        }
        try collector.check("invalid list request")
        let page = try desk.store.list(filter, limit: request.limit == 0 ? 50 : Int(request.limit), after: token)
        // The queue marks the orders the desk may want to merge: one duplicate each is enough.
        return Wire.ListOrdersResponse(
            orders: page.orders.map { Wire.WorkOrderView($0.order, duplicates: $0.duplicate.map { [$0] } ?? []) },
            nextPageToken: page.next?.text ?? "")
    }

    /// The orders with a running clock past its deadline, as SLA, the clocks' owner, tells:
    /// acknowledgement, handling and green-channel clocks alike, whatever deadline intake holds.
    func overdueOrderIDs(timeout: Duration?) async throws -> Set<String> {
        do throws(RPCError) {
            let due = try await sla.call(Wire.SLA.listDue, Wire.ListDueRequest(overdueOnly: true), timeout: timeout)
            return Set(due.clocks.map(\.orderId))
        } catch {
            let code: StatusCode = error.code == .resourceExhausted ? .resourceExhausted : .unavailable
            throw RPCError(code, "超期工单以时限服务（SLA）的计时为准，现无法取得（the overdue list needs SLA's clocks: \(error.message)）")
        }
    }

    func apply(_ request: Wire.ApplyActionRequest, _ context: ServerContext, _ credential: Credential) async throws
        -> Wire.ApplyActionResponse
    {
        var action = try WorkOrderAction(wire: request)
        if case .answerFromKnowledgeBase(let articleID, _) = action { action = try withArticleAnswer(articleID) }
        let actor = try actor(of: request, credential)
        let order = try resolve(request.orderId)
        // The parent may be named as `channel:number` like the order itself, or by its number
        // alone on the order's own line, as the desk knows it.
        if case .merge(let parent) = action {
            action = .merge(into: try resolve(parent, field: "parent_order_id", line: order.channel).id)
        }
        let key = request.idempotencyKey.isEmpty ? nil : request.idempotencyKey
        if let key, let (earlier, event) = try desk.earlierResult(of: key, on: order.id) {
            return Wire.ApplyActionResponse(order: Wire.WorkOrderView(earlier), event: Wire.OrderEvent(event))
        }
        if case .assign(let units, _, _) = action { try await unitCodes.check(units) }
        if case .requestExtension(let days, _, _) = action {
            // The one-month cap needs the working-day calendar: the SLA service decides it.
            let check = try await sla.call(
                Wire.SLA.extendClock,
                Wire.ExtendClockRequest(orderId: order.id, workingDays: UInt32(days), dryRun: true),
                timeout: context.remainingTimeout
            )
            guard check.allowed else { throw RPCError(.failedPrecondition, "extension refused: \(check.reason)") }
        }
        var details: [String: String] = [:]
        if case .approveExtension(let granted) = action {
            details = try await extensionNote(order: order.id, granted: granted, timeout: context.remainingTimeout)
        }
        let (changed, event) = try desk.apply(action, to: order.id, by: actor, details: details, idempotencyKey: key)
        return Wire.ApplyActionResponse(order: Wire.WorkOrderView(changed), event: Wire.OrderEvent(event))
    }

    /// The hotline's granted deadline stands (SLA applies it too, `granted`); when it lies beyond
    /// the one-month cap the event says so, with the cap. SLA is asked first, so that the record
    /// is never missing: while it does not answer, the decision is refused as unavailable and the
    /// hotline sends it again.
    func extensionNote(order: String, granted: Date, timeout: Duration?) async throws -> [String: String] {
        let check: Wire.ExtendClockResponse
        do throws(RPCError) {
            check = try await sla.call(
                Wire.SLA.extendClock,
                Wire.ExtendClockRequest(
                    orderId: order, newDueUnixMs: granted.unixMilliseconds, dryRun: true, granted: true),
                timeout: timeout)
        } catch {
            if error.code == .notFound { return [:] }  // no handling clock: nothing to compare with
            throw error
        }
        guard check.capUnixMs > 0, granted.unixMilliseconds > check.capUnixMs else { return [:] }
        let cap = ShanghaiTime.deadlineText(Date(unixMilliseconds: check.capUnixMs))
        return ["beyond_cap": "超过一个月的延期上限（\(cap)），以热线平台批准的期限为准"]
    }

    /// The actor of an action: the credential's, or for a reply coordination relays, the lead unit's
    /// liaison whose own credential it carries (checked here again, all but its expiry).
    func actor(of request: Wire.ApplyActionRequest, _ credential: Credential) throws(RPCError) -> WorkOrder.Actor {
        guard !request.relayedCredential.isEmpty else { return try credential.actor(claimed: request.actor) }
        guard credential.roles == [.system], credential.issuer == ServiceName.coordination.rawValue else {
            throw RPCError(.permissionDenied, "only coordination relays a person's credential")
        }
        guard request.action == WorkOrderAction.Kind.draftReply.rawValue else {
            throw RPCError(.permissionDenied, "coordination relays only compiled replies, not \(request.action)")
        }
        let relayed: Credential
        do {
            relayed = try gate.verifier.verifyRelayed(request.relayedCredential)
        } catch {
            throw RPCError(.permissionDenied, "the relayed credential is refused: \(error)")
        }
        return try relayed.actor(claimed: request.actor)
    }
}

extension Set where Element == Role {
    /// Everyone who reads orders: staff, the platform edge, the services.
    static var readers: Set<Role> { Set<Role>.staff.union([.platform, .system]) }
}
