import ArgumentParser
import Domain
import Foundation
import ServiceDirectory
import WireProtocol

/// `subanctl calendar`: the working-day calendar, whose owner is the sla service. `is-working-day`
/// and `deadline` count on the years it uses (shipped and loaded), or with `--offline` on the
/// calendar compiled into Suban plus the years in `SUBAN_CALENDAR_DIR`; `list` shows the years
/// the sla service uses and `load` sends it a holiday notice.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working days and deadlines; list and load the sla service's holiday notices.",
        discussion: """
            is-working-day and deadline ask the sla service, which owns the calendar, for the years it \
            counts deadlines with. With --offline they work without any service, on the holiday notices \
            shipped with Suban plus every *.json file (one year each, format of docs/calendar.md) \
            in the folder named by SUBAN_CALENDAR_DIR, if set; a file there replaces a shipped year.
            """,
        subcommands: [IsWorkingDay.self, Deadline.self, List.self, Load.self]
    )

    /// The variable naming a folder of extra holiday files for the offline commands.
    static let directoryVariable = "SUBAN_CALENDAR_DIR"

    /// Where `is-working-day` and `deadline` take their calendar from.
    struct Source: ParsableArguments {
        /// The sla service could not be asked: why, and the way round it.
        struct Unanswered: Error, CustomStringConvertible {
            var description: String
        }

        @Flag(help: "Count on the notices shipped with Suban and SUBAN_CALENDAR_DIR instead of asking the sla service.")
        var offline = false
        @OptionGroup var service: ServiceCallOptions

        /// The sla service's calendar (shipped years and those loaded into it), or the offline one.
        func calendar() async throws -> WorkingDayCalendar {
            if offline { return try CalendarCommand.offlineCalendar() }
            let years: [Wire.CalendarYear]
            do {
                years = try await service.call(.sla, Wire.SLA.listCalendar, Wire.ListCalendarRequest()).years
            } catch {
                throw Unanswered(
                    description:
                        "\(error)\n(the sla service owns the calendar; --offline counts on the notices shipped with Suban and SUBAN_CALENDAR_DIR instead)"
                )
            }
            let decoded = try years.map { year throws(ValidationError) in
                do throws(HolidayYear.ValidationError) {
                    return try HolidayYear.decode(jsonBytes: Data(year.json))
                } catch {
                    throw ValidationError(
                        "the sla service's year \(year.year) is not a valid holiday year: \(error.message)")
                }
            }
            return WorkingDayCalendar(years: ShippedHolidayYears.all + decoded)
        }
    }

    /// The offline calendar: shipped years, then those in `SUBAN_CALENDAR_DIR` (later wins).
    static func offlineCalendar(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> WorkingDayCalendar
    {
        guard let directory = environment[directoryVariable], !directory.isEmpty else { return .shipped }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
                .sorted()
        } catch {
            throw ValidationError("\(directoryVariable)=\(directory) cannot be read: \(error.localizedDescription)")
        }
        var years: [HolidayYear] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw ValidationError("\(path) cannot be read")
            }
            do {
                years.append(try HolidayYear.decode(jsonBytes: bytes))
            } catch {
                throw ValidationError("\(path) is not a valid holiday year: \(error.message)")
            }
        }
        return WorkingDayCalendar(years: ShippedHolidayYears.all + years)
    }
}
