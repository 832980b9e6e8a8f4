import ArgumentParser
import Domain

extension CalendarCommand {
    /// `subanctl calendar deadline --from 2025-09-30T10:00:00+08:00 --working-days 5` prints one
    /// line: the deadline with `+08:00`, followed by ` provisional` when a year it depends on has
    /// no loaded holiday notice.
    struct Deadline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the deadline of a period from a time (the sla service's calendar, or --offline).",
            discussion: """
                Exactly one of --working-days, --same-day, --months, --minutes. Periods in days end \
                at 24:00 Asia/Shanghai, printed as 00:00 of the next day (docs/calendar.md).
                """
        )

        @Option(help: ArgumentHelp("When the period starts, in ISO 8601 with an offset.", valueName: "time"))
        var from: String

        @Option(name: .customLong("working-days"), help: "N working days, the first day not counted.")
        var workingDays: Int?

        @Flag(name: .customLong("same-day"), help: "The end of the day, or of the next working day when it is not one.")
        var sameDay = false

        @Option(help: "N calendar months, moved to the next working day.")
        var months: Int?

        @Option(help: "N minutes of wall-clock time.")
        var minutes: Int?

        @OptionGroup var source: CalendarCommand.Source

        func validate() throws {
            guard ShanghaiTime.parseISO8601(from) != nil else {
                throw ValidationError(
                    "--from \"\(from)\" is not an ISO 8601 time with an offset, e.g. 2025-09-30T10:00:00+08:00"
                )
            }
            let modes = [workingDays != nil, sameDay, months != nil, minutes != nil].filter { $0 }.count
            guard modes == 1 else {
                throw ValidationError(
                    modes == 0
                        ? "give one of --working-days, --same-day, --months, --minutes"
                        : "give only one of --working-days, --same-day, --months, --minutes"
                )
            }
            for (name, value) in [("--working-days", workingDays), ("--months", months), ("--minutes", minutes)] {
                if let value, value <= 0 {
                    throw ValidationError("\(name) must be a positive number, got \(value)")
                }
            }
        }

        func run() async throws {
            let calendar = try await source.calendar()
            guard let start = ShanghaiTime.parseISO8601(from) else {
                throw ValidationError("--from \(from): expected an ISO 8601 time")
            }
            let deadline: Domain.Deadline
            do {
                if let workingDays {
                    deadline = try calendar.deadline(workingDays: workingDays, from: start)
                } else if let months {
                    deadline = try calendar.deadline(months: months, from: start)
                } else if let minutes {
                    deadline = try calendar.deadline(minutes: minutes, from: start)
                } else {
                    deadline = try calendar.sameDayDeadline(from: start)
                }
            } catch {
                throw ValidationError(error.message)
            }
            print(ShanghaiTime.iso8601(deadline.instant) + (deadline.isProvisional ? " provisional" : ""))
        }
    }
}
