import Domain
import SLACore
import TestSupport
import Testing

/// An unmerged order's clocks run again with the time they had left when its merge stopped them.
@Suite("SLA resuming stopped clocks", .timeLimit(.minutes(1)))
struct ResumeTests {
    @Test func aResumedClockKeepsTheTimeItHadLeftAndStillFires() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let engine = try SLAFixtures.engine(try SLAFixtures.open(path))
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        let minute = SLAFixtures.minute
        _ = try await engine.startClock(
            ClockStart(id: "C/ack", orderID: "C", kind: .acknowledge, urgency: .urgent), now: t0)
        _ = try await engine.startClock(
            ClockStart(id: "C/handling", orderID: "C", kind: .handling, orderKind: .complaint), now: t0)
        _ = try await engine.stopClocks(orderID: "C", kinds: [.handling], reason: "replied", now: t0 + minute)
        // Merged 10 minutes in, unmerged 2 hours later: 20 of the 30 minutes are left.
        _ = try await engine.stopClocks(orderID: "C", kinds: [], reason: "merged", now: t0 + 10 * minute)
        let resumed = try await engine.resumeClocks(orderID: "C", stoppedFor: "merged", now: t0 + 130 * minute)
        let ack = try #require(resumed.first { $0.id == "C/ack" })
        #expect(ack.state != .stopped && ack.stopReason.isEmpty)
        #expect(ack.due == t0 + 150 * minute)
        #expect(ack.start == t0 + 120 * minute && ack.nextFire == t0 + 144 * minute)  // the warning keeps its place
        // A clock stopped for another reason stays stopped; resuming again changes nothing.
        #expect(resumed.first { $0.id == "C/handling" }?.stopReason == "replied")
        #expect(try await engine.resumeClocks(orderID: "C", stoppedFor: "merged", now: t0 + 200 * minute) == resumed)

        let clock = ManualClock(unixMilliseconds: t0 + 130 * minute)
        let fired = Collector<FiredEvent>()
        try await SLAFixtures.withBackground(engine: engine, sink: RecordingSink(), clock: clock, fired: fired) {
            clock.advance(byMinutes: 14)
            #expect(await fired.wait(forCount: 1).map(\.eventID) == ["C/ack/warning/1"])
            clock.advance(byMinutes: 6)
            #expect(await fired.wait(forCount: 2).map(\.eventID) == ["C/ack/warning/1", "C/ack/overdue"])
        }
    }
}
