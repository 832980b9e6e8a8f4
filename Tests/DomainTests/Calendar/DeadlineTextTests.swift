import Domain
import Foundation
import Testing

extension CalendarTests {
    @Suite("Deadlines as staff read them")
    struct DeadlineTextTests {
        @Test(
            "an end of day reads 24:00 of that day, other instants to the minute in Beijing time",
            arguments: [
                ("2026-12-25T00:00:00+08:00", "2026-12-24 24:00"),
                ("2026-12-24T16:00:00Z", "2026-12-24 24:00"),
                ("2026-12-24T17:30:59+08:00", "2026-12-24 17:30"),
                ("2026-12-25T00:00:01+08:00", "2026-12-25 00:00"),
                ("2027-01-01T00:00:00+08:00", "2026-12-31 24:00"),
            ])
        func text(instant: String, expected: String) throws {
            let date = try #require(ShanghaiTime.parseISO8601(instant))
            #expect(ShanghaiTime.deadlineText(date) == expected)
        }

        @Test(
            "letters and 交办单 write the date in Chinese, in Beijing time",
            arguments: [
                ("2026-12-04T14:28:53Z", "2026年12月4日 22:28"),
                ("2026-12-25T00:00:00+08:00", "2026年12月24日 24:00"),
                ("2027-01-05T09:05:00+08:00", "2027年1月5日 09:05"),
            ])
        func chinese(instant: String, expected: String) throws {
            let date = try #require(ShanghaiTime.parseISO8601(instant))
            #expect(ShanghaiTime.chineseText(date) == expected)
        }
    }
}
