import ArgumentParser
import Domain

extension CalendarCommand {
    /// `subanctl calendar is-working-day 2025-10-11` prints `working` or `off`, followed by
    /// ` provisional` for a year whose holiday notice is not loaded (counted by the law's days off).
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
            guard let day = LocalDate(date) else { return }
            print((calendar.isWorkingDay(day) ? "working" : "off") + (calendar.knows(year: day.year) ? "" : " provisional"))
        }
    }
}
