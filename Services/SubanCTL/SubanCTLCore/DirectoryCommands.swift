import ArgumentParser
import Foundation
import ReportRendering
import ServiceKit
import WireProtocol

/// `subanctl units`: the bureau's unit directory (routing service).
struct UnitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract: "List and edit the units, their liaisons and leaders.",
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
                    ["code": $0.code, "name": $0.name, "level": $0.level, "liaison": $0.liaisonName, "liaison_email": $0.liaisonEmail,
                     "leader": $0.leaderName, "deputy_leader": $0.deputyLeaderName, "topics": $0.topics, "active": $0.active] as [String: Any]
                }))
            case .table:
                var table = TextTable(["CODE", "NAME", "LEVEL", "LIAISON", "LEADER", "DEPUTY LEADER", "TOPICS"])
                for unit in response.units {
                    table.append([unit.code, unit.name, unit.level, unit.liaisonName, unit.leaderName, unit.deputyLeaderName, unit.topics.joined(separator: ",")])
                }
                print(table.render())
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a unit's people or contact addresses.")
        @Argument(help: "The unit's code.") var code: String
        @Option var name: String?
        @Option(name: .customLong("liaison")) var liaisonName: String?
        @Option(name: .customLong("liaison-email")) var liaisonEmail: String?
        @Option(name: .customLong("leader")) var leaderName: String?
        @Option(name: .customLong("leader-email")) var leaderEmail: String?
        @Option(name: .customLong("deputy-leader")) var deputyLeaderName: String?
        @Option(name: .customLong("deputy-leader-email")) var deputyLeaderEmail: String?
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let units = try await service.call(.routing, "routing.list_units", ListUnitsRequest(), as: ListUnitsResponse.self).units
            guard var unit = units.first(where: { $0.code == code }) else {
                throw ValidationError("no unit \(code); see subanctl units list")
            }
            if let name { unit.name = name }
            if let liaisonName { unit.liaisonName = liaisonName }
            if let liaisonEmail { unit.liaisonEmail = liaisonEmail }
            if let leaderName { unit.leaderName = leaderName }
            if let leaderEmail { unit.leaderEmail = leaderEmail }
            if let deputyLeaderName { unit.deputyLeaderName = deputyLeaderName }
            if let deputyLeaderEmail { unit.deputyLeaderEmail = deputyLeaderEmail }
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
