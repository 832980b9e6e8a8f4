import Domain
import Foundation
import GRDB
import Outbox
import RPC
import SLACore
import ServiceDirectory
import ServiceKit
import Synchronization
import TestSupport
import Testing
import WireProtocol

/// The sla methods over the wire, with the scheduler on a manual clock and a fake intake that
/// records the events it receives, as the real one writes them into the order's log.
@Suite("SLA over the wire", .timeLimit(.minutes(1)))
struct WireTests {
    /// Intake's side of `intake.record_clock_event`: idempotent on the event id.
    final class FakeIntake: Sendable {
        let received = Collector<Wire.RecordClockEventRequest>()
        private let seen = Mutex<Set<String>>([])

        var router: RPCRouter {
            var router = RPCRouter()
            router.register("intake.record_clock_event") { (request: Wire.RecordClockEventRequest, _) in
                let first = self.seen.withLock { $0.insert(request.eventId).inserted }
                if first { self.received.append([request]) }
                return Wire.RecordClockEventResponse(recorded: first)
            }
            return router
        }
    }

    /// An sla server over a fresh database on `clock`, delivering to `intakePort`.
    static func withSLA(
        clock: ManualClock,
        intakePort: Int,
        _ body: (RPCClient) async throws -> Void
    ) async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let engine = try SLAFixtures.engine(try SLAFixtures.open(path))
        let identity = TestIdentity.service(.sla)
        let sink = IntakeClockEventSink(
            host: "127.0.0.1", port: intakePort, timeout: .seconds(5), credentials: identity.credentials, logger: .quiet
        )
        let router = SLAService.router(engine: engine, gate: identity.gate, now: { clock.now.unixMilliseconds }).router
        try await withTestServer(router, service: "sla") { _, port in
            try await SLAFixtures.withBackground(engine: engine, sink: sink, clock: clock) {
                let client = makeTestClient(
                    port: port,
                    credentials: TestIdentity.credentials(
                        TestIdentity.system, byMethod: ["sla.load_calendar": TestIdentity.administrator])
                )
                do {
                    try await body(client)
                } catch {
                    await client.shutdown()
                    throw error
                }
                await client.shutdown()
            }
        }
        await sink.shutdown()
    }

    @Test func anUrgentOrderNotAcknowledgedIn30MinutesShowsAWarningThenAnOverdueEvent() async throws {
        let intake = FakeIntake()
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        let clock = ManualClock(unixMilliseconds: t0)
        try await withTestServer(intake.router, service: "intake") { _, intakePort in
            try await Self.withSLA(clock: clock, intakePort: intakePort) { sla in
                let request = Wire.StartClockRequest(
                    id: "O7/acknowledge/1", orderId: "O7", unit: "U01", kind: "acknowledge",
                    urgency: "urgent", orderKind: "complaint", startUnixMs: t0, cycle: 1
                )
                let started = try await sla.call("sla.start_clock", request, as: Wire.StartClockResponse.self)
                #expect(started.created)
                #expect(started.clock?.dueUnixMs == t0 + 30 * SLAFixtures.minute)
                #expect(started.clock?.state == "running")
                #expect(started.clock?.policy == "acknowledge.urgent")
                let again = try await sla.call("sla.start_clock", request, as: Wire.StartClockResponse.self)
                #expect(!again.created)
                #expect(again.clock == started.clock)

                clock.advance(byMinutes: 24)
                let warning = await intake.received.wait(forCount: 1)
                #expect(warning.map(\.event) == ["warning"])
                clock.advance(byMinutes: 6)
                let events = await intake.received.wait(forCount: 2)
                #expect(events.map(\.event) == ["warning", "overdue"])
                let overdue = try #require(events.last)
                #expect(overdue.eventId == "O7/acknowledge/1/overdue")
                #expect(overdue.orderId == "O7")
                #expect(overdue.clockId == "O7/acknowledge/1")
                #expect(overdue.clockKind == "acknowledge")
                #expect(overdue.unit == "U01")
                #expect(overdue.dueUnixMs == t0 + 30 * SLAFixtures.minute)
                #expect(overdue.firedUnixMs == t0 + 30 * SLAFixtures.minute)

                let listed = try await sla.call(
                    "sla.list_clocks", Wire.ListClocksRequest(orderId: "O7"), as: Wire.ListClocksResponse.self)
                #expect(listed.clocks.map(\.state) == ["overdue"])
                #expect(listed.clocks.first?.warningsSent == 1)
                let overdueNow = try await sla.call(
                    "sla.list_due", Wire.ListDueRequest(unit: "U01", overdueOnly: true), as: Wire.ListDueResponse.self)
                #expect(overdueNow.clocks.map(\.id) == ["O7/acknowledge/1"])
                let otherUnit = try await sla.call(
                    "sla.list_due", Wire.ListDueRequest(withinMs: 86_400_000, unit: "U09"),
                    as: Wire.ListDueResponse.self)
                #expect(otherUnit.clocks.isEmpty)

                // Acknowledged at last: the clock stops and its reminders with it.
                let stopped = try await sla.call(
                    "sla.stop_clocks",
                    Wire.StopClocksRequest(orderId: "O7", kinds: ["acknowledge"], reason: "acknowledged"),
                    as: Wire.StopClocksResponse.self
                )
                #expect(stopped.clocks.map(\.state) == ["stopped"])
                #expect(stopped.clocks.first?.stopReason == "acknowledged")
            }
        }
    }

    @Test func listDueFindsClocksDueWithinTheWindowByUnit() async throws {
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        let clock = ManualClock(unixMilliseconds: t0)
        try await withTestServer(FakeIntake().router, service: "intake") { _, intakePort in
            try await Self.withSLA(clock: clock, intakePort: intakePort) { sla in
                for (order, unit, urgency) in [("A", "U01", "urgent"), ("B", "U01", "normal"), ("C", "U02", "urgent")] {
                    _ = try await sla.call(
                        "sla.start_clock",
                        Wire.StartClockRequest(
                            id: "\(order)/ack", orderId: order, unit: unit, kind: "acknowledge", urgency: urgency),
                        as: Wire.StartClockResponse.self
                    )
                }
                let hour: Int64 = 3_600_000
                let soon = try await sla.call(
                    "sla.list_due", Wire.ListDueRequest(withinMs: hour, unit: "U01"), as: Wire.ListDueResponse.self)
                #expect(soon.clocks.map(\.id) == ["A/ack"])
                let today = try await sla.call(
                    "sla.list_due", Wire.ListDueRequest(withinMs: 5 * hour), as: Wire.ListDueResponse.self)
                #expect(today.clocks.map(\.id) == ["A/ack", "C/ack", "B/ack"])
                let overdue = try await sla.call(
                    "sla.list_due", Wire.ListDueRequest(overdueOnly: true), as: Wire.ListDueResponse.self)
                #expect(overdue.clocks.isEmpty)

                // U02 handles A jointly: A's clock carries its lead unit U01 and is asked for by id.
                let joint = try await sla.call(
                    "sla.list_due",
                    Wire.ListDueRequest(withinMs: 5 * hour, unit: "U02", alsoOrderIds: ["A", "nosuch"]),
                    as: Wire.ListDueResponse.self)
                #expect(joint.clocks.map(\.id) == ["A/ack", "C/ack"])
                for (request, field) in [
                    (Wire.ListDueRequest(withinMs: hour, alsoOrderIds: ["A"]), "also_order_ids"),
                    (
                        Wire.ListDueRequest(withinMs: hour, unit: "U02", alsoOrderIds: (0...1_000).map { "O\($0)" }),
                        "also_order_ids"
                    ),
                ] {
                    let error = await #expect(throws: RPCError.self) {
                        try await sla.call("sla.list_due", request, as: Wire.ListDueResponse.self)
                    }
                    #expect(error?.code == .invalidArgument && error?.fieldViolations.map(\.field) == [field])
                }
            }
        }
    }

    @Test func anOrdersClocksSayHowTheirDeadlinesWereCounted() async throws {
        let clock = ManualClock(unixMilliseconds: try SLAFixtures.ms("2025-09-26T10:00:00+08:00"))
        try await withTestServer(FakeIntake().router, service: "intake") { _, intakePort in
            try await Self.withSLA(clock: clock, intakePort: intakePort) { sla in
                let start = try SLAFixtures.ms("2025-09-26T10:00:00+08:00")
                for request in [
                    Wire.StartClockRequest(
                        id: "E/acknowledge/1", orderId: "E", unit: "U01", kind: "acknowledge", urgency: "normal",
                        startUnixMs: start),
                    Wire.StartClockRequest(
                        id: "E/handling/1", orderId: "E", unit: "U01", kind: "handling", orderKind: "complaint",
                        startUnixMs: start),
                    Wire.StartClockRequest(
                        id: "P/handling/1", orderId: "P", unit: "U01", kind: "handling", startUnixMs: start,
                        dueUnixMs: start + 86_400_000),
                ] {
                    _ = try await sla.call("sla.start_clock", request, as: Wire.StartClockResponse.self)
                }
                let counted = try await sla.call(
                    "sla.list_clocks", Wire.ListClocksRequest(orderId: "E"), as: Wire.ListClocksResponse.self
                ).clocks
                let acknowledge = try #require(counted.first { $0.kind == "acknowledge" })
                #expect(acknowledge.rule == "4 小时" && acknowledge.calendarNotices.isEmpty)
                let handling = try #require(counted.first { $0.kind == "handling" })
                #expect(handling.rule.hasSuffix("个工作日"))
                #expect(
                    handling.skippedDays.contains("2025-10-01 国庆节、中秋节") && handling.skippedDays.first == "2025-09-27 周六"
                )
                #expect(handling.workedWeekendDays == ["2025-09-28 国庆节、中秋节调休上班", "2025-10-11 国庆节、中秋节调休上班"])
                #expect(handling.calendarNotices.first?.hasPrefix("2025 年：国办发明电") == true)
                let given = try #require(
                    try await sla.call(
                        "sla.list_clocks", Wire.ListClocksRequest(orderId: "P"), as: Wire.ListClocksResponse.self
                    ).clocks.first)
                #expect(given.rule == "按平台或会议给定的时限" && given.skippedDays.isEmpty && given.calendarNotices.isEmpty)
            }
        }
    }

    @Test func badRequestsAreClearErrorsAndChangeNothing() async throws {
        let clock = ManualClock(unixMilliseconds: try SLAFixtures.ms("2025-10-09T09:00:00+08:00"))
        try await withTestServer(FakeIntake().router, service: "intake") { _, intakePort in
            try await Self.withSLA(clock: clock, intakePort: intakePort) { sla in
                let cases: [(Wire.StartClockRequest, String)] = [
                    (Wire.StartClockRequest(orderId: "O", kind: "handling"), "id"),
                    (Wire.StartClockRequest(id: "x", kind: "handling"), "order_id"),
                    (Wire.StartClockRequest(id: "x", orderId: "O", kind: "handling_time"), "kind"),
                    (Wire.StartClockRequest(id: "x", orderId: "O", kind: "acknowledge", urgency: "asap"), "urgency"),
                    (
                        Wire.StartClockRequest(id: "x", orderId: "O", kind: "handling", orderKind: "praise"),
                        "order_kind"
                    ),
                    (
                        Wire.StartClockRequest(
                            id: "x", orderId: "O", kind: "handling", startUnixMs: 2_000, dueUnixMs: 1_000),
                        "due_unix_ms"
                    ),
                ]
                for (request, field) in cases {
                    let error = await #expect(throws: RPCError.self) {
                        try await sla.call("sla.start_clock", request, as: Wire.StartClockResponse.self)
                    }
                    #expect(error?.code == .invalidArgument)
                    #expect(error?.fieldViolations.map(\.field) == [field], "\(String(describing: error))")
                }
                let listed = try await sla.call(
                    "sla.list_clocks", Wire.ListClocksRequest(orderId: "O"), as: Wire.ListClocksResponse.self)
                #expect(listed.clocks.isEmpty)

                let badYear = await #expect(throws: RPCError.self) {
                    try await sla.call(
                        "sla.load_calendar", Wire.LoadCalendarRequest(json: Array("{}".utf8)),
                        as: Wire.LoadCalendarResponse.self)
                }
                #expect(badYear?.code == .invalidArgument)
                let noClock = await #expect(throws: RPCError.self) {
                    try await sla.call(
                        "sla.extend_clock", Wire.ExtendClockRequest(orderId: "O", workingDays: 3),
                        as: Wire.ExtendClockResponse.self)
                }
                #expect(noClock?.code == .notFound)
            }
        }
    }

    @Test func theHolidayYearsCountedByAreListedWithALoadedOne() async throws {
        let now = try SLAFixtures.ms("2026-12-04T10:00:00+08:00")
        let clock = ManualClock(unixMilliseconds: now)
        try await withTestServer(FakeIntake().router, service: "intake") { _, intakePort in
            try await Self.withSLA(clock: clock, intakePort: intakePort) { sla in
                let shipped = try await sla.call(
                    "sla.list_calendar", Wire.ListCalendarRequest(), as: Wire.ListCalendarResponse.self
                ).years
                #expect(shipped.map(\.year) == ShippedHolidayYears.all.map { UInt32($0.year) })
                #expect(shipped.allSatisfy { !$0.loaded && $0.loadedUnixMs == 0 })

                _ = try await sla.call(
                    "sla.load_calendar", Wire.LoadCalendarRequest(json: Array(CalendarLoadTests.year2027.utf8)),
                    as: Wire.LoadCalendarResponse.self)
                let years = try await sla.call(
                    "sla.list_calendar", Wire.ListCalendarRequest(), as: Wire.ListCalendarResponse.self
                ).years
                let loaded = try #require(years.first { $0.year == 2027 })
                #expect(loaded.loaded && loaded.loadedUnixMs == now)
                #expect(loaded.notice == "test notice 2027" && loaded.daysOff == 2 && loaded.workingWeekendDays == 0)
                // The JSON given is the year as the service counts with it, in the file format.
                let decoded = try HolidayYear.decode(jsonBytes: Data(loaded.json))
                #expect(
                    decoded.daysOff.map(\.date) == [
                        LocalDate(year: 2027, month: 1, day: 1)!, LocalDate(year: 2027, month: 1, day: 4)!,
                    ])
                #expect(years.map(\.year) == years.map(\.year).sorted())
                #expect(years.count == shipped.count + (shipped.contains { $0.year == 2027 } ? 0 : 1))
            }
        }
    }

    @Test func extensionOverTheCapIsRefusedOverTheWire() async throws {
        let start = try SLAFixtures.ms("2025-09-30T10:00:00+08:00")
        let clock = ManualClock(unixMilliseconds: start)
        try await withTestServer(FakeIntake().router, service: "intake") { _, intakePort in
            try await Self.withSLA(clock: clock, intakePort: intakePort) { sla in
                _ = try await sla.call(
                    "sla.start_clock",
                    Wire.StartClockRequest(
                        id: "C1/handling/1", orderId: "C1", kind: "handling", orderKind: "consultation",
                        startUnixMs: start),
                    as: Wire.StartClockResponse.self
                )
                let refused = try await sla.call(
                    "sla.extend_clock",
                    Wire.ExtendClockRequest(orderId: "C1", workingDays: 30, dryRun: true),
                    as: Wire.ExtendClockResponse.self
                )
                #expect(!refused.allowed)
                #expect(refused.reason.contains("more than 1 month"))
                #expect(refused.capUnixMs == (try SLAFixtures.ms("2025-11-12T00:00:00+08:00")))
                let granted = try await sla.call(
                    "sla.extend_clock",
                    Wire.ExtendClockRequest(
                        orderId: "C1", newDueUnixMs: try SLAFixtures.ms("2025-10-20T00:00:00+08:00")),
                    as: Wire.ExtendClockResponse.self
                )
                #expect(granted.allowed)
                #expect(granted.clock?.dueUnixMs == (try SLAFixtures.ms("2025-10-20T00:00:00+08:00")))
                #expect(granted.clock?.originalDueUnixMs == (try SLAFixtures.ms("2025-10-12T00:00:00+08:00")))
            }
        }
    }
}
