import Domain
import Foundation
import Testing

extension CalendarTests {
    /// The generated `ShippedHolidayYears.swift` must say exactly what the JSON files say: run
    /// `scripts/generate-calendar.sh` after editing them.
    @Suite("Generated calendar matches its JSON sources")
    struct ShippedHolidayYearsTests {
        /// `Shared/Domain/Calendar/Data`, found from this file's path; symbolic links are resolved so
        /// that the test also works from a harness that links the test folder in.
        static func dataDirectory() -> URL {
            URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
                .deletingLastPathComponent()  // Calendar
                .deletingLastPathComponent()  // DomainTests
                .deletingLastPathComponent()  // Tests
                .deletingLastPathComponent()  // repository root
                .appendingPathComponent("Shared/Domain/Calendar/Data")
        }

        static func decodedFiles() throws -> [HolidayYear] {
            let directory = dataDirectory()
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasPrefix("holidays-") && $0.hasSuffix(".json") }
                .sorted()
            return try names.map { name in
                let year = try HolidayYear.decode(jsonBytes: Data(contentsOf: directory.appendingPathComponent(name)))
                #expect(name == "holidays-\(year.year).json")
                return year
            }
        }

        @Test("every JSON file decodes, validates and equals its compiled-in copy")
        func generatedMatchesJSON() throws {
            let fromFiles = try Self.decodedFiles()
            #expect(fromFiles.map(\.year) == Array(2021...2026))
            #expect(ShippedHolidayYears.all.map(\.year) == fromFiles.map(\.year))
            for (file, embedded) in zip(fromFiles, ShippedHolidayYears.all) {
                // Differences first, so that a stale file reports the changed dates, not two whole years.
                let offChanges = Set(file.daysOff).symmetricDifference(embedded.daysOff)
                let workingChanges = Set(file.workingWeekendDays).symmetricDifference(embedded.workingWeekendDays)
                #expect(offChanges.isEmpty, "\(file.year) days off differ: run scripts/generate-calendar.sh")
                #expect(workingChanges.isEmpty, "\(file.year) working days differ: run scripts/generate-calendar.sh")
                #expect(file.notice == embedded.notice && file.published == embedded.published)
                if offChanges.isEmpty, workingChanges.isEmpty {
                    #expect(file == embedded, "year \(file.year): run scripts/generate-calendar.sh")
                }
            }
        }

        @Test("the compiled-in years pass validation")
        func embeddedYearsValidate() throws {
            for year in ShippedHolidayYears.all {
                let revalidated = try HolidayYear(
                    year: year.year,
                    notice: year.notice,
                    published: year.published,
                    daysOff: year.daysOff,
                    workingWeekendDays: year.workingWeekendDays
                )
                #expect(revalidated == year)
            }
        }
    }
}
