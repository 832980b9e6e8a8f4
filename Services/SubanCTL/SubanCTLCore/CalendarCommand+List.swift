import ArgumentParser
import ReportRendering
import ServiceDirectory
import WireProtocol

extension CalendarCommand {
    /// `subanctl calendar list`: the holiday years the sla service counts deadlines with now,
    /// shipped or loaded, as opposed to the offline commands' own copy.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the holiday years the sla service uses.")

        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let years = try await service.call(.sla, Wire.SLA.listCalendar, Wire.ListCalendarRequest()).years
            switch service.output {
            case .json:
                print(
                    try OrderPrinter.json(
                        years.map {
                            [
                                "year": $0.year, "notice": $0.notice, "days_off": $0.daysOff,
                                "working_weekend_days": $0.workingWeekendDays, "loaded": $0.loaded,
                                "loaded_at": $0.loaded ? OrderPrinter.time($0.loadedUnixMs) : "",
                            ] as [String: Any]
                        }))
            case .table:
                var table = TextTable(["YEAR", "NOTICE", "DAYS OFF", "WEEKEND WORKDAYS", "SOURCE"])
                for year in years {
                    let source = year.loaded ? "loaded \(OrderPrinter.time(year.loadedUnixMs))" : "shipped"
                    table.append(["\(year.year)", year.notice, "\(year.daysOff)", "\(year.workingWeekendDays)", source])
                }
                print(table.render())
            }
        }
    }
}
