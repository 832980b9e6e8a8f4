import Domain
import GRDB
import Outbox
import SLACore
import TestSupport
import Testing

/// The scheduler on a manual clock: each event fires once, at its instant, in order.
@Suite("SLA scheduler", .timeLimit(.minutes(1)))
struct SchedulerTests {
    @Test func urgentAcknowledgementWarnsThenFallsOverdueThenReminds() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let database = try SLAFixtures.open(path)
        let engine = try SLAFixtures.engine(database)
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        let minute = SLAFixtures.minute
        let clock = ManualClock(unixMilliseconds: t0)
        let sink = RecordingSink()
        let fired = Collector<FiredEvent>()
        let stored = Collector<FiredEvent>()

        let (started, created) = try await engine.startClock(
            ClockStart(id: "O1/acknowledge/1", orderID: "O1", unit: "U03", kind: .acknowledge, urgency: .urgent),
            now: t0
        )
        #expect(created)
        #expect(started.policy.name == "acknowledge.urgent")
        #expect(started.due == t0 + 30 * minute)
        #expect(started.nextFire == t0 + 24 * minute)

        try await SLAFixtures.withBackground(engine: engine, sink: sink, clock: clock, fired: fired, stored: stored) {
            // Steps as the scheduler would wake; each waits until the batch fired before moving on.
            let steps: [(minutes: Int64, expected: String)] = [
                (24, "O1/acknowledge/1/warning/1"),
                (30, "O1/acknowledge/1/overdue"),
                (45, "O1/acknowledge/1/reminder/1"),
                (60, "O1/acknowledge/1/reminder/2"),
            ]
            for (index, step) in steps.enumerated() {
                clock.advance(toUnixMilliseconds: t0 + step.minutes * minute - 1)
                clock.advance(toUnixMilliseconds: t0 + step.minutes * minute)
                let events = await fired.wait(forCount: index + 1)
                #expect(events.count == index + 1, "one event per step, none early")
                #expect(events.last?.eventID == step.expected)
                #expect(events.last?.scheduled == t0 + step.minutes * minute)
                #expect(events.last?.fired == t0 + step.minutes * minute)
            }
            let delivered = await sink.recorded.wait(forCount: 4)
            #expect(delivered.map(\.eventID) == steps.map(\.expected))
            _ = await stored.wait(forCount: 4)
        }
        #expect(
            try SLAFixtures.storedEventIDs(database) == [
                "O1/acknowledge/1/warning/1", "O1/acknowledge/1/overdue",
                "O1/acknowledge/1/reminder/1", "O1/acknowledge/1/reminder/2",
            ])
        let clocks = try await engine.clocks(orderID: "O1")
        #expect(clocks.map(\.state) == [.overdue])
        #expect(clocks.first?.progress.warningsSent == 1)
        #expect(clocks.first?.progress.remindersSent == 2)
        #expect(sink.attempts.items.count == 4, "each event delivered once")
        let undelivered = try await database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM sla_event WHERE delivered_ms IS NULL OR outcome != 'recorded'")
        }
        #expect(undelivered == 0)
    }

    @Test func aClockStartedEarlierThanTheOneSleptForWakesTheScheduler() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let engine = try SLAFixtures.engine(try SLAFixtures.open(path))
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        let clock = ManualClock(unixMilliseconds: t0)
        let fired = Collector<FiredEvent>()
        try await SLAFixtures.withBackground(engine: engine, sink: RecordingSink(), clock: clock, fired: fired) {
            // The scheduler first sleeps for a 4-hour clock's warning (3 h), then an urgent one
            // arrives whose warning comes at 24 minutes.
            _ = try await engine.startClock(
                ClockStart(id: "slow", orderID: "O1", kind: .acknowledge, urgency: .normal), now: t0)
            _ = try await engine.startClock(
                ClockStart(id: "fast", orderID: "O2", kind: .acknowledge, urgency: .urgent), now: t0)
            clock.advance(byMinutes: 24)
            let events = await fired.wait(forCount: 1)
            #expect(events.map(\.eventID) == ["fast/warning/1"])
        }
    }

    @Test func stoppingAnOrderStopsItsClocksAndTheirEvents() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let database = try SLAFixtures.open(path)
        let engine = try SLAFixtures.engine(database)
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        let minute = SLAFixtures.minute
        let clock = ManualClock(unixMilliseconds: t0)
        let fired = Collector<FiredEvent>()
        _ = try await engine.startClock(
            ClockStart(id: "closed/ack", orderID: "closed", kind: .acknowledge, urgency: .urgent), now: t0)
        _ = try await engine.startClock(
            ClockStart(id: "closed/handling", orderID: "closed", kind: .handling, orderKind: .complaint), now: t0)
        _ = try await engine.startClock(
            ClockStart(id: "open/ack", orderID: "open", kind: .acknowledge, urgency: .urgent), now: t0)

        let stopped = try await engine.stopClocks(orderID: "closed", kinds: [], reason: "closed", now: t0 + minute)
        #expect(stopped.map(\.state) == [.stopped, .stopped])
        #expect(stopped.allSatisfy { $0.stopReason == "closed" && $0.nextFire == nil })
        // Stopping again is harmless and answers the same.
        #expect(
            try await engine.stopClocks(orderID: "closed", kinds: [], reason: "closed", now: t0 + 2 * minute) == stopped
        )

        try await SLAFixtures.withBackground(engine: engine, sink: RecordingSink(), clock: clock, fired: fired) {
            clock.advance(byMinutes: 24)
            #expect(await fired.wait(forCount: 1).map(\.eventID) == ["open/ack/warning/1"])
            clock.advance(byMinutes: 6)
            #expect(await fired.wait(forCount: 2).map(\.eventID) == ["open/ack/warning/1", "open/ack/overdue"])
        }
        #expect(try SLAFixtures.storedEventIDs(database).allSatisfy { $0.hasPrefix("open/") })
    }

    @Test func stoppingSomeKindsLeavesTheOthersRunning() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let engine = try SLAFixtures.engine(try SLAFixtures.open(path))
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        _ = try await engine.startClock(
            ClockStart(id: "O/ack", orderID: "O", kind: .acknowledge, urgency: .urgent), now: t0)
        _ = try await engine.startClock(ClockStart(id: "O/handling", orderID: "O", kind: .handling), now: t0)
        let stopped = try await engine.stopClocks(
            orderID: "O", kinds: [.acknowledge], reason: "acknowledged", now: t0 + 60_000)
        #expect(stopped.map(\.id) == ["O/ack"])
        #expect(try await engine.clocks(orderID: "O").map(\.state) == [.stopped, .running])
    }

    @Test func stoppingOneClockByItsIDLeavesTheOrdersOtherClocksOfThatKindRunning() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let engine = try SLAFixtures.engine(try SLAFixtures.open(path))
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        _ = try await engine.startClock(ClockStart(id: "CC-1/action/1", orderID: "O", kind: .actionItem), now: t0)
        _ = try await engine.startClock(ClockStart(id: "CC-1/action/2", orderID: "O", kind: .actionItem), now: t0)
        _ = try await engine.stopClocks(
            orderID: "O", kinds: [.actionItem], clockIDs: ["CC-1/action/1"], reason: "done", now: t0 + 60_000)
        let states = try await engine.clocks(orderID: "O").map { ($0.id, $0.state) }
        #expect(states.map(\.0) == ["CC-1/action/1", "CC-1/action/2"])
        #expect(states.map(\.1) == [.stopped, .running])
    }
}
