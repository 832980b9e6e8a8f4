import Foundation
import Testing

@testable import Domain

extension CalendarTests {
    /// A year without a notice counts the law's own days off, never "every weekday working".
    @Suite("Statutory days off for a year without a notice")
    struct StatutoryHolidayTests {
        /// Every day the law gives is a day off in each shipped notice: the notices add to the
        /// law (bridging days, 调休), never take from it.
        @Test(arguments: ShippedHolidayYears.all.map(\.year))
        func everyShippedNoticeContainsTheLawsDays(year: Int) throws {
            let notice = try #require(WorkingDayCalendar.shipped.holidayYears[year])
            let off = Set(notice.daysOff.map(\.date))
            for day in StatutoryHolidays.daysOff(in: year) {
                #expect(off.contains(day.date), "\(day.date) \(day.name ?? "") is not off in the \(year) notice")
            }
            #expect(StatutoryHolidays.daysOff(in: year).count == (year >= 2025 ? 13 : 11))
        }

        @Test func theLunarAndSolarTermDaysOf2027() {
            let days = StatutoryHolidays.daysOff(in: 2027).map { "\($0.date) \($0.name ?? "")" }
            #expect(
                days == [
                    "2027-01-01 元旦", "2027-02-05 春节", "2027-02-06 春节", "2027-02-07 春节", "2027-02-08 春节",
                    "2027-04-05 清明节", "2027-05-01 劳动节", "2027-05-02 劳动节", "2027-06-09 端午节",
                    "2027-09-15 中秋节", "2027-10-01 国庆节", "2027-10-02 国庆节", "2027-10-03 国庆节",
                ])
        }

        @Test func aYearWithoutANoticeCountsTheLawAndIsProvisionalUntilItsNoticeReplacesIt() throws {
            let shipped = WorkingDayCalendar.shipped
            let newYear = try #require(LocalDate("2027-01-01"))
            #expect(!shipped.knows(year: 2027))
            #expect(!shipped.isWorkingDay(newYear), "元旦 is off before the 2027 notice")
            let start = try #require(ShanghaiTime.parseISO8601("2026-12-30T10:00:00+08:00"))
            let provisional = try shipped.deadline(workingDays: 2, from: start)
            #expect(ShanghaiTime.deadlineText(provisional.instant) == "2027-01-04 24:00" && provisional.isProvisional)
            #expect(
                shipped.explain(start: start, due: provisional.instant).skippedDays.map(\.name) == ["元旦", "周六", "周日"])

            // A notice that makes 2027-01-04 a working day and 2026-12-31 a day off replaces the law's guess.
            let notice = try HolidayYear(
                year: 2027, notice: "test 2027",
                daysOff: [
                    .init(date: newYear, name: "元旦"), .init(date: try #require(LocalDate("2027-01-04")), name: "元旦"),
                ],
                workingWeekendDays: []
            )
            let loaded = WorkingDayCalendar(years: ShippedHolidayYears.all + [notice])
            let counted = try loaded.deadline(workingDays: 2, from: start)
            #expect(ShanghaiTime.deadlineText(counted.instant) == "2027-01-05 24:00" && !counted.isProvisional)
        }

        @Test func qingmingFollowsTheSolarTerm() {
            #expect([2024, 2025, 2026, 2027, 2028].map(StatutoryHolidays.qingmingDay) == [4, 4, 5, 5, 4])
        }
    }
}
