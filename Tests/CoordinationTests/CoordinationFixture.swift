import Domain
import Foundation
import GRDB
import Outbox
import Persistence
import RPC
import ServiceDirectory
import ServiceKit
import Synchronization
import TestSupport
import Testing
import WireProtocol

@testable import CoordinationCore

/// A coordination service on 127.0.0.1:0 over a temporary database, with fake intake, SLA, gateway and routing
/// services that record what they are asked, the outbox sender running beside it, and a clock the test sets.
struct CoordinationFixture {
    let client: RPCClient
    let desk: CoordinationDesk
    let fakes: FakeServices
    let clock: TestClock

    /// The service's "now", moved by the test.
    final class TestClock: Sendable {
        private let instant: Mutex<Date>
        init(_ start: Date) { instant = Mutex(start) }
        var now: Date { instant.withLock { $0 } }
        func set(_ text: String) { instant.withLock { $0 = CoordinationFixture.at(text) } }
    }

    static func at(_ text: String) -> Date { ShanghaiTime.parseISO8601(text)! }

    static let lead = "work_injury_insurance_center"
    static let partner = "unemployment_insurance_center"
    static let desk = Wire.Actor(id: "wang", role: "bureau_desk", unit: "office")
    static let taskForce = Wire.Actor(id: "zhou", role: "task_force", unit: "office")
    static func liaison(_ unit: String = lead) -> Wire.Actor {
        Wire.Actor(id: "li@\(unit)", role: "liaison", unit: unit)
    }

    /// - Parameter intakeReachable: false points the service's intake client at a port nothing listens on.
    static func run(
        start: String = "2025-09-29T09:00:00+08:00",
        intakeReachable: Bool = true,
        _ body: (CoordinationFixture) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-coordination-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try ServiceDatabase.open(
            directory: directory, name: "coordination", migrations: CoordinationMigrations.all)
        let fakes = FakeServices()
        let clock = TestClock(at(start))
        try await withTestServer(fakes.router()) { _, fakePort in
            func fakeClient(_ port: Int) -> RPCClient {
                RPCClient(
                    configuration: .init(
                        host: "127.0.0.1", port: port, defaultTimeout: .seconds(5), waitsForConnection: false),
                    logger: .quiet
                )
            }
            let intake = fakeClient(intakeReachable ? fakePort : 1)
            let sender = CaseOutbox.sender(
                database: database,
                clients: [.intake: intake, .sla: fakeClient(fakePort), .gateway: fakeClient(fakePort)], logger: .quiet
            )
            let desk = CoordinationDesk(
                store: CaseStore(database: database), calendar: .shipped, now: { clock.now },
                outboxChanged: { sender.wakeUp() }
            )
            let handlers = CoordinationHandlers(
                desk: desk, intake: intake, routing: fakeClient(fakePort), logger: .quiet)
            let gate = TestIdentity.service(.coordination).gate
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await sender.run() }
                defer { group.cancelAll() }
                try await withTestServer(handlers.router(gate: gate).router) { _, port in
                    let client = makeTestClient(port: port, credentials: TestIdentity.credentials(TestIdentity.desk))
                    try await body(CoordinationFixture(client: client, desk: desk, fakes: fakes, clock: clock))
                    await client.shutdown()
                }
            }
        }
    }

    // MARK: Steps

    /// Calls `method` with a credential of the actor the request names (the desk when it names none).
    func call<Request: WireMessage, Response: WireMessage>(
        _ method: String, _ request: Request, as: Response.Type = Response.self
    ) async throws -> Response {
        let headers =
            try (request as? any ActingRequest)?.actor.map { actor in
                TestIdentity.headers(
                    for: WorkOrder.Actor(
                        id: actor.id, role: try #require(Role(rawValue: actor.role)),
                        unitCode: actor.unit.isEmpty ? nil : actor.unit)
                )
            } ?? []
        return try await client.call("coordination.\(method)", request, as: Response.self, headers: headers)
    }

    /// Opens the case of a joint-handling order that intake knows.
    func openCase(_ order: Wire.WorkOrderView = FakeServices.order(), by actor: Wire.Actor = Self.desk) async throws
        -> Wire.CoordinationCaseView
    {
        fakes.put(order)
        let response = try await call(
            "open_case",
            Wire.OpenCaseRequest(
                orderId: order.id, actor: actor, coordinator: "zhang@office", instructingLeader: "分管局长",
                instruction: "请工伤保险中心牵头，失业保险中心配合，召开协调会研究解决。"
            ),
            as: Wire.OpenCaseResponse.self
        )
        return try #require(response.coordinationCase)
    }

    func schedule(
        _ caseID: String, from start: String = "2025-09-30T10:00:00+08:00",
        to end: String = "2025-09-30T12:00:00+08:00",
        units: [String] = [partner], by actor: Wire.Actor = Self.desk
    ) async throws -> Wire.MeetingResponse {
        try await call(
            "schedule_meeting",
            Wire.ScheduleMeetingRequest(
                caseId: caseID, actor: actor, startsAtUnixMs: Self.at(start).unixMilliseconds,
                endsAtUnixMs: Self.at(end).unixMilliseconds,
                place: "局三楼会议室", agenda: "研究工伤职工失业待遇衔接问题", invitedUnits: units
            ),
            as: Wire.MeetingResponse.self
        )
    }

    func hold(_ meetingID: String, decisions: [String] = ["先行支付工伤待遇", "同步办理失业登记"]) async throws {
        _ = try await call(
            "record_attendance",
            Wire.RecordAttendanceRequest(
                meetingId: meetingID, actor: Self.desk,
                attendance: [
                    Wire.AttendanceEntry(unit: Self.lead, present: true, attendees: ["陈科长"]),
                    Wire.AttendanceEntry(unit: Self.partner, present: true, attendees: ["刘主任"]),
                ]),
            as: Wire.MeetingResponse.self
        )
        _ = try await call(
            "record_minutes",
            Wire.RecordMinutesRequest(meetingId: meetingID, actor: Self.desk, minutes: "会议纪要", decisions: decisions),
            as: Wire.MeetingResponse.self
        )
    }

    func addItem(_ meetingID: String, owner: String, what: String, days: UInt32) async throws -> Wire.ActionItemView {
        let response = try await call(
            "add_action_item",
            Wire.AddActionItemRequest(
                meetingId: meetingID, actor: Self.desk, ownerUnit: owner, what: what, dueWorkingDays: days),
            as: Wire.ActionItemResponse.self
        )
        return try #require(response.actionItem)
    }

    func complete(_ itemID: String, by actor: Wire.Actor, outcome: String) async throws -> Wire.ActionItemResponse {
        try await call(
            "complete_action_item",
            Wire.CompleteActionItemRequest(actionItemId: itemID, actor: actor, outcome: outcome),
            as: Wire.ActionItemResponse.self)
    }

    func getCase(_ id: String) async throws -> Wire.GetCaseResponse {
        try await call("get_case", Wire.GetCaseRequest(id: id), as: Wire.GetCaseResponse.self)
    }

    /// The most delivery attempts any waiting outbox message has had.
    func outboxAttempts() throws -> Int {
        try desk.store.database.read { db in try Int.fetchOne(db, sql: "SELECT max(attempts) FROM outbox_entry") ?? 0 }
    }

    /// Messages waiting for delivery, or given up when `givenUp`.
    func outboxRows(givenUp: Bool = false) throws -> Int {
        let states = givenUp ? "('given_up')" : "('pending', 'failing')"
        return try desk.store.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox_entry WHERE state IN \(states)") ?? 0
        }
    }

    /// Messages waiting for one destination.
    func outboxRows(to destination: String) throws -> Int {
        try desk.store.database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM outbox_entry WHERE destination = ? AND state IN ('pending', 'failing')",
                arguments: [destination]
            ) ?? 0
        }
    }
}

/// A request that names who acts, so that the fixture signs its credential for them.
protocol ActingRequest {
    var actor: Wire.Actor? { get }
}

extension Wire.OpenCaseRequest: ActingRequest {}
extension Wire.CancelCaseRequest: ActingRequest {}
extension Wire.ScheduleMeetingRequest: ActingRequest {}
extension Wire.RescheduleMeetingRequest: ActingRequest {}
extension Wire.CancelMeetingRequest: ActingRequest {}
extension Wire.RecordAttendanceRequest: ActingRequest {}
extension Wire.RecordMinutesRequest: ActingRequest {}
extension Wire.AddActionItemRequest: ActingRequest {}
extension Wire.CompleteActionItemRequest: ActingRequest {}
extension Wire.CompileResultRequest: ActingRequest {}
