import Domain
import Foundation
import GRDB
import Outbox
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

/// What happens to an order after it is stored, when things fail: routing down, a write that
/// fails halfway, an order that does not move.
@Suite("Intake: the pipeline under faults", .timeLimit(.minutes(1)))
struct PipelineFaultTests {
    @Test func anOrderStoredWhileRoutingIsDownIsRoutedOnceRoutingAnswers() async throws {
        try await IntakeFixture.run(routingDecision: nil) { intake in
            let response = try await intake.submit(IntakeFixture.draft(number: "SMX-LATE"))
            let order = try #require(response.order)
            #expect(order.state == "received")
            #expect(try intake.routeSteps(of: order.id) == 1)

            intake.routing.answer(IntakeFixture.transferToEmployment)
            // The outbox routes it, assigns it, and the assignment starts the acknowledgement clock.
            let calls = await intake.sla.next(1)
            #expect(
                try calls.map { try Wire.StartClockRequest(wireBytes: $0.body).id } == ["\(order.id)/acknowledge/1"])
            let stored = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: order.id), as: Wire.GetOrderResponse.self)
            #expect(stored.order?.state == "assigned_pending_ack")
            #expect(stored.events.map(\.action) == ["assign"])
            #expect(try intake.routeSteps(of: order.id) == 0)
        }
    }

    @Test func anOrderTheDeskAssignedWhileRoutingWasDownKeepsTheDesksUnits() async throws {
        try await IntakeFixture.run(routingDecision: nil) { intake in
            let order = try #require(try await intake.submit(IntakeFixture.draft(number: "SMX-DESK")).order)
            #expect(order.state == "received")
            _ = try await intake.apply(order.id, "assign", as: "bureau_desk", unit: "office") {
                $0.units = ["pension_insurance_center"]
                $0.handlingMode = "transfer"
                $0.track = "regular"
            }
            _ = await intake.sla.next(1)
            // Routing answers again, with another unit: its stored step finds the desk was first.
            intake.routing.answer(IntakeFixture.transferToEmployment)
            #expect(try await eventually { try intake.routeSteps(of: order.id) == 0 })
            let stored = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: order.id), as: Wire.GetOrderResponse.self)
            #expect(stored.order?.responsibleUnits == ["pension_insurance_center"])
            #expect(stored.events.map(\.role) == ["bureau_desk"])
        }
    }

    @Test func anOrderRoutedAtOnceLeavesNoStepBehind() async throws {
        try await IntakeFixture.run { intake in
            let order = try #require(try await intake.submit(IntakeFixture.draft(number: "SMX-NOW")).order)
            #expect(order.state == "assigned_pending_ack")
            #expect(try intake.routeSteps(of: order.id) == 0)
        }
    }

    @Test func anOrderRoutedAtOnceIsStoredWithItsAssignmentInOneTransaction() async throws {
        try await IntakeFixture.run { intake in
            let log = TransactionLog(["work_order", "order_event"], of: intake.desk.store.database)
            let order = try #require(try await intake.submit(IntakeFixture.draft(number: "SMX-ONE")).order)
            #expect(order.state == "assigned_pending_ack")
            #expect(log.transactions == [["insert work_order", "update work_order", "insert order_event"]])
        }
    }

    @Test func anOrderRoutedAtOnceIsNotRoutedAgainWhenItIsBackAtTheDesk() async throws {
        try await IntakeFixture.run { intake in
            let order = try #require(try await intake.submit(IntakeFixture.draft(number: "SMX-BACK")).order)
            #expect(order.state == "assigned_pending_ack")
            // Back in `received` (as after a dissatisfied callback's new cycle), then intake starts.
            try await intake.desk.store.database.write { db in
                try db.execute(sql: "UPDATE work_order SET state = 'received' WHERE id = ?", arguments: [order.id])
            }
            let watch = StuckOrderWatch(
                desk: intake.desk, threshold: 300, interval: .seconds(30), clock: WallClock(), logger: .quiet)
            try watch.backfillRouteSteps()
            #expect(try intake.routeSteps(of: order.id) == 0)
        }
    }

    @Test func anAssignmentTheOrderRefusesLeavesItForTheDeskWithAStep() async throws {
        // A rule's transfer for a wage-arrears order, which only 专事专办 (special_case) may handle.
        try await IntakeFixture.run { intake in
            let response = try await intake.submit(IntakeFixture.draft(number: "SMX-MISMATCH", topic: "wage_arrears"))
            #expect(response.created)
            let order = try #require(response.order)
            #expect(order.state == "received")
            #expect(order.responsibleUnits.isEmpty)
            #expect(try intake.routeSteps(of: order.id) == 1)
            // Routing answered: its step asks again after the grace period, not at once.
            let step = try #require(try intake.routeStep(of: order.id))
            #expect(step.attempts == 0 && step.delay == RouteStep.grace)
        }
    }

    @Test func anOrderStoredWhileRoutingIsDownHasItsStepDueAtOnce() async throws {
        try await IntakeFixture.run(routingDecision: nil) { intake in
            let order = try #require(try await intake.submit(IntakeFixture.draft(number: "SMX-DUE")).order)
            let step = try #require(try intake.routeStep(of: order.id))
            #expect(step.attempts > 0 || step.delay <= 0)
        }
    }

    @Test func aWaitingOrderWithoutAStepGetsOneOnStart() async throws {
        try await IntakeFixture.run(routingDecision: nil) { intake in
            let order = try #require(try await intake.submit(IntakeFixture.draft(number: "SMX-OLD")).order)
            // As an order stored by a version without routing steps.
            try await intake.desk.store.database.write { db in try db.execute(sql: "DELETE FROM outbox_entry") }
            let watch = StuckOrderWatch(
                desk: intake.desk, threshold: 300, interval: .seconds(30), clock: WallClock(), logger: .quiet)
            try watch.backfillRouteSteps()
            #expect(try intake.routeSteps(of: order.id) == 1)
            try watch.backfillRouteSteps()
            #expect(try intake.routeSteps(of: order.id) == 1)
        }
    }

    @Test func aClockEventWhoseWriteFailedIsRecordedWhenTheSLARetries() async throws {
        try await IntakeFixture.run { intake in
            let order = try #require(try await intake.submit(IntakeFixture.draft(number: "SMX-CLOCK")).order)
            let event = Wire.RecordClockEventRequest(
                eventId: "\(order.id)/acknowledge/1/overdue", orderId: order.id, clockId: "\(order.id)/acknowledge/1",
                clockKind: "acknowledge", event: "overdue", dueUnixMs: 1, firedUnixMs: 2, unit: "employment_office"
            )
            // The order's log cannot be written (as on a full disk): the event fails as a whole.
            try await intake.desk.store.database.writeWithoutTransaction { db in
                try db.execute(
                    sql:
                        "CREATE TEMP TRIGGER refuse_events BEFORE INSERT ON order_event BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                )
            }
            await #expect(throws: RPCError.self) {
                try await intake.client.call("intake.record_clock_event", event, as: Wire.RecordClockEventResponse.self)
            }
            try await intake.desk.store.database.writeWithoutTransaction { db in
                try db.execute(sql: "DROP TRIGGER refuse_events")
            }

            let retried = try await intake.client.call(
                "intake.record_clock_event", event, as: Wire.RecordClockEventResponse.self)
            #expect(retried.recorded)
            let again = try await intake.client.call(
                "intake.record_clock_event", event, as: Wire.RecordClockEventResponse.self)
            #expect(!again.recorded)
            let stored = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: order.id), as: Wire.GetOrderResponse.self)
            let clockEvents = stored.events.filter {
                $0.details.contains(Wire.EventDetail(key: "clock.event_id", value: event.eventId))
            }
            #expect(clockEvents.count == 1)
        }
    }

    @Test func anOrderThatStaysReceivedRaisesTheAlarmOnce() async throws {
        try await IntakeFixture.run(routingDecision: nil, stuckAfter: 0) { intake in
            let order = try #require(try await intake.submit(IntakeFixture.draft(number: "SMX-STUCK")).order)
            let later = ManualClock(unixMilliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 301_000)
            let statistics = ServerStatistics()
            let watch = StuckOrderWatch(
                desk: intake.desk, threshold: 300, interval: .seconds(30), clock: later, logger: .quiet,
                statistics: statistics
            )
            #expect(try watch.check() == [order.id])
            #expect(try watch.check().isEmpty)
            #expect(statistics.snapshot(service: "intake").gauges == [Gauge(name: "orders.stuck", value: 1)])

            let alarms = try await intake.desk.store.database.read { db in
                try Data.fetchAll(db, sql: "SELECT body FROM outbox_entry WHERE method = 'gateway.notify'")
            }.map { try Wire.NotifyRequest(wireBytes: [UInt8]($0)).notification }
            #expect(alarms.map(\.?.kind) == ["stuck_order"])
            #expect(alarms.first??.unit == "office")
            #expect(alarms.first??.subject.contains("SMX-STUCK") == true)

            let listed = try await intake.client.call(
                "intake.list", Wire.ListOrdersRequest(stuckOnly: true), as: Wire.ListOrdersResponse.self)
            #expect(listed.orders.map(\.id) == [order.id])
        }
    }
}

extension IntakeFixture {
    /// The routing step of `orderID`: how often the outbox tried it, and how long after it was
    /// written it fell due (≤ 0: at once).
    func routeStep(of orderID: String) throws -> (attempts: Int, delay: Int64)? {
        try desk.store.database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT attempts, coalesce(next_attempt_ms, created_ms) - created_ms AS delay
                    FROM outbox_entry WHERE deduplication_key = ?
                    """,
                arguments: ["route:" + orderID]
            ).map { (attempts: $0["attempts"], delay: $0["delay"]) }
        }
    }

    /// Routing steps of `orderID` waiting in the outbox.
    func routeSteps(of orderID: String) throws -> Int {
        try desk.store.database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM outbox_entry WHERE deduplication_key = ?",
                arguments: ["route:" + orderID]) ?? 0
        }
    }
}
