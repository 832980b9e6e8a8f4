import Domain
import GRDB
import Outbox
import SLACore
import TestSupport
import Testing

/// Restarts: every clock comes back, what fell due while the service was down fires at once and
/// exactly once, and undelivered events are sent again.
@Suite("SLA restart recovery", .timeLimit(.minutes(1)))
struct RecoveryTests {
    @Test func clocksDueWhileDownFireOnceOnStartAndNeverAgain() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        let minute = SLAFixtures.minute

        // First run: three clocks are started, then the process dies before any falls due.
        do {
            let database = try SLAFixtures.open(path)
            let engine = try SLAFixtures.engine(database)
            _ = try await engine.startClock(
                ClockStart(id: "A", orderID: "OA", kind: .acknowledge, urgency: .urgent), now: t0)
            _ = try await engine.startClock(
                ClockStart(id: "B", orderID: "OB", kind: .acknowledge, urgency: .normal), now: t0)
            _ = try await engine.startClock(
                ClockStart(id: "C", orderID: "OC", kind: .handling, orderKind: .complaint), now: t0)
            try database.close()
        }

        // Down for 40 minutes: A's warning (24 min) and overdue (30 min) passed, its first
        // reminder (45 min) not yet; B (4 h) and C (13 working days) are still running.
        let restart = t0 + 40 * minute
        do {
            let database = try SLAFixtures.open(path)
            let engine = try SLAFixtures.engine(database)
            #expect(engine.scheduledCount == 3, "every clock is back in the heap")
            let clock = ManualClock(unixMilliseconds: restart)
            let fired = Collector<FiredEvent>()
            let stored = Collector<FiredEvent>()
            let sink = RecordingSink()
            try await SLAFixtures.withBackground(engine: engine, sink: sink, clock: clock, fired: fired, stored: stored)
            {
                let events = await fired.wait(forCount: 1)
                #expect(
                    events.map(\.eventID) == ["A/overdue"], "the stale warning is skipped, the overdue fires at once")
                #expect(events.first?.fired == restart)
                #expect(events.first?.scheduled == t0 + 30 * minute)
                _ = await stored.wait(forCount: 1)
            }
            #expect(engine.nextInstant == t0 + 45 * minute)
            try database.close()
        }

        // A second restart at the same instant fires nothing again.
        do {
            let database = try SLAFixtures.open(path)
            let engine = try SLAFixtures.engine(database)
            let result = try await engine.fireDue(now: restart)
            #expect(result.fired.isEmpty)
            #expect(try SLAFixtures.storedEventIDs(database) == ["A/overdue"])
            #expect(try await engine.pendingEvents(limit: 10).isEmpty)
            // And later on, the schedule simply continues.
            let later = try await engine.fireDue(now: t0 + 45 * minute)
            #expect(later.fired.map(\.eventID) == ["A/reminder/1"])
            try database.close()
        }
    }

    @Test func eventsFiredButNotDeliveredAreSentAfterARestart() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        let due = t0 + 30 * SLAFixtures.minute

        // Fired, durable, but the process dies before the sender ran.
        do {
            let database = try SLAFixtures.open(path)
            let engine = try SLAFixtures.engine(database)
            _ = try await engine.startClock(
                ClockStart(id: "A", orderID: "OA", kind: .acknowledge, urgency: .urgent), now: t0)
            #expect(try await engine.fireDue(now: due).fired.map(\.eventID) == ["A/overdue"])
            try database.close()
        }
        do {
            let database = try SLAFixtures.open(path)
            let engine = try SLAFixtures.engine(database)
            let sink = RecordingSink()
            let stored = Collector<FiredEvent>()
            try await SLAFixtures.withBackground(
                engine: engine, sink: sink, clock: ManualClock(unixMilliseconds: due + 1), stored: stored
            ) {
                #expect(await stored.wait(forCount: 1).map(\.eventID) == ["A/overdue"])
            }
            #expect(try await engine.pendingEvents(limit: 10).isEmpty)
            #expect(sink.attempts.items.count == 1)
            try database.close()
        }
    }

    @Test func theSenderRetriesWithBackoffUntilIntakeAnswers() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let database = try SLAFixtures.open(path)
        let engine = try SLAFixtures.engine(database)
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        _ = try await engine.startClock(
            ClockStart(id: "A", orderID: "OA", kind: .acknowledge, urgency: .urgent), now: t0)
        let clock = ManualClock(unixMilliseconds: t0 + 30 * SLAFixtures.minute)
        let sink = RecordingSink(failFirst: 3)
        let stored = Collector<FiredEvent>()
        try await SLAFixtures.withBackground(engine: engine, sink: sink, clock: clock, stored: stored) {
            for attempt in 1...3 {
                // Two sleep on the clock once the attempt failed: the scheduler, waiting for the
                // first reminder at 45 minutes, and the sender, backing off (under a second).
                await clock.waitForSleepers(2)
                #expect(sink.attempts.items.count == attempt)
                clock.advance(byMinutes: 1)
            }
            #expect(await stored.wait(forCount: 1).map(\.eventID) == ["A/overdue"])
        }
        let (attempts, outcome) = try await database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT attempts, outcome FROM sla_event WHERE event_id = 'A/overdue'")!
            return (row[0] as Int, row[1] as String)
        }
        #expect(attempts == 4)
        #expect(outcome == "recorded")
    }
}
