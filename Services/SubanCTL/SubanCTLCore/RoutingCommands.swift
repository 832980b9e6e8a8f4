import ArgumentParser
import Domain
import Foundation
import ReportRendering
import ServiceDirectory
import WireProtocol

/// `subanctl routing`: the routing rules in force (routing service), listed, and replaced whole
/// by an administrator from a JSON file (docs/routing.md); each replacement is recorded as theirs.
struct RoutingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routing",
        abstract: "List the routing rules, or replace them from a JSON file (administrators).",
        subcommands: [Rules.self, LoadRules.self]
    )

    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "List the rules in force; --output json prints the file `load-rules` takes, to edit and load back."
        )
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let response = try await service.call(.routing, Wire.Routing.listRules, Wire.ListRulesRequest())
            let bytes = Data(response.rulesJson)
            if service.output == .json {
                print(String(decoding: bytes, as: UTF8.self))
                return
            }
            let rules = try RoutingRuleSet.decode(storedJSON: bytes)
            var table = TextTable(["ID", "TOPICS", "KEYWORDS", "UNITS", "MODE"])
            for rule in rules.rules {
                table.append([
                    rule.id, rule.topics.map(\.rawValue).joined(separator: ","), rule.keywords.joined(separator: "、"),
                    rule.units.joined(separator: ","), rule.mode?.rawValue ?? "-",
                ])
            }
            print("version \(rules.version)")
            print(table.render())
            if !rules.terms.isEmpty {
                print("terms (a keyword inside one does not match): " + rules.terms.joined(separator: "、"))
            }
        }
    }

    struct LoadRules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load-rules",
            abstract:
                "Replace the whole rule set with a JSON file; a file with any fault is refused and changes nothing."
        )
        @Argument(help: "The JSON file (start from `subanctl routing rules --output json`).") var file: String
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            guard let content = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let response = try await service.call(
                .routing, Wire.Routing.replaceRules, Wire.ReplaceRulesRequest(rulesJson: [UInt8](content)))
            print("loaded rule set \(response.version): rules \(response.rules), terms \(response.terms)")
        }
    }
}
