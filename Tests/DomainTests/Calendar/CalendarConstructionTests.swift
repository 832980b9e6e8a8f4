import Domain
import Foundation
import Testing

extension CalendarTests {
    @Suite("WorkingDayCalendar construction")
    struct CalendarConstructionTests {
        @Test("without notices every day is plain Monday to Friday and every deadline provisional")
        func empty() throws {
            let calendar = WorkingDayCalendar(years: [])
            #expect(calendar.knownYears.isEmpty)
            #expect(!calendar.isWorkingDay(try CalendarFixtures.day("2025-10-11")))  // a make-up Saturday
            #expect(calendar.isWorkingDay(try CalendarFixtures.day("2025-10-01")))  // National Day
            let deadline = try calendar.deadline(
                workingDays: 5, from: CalendarFixtures.instant("2025-09-30T10:00:00+08:00"))
            #expect(ShanghaiTime.iso8601(deadline.instant) == "2025-10-08T00:00:00+08:00")
            #expect(deadline.isProvisional)
        }

        @Test("a gap between loaded years counts the law's days off and is provisional")
        func gap() throws {
            let years = ShippedHolidayYears.all.filter { $0.year == 2021 || $0.year == 2023 }
            let calendar = WorkingDayCalendar(years: years)
            #expect(calendar.knownYears == [2021, 2023])
            #expect(!calendar.knows(year: 2022))
            #expect(!calendar.isWorkingDay(try CalendarFixtures.day("2022-10-03")))  // National Day 2022 by the law, not loaded
            #expect(calendar.isWorkingDay(try CalendarFixtures.day("2022-10-07")))  // a bridging day only the notice gives
            #expect(!calendar.isWorkingDay(try CalendarFixtures.day("2023-10-03")))
            let intoGap = try calendar.deadline(
                workingDays: 1, from: CalendarFixtures.instant("2021-12-31T10:00:00+08:00"))
            #expect(ShanghaiTime.iso8601(intoGap.instant) == "2022-01-04T00:00:00+08:00")
            #expect(intoGap.isProvisional)
            let inside = try calendar.deadline(
                workingDays: 3, from: CalendarFixtures.instant("2023-09-27T10:00:00+08:00"))
            // 09-28, then the make-up days 10-07 (Sat) and 10-08 (Sun).
            #expect(ShanghaiTime.iso8601(inside.instant) == "2023-10-09T00:00:00+08:00")
            #expect(!inside.isProvisional)
            let across = try calendar.deadline(
                workingDays: 260, from: CalendarFixtures.instant("2021-12-01T10:00:00+08:00"))
            #expect(across.isProvisional)
            #expect(
                across.lastDay
                    == CalendarFixtures.referenceNthWorkingDay(
                        260, after: try CalendarFixtures.day("2021-12-01"), years: years)
            )
        }

        @Test("a later year replaces an earlier one of the same year")
        func replacement() throws {
            let replacement = try HolidayYear(
                year: 2025,
                notice: "测试通知",
                daysOff: [.init(date: try CalendarFixtures.day("2025-03-03"), name: "测试")],
                workingWeekendDays: []
            )
            let calendar = WorkingDayCalendar(years: ShippedHolidayYears.all + [replacement])
            #expect(calendar.holidayYears[2025]?.notice == "测试通知")
            #expect(!calendar.isWorkingDay(try CalendarFixtures.day("2025-03-03")))
            #expect(calendar.isWorkingDay(try CalendarFixtures.day("2025-10-08")))
            #expect(!calendar.isWorkingDay(try CalendarFixtures.day("2026-10-07")))  // other years untouched
        }

        @Test("countWorkingDays across loaded and unloaded years")
        func counting() throws {
            let calendar = CalendarFixtures.calendar
            let range = try CalendarFixtures.day("2020-06-01")...CalendarFixtures.day("2027-06-30")
            var slow = 0
            var date = range.lowerBound
            while date <= range.upperBound {
                if CalendarFixtures.referenceIsWorkingDay(date) { slow += 1 }
                date = date.adding(days: 1)!
            }
            #expect(calendar.countWorkingDays(in: range) == slow)
            let single = try CalendarFixtures.day("2025-10-11")
            #expect(calendar.countWorkingDays(in: single...single) == 1)
        }
    }
}
