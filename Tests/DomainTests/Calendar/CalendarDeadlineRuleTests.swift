import Domain
import Foundation
import Testing

extension CalendarTests {
    /// The same-day, month and minute rules; the working-day rule has its own suite.
    @Suite("Same-day, month and minute deadlines")
    struct CalendarDeadlineRuleTests {
        let calendar = CalendarFixtures.calendar

        struct Case: Sendable, CustomTestStringConvertible {
            let start: String
            let count: Int
            let end: String
            let provisional: Bool
            let note: String
            var testDescription: String { "\(note): \(start) + \(count) → \(end)" }

            init(_ start: String, _ count: Int, _ end: String, provisional: Bool = false, _ note: String) {
                self.start = start
                self.count = count
                self.end = end
                self.provisional = provisional
                self.note = note
            }
        }

        static let sameDayCases: [Case] = [
            Case("2025-11-14T09:00:00+08:00", 0, "2025-11-15T00:00:00+08:00", "a working Friday: that day"),
            Case(
                "2025-11-14T17:59:59+08:00", 0, "2025-11-15T00:00:00+08:00", "a second before the working day is over"),
            Case("2025-11-14T18:00:00+08:00", 0, "2025-11-18T00:00:00+08:00", "after hours on a Friday: the Monday"),
            Case("2025-11-14T22:08:00+08:00", 0, "2025-11-18T00:00:00+08:00", "Friday 22:08: Monday 24:00"),
            Case("2025-11-15T09:00:00+08:00", 0, "2025-11-18T00:00:00+08:00", "a Saturday: the Monday after"),
            Case("2025-10-03T09:00:00+08:00", 0, "2025-10-10T00:00:00+08:00", "inside National Day: 10-09"),
            Case("2025-10-11T09:00:00+08:00", 0, "2025-10-12T00:00:00+08:00", "a make-up Saturday: that day"),
            Case("2026-12-31T10:00:00+08:00", 0, "2027-01-01T00:00:00+08:00", "last day of the last loaded year"),
            Case("2027-01-02T10:00:00+08:00", 0, "2027-01-05T00:00:00+08:00", provisional: true, "an unloaded year"),
        ]

        @Test("sameDayDeadline(from:)", arguments: sameDayCases)
        func sameDay(_ testCase: Case) throws {
            let deadline = try calendar.sameDayDeadline(from: CalendarFixtures.instant(testCase.start))
            #expect(ShanghaiTime.iso8601(deadline.instant) == testCase.end)
            #expect(deadline.isProvisional == testCase.provisional)
        }

        static let monthCases: [Case] = [
            Case("2024-01-29T10:00:00+08:00", 1, "2024-03-01T00:00:00+08:00", "Jan 29 → Feb 29 (leap year)"),
            Case("2024-01-30T10:00:00+08:00", 1, "2024-03-01T00:00:00+08:00", "Jan 30 → Feb 29, the month's last day"),
            Case("2024-01-31T10:00:00+08:00", 1, "2024-03-01T00:00:00+08:00", "Jan 31 → Feb 29, the month's last day"),
            Case("2025-01-28T10:00:00+08:00", 1, "2025-03-01T00:00:00+08:00", "Jan 28 → Feb 28"),
            Case("2025-01-29T10:00:00+08:00", 1, "2025-03-01T00:00:00+08:00", "Jan 29 → Feb 28, the month's last day"),
            Case("2025-01-30T10:00:00+08:00", 1, "2025-03-01T00:00:00+08:00", "Jan 30 → Feb 28"),
            Case("2025-01-31T10:00:00+08:00", 1, "2025-03-01T00:00:00+08:00", "Jan 31 → Feb 28"),
            Case("2025-01-30T17:00:00Z", 1, "2025-03-01T00:00:00+08:00", "UTC Jan 30 is Shanghai Jan 31"),
            Case("2024-02-29T10:00:00+08:00", 12, "2025-03-01T00:00:00+08:00", "Feb 29 + 12 months → Feb 28"),
            Case(
                "2023-08-31T10:00:00+08:00", 1, "2023-10-08T00:00:00+08:00",
                "Sep 30 is a holiday: rolls to make-up Sat 10-07"),
            Case("2025-03-31T10:00:00+08:00", 2, "2025-06-04T00:00:00+08:00", "May 31 (Dragon Boat) rolls to 06-03"),
            Case("2025-09-01T10:00:00+08:00", 1, "2025-10-10T00:00:00+08:00", "Oct 1 rolls past National Day to 10-09"),
            Case(
                "2025-12-31T10:00:00+08:00", 1, "2026-02-03T00:00:00+08:00", "Jan 31 2026 is a Saturday: Monday 02-02"),
            Case("2025-11-30T10:00:00+08:00", 3, "2026-03-01T00:00:00+08:00", "Feb 28 2026 is a make-up Saturday"),
            Case("2025-10-11T10:00:00+08:00", 1, "2025-11-12T00:00:00+08:00", "from a make-up Saturday"),
            Case("2026-12-15T10:00:00+08:00", 1, "2027-01-16T00:00:00+08:00", provisional: true, "into 2027"),
        ]

        @Test("deadline(months:from:)", arguments: monthCases)
        func months(_ testCase: Case) throws {
            let deadline = try calendar.deadline(months: testCase.count, from: CalendarFixtures.instant(testCase.start))
            #expect(ShanghaiTime.iso8601(deadline.instant) == testCase.end)
            #expect(deadline.isProvisional == testCase.provisional)
        }

        @Test("a month count out of range is an error", arguments: [0, -1, 1201])
        func invalidMonths(months: Int) throws {
            let start = try CalendarFixtures.instant("2025-01-31T10:00:00+08:00")
            let error = #expect(throws: WorkingDayCalendar.DeadlineError.self) {
                try calendar.deadline(months: months, from: start)
            }
            #expect(error?.code == .invalidCount)
        }

        @Test("minutes are wall clock, across holidays and unloaded years, never provisional")
        func minutes() throws {
            let urgent = try calendar.deadline(minutes: 30, from: CalendarFixtures.instant("2025-10-01T23:50:00+08:00"))
            #expect(ShanghaiTime.iso8601(urgent.instant) == "2025-10-02T00:20:00+08:00")
            #expect(!urgent.isProvisional)
            #expect(urgent.lastDay == nil)
            let normal = try calendar.deadline(
                minutes: 240, from: CalendarFixtures.instant("2027-06-05T22:00:00+08:00"))
            #expect(ShanghaiTime.iso8601(normal.instant) == "2027-06-06T02:00:00+08:00")
            #expect(!normal.isProvisional)
            let start = try CalendarFixtures.instant("2025-10-01T23:50:00+08:00")
            let error = #expect(throws: WorkingDayCalendar.DeadlineError.self) {
                try calendar.deadline(minutes: 0, from: start)
            }
            #expect(error?.code == .invalidCount)
        }
    }
}
