import Domain
import Outbox
import SLACore
import TestSupport
import Testing

/// Extensions: at most one calendar month beyond the ORIGINAL deadline, refused with the reason.
@Suite("SLA extensions", .timeLimit(.minutes(1)))
struct ExtensionTests {
    /// A consultation received 2025-09-30 10:00: 3 working days end 2025-10-11 24:00 (make-up
    /// Saturday); one month after that day is 2025-11-11, so the cap is 2025-11-12T00:00+08:00.
    static func consultation(_ engine: SLAEngine) async throws -> ClockRecord {
        let start = try SLAFixtures.ms("2025-09-30T10:00:00+08:00")
        let (clock, _) = try await engine.startClock(
            ClockStart(
                id: "C1/handling/1", orderID: "C1", unit: "U02", kind: .handling, orderKind: .consultation, start: start
            ),
            now: start
        )
        #expect(SLAFixtures.iso(clock.due) == "2025-10-12T00:00:00+08:00")
        return clock
    }

    @Test func overTheCapIsRefusedWithTheReasonAndChangesNothing() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let engine = try SLAFixtures.engine(try SLAFixtures.open(path))
        let clock = try await Self.consultation(engine)
        let now = try SLAFixtures.ms("2025-10-10T10:00:00+08:00")

        let refused = try await engine.extendClock(
            orderID: "C1",
            workingDays: nil,
            newDue: try SLAFixtures.ms("2025-11-13T00:00:00+08:00"),
            dryRun: false,
            now: now
        )
        #expect(!refused.allowed)
        #expect(SLAFixtures.iso(refused.cap) == "2025-11-12T00:00:00+08:00")
        #expect(refused.reason.contains("more than 1 month beyond the original deadline 2025-10-12T00:00:00+08:00"))
        #expect(refused.reason.contains("latest allowed is 2025-11-12T00:00:00+08:00"))
        #expect(try await engine.clocks(orderID: "C1") == [clock])

        let tooMany = try await engine.extendClock(orderID: "C1", workingDays: 30, newDue: nil, dryRun: false, now: now)
        #expect(!tooMany.allowed)
        #expect(try await engine.clocks(orderID: "C1") == [clock])

        let earlier = try await engine.extendClock(
            orderID: "C1", workingDays: nil, newDue: clock.due - 1, dryRun: false, now: now)
        #expect(!earlier.allowed)
        #expect(earlier.reason.contains("not after the current deadline"))
    }

    /// The hotline's decision stands: intake applies the granted deadline, and so does SLA, beyond
    /// the cap too, so that one order never shows two deadlines.
    @Test func aDeadlineTheHotlineGrantedIsAppliedBeyondTheCapWithTheCapShown() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let engine = try SLAFixtures.engine(try SLAFixtures.open(path))
        _ = try await Self.consultation(engine)
        let now = try SLAFixtures.ms("2025-10-10T10:00:00+08:00")
        let granted = try SLAFixtures.ms("2025-12-01T00:00:00+08:00")

        let check = try await engine.extendClock(
            orderID: "C1", workingDays: nil, newDue: granted, dryRun: true, granted: true, now: now)
        #expect(check.allowed && SLAFixtures.iso(check.cap) == "2025-11-12T00:00:00+08:00")
        let applied = try await engine.extendClock(
            orderID: "C1", workingDays: nil, newDue: granted, dryRun: false, granted: true, now: now)
        #expect(applied.allowed && applied.clock.due == granted && applied.clock.dueSource == .extension)
        #expect(try await engine.clocks(orderID: "C1").first?.due == granted)
        await #expect(throws: SLAError.self) {
            try await engine.extendClock(
                orderID: "C1", workingDays: 3, newDue: nil, dryRun: true, granted: true, now: now)
        }
    }

    @Test func withinTheCapMovesTheClockAndTheCapStaysOnTheOriginal() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let database = try SLAFixtures.open(path)
        let engine = try SLAFixtures.engine(database)
        let clock = try await Self.consultation(engine)
        let now = try SLAFixtures.ms("2025-10-10T10:00:00+08:00")

        // A dry run (intake's check before filing) answers without moving anything.
        let check = try await engine.extendClock(orderID: "C1", workingDays: 5, newDue: nil, dryRun: true, now: now)
        #expect(check.allowed)
        #expect(SLAFixtures.iso(check.newDue) == "2025-10-18T00:00:00+08:00")  // 10-13 … 10-17
        #expect(try await engine.clocks(orderID: "C1") == [clock])

        let applied = try await engine.extendClock(orderID: "C1", workingDays: 5, newDue: nil, dryRun: false, now: now)
        #expect(applied.allowed)
        #expect(applied.clock.due == check.newDue)
        #expect(applied.clock.originalDue == clock.originalDue)
        #expect(applied.clock.revision == 1)
        #expect(applied.clock.dueSource == .extension)
        #expect(applied.clock.state == .running)

        // Up to the cap counted from the original deadline, not from the extended one.
        let cap = try SLAFixtures.ms("2025-11-12T00:00:00+08:00")
        let second = try await engine.extendClock(orderID: "C1", workingDays: nil, newDue: cap, dryRun: false, now: now)
        #expect(second.allowed)
        #expect(second.clock.revision == 2)
        // A retried approval of the same deadline is allowed and changes nothing.
        let retried = try await engine.extendClock(
            orderID: "C1", workingDays: nil, newDue: cap, dryRun: false, now: now)
        #expect(retried.allowed)
        #expect(retried.clock == second.clock)
        let beyond = try await engine.extendClock(orderID: "C1", workingDays: 1, newDue: nil, dryRun: false, now: now)
        #expect(!beyond.allowed)

        // The moved deadline fires under its own ids.
        let fired = try await engine.fireDue(now: cap)
        #expect(fired.fired.map(\.eventID) == ["C1/handling/1/ext2/overdue"])
        #expect(fired.fired.first?.due == cap)
    }

    @Test func anOverdueClockExtendedRunsAgainAndWarnsAfresh() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let engine = try SLAFixtures.engine(try SLAFixtures.open(path))
        let clock = try await Self.consultation(engine)
        #expect(try await engine.fireDue(now: clock.due).fired.map(\.eventID) == ["C1/handling/1/overdue"])
        let extended = try await engine.extendClock(
            orderID: "C1", workingDays: 10, newDue: nil, dryRun: false, now: clock.due + 1)
        #expect(extended.allowed)
        #expect(extended.clock.state == .running)
        #expect(extended.clock.progress.warningsSent == 0)
        let next = try #require(extended.clock.nextFire)
        let warning = try await engine.fireDue(now: next)
        // Ten working days from 10-11 end 10-24 24:00; the 80 % point of the new span comes first.
        #expect(SLAFixtures.iso(extended.clock.due) == "2025-10-25T00:00:00+08:00")
        #expect(warning.fired.map(\.eventID) == ["C1/handling/1/ext1/warning/1"])
    }

    @Test func aStoppedClockIsRefusedAndAnUnknownOrderIsNotFound() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let engine = try SLAFixtures.engine(try SLAFixtures.open(path))
        let clock = try await Self.consultation(engine)
        _ = try await engine.stopClocks(orderID: "C1", kinds: [], reason: "closed", now: clock.start + 1)
        let refused = try await engine.extendClock(
            orderID: "C1", workingDays: 1, newDue: nil, dryRun: true, now: clock.start + 2)
        #expect(!refused.allowed)
        #expect(refused.reason == "the handling clock of order C1 is stopped (closed)")

        let error = await #expect(throws: SLAError.self) {
            try await engine.extendClock(orderID: "nobody", workingDays: 1, newDue: nil, dryRun: false, now: 0)
        }
        #expect(error?.code == .notFound)
        let both = await #expect(throws: SLAError.self) {
            try await engine.extendClock(orderID: "C1", workingDays: 1, newDue: 5, dryRun: false, now: 0)
        }
        #expect(both?.code == .invalidArgument)
    }
}
