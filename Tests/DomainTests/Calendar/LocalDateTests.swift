import Domain
import Foundation
import PropertyBased
import Testing

extension CalendarTests {
    @Suite("LocalDate")
    struct LocalDateTests {
        @Test("day numbers and weekdays of known dates")
        func knownDates() throws {
            let epoch = try CalendarFixtures.day("1970-01-01")
            #expect(epoch.dayNumber == 0)
            #expect(epoch.weekday == .thursday)
            #expect(try CalendarFixtures.day("2000-03-01").dayNumber == 11_017)
            #expect(try CalendarFixtures.day("1969-12-31").dayNumber == -1)
            #expect(try CalendarFixtures.day("2025-10-11").weekday == .saturday)
            #expect(try CalendarFixtures.day("2025-09-28").weekday == .sunday)
            #expect(try CalendarFixtures.day("2026-01-01").weekday == .thursday)
            #expect(try CalendarFixtures.day("2025-10-11").isWeekend)
            #expect(try !CalendarFixtures.day("2025-10-10").isWeekend)
            let date = try CalendarFixtures.day("2024-02-29")
            #expect(date.year == 2024 && date.month == 2 && date.day == 29)
        }

        @Test(
            "invalid dates are rejected",
            arguments: [
                (2025, 2, 29), (1900, 2, 29), (2025, 4, 31), (2025, 13, 1), (2025, 0, 1), (0, 1, 1), (10_000, 1, 1),
            ]
        )
        func invalidParts(year: Int, month: Int, day: Int) {
            #expect(LocalDate(year: year, month: month, day: day) == nil)
        }

        @Test("leap days exist exactly in leap years")
        func leapDays() {
            #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
            #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
            #expect(LocalDate(year: 2100, month: 2, day: 29) == nil)
            #expect(LocalDate.daysInYear(2024) == 366)
            #expect(LocalDate.daysInYear(2025) == 365)
        }

        @Test(
            "only strict YYYY-MM-DD parses",
            arguments: [
                "2025-1-01", "2025-01-1", "2025-01-01x", " 2025-01-01", "+025-01-01", "2025/01/01", "", "2025-02-30",
            ]
        )
        func strictParsing(text: String) {
            #expect(LocalDate(text) == nil)
        }

        @Test("text and JSON round trip")
        func textRoundTrip() throws {
            let date = try CalendarFixtures.day("0099-07-04")
            #expect(date.description == "0099-07-04")
            let encoded = try JSONEncoder().encode([date])
            #expect(String(decoding: encoded, as: UTF8.self) == "[\"0099-07-04\"]")
            #expect(try JSONDecoder().decode([LocalDate].self, from: encoded) == [date])
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode([LocalDate].self, from: Data("[\"2025-02-29\"]".utf8))
            }
        }

        @Test("day arithmetic and ordering")
        func arithmetic() throws {
            let date = try CalendarFixtures.day("2024-12-31")
            #expect(date.adding(days: 1) == (try CalendarFixtures.day("2025-01-01")))
            #expect(date.adding(days: -366) == (try CalendarFixtures.day("2023-12-31")))
            #expect(date.days(to: try CalendarFixtures.day("2025-03-01")) == 60)
            #expect(LocalDate.latest.adding(days: 1) == nil)
            #expect(LocalDate.earliest.adding(days: -1) == nil)
            #expect(date.adding(days: .max) == nil)
            #expect(date < date.adding(days: 1)!)
        }

        @Test("instants map to the Asia/Shanghai date at a fixed +08:00")
        func instants() throws {
            #expect(
                LocalDate(containing: try CalendarFixtures.instant("2025-10-08T16:00:00Z")).description == "2025-10-09")
            #expect(
                LocalDate(containing: try CalendarFixtures.instant("2025-10-08T15:59:59.999Z")).description
                    == "2025-10-08")
            #expect(
                LocalDate(containing: try CalendarFixtures.instant("1969-12-31T16:00:00Z")).description == "1970-01-01")
            #expect(
                LocalDate(containing: try CalendarFixtures.instant("1969-12-31T15:59:59Z")).description == "1969-12-31")
            let day = try CalendarFixtures.day("2025-10-09")
            #expect(ShanghaiTime.iso8601(day.startInstant) == "2025-10-09T00:00:00+08:00")
            #expect(ShanghaiTime.iso8601(day.endInstant) == "2025-10-10T00:00:00+08:00")
            #expect(LocalDate(validating: Date(timeIntervalSince1970: .infinity)) == nil)
            #expect(LocalDate(validating: Date(timeIntervalSince1970: 1e15)) == nil)
            #expect(LocalDate(validating: LocalDate.latest.startInstant) == LocalDate.latest)
        }

        @Test("the integer algorithms agree with Foundation's Gregorian calendar")
        func agreesWithFoundation() async throws {
            var gregorian = Calendar(identifier: .gregorian)
            gregorian.timeZone = try #require(TimeZone(secondsFromGMT: 0))
            // From 1900: Foundation switches to the Julian calendar before 1582.
            let range = try CalendarFixtures.day("1900-01-01").dayNumber...LocalDate.latest.dayNumber
            await propertyCheck(input: Gen.int(in: range)) { dayNumber in
                let date = LocalDate(dayNumber: dayNumber)!
                let parts = gregorian.dateComponents(
                    [.year, .month, .day, .weekday],
                    from: Date(timeIntervalSince1970: Double(dayNumber) * 86_400)
                )
                #expect(parts.year == date.year && parts.month == date.month && parts.day == date.day)
                // Foundation counts Sunday as 1; ISO counts Monday as 1.
                #expect(parts.weekday.map { ($0 + 5) % 7 + 1 } == date.weekday.rawValue)
                #expect(LocalDate(year: date.year, month: date.month, day: date.day) == date)
                #expect(LocalDate(date.description) == date)
            }
        }
    }
}
