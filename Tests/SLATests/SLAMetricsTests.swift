import Domain
import GRDB
import MetricsTestKit
import Outbox
import SLACore
import TestSupport
import Testing

@Suite("SLA metrics", .timeLimit(.minutes(1)))
struct SLAMetricsTests {
    @Test func liveClocksCountOnlyClocksNotStoppedAndUndeliveredEventsAreTheOutbox() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let engine = try SLAFixtures.engine(try SLAFixtures.open(path))
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        for order in ["O1", "O2", "O3"] {
            _ = try await engine.startClock(
                ClockStart(
                    id: "\(order)/acknowledge/1", orderID: order, unit: "U03", kind: .acknowledge, urgency: .urgent),
                now: t0
            )
        }
        _ = try await engine.stopClocks(orderID: "O2", kinds: [], reason: "acknowledged", now: t0 + 1_000)

        let metrics = TestMetrics()
        let sla = SLAMetrics(factory: metrics)
        try await sla.refresh(database: engine.database, now: t0 + 2_000)
        #expect(try metrics.expectGauge("suban_sla_live_clocks").lastValue == 2)
        #expect(metrics.recorders(label: "suban_outbox_depth").isEmpty, "nothing fired yet: no destination to report")

        // Fired but not delivered (no sender runs here): intake's backlog, aged from the firing.
        let fired = try await engine.fireDue(now: t0 + 24 * SLAFixtures.minute)
        #expect(fired.fired.count == 2)
        try await sla.refresh(database: engine.database, now: t0 + 25 * SLAFixtures.minute)
        #expect(try metrics.expectGauge("suban_outbox_depth", [("destination", "intake")]).lastValue == 2)
        #expect(try metrics.expectGauge("suban_outbox_oldest_age_seconds", [("destination", "intake")]).lastValue == 60)
    }

    @Test func firingLagIsHowLateAnEventFiredAfterItFellDue() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let engine = try SLAFixtures.engine(try SLAFixtures.open(path))
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        let (started, _) = try await engine.startClock(
            ClockStart(id: "O1/acknowledge/1", orderID: "O1", unit: "U03", kind: .acknowledge, urgency: .urgent),
            now: t0
        )
        let warning = try #require(started.nextFire)
        let clock = ManualClock(unixMilliseconds: t0)
        let metrics = TestMetrics()
        let fired = Collector<FiredEvent>()
        let scheduler = ClockScheduler(
            engine: engine, clock: clock, logger: .quiet, metrics: SLAMetrics(factory: metrics)
        ) { fired.append($0) }
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await scheduler.run() }
            defer { group.cancelAll() }
            // The scheduler wakes 5 s after the warning fell due (a busy machine, a restart).
            clock.advance(toUnixMilliseconds: warning + 5_000)
            let events = await fired.wait(forCount: 1)
            #expect(events.first?.scheduled == warning)
        }
        let lag = try metrics.expectTimer("suban_sla_firing_lag_seconds")
        #expect(lag.values == [5_000 * 1_000_000])
    }
}
