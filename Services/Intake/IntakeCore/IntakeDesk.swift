import Assessment
import Domain
import Foundation
import GRDB
import Logging
import Persistence
import RPC
import WireProtocol

/// The intake's core: takes orders in, runs them through the state machine, and keeps the log,
/// the duplicates and the SLA clock commands consistent with every change.
struct IntakeDesk: Sendable {
    struct Configuration: Sendable {
        /// How far back an order by the same caller or enterprise counts as a probable duplicate.
        var duplicateWindow: TimeInterval = 7 * 86_400
        /// How similar (trigram Jaccard) two contents must be to count as duplicates.
        var duplicateSimilarity = 0.5
    }

    /// What `submit` did.
    struct Submission: Sendable {
        var order: WorkOrder
        var created: Bool
        var duplicates: [String]
        /// A returned order the hotline dispatched again under its number: a new cycle, to route.
        var redispatched = false
    }

    let store: OrderStore
    let knowledgeBase: KnowledgeBase
    let configuration: Configuration
    let standards: @Sendable () -> ClosureStandardTable
    let now: @Sendable () -> Date
    /// Called after a transaction enqueued outbox messages.
    let outboxChanged: @Sendable () -> Void
    /// The rules of the assessment's facts, which are rewritten with every change of an order.
    var assessmentRules = AssessmentRules()
    /// The points scheme of the assessment (考评).
    var assessmentScheme = PointsScheme.shipped
    /// The units' Chinese names, for the 交办单 (kept current by ``UnitCodes``).
    let unitNames = KnownUnitNames()

    var projection: FactProjection { FactProjection(rules: assessmentRules, store: store) }

    /// A new order from `draft`, validated; refused with every field that is wrong.
    func newOrder(_ draft: WorkOrderDraft) throws(RPCError) -> WorkOrder {
        do {
            return try WorkOrder(id: WorkOrder.newID(at: now()), draft: draft)
        } catch {
            throw RPCError(
                .invalidArgument,
                "the order is invalid: \(error.errors.map(\.field).joined(separator: ", "))",
                fieldViolations: error.errors.map {
                    FieldViolation(
                        field: "draft." + Self.snakeCase($0.field), code: $0.code.rawValue, message: $0.message)
                }
            )
        }
    }

    /// Stores a new order, durably, before anyone hears it was accepted, with its routing (`plan`,
    /// see ``RouteStep``) in the same transaction. A retry of an order already stored returns it
    /// unchanged (idempotent on channel and platform order number), except a returned order (退单),
    /// which the hotline may dispatch again: that starts its next cycle at the desk.
    ///
    /// Orders arriving together share one transaction and its fsync (``GroupCommitWriter``): each
    /// in its own savepoint, so one refused order leaves the others stored.
    func submit(_ order: WorkOrder, routing plan: RouteStep.Plan, by actor: WorkOrder.Actor)
        async throws -> Submission
    {
        let window = configuration.duplicateWindow
        let threshold = configuration.duplicateSimilarity
        let submission = try await store.writer.write { db -> Submission in
            if var existing = try store.order(channel: order.channel, number: order.platformOrderNumber, in: db) {
                if existing.state == .returned {
                    let redispatch = WorkOrderAction.redispatch(
                        dispatchedAt: order.dispatchedAt, handlingDeadline: order.handlingDeadline)
                    _ = try change(
                        &existing, with: redispatch, by: actor, details: [:], at: self.now(),
                        standards: self.standards(), in: db)
                    return Submission(order: existing, created: false, duplicates: [], redispatched: true)
                }
                let duplicates = try String.fetchAll(
                    db.cachedStatement(sql: "SELECT other_id FROM probable_duplicate WHERE order_id = ?"),
                    arguments: [existing.id])
                return Submission(order: existing, created: false, duplicates: duplicates)
            }
            try store.insert(order, in: db)
            let content = Trigrams(order.content)
            let duplicates = try store.recentContents(like: order, window: window, in: db)
                .map { (id: $0.id, similarity: content.similarity(to: Trigrams($0.content))) }
                .filter { $0.similarity >= threshold }
            try OrderStore.recordDuplicates(of: order.id, duplicates, in: db)
            var stored = order
            try route(&stored, as: plan, in: db)
            return Submission(order: stored, created: true, duplicates: duplicates.map(\.id))
        }
        if submission.redispatched || submission.created { outboxChanged() }
        return submission
    }

    /// Applies routing's assignment to a new `order` or, without one, writes its step; the
    /// assessment's facts are refreshed either way. An assignment the order refuses (a rule's mode
    /// against the order's topic) leaves it for the desk, with a step that asks routing again.
    private func route(_ order: inout WorkOrder, as plan: RouteStep.Plan, in db: Database) throws {
        let time = now()
        if let assignment = plan.assignment {
            var assigned = order
            do {
                try db.inSavepoint {
                    let event = try change(
                        &assigned, with: assignment.action, by: RouteStep.Assignment.actor,
                        details: assignment.details, at: time, standards: standards(), in: db)
                    // As a step's assignment would: an order back in `received` later is not routed again.
                    try recordApplied(RouteStep.key(order.id), event, of: order.id, in: db)
                    return .commit
                }
                order = assigned
                return
            } catch is WorkOrderTransitionError {}
        }
        let step = try RouteStep.message(for: order, request: plan.request, at: time, dueAtOnce: !plan.answered)
        try IntakeOutbox.enqueue([step], at: time, in: db)
        try projection.refresh(order, in: db)
    }

    /// The wire spells field paths like the .proto files: `caller.idNumber` → `caller.id_number`.
    static func snakeCase(_ path: String) -> String {
        var result = ""
        for character in path {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Applies `action` to the order `id` and returns the changed order with the new event; the
    /// order, its log and the SLA commands it implies change together or not at all.
    ///
    /// With an `idempotencyKey` already applied, nothing changes: the order as it is now and the
    /// event of that first call are returned (the caller lost the first answer and retried).
    /// `completingOutbox` names the outbox step (its deduplication key) this change completes.
    func apply(
        _ action: WorkOrderAction,
        to id: String,
        by actor: WorkOrder.Actor,
        details: [String: String] = [:],
        idempotencyKey: String? = nil,
        completingOutbox: String? = nil,
        onlyIn expectedState: WorkOrder.State? = nil
    ) throws -> (order: WorkOrder, event: WorkOrderEvent) {
        let change = Change(
            action: action, id: id, actor: actor, details: details, idempotencyKey: idempotencyKey,
            completingOutbox: completingOutbox, expectedState: expectedState, at: now(), standards: standards())
        let result = try store.database.write { db in try applying(change, in: db) }
        if result.changed { outboxChanged() }
        return (result.order, result.event)
    }

    /// ``apply(_:to:by:details:idempotencyKey:completingOutbox:onlyIn:)`` in a transaction shared
    /// with the other writes on an order's arrival path (``OrderStore/writer``), so that the
    /// changes of orders arriving together share one commit.
    func applyTogether(
        _ action: WorkOrderAction,
        to id: String,
        by actor: WorkOrder.Actor,
        details: [String: String] = [:],
        idempotencyKey: String? = nil,
        completingOutbox: String? = nil,
        onlyIn expectedState: WorkOrder.State? = nil
    ) async throws -> (order: WorkOrder, event: WorkOrderEvent) {
        let change = Change(
            action: action, id: id, actor: actor, details: details, idempotencyKey: idempotencyKey,
            completingOutbox: completingOutbox, expectedState: expectedState, at: now(), standards: standards())
        let result = try await store.writer.write { db in try applying(change, in: db) }
        if result.changed { outboxChanged() }
        return (result.order, result.event)
    }

    /// What an `apply` call asks for.
    private struct Change: Sendable {
        var action: WorkOrderAction
        var id: String
        var actor: WorkOrder.Actor
        var details: [String: String]
        var idempotencyKey: String?
        var completingOutbox: String?
        var expectedState: WorkOrder.State?
        var at: Date
        var standards: ClosureStandardTable
    }

    /// The transaction of an `apply` call; `changed` is false when its idempotency key had been applied.
    private func applying(_ request: Change, in db: Database) throws
        -> (order: WorkOrder, event: WorkOrderEvent, changed: Bool)
    {
        let id = request.id
        if let key = request.idempotencyKey, let earlier = try earlierResult(of: key, on: id, in: db) {
            return (earlier.0, earlier.1, false)
        }
        guard var order = try store.order(id: id, in: db) else {
            throw RPCError(.notFound, "工单 \(id) 不存在")
        }
        if let expectedState = request.expectedState, order.state != expectedState {
            throw RPCError(
                .failedPrecondition, "order \(id) is \(order.state.rawValue), no longer \(expectedState.rawValue)")
        }
        if case .merge(let parent) = request.action { try checkMerge(of: order, into: parent, in: db) }
        let event = try change(
            &order, with: request.action, by: request.actor, details: request.details, at: request.at,
            standards: request.standards, in: db)
        if let completingOutbox = request.completingOutbox {
            try db.cachedStatement(sql: "DELETE FROM outbox_entry WHERE deduplication_key = ?")
                .execute(arguments: [completingOutbox])
        }
        if let key = request.idempotencyKey { try recordApplied(key, event, of: order.id, in: db) }
        return (order, event, true)
    }

    /// Records that the change under idempotency `key` was applied, as `event` of `orderID`.
    private func recordApplied(_ key: String, _ event: WorkOrderEvent, of orderID: String, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO applied_request (key, order_id, sequence) VALUES (?, ?, ?)")
            .execute(arguments: [key, orderID, event.sequence])
    }

    /// A merge goes one level deep: into an order that exists and is not merged itself, and only
    /// of an order nothing is merged into. So no chain forms and no cycle (N14 into N27 and N27
    /// into N14 would leave both merged and nobody holding them).
    func checkMerge(of order: WorkOrder, into parentID: String, in db: Database) throws {
        guard let parent = try store.order(id: parentID, in: db) else {
            throw RPCError(
                .notFound, "并入的工单 \(parentID) 不存在（no parent order \(parentID)）",
                fieldViolations: [FieldViolation(field: "parent_order_id", code: "not_found", message: "no such order")]
            )
        }
        if parent.state == .merged {
            let grandparent = parent.parentOrderID ?? "?"
            throw RPCError(
                .failedPrecondition,
                "\(parentID) 本身已并入 \(grandparent)，请直接并入 \(grandparent)（\(parentID) is itself merged into \(grandparent)）",
                fieldViolations: [
                    FieldViolation(field: "parent_order_id", code: "merged", message: "merged into \(grandparent)")
                ])
        }
        let children = try store.mergedChildren(of: order.id, in: db)
        if !children.isEmpty {
            let ids = children.map(\.id).joined(separator: "、")
            throw RPCError(
                .failedPrecondition,
                "已有工单并入 \(order.id)（\(ids)），它不能再并入其他工单；请先取消这些并单（orders are merged into \(order.id)）")
        }
    }

    /// Applies `action` to `order` inside the caller's transaction: the event appended, the
    /// assessment's facts, and the clock, platform and notification commands it implies.
    private func change(
        _ order: inout WorkOrder, with action: WorkOrderAction, by actor: WorkOrder.Actor, details: [String: String],
        at now: Date, standards: ClosureStandardTable, in db: Database
    ) throws -> WorkOrderEvent {
        let before = order
        var event = try order.apply(action, by: actor, at: now, standards: standards)
        event.details.merge(details) { $1 }
        try store.save(order, appending: event, in: db)
        try projection.refresh(order, in: db)
        try IntakeOutbox.enqueue(ClockCommands.after(event, from: before, to: order, at: now), at: now, in: db)
        let related = try PlatformCommands.Related.of(event, on: order, store: store, in: db)
        try IntakeOutbox.enqueue(
            PlatformCommands.after(event, from: before, to: order, related: related), at: now, in: db)
        try IntakeOutbox.enqueue(
            NotificationCommands.after(event, from: before, to: order, unitNames: unitNames), at: now, in: db)
        return event
    }

    /// The order and event of the call that applied `key`, if one did.
    func earlierResult(of key: String, on orderID: String) throws -> (WorkOrder, WorkOrderEvent)? {
        try store.database.read { db in try earlierResult(of: key, on: orderID, in: db) }
    }

    /// The order and event of the call that applied `key`, if one did; a key used for another
    /// order is refused rather than answered with that order.
    func earlierResult(of key: String, on orderID: String, in db: Database) throws -> (WorkOrder, WorkOrderEvent)? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT order_id, sequence FROM applied_request WHERE key = ?"),
                arguments: [key])
        else {
            return nil
        }
        let appliedTo: String = row["order_id"]
        guard appliedTo == orderID else {
            throw RPCError(
                .invalidArgument, "idempotency key \(key) was used for order \(appliedTo)",
                fieldViolations: [
                    FieldViolation(field: "idempotency_key", code: "reused", message: "used for another order")
                ]
            )
        }
        guard let order = try store.order(id: orderID, in: db),
            let event = try OrderStore.event(orderID: orderID, sequence: row["sequence"], in: db)
        else {
            throw RPCError(.dataLoss, "the event of idempotency key \(key) is missing")
        }
        return (order, event)
    }
}
