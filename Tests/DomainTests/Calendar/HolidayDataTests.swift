import Domain
import Testing

/// The expected status of one date, for the table-driven holiday tests.
enum HolidayCases {
    enum Status: Sendable {
        case working, off
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let date: String
        let status: Status
        let note: String

        init(_ date: String, _ status: Status, _ note: String) {
            self.date = date
            self.status = status
            self.note = note
        }

        var testDescription: String { "\(date) \(status) – \(note)" }
    }

    static let all = years2021to2023 + years2024to2026
}

extension CalendarTests {
    @Suite("Shipped holiday data 2021–2026")
    struct HolidayDataTests {
        let calendar = CalendarFixtures.calendar

        @Test("each holiday block, its neighbours and each make-up day", arguments: HolidayCases.all)
        func dayStatus(_ dayCase: HolidayCases.Case) throws {
            let date = try CalendarFixtures.day(dayCase.date)
            #expect(calendar.isWorkingDay(date) == (dayCase.status == .working))
        }

        @Test("the table covers every date of every notice")
        func tableCoversNotices() {
            let tabled = Set(HolidayCases.all.map(\.date))
            for year in ShippedHolidayYears.all {
                for day in year.daysOff + year.workingWeekendDays {
                    #expect(tabled.contains(day.date.description), "\(day.date) of \(year.year) is not in the table")
                }
            }
        }

        @Test(
            "working days per year",
            arguments: [(2021, 250), (2022, 249), (2023, 249), (2024, 251), (2025, 248), (2026, 248)]
        )
        func workingDaysPerYear(year: Int, expected: Int) throws {
            let first = try #require(LocalDate(year: year, month: 1, day: 1))
            let last = try #require(LocalDate(year: year, month: 12, day: 31))
            #expect(calendar.countWorkingDays(in: first...last) == expected)
            let slow = (0...first.days(to: last)).filter { calendar.isWorkingDay(first.adding(days: $0)!) }.count
            #expect(slow == expected)
        }

        @Test("notice numbers")
        func noticeNumbers() {
            let notices = Dictionary(uniqueKeysWithValues: ShippedHolidayYears.all.map { ($0.year, $0.notice) })
            #expect(
                notices == [
                    2021: "国办发明电〔2020〕27号", 2022: "国办发明电〔2021〕11号", 2023: "国办发明电〔2022〕16号",
                    2024: "国办发明电〔2023〕7号", 2025: "国办发明电〔2024〕12号", 2026: "国办发明电〔2025〕7号",
                ]
            )
        }

        @Test("the fast look-up agrees with the notices' lists on every day from 2019 to 2028")
        func agreesWithReference() throws {
            let first = try CalendarFixtures.day("2019-01-01")
            let last = try CalendarFixtures.day("2028-12-31")
            var date = first
            while date <= last {
                #expect(calendar.isWorkingDay(date) == CalendarFixtures.referenceIsWorkingDay(date), "\(date)")
                date = date.adding(days: 1)!
            }
        }

        @Test("knows exactly the shipped years")
        func knownYears() {
            #expect(calendar.knownYears == Array(2021...2026))
            #expect(calendar.knows(year: 2025))
            #expect(!calendar.knows(year: 2020))
            #expect(!calendar.knows(year: 2027))
        }
    }
}
