import ArgumentParser
import Domain

extension CalendarCommand {
    /// `subanctl calendar is-working-day 2025-10-11` prints `working` or `off`.
    struct IsWorkingDay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "is-working-day",
            abstract: "Print working or off for a date (offline)."
        )

        @Argument(help: ArgumentHelp("The date.", valueName: "YYYY-MM-DD"))
        var date: String

        func validate() throws {
            guard LocalDate(date) != nil else {
                throw ValidationError("\"\(date)\" is not a date: expected YYYY-MM-DD, e.g. 2025-10-11")
            }
        }

        func run() throws {
            let calendar = try CalendarCommand.offlineCalendar()
            print(calendar.isWorkingDay(LocalDate(date)!) ? "working" : "off")
        }
    }
}
