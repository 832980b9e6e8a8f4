import ArgumentParser
import Foundation
import ServiceDirectory
import WireProtocol

/// `subanctl anonymise`: erases the callers of orders closed or returned longer ago than the
/// retention period (个人信息保护法: personal data kept no longer than its purpose needs).
struct AnonymiseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anonymise",
        abstract:
            "Erase the caller's name, phone and ID number of orders closed or returned more than --retention-days ago.",
        discussion:
            "The orders, their logs and the assessment's figures stay. Administrators only; each order is recorded in the edit log."
    )

    @Option(
        name: .customLong("retention-days"), help: "How long a closed order keeps its caller, in days (at least 30).")
    var retentionDays: Int
    @OptionGroup var service: ServiceCallOptions

    func validate() throws {
        guard (30...36_500).contains(retentionDays) else {
            throw ValidationError("--retention-days must be a number of days from 30 to 36500")
        }
    }

    func run() async throws {
        let response = try await service.call(
            .intake, Wire.Intake.anonymiseCallers, Wire.AnonymiseCallersRequest(retentionDays: UInt32(retentionDays))
        )
        let cutoff = Date(timeIntervalSince1970: Double(response.closedBeforeUnixMs) / 1000)
        switch service.output {
        case .json:
            print(
                try OrderPrinter.json([
                    "anonymised": Int(response.anonymised),
                    "closed_before": ISO8601DateFormatter().string(from: cutoff),
                ]))
        case .table:
            print(
                "anonymised the callers of \(response.anonymised) orders closed or returned before \(ISO8601DateFormatter().string(from: cutoff))"
            )
        }
    }
}
