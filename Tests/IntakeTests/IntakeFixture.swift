import Domain
import Foundation
import GRDB
import Logging
import Outbox
import Persistence
import PersonalData
import RPC
import ServiceDirectory
import ServiceKit
import Synchronization
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

/// An intake service on 127.0.0.1:0 over a temporary database, with a fake routing service that
/// answers from a fixed decision and a fake SLA service that records what it is asked.
struct IntakeFixture {
    let client: RPCClient
    let desk: IntakeDesk
    let sla: SLARecorder
    let routing: FakeRouting
    /// The handlers behind `client`, for what a test checks without the wire.
    let handlers: IntakeHandlers

    /// Routing as the test wants it: a decision, or down (`nil`).
    final class FakeRouting: Sendable {
        private let decision: Mutex<Wire.RoutingDecision?>

        init(_ decision: Wire.RoutingDecision?) {
            self.decision = Mutex(decision)
        }

        func answer(_ decision: Wire.RoutingDecision?) { self.decision.withLock { $0 = decision } }

        /// The directory `routing.list_units` answers with; `nil`: it answers `unavailable`.
        let units = Mutex<[Wire.Unit]?>(nil)

        var router: RPCRouter {
            var router = RPCRouter()
            router.register("routing.route") { (_: Wire.RouteOrderRequest, _) -> Wire.RouteOrderResponse in
                guard let decision = self.decision.withLock({ $0 }) else {
                    throw RPCError(.unavailable, "routing is down in this test")
                }
                return Wire.RouteOrderResponse(decision: decision)
            }
            router.register("routing.list_units") { (_: Wire.ListUnitsRequest, _) -> Wire.ListUnitsResponse in
                guard let units = self.units.withLock({ $0 }) else {
                    throw RPCError(.unavailable, "routing is down in this test")
                }
                return Wire.ListUnitsResponse(units: units)
            }
            return router
        }
    }

    /// What the fake SLA service was asked, in order, as a stream a test can wait on.
    final class SLARecorder: Sendable {
        typealias Call = (method: String, body: [UInt8])
        let calls: AsyncStream<Call>
        private let continuation: AsyncStream<Call>.Continuation
        /// The clocks the fake SLA lists as overdue (`sla.list_due`), by kind and order; `nil`: SLA refuses.
        let overdue = Mutex<[(kind: String, orderID: String)]?>([])

        init() {
            (calls, continuation) = AsyncStream.makeStream(of: Call.self)
        }

        func record(_ method: String, _ body: [UInt8]) { continuation.yield((method, body)) }

        /// Waits for the next call of `method`, passing over the others.
        func nextCall(_ method: String) async -> Call? {
            for await call in calls where call.method == method { return call }
            return nil
        }

        /// Waits for the next `count` calls.
        func next(_ count: Int) async -> [Call] {
            var received: [Call] = []
            for await call in calls {
                received.append(call)
                if received.count == count { break }
            }
            return received
        }
    }

    /// The one-month cap the fake SLA answers with: 2030-01-01 00:00 Beijing time.
    static let extensionCap: Int64 = 1_893_427_200_000

    static let transferToEmployment = Wire.RoutingDecision(
        units: ["employment_office"], handlingMode: "transfer", track: "regular", ruleId: "test.transfer",
        explanation: "test"
    )

    static func run(
        routingDecision: Wire.RoutingDecision? = transferToEmployment,
        stuckAfter: TimeInterval = StuckOrderAlarm.defaultThreshold,
        _ body: (IntakeFixture) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-intake-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try ServiceDatabase.open(directory: directory, name: "intake", migrations: IntakeMigrations.all)
        let recorder = SLARecorder()

        let routing = FakeRouting(routingDecision)
        var sla = RPCRouter()
        sla.registerRaw("sla.list_due") { _, _ in
            guard let overdue = recorder.overdue.withLock({ $0 }) else {
                throw RPCError(.unavailable, "SLA is down in this test")
            }
            return try Wire.ListDueResponse(
                clocks: overdue.map { Wire.Clock(id: "\($0.orderID)/\($0.kind)/1", orderId: $0.orderID, kind: $0.kind) }
            ).wireBytes()
        }
        for method in ["sla.start_clock", "sla.stop_clocks", "sla.extend_clock", "sla.resume_clocks"] {
            sla.registerRaw(method) { body, _ in
                recorder.record(method, body)
                if method == "sla.extend_clock" {
                    let request = try Wire.ExtendClockRequest(wireBytes: body)
                    return try Wire.ExtendClockResponse(
                        allowed: request.granted || request.workingDays <= 20, reason: "over the one-month cap",
                        capUnixMs: Self.extensionCap
                    ).wireBytes()
                }
                return []
            }
        }
        try await withTestServer(routing.router) { _, routingPort in
            try await withTestServer(sla) { _, slaPort in
                let slaClient = makeTestClient(port: slaPort)
                let doorbell = Doorbell()
                let desk = IntakeDesk(
                    store: OrderStore(database: database, personalData: .generate()),
                    knowledgeBase: KnowledgeBase(database: database),
                    configuration: .init(),
                    standards: { ClosureStandardTable.provisional },
                    now: { Date() },
                    outboxChanged: { doorbell.ring() }
                )
                let handlers = IntakeHandlers(
                    desk: desk, routing: makeTestClient(port: routingPort), sla: slaClient, logger: .quiet,
                    gate: TestIdentity.service(.intake).gate, stuckAfter: stuckAfter
                )
                let sender = IntakeOutbox.sender(
                    database: database, clients: [.sla: slaClient], route: handlers.routeStep, doorbell: doorbell,
                    logger: .quiet
                )
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await sender.run() }
                    defer { group.cancelAll() }
                    try await withTestServer(handlers.router().router) { _, intakePort in
                        // An administrator reads and edits; the platform submits; SLA records clock events.
                        let client = makeTestClient(
                            port: intakePort,
                            credentials: TestIdentity.credentials(
                                TestIdentity.administrator,
                                byMethod: [
                                    "intake.submit": TestIdentity.platform,
                                    "intake.record_clock_event": TestIdentity.system,
                                ]
                            )
                        )
                        try await body(
                            IntakeFixture(
                                client: client, desk: desk, sla: recorder, routing: routing, handlers: handlers))
                        await client.shutdown()
                    }
                }
            }
        }
    }

    /// A valid complaint draft; vary what a test needs.
    static func draft(
        number: String = "SMX-2026-0001", content: String = "某建筑公司拖欠农民工工资三个月，多次讨要未果。", urgency: String = "urgent",
        kind: String = "complaint", topic: String = "employment", phone: String = "13812345678"
    ) -> Wire.OrderDraft {
        Wire.OrderDraft(
            platformOrderNumber: number, channel: "hotline_12345", urgency: urgency, kind: kind, topic: topic,
            content: content, address: "三门峡市湖滨区",
            caller: Wire.Caller(name: "王小明", phone: phone, idNumber: ""),
            dispatchedAtUnixMs: Int64(Date().timeIntervalSince1970 * 1000)
        )
    }

    func submit(_ draft: Wire.OrderDraft) async throws -> Wire.SubmitOrderResponse {
        try await client.call("intake.submit", Wire.SubmitOrderRequest(draft: draft), as: Wire.SubmitOrderResponse.self)
    }

    @discardableResult
    func apply(
        _ order: String, _ action: String, as role: String, unit: String = "employment_office",
        _ fill: (inout Wire.ApplyActionRequest) -> Void = { _ in }
    ) async throws -> Wire.ApplyActionResponse {
        var request = Wire.ApplyActionRequest(
            orderId: order, actor: Wire.Actor(id: "\(role)-1", role: role, unit: unit), action: action)
        fill(&request)
        let actor = WorkOrder.Actor(
            id: "\(role)-1", role: try #require(Role(rawValue: role)), unitCode: unit.isEmpty ? nil : unit)
        return try await client.call(
            "intake.apply", request, as: Wire.ApplyActionResponse.self, headers: TestIdentity.headers(for: actor))
    }

    /// Takes a new order through every step a regular one takes, from acknowledgement to the
    /// caller's verdict on the callback, and returns the last answer.
    @discardableResult
    func handleToClose(_ id: String, reply: String = "已联系企业，工资已于本周发放。", callbackOutcome: String = "satisfied")
        async throws -> Wire.ApplyActionResponse
    {
        try await apply(id, "acknowledge", as: "liaison")
        try await apply(id, "instruct", as: "unit_leader") { $0.text = "请就业办核实处理" }
        try await apply(id, "start", as: "liaison")
        try await apply(id, "draft_reply", as: "liaison") {
            $0.text = reply
            $0.resultCode = "solved"
        }
        try await apply(id, "review", as: "bureau_desk", unit: "office") { $0.approved = true }
        try await apply(id, "send_to_platform", as: "bureau_desk", unit: "office")
        try await apply(id, "platform_review", as: "platform", unit: "") { $0.approved = true }
        return try await apply(id, "record_callback", as: "platform", unit: "") { $0.callbackOutcome = callbackOutcome }
    }

    func orderCount() throws -> Int {
        try rows(in: "work_order")
    }

    func rows(in table: String) throws -> Int {
        try desk.store.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }
}
