import Domain
import Testing
import WireProtocol

@testable import ConsoleWeb

/// The calendar lists meetings by their day in Beijing and marks the ones coordination reports in
/// conflict, on the list and on the page.
@Suite("Console web: meeting calendar")
struct MeetingCalendarTests {
    typealias F = CoordinationFixtures
    static let hour: Int64 = 3_600_000

    @Test func meetingsFallOnTheirBeijingDayInOrderAndOnlyConflictsAreMarked() throws {
        let clash = Wire.ConflictingMeeting(
            meetingId: "CC-20261205-002/meeting/1", caseId: "CC-20261205-002", units: [F.partner],
            startsAtUnixMs: F.morning + 30 * 60_000, endsAtUnixMs: F.morning + 90 * 60_000)
        let view = F.coordinationCase(
            state: "meeting_scheduled",
            meetings: [
                F.meeting(1, start: F.morning + 5 * Self.hour),  // 14:30
                F.meeting(2, start: F.morning, conflicts: [clash]),  // 09:30, clashes
                F.meeting(3, state: "cancelled", start: F.morning + Self.hour),
                // 23:30 UTC of the 5th is 07:30 on the 6th in Beijing.
                F.meeting(4, start: F.morning + 22 * Self.hour),
                F.meeting(5, start: F.morning + 8 * 24 * Self.hour),  // beyond the week
            ])
        let calendar = MeetingCalendar(cases: [view], from: try #require(LocalDate("2026-12-05")))
        #expect(calendar.days.map(\.date.description) == (5...11).map { "2026-12-\($0 < 10 ? "0" : "")\($0)" })
        #expect(calendar.days[0].entries.map(\.meeting.number) == [2, 3, 1])
        #expect(calendar.days[0].entries.map(\.conflicted) == [true, false, false])
        #expect(calendar.days[1].entries.map(\.meeting.number) == [4])
        let rest = calendar.days.dropFirst(2).flatMap(\.entries)
        #expect(rest.isEmpty, "meeting 5 lies beyond the week")
        #expect(calendar.conflictCount == 1)

        let page = MeetingCalendar.page(
            staff: F.staff(["bureau_desk"], unit: "office"), calendar: calendar,
            today: try #require(LocalDate("2026-12-05")),
            units: UnitNames(names: [F.partner: "失业保险中心"]), scopeNote: ""
        ).rendered
        #expect(page.contains("data-meeting-id=\"CC-20261205-001/meeting/2\" data-conflict=\"true\""))
        #expect(page.contains("data-meeting-id=\"CC-20261205-001/meeting/1\" data-conflict=\"false\""))
        #expect(page.contains("href=\"/coordination/CC-20261205-002#meeting-1\""), "the other meeting is linked")
        #expect(page.contains("同时邀请：失业保险中心"))
        #expect(page.contains("本周有 1 场会议存在时间冲突"))
        #expect(page.contains("?from=2026-11-28") && page.contains("?from=2026-12-12"), "the previous and next weeks")
    }

    @Test func aWeekWithoutConflictsSaysNothingAboutThem() throws {
        let view = F.coordinationCase(state: "meeting_scheduled", meetings: [F.meeting(1, start: F.morning)])
        let calendar = MeetingCalendar(cases: [view], from: try #require(LocalDate("2026-12-05")))
        let page = MeetingCalendar.page(
            staff: F.staff(["bureau_desk"], unit: "office"), calendar: calendar,
            today: try #require(LocalDate("2026-12-01")),
            units: UnitNames(), scopeNote: ""
        ).rendered
        #expect(calendar.conflictCount == 0)
        #expect(!page.contains("calendar-conflicts") && !page.contains("conflict-flag"))
        #expect(page.contains("09:30–10:30"))
    }
}
