import Domain
import Foundation
import Identity
import Logging
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

// Action items and the compiled result.
extension CoordinationHandlers {
    func addActionItem(_ request: Wire.AddActionItemRequest, _ credential: Credential) throws -> Wire.ActionItemResponse
    {
        var collector = ViolationCollector()
        let meeting = collector.reference(request.meetingId, kind: "meeting", field: "meeting_id")
        let actor = try credential.actor(claimed: request.actor)
        guard collector.violations.isEmpty, let meeting else {
            throw collector.refusal("invalid add_action_item request")
        }
        let action = CoordinationAction.addActionItem(
            meeting: meeting.number, ownerUnit: request.ownerUnit, what: request.what,
            dueWorkingDays: Int(clamping: request.dueWorkingDays)
        )
        let (record, event) = try desk.apply(action, toCase: meeting.caseID, by: actor)
        return try itemResponse(record, event)
    }

    func completeActionItem(_ request: Wire.CompleteActionItemRequest, _ credential: Credential) throws
        -> Wire.ActionItemResponse
    {
        var collector = ViolationCollector()
        let item = collector.reference(request.actionItemId, kind: "action", field: "action_item_id")
        let actor = try credential.actor(claimed: request.actor)
        guard collector.violations.isEmpty, let item else {
            throw collector.refusal("invalid complete_action_item request")
        }
        let (record, event) = try desk.apply(
            .completeActionItem(number: item.number, outcome: request.outcome), toCase: item.caseID, by: actor)
        return try itemResponse(record, event)
    }

    /// Moves an open item to the due SLA counted, as intake relays it from the item clock's
    /// recomputation; an item done, withdrawn or already at that due is left as it is.
    func moveActionItemDue(_ request: Wire.MoveActionItemDueRequest, _ credential: Credential) throws
        -> Wire.MoveActionItemDueResponse
    {
        guard credential.issuer == ServiceName.intake.rawValue else {
            throw RPCError(.permissionDenied, "only intake relays the recomputed due of an action item")
        }
        var collector = ViolationCollector()
        let item = collector.reference(request.actionItemId, kind: "action", field: "action_item_id")
        let due = collector.instant(request.dueUnixMs, field: "due_unix_ms")
        try collector.check("invalid move_action_item_due request")
        guard let item, let due else { return Wire.MoveActionItemDueResponse(moved: false) }
        let current = try desk.record(item.caseID).coordination.actionItem(number: item.number)
        guard let current, current.state == .open, current.due != due || current.dueIsProvisional != request.provisional
        else {
            return Wire.MoveActionItemDueResponse(moved: false)
        }
        let system = WorkOrder.Actor(id: credential.account, role: .system)
        _ = try desk.apply(
            .moveActionItemDue(number: item.number, due: due, provisional: request.provisional), toCase: item.caseID,
            by: system)
        logger.info(
            "coordination.action_item.due_moved",
            metadata: [
                "action_item.id": "\(current.id)", "due.before": "\(current.due)", "due.after": "\(due)",
                "event.id": "\(request.eventId)",
            ]
        )
        return Wire.MoveActionItemDueResponse(moved: true)
    }

    /// Compiles the result into the order's draft reply. The case is checked first, then intake is asked whether
    /// the order takes a reply now (it must be in handling); when intake does not answer, the reply waits in the
    /// outbox and its delivery shows on the case.
    func compileResult(_ request: Wire.CompileResultRequest, _ context: ServerContext, _ credential: Credential)
        async throws -> Wire.CompileResultResponse
    {
        var collector = ViolationCollector()
        let caseID = collector.require(request.caseId, field: "case_id")
        let actor = try credential.actor(claimed: request.actor)
        let result = collector.value(WorkOrder.ResultCode.self, request.resultCode, field: "result_code")
        guard collector.violations.isEmpty, let result, let caseID else {
            throw collector.refusal("invalid compile_result request")
        }
        let action = CoordinationAction.compile(result: result, summary: request.summary)
        let coordination = try desk.check(action, onCase: caseID, by: actor)
        try await requireReplyable(coordination.orderID, timeout: context.remainingTimeout)
        let (record, _) = try desk.apply(
            action, toCase: caseID, by: actor, credential: context.header(Header.credential) ?? "")
        logger.debug(
            "coordination.result.compiled",
            metadata: ["case.id": "\(record.coordination.id)", "order.id": "\(record.coordination.orderID)"])
        return Wire.CompileResultResponse(
            coordinationCase: try view(record), text: record.coordination.compilation?.text ?? "")
    }

    /// Refuses when intake says the order cannot take a draft reply now; lets the compilation through when intake
    /// cannot be asked.
    private func requireReplyable(_ orderID: String, timeout: Duration) async throws {
        let order: CoordinationCase.OrderFacts
        do {
            order = try await orderFacts(orderID, timeout: min(timeout, .seconds(2)))
        } catch let error as RPCError where error.code == .unavailable {
            logger.notice("coordination.intake.unavailable", metadata: ["order.id": "\(orderID)", "error": "\(error)"])
            return
        }
        guard Self.replyableStates.contains(order.state) else {
            throw RPCError(
                .failedPrecondition,
                "order \(orderID) is \(order.state.rawValue); the lead unit's reply is drafted while the order is in_progress (start handling first)"
            )
        }
    }

    /// Where intake accepts `draft_reply`.
    static let replyableStates: Set<WorkOrder.State> = [.inProgress, .replyDrafted]

    private func itemResponse(_ record: CaseStore.Record, _ event: CoordinationEvent) throws -> Wire.ActionItemResponse
    {
        let view = try view(record)
        return Wire.ActionItemResponse(
            coordinationCase: view, actionItem: view.actionItems.first { $0.id == event.subject })
    }
}
