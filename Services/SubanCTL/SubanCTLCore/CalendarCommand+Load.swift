import ArgumentParser
import Domain
import Foundation
import Logging
import RPC
import ServiceDirectory
import WireProtocol

extension CalendarCommand {
    /// `subanctl calendar load holidays-2027.json`: checks the file, then has the sla service
    /// store it and recompute the open deadlines it moves. A bad file changes nothing.
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load one year's holiday notice into the sla service.",
            discussion:
                "The file is one year in the JSON format of docs/calendar.md; it replaces any copy of that year."
        )

        @Argument(help: ArgumentHelp("The holiday file.", valueName: "FILE"))
        var file: String

        @OptionGroup var connection: ServiceConnection

        func run() async throws {
            guard let bytes = FileManager.default.contents(atPath: file) else {
                throw ValidationError("\(file) cannot be read")
            }
            // Checked here first, so that a typo is reported without a round trip; the service
            // checks again (it trusts no client).
            let year: HolidayYear
            do {
                year = try HolidayYear.decode(jsonBytes: bytes)
            } catch {
                throw ValidationError("\(file) is not a valid holiday year: \(error.message)")
            }
            let environment = ProcessInfo.processInfo.environment
            let address: ServiceAddress
            do {
                address = try connection.targets.address(of: .sla, environment: environment)
            } catch {
                throw ValidationError("\(error)")
            }
            let client = try connection.client(
                at: address,
                credentials: connection.signing.credentials(environment: environment, connection: connection)
            )
            let result: Result<Wire.LoadCalendarResponse, RPCError>
            do {
                result = .success(
                    try await client.call(Wire.SLA.loadCalendar, Wire.LoadCalendarRequest(json: [UInt8](bytes)))
                )
            } catch {
                result = .failure(error)
            }
            await client.shutdown()
            switch result {
            case .success(let response):
                let clocks = response.recomputed == 1 ? "1 open deadline" : "\(response.recomputed) open deadlines"
                print("loaded \(response.year) (\(year.notice)): \(clocks) moved")
            case .failure(let error) where error.code == .unavailable || error.code == .deadlineExceeded:
                FileHandle.standardError.write(Data("sla: unreachable at \(address): \(error.message)\n".utf8))
                throw ExitCode(1)
            case .failure(let error):
                FileHandle.standardError.write(Data("sla: refused: \(error.message)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
