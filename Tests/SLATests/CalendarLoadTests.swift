import Domain
import Foundation
import GRDB
import Outbox
import SLACore
import TestSupport
import Testing

/// Loading a holiday notice at run time: a bad file changes nothing; a good one moves the open
/// deadlines it touches and clears their provisional mark.
@Suite("SLA calendar loading", .timeLimit(.minutes(1)))
struct CalendarLoadTests {
    /// A 2027 notice with New Year's Day (a Friday) and the Monday after off: the law alone gives
    /// only the Friday, so the notice moves a deadline the law's provisional count set.
    static let year2027 =
        #"{ "year": 2027, "notice": "test notice 2027", "daysOff": [ { "date": "2027-01-01", "name": "元旦" }, { "date": "2027-01-04", "name": "元旦" } ], "workingWeekendDays": [] }"#

    /// The shipped profile with 2-working-day action items, for the year-end case of docs/calendar.md.
    static let policies = try! DeadlinePolicySet(
        profile: "test",
        policies: DeadlinePolicySet.shippedDefault.policies.map { policy in
            policy.kind == .actionItem
                ? DeadlinePolicy(name: "item.2wd", kind: .actionItem, due: .workingDays(2)) : policy
        },
        extensionRule: DeadlinePolicySet.shippedDefault.extensionRule
    )

    @Test func aGoodYearMovesProvisionalDeadlinesAndIsKeptAcrossRestarts() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let database = try SLAFixtures.open(path)
        let engine = try SLAFixtures.engine(database, policies: Self.policies)
        let start = try SLAFixtures.ms("2026-12-30T10:00:00+08:00")
        let (clock, _) = try await engine.startClock(
            ClockStart(id: "M1/item/1", orderID: "M1", kind: .actionItem, start: start), now: start)
        let (fixed, _) = try await engine.startClock(
            ClockStart(
                id: "M2/item/1", orderID: "M2", kind: .actionItem, start: start,
                due: try SLAFixtures.ms("2027-01-02T00:00:00+08:00")),
            now: start
        )
        // Without the 2027 notice, the law's 元旦 (2027-01-01) is off: 12-31, then Monday 01-04.
        #expect(SLAFixtures.iso(clock.due) == "2027-01-05T00:00:00+08:00")
        #expect(clock.provisional)

        let load = try await engine.loadCalendar(jsonBytes: Array(Self.year2027.utf8), now: start + 1)
        #expect(load.year == 2027)
        #expect(load.recomputed == 1, "the caller's deadline is kept as given")
        #expect(load.confirmed == 1)
        let moved = try #require(try await engine.clocks(orderID: "M1").first)
        #expect(SLAFixtures.iso(moved.due) == "2027-01-06T00:00:00+08:00")  // 12-31, then Tuesday 01-05
        #expect(!moved.provisional)
        #expect(moved.originalDue == moved.due)
        #expect(try await engine.clocks(orderID: "M2") == [fixed])
        #expect(engine.calendar.knows(year: 2027))

        // A clock started now is computed on the new calendar; so is one after a restart.
        let (next, _) = try await engine.startClock(
            ClockStart(id: "M3/item/1", orderID: "M3", kind: .actionItem, start: start), now: start)
        #expect(SLAFixtures.iso(next.due) == "2027-01-06T00:00:00+08:00")
        try database.close()
        let reopened = try SLAFixtures.engine(try SLAFixtures.open(path), policies: Self.policies)
        #expect(reopened.calendar.knows(year: 2027))
        #expect(!(try await reopened.clocks(orderID: "M3").first!.provisional))
    }

    /// An action item's period is counted by SLA, the calendar's owner: the caller's estimate is
    /// corrected at once, and every later move is an event that keeps the deadline it replaced.
    @Test func anActionItemCountsItsWorkingDaysOnSLAsCalendarAndEveryMoveIsAnEvent() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let engine = try SLAFixtures.engine(try SLAFixtures.open(path))
        let start = try SLAFixtures.ms("2026-12-30T10:00:00+08:00")
        // Counted on a calendar that knows nothing of 2027: 12-31 and 01-01.
        let estimate = try SLAFixtures.ms("2027-01-02T00:00:00+08:00")
        let (clock, _) = try await engine.startClock(
            ClockStart(
                id: "C1/action/1", orderID: "M4", kind: .actionItem, start: start, due: estimate, dueWorkingDays: 2),
            now: start
        )
        #expect(SLAFixtures.iso(clock.due) == "2027-01-05T00:00:00+08:00" && clock.provisional)  // the law's 元旦 is off
        let corrected = try await engine.pendingEvents(limit: 10)
        #expect(corrected.map(\.eventID) == ["C1/action/1/recomputed/1"])
        #expect(
            corrected.first?.previousDue == estimate && corrected.first?.due == clock.due
                && corrected.first?.provisional == true)

        _ = try await engine.loadCalendar(jsonBytes: Array(Self.year2027.utf8), now: start + 1)
        let moved = try #require(try await engine.clocks(orderID: "M4").first)
        #expect(SLAFixtures.iso(moved.due) == "2027-01-06T00:00:00+08:00" && !moved.provisional)
        let events = try await engine.pendingEvents(limit: 10)
        #expect(events.map(\.event) == [.recomputed(1), .recomputed(2)])
        #expect(
            events.last?.previousDue == clock.due && events.last?.due == moved.due && events.last?.provisional == false)
    }

    @Test(arguments: [
        ("{", "json"),
        (
            #"{ "year": 2027, "notice": "n", "daysOff": [ { "date": "2027-01-02" } ], "workingWeekendDays": [ { "date": "2027-01-02" } ] }"#,
            "json.workingWeekendDays[0].date"
        ),
        (
            #"{ "year": 2027, "notice": "n", "daysOff": [], "workingWeekendDays": [ { "date": "2027-01-04" } ] }"#,
            "json.workingWeekendDays[0].date"
        ),
        (#"{ "year": 2027, "notice": "n", "daysOff": [], "workingWeekendDays": [], "extra": 1 }"#, "json.extra"),
    ])
    func aBadFileChangesNothing(json: String, field: String) async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let database = try SLAFixtures.open(path)
        let engine = try SLAFixtures.engine(database, policies: Self.policies)
        let start = try SLAFixtures.ms("2026-12-30T10:00:00+08:00")
        let (clock, _) = try await engine.startClock(
            ClockStart(id: "M1/item/1", orderID: "M1", kind: .actionItem, start: start), now: start)

        let error = await #expect(throws: SLAError.self) {
            try await engine.loadCalendar(jsonBytes: Array(json.utf8), now: start + 1)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.field == field, "\(String(describing: error))")
        #expect(try await engine.clocks(orderID: "M1") == [clock])
        #expect(!engine.calendar.knows(year: 2027))
        #expect(
            try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sla_calendar_year") } == 0)
    }
}
