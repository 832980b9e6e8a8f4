import ArgumentParser
import Domain

extension CalendarCommand {
    /// `subanctl calendar is-working-day 2025-10-11` prints `working` or `off`, followed by
    /// ` provisional` for a year whose holiday notice is not loaded (counted by the law's days off).
    struct IsWorkingDay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "is-working-day",
            abstract: "Print working or off for a date (the sla service's calendar, or --offline)."
        )

        @Argument(help: ArgumentHelp("The date.", valueName: "YYYY-MM-DD"))
        var date: String

        @OptionGroup var source: CalendarCommand.Source

        func validate() throws {
            guard LocalDate(date) != nil else {
                throw ValidationError("\"\(date)\" is not a date: expected YYYY-MM-DD, e.g. 2025-10-11")
            }
        }

        func run() async throws {
            let calendar = try await source.calendar()
            guard let day = LocalDate(date) else { return }
            print(
                (calendar.isWorkingDay(day) ? "working" : "off")
                    + (calendar.knows(year: day.year) ? "" : " provisional"))
        }
    }
}
