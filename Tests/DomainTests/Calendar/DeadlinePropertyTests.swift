import Domain
import Foundation
import PropertyBased
import Testing

extension CalendarTests {
    /// Properties over random starts from 2019 to 2028 (two unloaded years on each side of the shipped
    /// ones), checked against the slow day-by-day reference in `CalendarFixtures`.
    @Suite("Deadline properties")
    struct DeadlinePropertyTests {
        let calendar = CalendarFixtures.calendar

        /// Unix seconds from 2019-01-01T00:00+08:00 to 2028-12-31T23:59:59+08:00.
        static let starts = Gen.int(in: 1_546_272_000...1_861_891_199)

        /// Whether every year from `first` through `last` is shipped.
        static func shipped(_ first: LocalDate, _ last: LocalDate) -> Bool {
            (first.year...last.year).allSatisfy { (2021...2026).contains($0) }
        }

        @Test("a working-day deadline: later for more days, on a working day, as the reference counts")
        func workingDays() async {
            await propertyCheck(count: 300, input: Self.starts, Gen.int(in: 0...100)) { seconds, n in
                let start = Date(timeIntervalSince1970: Double(seconds))
                let startDay = LocalDate(containing: start)
                guard let deadline = try? calendar.deadline(workingDays: n + 1, from: start),
                    let next = try? calendar.deadline(workingDays: n + 2, from: start),
                    let lastDay = deadline.lastDay
                else {
                    Issue.record("deadline failed for \(start), \(n + 1)")
                    return
                }
                #expect(next.instant > deadline.instant)
                #expect(CalendarFixtures.referenceIsWorkingDay(lastDay))
                #expect(lastDay == CalendarFixtures.referenceNthWorkingDay(n + 1, after: startDay))
                #expect(deadline.instant == lastDay.endInstant)
                #expect(deadline.isProvisional == !Self.shipped(startDay, lastDay))
                #expect(calendar.countWorkingDays(in: startDay.adding(days: 1)!...lastDay) == n + 1)
            }
        }

        @Test(
            "a same-day deadline is the start's day when it works and the start is before 18:00, else the next working day"
        )
        func sameDay() async {
            await propertyCheck(count: 300, input: Self.starts) { seconds in
                let start = Date(timeIntervalSince1970: Double(seconds))
                let startDay = LocalDate(containing: start)
                guard let lastDay = (try? calendar.sameDayDeadline(from: start))?.lastDay else {
                    Issue.record("deadline failed for \(start)")
                    return
                }
                let beforeCutoff = start.timeIntervalSince(startDay.startInstant) < 18 * 3600
                let expected =
                    CalendarFixtures.referenceIsWorkingDay(startDay) && beforeCutoff
                    ? startDay : CalendarFixtures.referenceNthWorkingDay(1, after: startDay)
                #expect(lastDay == expected)
            }
        }

        @Test("a month deadline is the corresponding day (Foundation's month arithmetic), rolled to a working day")
        func months() async throws {
            var gregorian = Calendar(identifier: .gregorian)
            gregorian.timeZone = try #require(TimeZone(secondsFromGMT: ShanghaiTime.secondsFromUTC))
            await propertyCheck(count: 300, input: Self.starts, Gen.int(in: 1...24)) { seconds, months in
                let start = Date(timeIntervalSince1970: Double(seconds))
                guard let deadline = try? calendar.deadline(months: months, from: start),
                    let lastDay = deadline.lastDay,
                    let corresponding = gregorian.date(byAdding: .month, value: months, to: start).map(
                        LocalDate.init(containing:))
                else {
                    Issue.record("deadline failed for \(start), \(months)")
                    return
                }
                let expected =
                    CalendarFixtures.referenceIsWorkingDay(corresponding)
                    ? corresponding : CalendarFixtures.referenceNthWorkingDay(1, after: corresponding)
                #expect(lastDay == expected)
                #expect(deadline.isProvisional == !Self.shipped(LocalDate(containing: start), lastDay))
            }
        }

        @Test("counting far beyond the loaded years matches plain weekdays")
        func farAway() async {
            await propertyCheck(count: 100, input: Gen.int(in: 0...3000), Gen.int(in: 1...2000)) { offset, n in
                let startDay = LocalDate(dayNumber: 16_000 + offset * 3)!  // 2013 … 2038
                let fast = calendar.workingDay(n, after: startDay)
                #expect(fast == CalendarFixtures.referenceNthWorkingDay(n, after: startDay))
            }
        }
    }
}
