import ArgumentParser
import Foundation
import ReportRendering
import ServiceKit
import WireProtocol

/// `subanctl units`: the bureau's unit directory (routing service). The units' people are staff
/// accounts: `subanctl accounts list --unit CODE`.
struct UnitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract: "List and edit the units (their people are accounts: subanctl accounts list --unit CODE).",
        subcommands: [List.self, Edit.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the units.")
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let response = try await service.call(.routing, "routing.list_units", ListUnitsRequest(), as: ListUnitsResponse.self)
            switch service.output {
            case .json:
                print(try OrderPrinter.json(response.units.map {
                    ["code": $0.code, "name": $0.name, "level": $0.level, "topics": $0.topics, "active": $0.active] as [String: Any]
                }))
            case .table:
                var table = TextTable(["CODE", "NAME", "LEVEL", "TOPICS", "ACTIVE"])
                for unit in response.units {
                    table.append([unit.code, unit.name, unit.level, unit.topics.joined(separator: ","), unit.active ? "yes" : "no"])
                }
                print(table.render())
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a unit's name, topics or whether it is chosen (administrators).",
            discussion: "Its liaison, head and deputy leader are accounts: subanctl accounts create/update --unit CODE --role ROLE."
        )
        @Argument(help: "The unit's code.") var code: String
        @Option(help: "The unit's Chinese name.") var name: String?
        @Option(help: "The topics it answers for, comma-separated (empty for none), e.g. pension,work_injury.") var topics: String?
        @Option(help: "true: routing may choose it; false: kept for history only.") var active: Bool?
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let units = try await service.call(.routing, "routing.list_units", ListUnitsRequest(), as: ListUnitsResponse.self).units
            guard var unit = units.first(where: { $0.code == code }) else {
                throw ValidationError("no unit \(code); see subanctl units list")
            }
            if let name { unit.name = name }
            if let topics { unit.topics = topics.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            if let active { unit.active = active }
            let response = try await service.call(.routing, "routing.update_unit", UpdateUnitRequest(unit: unit), as: UpdateUnitResponse.self)
            print("updated \(response.unit?.code ?? code)")
        }
    }
}

/// `subanctl enterprises`: the 99 key enterprises of 万人助万企 (routing service).
struct EnterprisesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enterprises",
        abstract: "List or import the key enterprises.",
        subcommands: [List.self, Import.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the key enterprises.")
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let response = try await service.call(.routing, "routing.list_enterprises", ListEnterprisesRequest(), as: ListEnterprisesResponse.self)
            var table = TextTable(["CREDIT CODE", "NAME"])
            for enterprise in response.enterprises { table.append([enterprise.creditCode, enterprise.name]) }
            print(table.render())
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a CSV (name,credit_code); all rows or none.")
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Replace the whole list instead of adding to it.") var replace = false
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            guard let content = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let response = try await service.call(.routing, "routing.import_enterprises", ImportEnterprisesRequest(csv: [UInt8](content), replace: replace), as: ImportEnterprisesResponse.self)
            print("imported \(response.imported); \(response.total) key enterprises in all")
        }
    }
}
