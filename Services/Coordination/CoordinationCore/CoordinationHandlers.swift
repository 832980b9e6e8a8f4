import Domain
import Foundation
import Identity
import Logging
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// The RPC methods of the coordination service, translating between the wire and the desk.
struct CoordinationHandlers: Sendable {
    let desk: CoordinationDesk
    /// Where orders are checked (`intake.get`) before a case opens and before a reply is compiled.
    let intake: RPCClient
    /// Where unit names come from (`routing.list_units`), for notices and the compiled text; optional.
    let routing: RPCClient?
    let logger: Logger

    /// Staff act on cases (the case decides who may do what: the task force, the desk, the units); everyone reads them.
    func router(gate: CredentialGate) -> GuardedRouter {
        var router = GuardedRouter(gate: gate)
        let staff = Set<Role>.staff
        let readers = staff.union([.system])
        router.register(Wire.Coordination.openCase, roles: staff) {
            (request: Wire.OpenCaseRequest, context, credential) in try await openCase(request, context, credential)
        }
        router.register(Wire.Coordination.getCase, roles: readers) { (request: Wire.GetCaseRequest, _, credential) in
            try getCase(request, credential)
        }
        router.register(Wire.Coordination.listCases, roles: readers) {
            (request: Wire.ListCasesRequest, _, credential) in
            try listCases(request, credential)
        }
        router.register(Wire.Coordination.cancelCase, roles: staff) {
            (request: Wire.CancelCaseRequest, _, credential) in try cancelCase(request, credential)
        }
        router.register(Wire.Coordination.scheduleMeeting, roles: staff) {
            (request: Wire.ScheduleMeetingRequest, _, credential) in try scheduleMeeting(request, credential)
        }
        router.register(Wire.Coordination.rescheduleMeeting, roles: staff) {
            (request: Wire.RescheduleMeetingRequest, _, credential) in try rescheduleMeeting(request, credential)
        }
        router.register(Wire.Coordination.cancelMeeting, roles: staff) {
            (request: Wire.CancelMeetingRequest, _, credential) in try cancelMeeting(request, credential)
        }
        router.register(Wire.Coordination.recordAttendance, roles: staff) {
            (request: Wire.RecordAttendanceRequest, _, credential) in try recordAttendance(request, credential)
        }
        router.register(Wire.Coordination.recordMinutes, roles: staff) {
            (request: Wire.RecordMinutesRequest, _, credential) in try recordMinutes(request, credential)
        }
        router.register(Wire.Coordination.addActionItem, roles: staff) {
            (request: Wire.AddActionItemRequest, _, credential) in try addActionItem(request, credential)
        }
        router.register(Wire.Coordination.completeActionItem, roles: staff) {
            (request: Wire.CompleteActionItemRequest, _, credential) in try completeActionItem(request, credential)
        }
        router.register(Wire.Coordination.moveActionItemDue, roles: [.system]) {
            (request: Wire.MoveActionItemDueRequest, _, credential) in
            try moveActionItemDue(request, credential)
        }
        router.register(Wire.Coordination.compileResult, roles: staff) {
            (request: Wire.CompileResultRequest, context, credential) in
            try await compileResult(request, context, credential)
        }
        return router
    }

    /// The case view of `record` now, with its meetings' conflicts.
    func view(_ record: CaseStore.Record) throws -> Wire.CoordinationCaseView {
        Wire.CoordinationCaseView(record, conflicts: try desk.conflicts(of: record.coordination), at: desk.now())
    }

    // MARK: Cases

    /// Opens the case of an order after asking intake what the order is: only intake knows its mode, track, state
    /// and units. Intake down means no case: a case on an unchecked order could not be trusted.
    func openCase(_ request: Wire.OpenCaseRequest, _ context: ServerContext, _ credential: Credential) async throws
        -> Wire.OpenCaseResponse
    {
        var collector = ViolationCollector()
        let orderID = collector.require(request.orderId, field: "order_id")
        let actor = try credential.actor(claimed: request.actor)
        guard collector.violations.isEmpty, let orderID else { throw collector.refusal("invalid open_case request") }
        let order = try await orderFacts(orderID, timeout: context.remainingTimeout)
        let instruction =
            request.instruction.isEmpty && request.instructingLeader.isEmpty
            ? nil : CoordinationCase.LeaderInstruction(leader: request.instructingLeader, text: request.instruction)
        let opening = CoordinationCase.Opening(
            participatingUnits: request.participatingUnits, coordinator: request.coordinator, instruction: instruction
        )
        let names = await unitNames(timeout: min(context.remainingTimeout, .seconds(2)))
        let opened = try desk.open(order: order, opening: opening, by: actor, unitNames: names)
        if opened.created {
            logger.debug(
                "coordination.case.opened",
                metadata: ["case.id": "\(opened.record.coordination.id)", "order.id": "\(order.id)"])
        }
        return Wire.OpenCaseResponse(coordinationCase: try view(opened.record), created: opened.created)
    }

    /// A case, for a reader who may see it: a unit's people see the cases their unit leads or
    /// takes part in, as intake shows them their unit's orders only.
    func getCase(_ request: Wire.GetCaseRequest, _ credential: Credential) throws -> Wire.GetCaseResponse {
        var collector = ViolationCollector()
        let id = collector.require(request.id, field: "id")
        guard collector.violations.isEmpty, let id else { throw collector.refusal("invalid get_case request") }
        let record = try desk.record(id)
        if let unit = Self.scopedUnit(of: credential), !record.coordination.units.contains(unit) {
            throw RPCError(.permissionDenied, "case \(record.coordination.id) is not a case of unit \(unit)")
        }
        return Wire.GetCaseResponse(
            coordinationCase: try view(record),
            events: try desk.events(caseID: record.coordination.id).map(Wire.CaseEvent.init)
        )
    }

    /// The task force's view (营商环境专班): `green_channel_only` and `open_only` give every open green-channel case
    /// with its meetings and overdue items.
    func listCases(_ request: Wire.ListCasesRequest, _ credential: Credential) throws -> Wire.ListCasesResponse {
        guard request.limit <= 500 else {
            throw RPCError(
                .invalidArgument, "limit is at most 500",
                fieldViolations: [FieldViolation(field: "limit", code: "out_of_range", message: "at most 500")])
        }
        var unit = request.unit.isEmpty ? nil : request.unit
        if let own = Self.scopedUnit(of: credential) {
            guard unit == nil || unit == own else {
                throw RPCError(.permissionDenied, "\(credential.account) lists the cases of unit \(own) only")
            }
            unit = own
        }
        let now = desk.now()
        let filter = CaseStore.Filter(
            activeOnly: request.openOnly, greenChannelOnly: request.greenChannelOnly,
            unit: unit, overdueAt: request.overdueOnly ? now : nil
        )
        let records = try desk.list(filter, limit: request.limit == 0 ? 100 : Int(request.limit))
        return Wire.ListCasesResponse(cases: try records.map(view))
    }

    /// The unit a reader is limited to: a unit's people (``Role/readsEveryUnit``) read their unit's
    /// cases; bureau-wide roles, the platform and services read all. A unit-scoped reader without
    /// a unit reads none.
    static func scopedUnit(of credential: Credential) -> String? {
        credential.roles.contains(where: \.readsEveryUnit) ? nil : (credential.unit ?? "")
    }

    func cancelCase(_ request: Wire.CancelCaseRequest, _ credential: Credential) throws -> Wire.CancelCaseResponse {
        var collector = ViolationCollector()
        let id = collector.require(request.caseId, field: "case_id")
        let actor = try credential.actor(claimed: request.actor)
        guard collector.violations.isEmpty, let id else { throw collector.refusal("invalid cancel_case request") }
        let (record, _) = try desk.apply(.cancel(reason: request.reason), toCase: id, by: actor)
        return Wire.CancelCaseResponse(coordinationCase: try view(record))
    }

    // MARK: Other services

    /// The order as intake knows it.
    func orderFacts(_ id: String, timeout: Duration) async throws -> CoordinationCase.OrderFacts {
        let response: Wire.GetOrderResponse
        do throws(RPCError) {
            response = try await intake.call(
                Wire.Intake.get, Wire.GetOrderRequest(id: id), timeout: min(timeout, .seconds(5)))
        } catch  where error.code == .notFound {
            throw RPCError(
                .notFound, "no order \(id)",
                fieldViolations: [FieldViolation(field: "order_id", code: "not_found", message: "no such order")])
        } catch {
            throw RPCError(.unavailable, "intake cannot be asked about order \(id): \(error.message)")
        }
        guard let view = response.order, let state = WorkOrder.State(rawValue: view.state),
            let track = WorkOrder.Track(rawValue: view.track)
        else {
            throw RPCError(.internal, "intake answered an order this service cannot read")
        }
        return CoordinationCase.OrderFacts(
            id: view.id, platformOrderNumber: view.platformOrderNumber, state: state,
            handlingMode: WorkOrder.HandlingMode(rawValue: view.handlingMode), track: track,
            responsibleUnits: view.responsibleUnits
        )
    }

    /// Unit names from routing's directory, or none when routing does not answer: names only make texts nicer.
    func unitNames(timeout: Duration) async -> [String: String] {
        guard let routing else { return [:] }
        do {
            let units = try await routing.call(Wire.Routing.listUnits, Wire.ListUnitsRequest(), timeout: timeout)
            return Dictionary(units.units.map { ($0.code, $0.name) }) { first, _ in first }
        } catch {
            logger.notice("coordination.routing.unavailable", metadata: ["error": "\(error)"])
            return [:]
        }
    }
}
