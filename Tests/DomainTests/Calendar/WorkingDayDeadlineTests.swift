import Domain
import Foundation
import Testing

extension CalendarTests {
    @Suite("Working-day deadlines")
    struct WorkingDayDeadlineTests {
        let calendar = CalendarFixtures.calendar

        struct Case: Sendable, CustomTestStringConvertible {
            let start: String
            let workingDays: Int
            let end: String
            let provisional: Bool
            let note: String
            var testDescription: String { "\(note): \(start) + \(workingDays) → \(end)" }

            init(_ start: String, _ workingDays: Int, _ end: String, provisional: Bool = false, _ note: String) {
                self.start = start
                self.workingDays = workingDays
                self.end = end
                self.provisional = provisional
                self.note = note
            }
        }

        static let cases: [Case] = [
            // Across holiday blocks.
            Case(
                "2025-09-30T10:00:00+08:00", 5, "2025-10-15T00:00:00+08:00",
                "National Day 2025: 10-09, 10-10, 10-11 (make-up Sat), 10-13, 10-14"),
            Case("2025-09-30T10:00:00+08:00", 1, "2025-10-10T00:00:00+08:00", "the whole block is skipped"),
            Case(
                "2025-09-30T10:00:00+08:00", 3, "2025-10-12T00:00:00+08:00",
                "the make-up Saturday 10-11 is the third working day"),
            Case(
                "2025-09-27T09:00:00+08:00", 1, "2025-09-29T00:00:00+08:00",
                "from a Saturday, the make-up Sunday 09-28 counts"),
            Case(
                "2025-01-24T09:00:00+08:00", 2, "2025-01-28T00:00:00+08:00",
                "Spring Festival 2025: make-up Sunday 01-26, then Monday 01-27"),
            Case(
                "2025-01-27T09:00:00+08:00", 1, "2025-02-06T00:00:00+08:00",
                "the eight-day Spring Festival block is skipped"),
            Case(
                "2024-02-08T09:00:00+08:00", 1, "2024-02-10T00:00:00+08:00",
                "2024 除夕 (02-09) is a working day, only encouraged as leave"),
            Case(
                "2024-02-09T09:00:00+08:00", 1, "2024-02-19T00:00:00+08:00",
                "2024 Spring Festival: make-up Sunday 02-18"),
            Case(
                "2023-09-28T09:00:00+08:00", 1, "2023-10-08T00:00:00+08:00",
                "2023 Mid-Autumn and National Day: make-up Saturday 10-07"),
            Case(
                "2026-02-13T09:00:00+08:00", 1, "2026-02-15T00:00:00+08:00",
                "2026 Spring Festival: make-up Saturday 02-14"),
            Case(
                "2026-02-14T09:00:00+08:00", 1, "2026-02-25T00:00:00+08:00",
                "2026 Spring Festival: nine days off 02-15 … 02-23"),
            Case("2025-04-30T09:00:00+08:00", 1, "2025-05-07T00:00:00+08:00", "Labour Day 2025"),
            // Year boundaries.
            Case(
                "2025-12-31T09:00:00+08:00", 1, "2026-01-05T00:00:00+08:00",
                "New Year 2026 off 01-01 … 01-03, make-up Sunday 01-04"),
            Case("2025-12-31T09:00:00+08:00", 2, "2026-01-06T00:00:00+08:00", "into 2026"),
            Case("2025-12-31T09:00:00+08:00", 10, "2026-01-16T00:00:00+08:00", "ten working days into 2026"),
            Case(
                "2026-12-30T09:00:00+08:00", 1, "2027-01-01T00:00:00+08:00",
                "ends on the last day of the last loaded year"),
            Case(
                "2026-12-30T09:00:00+08:00", 2, "2027-01-05T00:00:00+08:00", provisional: true,
                "into 2027, whose notice is not loaded: 元旦 by the law"),
            Case(
                "2026-12-25T09:00:00+08:00", 15, "2027-01-19T00:00:00+08:00", provisional: true,
                "2027 counted Monday to Friday less the law's days off"),
            Case(
                "2027-03-01T09:00:00+08:00", 5, "2027-03-09T00:00:00+08:00", provisional: true,
                "entirely in an unloaded year"),
            Case(
                "2020-12-30T09:00:00+08:00", 1, "2021-01-01T00:00:00+08:00", provisional: true,
                "starts in 2020, not loaded"
            ),
            Case(
                "2020-12-30T09:00:00+08:00", 2, "2021-01-05T00:00:00+08:00", provisional: true,
                "from 2020 across New Year 2021 off 01-01 … 01-03"),
            // The first day is not counted, whatever the time of day.
            Case("2025-11-14T23:59:00+08:00", 1, "2025-11-18T00:00:00+08:00", "Friday 23:59 → Monday"),
            Case("2025-11-17T00:00:00+08:00", 1, "2025-11-19T00:00:00+08:00", "Monday 00:00 → Tuesday"),
            Case("2025-11-14T15:59:00Z", 1, "2025-11-18T00:00:00+08:00", "Friday 23:59 Shanghai given in UTC"),
            Case("2025-11-14T16:00:00Z", 1, "2025-11-18T00:00:00+08:00", "Saturday 00:00 Shanghai given in UTC"),
            Case("2025-09-30T16:30:00Z", 1, "2025-10-10T00:00:00+08:00", "UTC 09-30 is already 10-01 in Shanghai"),
            // Policy figures.
            Case("2025-03-03T10:00:00+08:00", 7, "2025-03-13T00:00:00+08:00", "green channel, complex: 7 working days"),
            Case(
                "2025-03-03T10:00:00+08:00", 15, "2025-03-25T00:00:00+08:00",
                "green channel, difficult: 15 working days"),
            Case(
                "2025-01-01T10:00:00+08:00", 248, "2026-01-01T00:00:00+08:00",
                "2025's 248 working days after 01-01, through 12-31"),
        ]

        @Test("deadline(workingDays:from:)", arguments: cases)
        func workingDays(_ testCase: Case) throws {
            let deadline = try calendar.deadline(
                workingDays: testCase.workingDays,
                from: CalendarFixtures.instant(testCase.start)
            )
            #expect(ShanghaiTime.iso8601(deadline.instant) == testCase.end)
            #expect(deadline.isProvisional == testCase.provisional)
            #expect(deadline.lastDay?.endInstant == deadline.instant)
        }

        @Test("the deadline instant is 24:00 of the last day, written as 00:00 of the next")
        func endOfDay() throws {
            let deadline = try calendar.deadline(
                workingDays: 5, from: CalendarFixtures.instant("2025-09-30T10:00:00+08:00"))
            #expect(deadline.lastDay == (try CalendarFixtures.day("2025-10-14")))
            #expect(deadline.instant == (try CalendarFixtures.instant("2025-10-14T24:00:00+08:00")))
            #expect(deadline.instant == (try CalendarFixtures.instant("2025-10-14T16:00:00Z")))
            #expect(deadline.description == "2025-10-15T00:00:00+08:00")
        }

        @Test("invalid counts and instants are errors", arguments: [0, -1, 100_001, .max, .min])
        func invalidCount(workingDays: Int) throws {
            let start = try CalendarFixtures.instant("2025-09-30T10:00:00+08:00")
            let error = #expect(throws: WorkingDayCalendar.DeadlineError.self) {
                try calendar.deadline(workingDays: workingDays, from: start)
            }
            #expect(error?.code == .invalidCount)
        }

        @Test("instants outside years 1…9999 are errors")
        func outOfRange() {
            for seconds in [Double.infinity, -.infinity, .nan, 1e15, -1e15] {
                let error = #expect(throws: WorkingDayCalendar.DeadlineError.self) {
                    try calendar.deadline(workingDays: 1, from: Date(timeIntervalSince1970: seconds))
                }
                #expect(error?.code == .outOfRange)
            }
            let error = #expect(throws: WorkingDayCalendar.DeadlineError.self) {
                try calendar.deadline(workingDays: 1, from: LocalDate.latest.startInstant)
            }
            #expect(error?.code == .outOfRange)
        }

        @Test("workingDay(_:after:) and workingDay(onOrAfter:)")
        func dateQueries() throws {
            let start = try CalendarFixtures.day("2025-09-30")
            #expect(calendar.workingDay(5, after: start) == (try CalendarFixtures.day("2025-10-14")))
            #expect(calendar.workingDay(0, after: start) == nil)
            #expect(
                calendar.workingDay(onOrAfter: try CalendarFixtures.day("2025-10-01"))
                    == (try CalendarFixtures.day("2025-10-09")))
            #expect(calendar.workingDay(onOrAfter: start) == start)
            #expect(calendar.workingDay(1, after: LocalDate.latest) == nil)
        }
    }
}
