import Domain
import Foundation
import Testing

extension CalendarTests {
    @Suite("HolidayYear decoding and validation")
    struct HolidayYearTests {
        typealias Code = HolidayYear.ValidationError.Code

        @Test("decodes the documented format, sorted by date")
        func decodesValid() throws {
            let year = try HolidayYear.decode(
                jsonBytes: CalendarFixtures.json(
                    daysOff: ["2025-10-01", "2025-01-01"],
                    workingWeekendDays: ["2025-10-11", "2025-09-28"]
                )
            )
            #expect(year.year == 2025)
            #expect(year.notice == "国办发明电〔2024〕12号")
            #expect(year.published == nil)
            #expect(year.daysOff.map(\.date.description) == ["2025-01-01", "2025-10-01"])
            #expect(year.workingWeekendDays.map(\.date.description) == ["2025-09-28", "2025-10-11"])
            #expect(year.daysOff.first?.name == "测试")
            let entry = try #require(year.entry(for: try CalendarFixtures.day("2025-10-11")))
            #expect(entry.isDayOff == false)
            #expect(year.entry(for: try CalendarFixtures.day("2025-10-12")) == nil)
        }

        @Test("names and the published date are optional; encoding round-trips")
        func roundTrip() throws {
            let text = """
                {"year": 2025, "notice": "N", "published": "2024-11-12",
                 "daysOff": [{"date": "2025-01-01"}], "workingWeekendDays": []}
                """
            let year = try HolidayYear.decode(jsonBytes: Data(text.utf8))
            #expect(year.published == (try CalendarFixtures.day("2024-11-12")))
            #expect(year.daysOff.first?.name == nil)
            #expect(try HolidayYear.decode(jsonBytes: JSONEncoder().encode(year)) == year)
        }

        struct Failure: Sendable, CustomTestStringConvertible {
            let label: String
            let json: Data
            let code: Code
            let field: String?
            let date: String?
            var testDescription: String { label }
        }

        static let failures: [Failure] = [
            Failure(
                label: "day off outside the year",
                json: CalendarFixtures.json(daysOff: ["2025-01-01", "2024-12-31"]),
                code: .dateOutsideYear, field: "daysOff[1].date", date: "2024-12-31"
            ),
            Failure(
                label: "working day outside the year",
                json: CalendarFixtures.json(workingWeekendDays: ["2026-01-04"]),
                code: .dateOutsideYear, field: "workingWeekendDays[0].date", date: "2026-01-04"
            ),
            Failure(
                label: "date both off and working",
                json: CalendarFixtures.json(daysOff: ["2025-01-01", "2025-01-26"], workingWeekendDays: ["2025-01-26"]),
                code: .dateBothOffAndWorking, field: "workingWeekendDays[0].date", date: "2025-01-26"
            ),
            Failure(
                label: "working day on a Monday",
                json: CalendarFixtures.json(workingWeekendDays: ["2025-01-26", "2025-01-27"]),
                code: .workingDayNotOnWeekend, field: "workingWeekendDays[1].date", date: "2025-01-27"
            ),
            Failure(
                label: "duplicate day off",
                json: CalendarFixtures.json(daysOff: ["2025-01-01", "2025-05-01", "2025-01-01"]),
                code: .duplicateDate, field: "daysOff[2].date", date: "2025-01-01"
            ),
            Failure(
                label: "duplicate working day",
                json: CalendarFixtures.json(workingWeekendDays: ["2025-02-08", "2025-02-08"]),
                code: .duplicateDate, field: "workingWeekendDays[1].date", date: "2025-02-08"
            ),
            Failure(
                label: "year out of range",
                json: CalendarFixtures.json(year: 1800, daysOff: [], workingWeekendDays: []),
                code: .invalidYear, field: "year", date: nil
            ),
            Failure(
                label: "empty notice",
                json: CalendarFixtures.json(notice: "  "),
                code: .emptyNotice, field: "notice", date: nil
            ),
            Failure(
                label: "date that does not exist",
                json: CalendarFixtures.json(daysOff: ["2025-02-29"]),
                code: .malformedJSON, field: "daysOff[0].date", date: nil
            ),
            Failure(
                label: "misspelt top-level field",
                json: CalendarFixtures.json(extraTopLevel: "\"workingWeekendDay\": [],"),
                code: .unknownField, field: "workingWeekendDay", date: nil
            ),
            Failure(
                label: "misspelt day field",
                json: Data(
                    #"{"year": 2025, "notice": "N", "daysOff": [{"date": "2025-01-01", "nmae": "x"}], "workingWeekendDays": []}"#
                        .utf8),
                code: .unknownField, field: "daysOff[0].nmae", date: nil
            ),
            Failure(
                label: "missing field",
                json: Data(#"{"year": 2025, "notice": "N", "daysOff": []}"#.utf8),
                code: .malformedJSON, field: "workingWeekendDays", date: nil
            ),
            Failure(
                label: "wrong type",
                json: Data(#"{"year": "2025", "notice": "N", "daysOff": [], "workingWeekendDays": []}"#.utf8),
                code: .malformedJSON, field: "year", date: nil
            ),
            Failure(
                label: "not JSON",
                json: Data("year: 2025".utf8),
                code: .malformedJSON, field: nil, date: nil
            ),
        ]

        @Test("rejects each broken rule, naming the field and date", arguments: failures)
        func rejects(failure: Failure) throws {
            let error = #expect(throws: HolidayYear.ValidationError.self) {
                try HolidayYear.decode(jsonBytes: failure.json)
            }
            #expect(error?.code == failure.code)
            #expect(error?.field == failure.field)
            #expect(error?.date?.description == failure.date)
            #expect(error?.message.isEmpty == false)
        }

        @Test("the initializer validates too")
        func initializerValidates() throws {
            let monday = try CalendarFixtures.day("2025-01-27")
            let error = #expect(throws: HolidayYear.ValidationError.self) {
                try HolidayYear(year: 2025, notice: "N", daysOff: [], workingWeekendDays: [.init(date: monday)])
            }
            #expect(error?.code == .workingDayNotOnWeekend)
            #expect(error?.date == monday)
            #expect(error.map { "\($0)" }?.contains("workingWeekendDays[0].date") == true)
        }
    }
}
