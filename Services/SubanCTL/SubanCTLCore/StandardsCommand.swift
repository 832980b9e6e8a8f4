import ArgumentParser
import Domain
import Foundation
import ReportRendering
import ServiceDirectory
import WireProtocol

/// `subanctl standards`: the wage-arrears closure standards in force (intake), each with its
/// evidence items by code, which `reply --evidence E1=…` names.
struct StandardsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standards",
        abstract: "The wage-arrears closure standards (办结标准) and their evidence items.",
        subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the standards in force with their evidence codes; --output json prints the table's JSON."
        )
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let response = try await service.call(.intake, Wire.Intake.listStandards, Wire.ListStandardsRequest())
            let bytes = Data(response.tableJson)
            if service.output == .json {
                print(String(decoding: bytes, as: UTF8.self))
                return
            }
            let table = try ClosureStandardTable.decode(jsonBytes: bytes)
            print("version \(table.version)\(table.isProvisional ? " (provisional)" : "")")
            var rows = TextTable(["CODE", "TITLE", "SOLVED", "PAYMENT", "EVIDENCE"])
            for standard in table.standards {
                for (index, item) in standard.requiredEvidence.enumerated() {
                    let first = index == 0
                    rows.append([
                        first ? standard.code : "", first ? standard.title : "",
                        first ? (standard.countsAsSolved ? "yes" : "no") : "",
                        first ? (standard.recordsPayment ? "workers, amount" : "-") : "",
                        "\(ClosureStandard.evidenceCode(at: index)) \(item)",
                    ])
                }
            }
            print(rows.render())
        }
    }
}
