import ArgumentParser
import Domain
import Foundation
import ReportRendering
import ServiceDirectory
import WireProtocol

/// `subanctl units`: the bureau's unit directory (routing service). The units' people are staff
/// accounts: `subanctl accounts list --unit CODE`.
struct UnitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract:
            "List, edit, export and import the units (their people are accounts: subanctl accounts list --unit CODE).",
        subcommands: [List.self, Edit.self, Export.self, Import.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the units.")
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let response = try await service.call(.routing, Wire.Routing.listUnits, Wire.ListUnitsRequest())
            switch service.output {
            case .json:
                print(
                    try OrderPrinter.json(
                        response.units.map {
                            [
                                "code": $0.code, "name": $0.name, "level": $0.level, "topics": $0.topics,
                                "active": $0.active,
                            ] as [String: Any]
                        }))
            case .table:
                var table = TextTable(["CODE", "NAME", "LEVEL", "TOPICS", "ACTIVE"])
                for unit in response.units {
                    table.append([
                        unit.code, unit.name, unit.level, unit.topics.joined(separator: ","),
                        unit.active ? "yes" : "no",
                    ])
                }
                print(table.render())
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a unit's name, topics or whether it is chosen (administrators).",
            discussion:
                "Its liaison, head and deputy leader are accounts: subanctl accounts create/update --unit CODE --role ROLE."
        )
        @Argument(help: "The unit's code.") var code: String
        @Option(help: "The unit's Chinese name.") var name: String?
        @Option(help: "The topics it answers for, comma-separated (empty for none), e.g. pension,work_injury.")
        var topics: String?
        @Option(help: "true: routing may choose it; false: kept for history only.") var active: Bool?
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let units = try await service.call(.routing, Wire.Routing.listUnits, Wire.ListUnitsRequest()).units
            guard var unit = units.first(where: { $0.code == code }) else {
                throw ValidationError("no unit \(code); see subanctl units list")
            }
            if let name { unit.name = name }
            if let topics { unit.topics = topics.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            if let active { unit.active = active }
            let response = try await service.call(.routing, Wire.Routing.updateUnit, Wire.UpdateUnitRequest(unit: unit))
            print("updated \(response.unit?.code ?? code)")
        }
    }
}

extension UnitsCommand {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the directory as a file to edit and import again (docs/routing.md)."
        )
        @Option(help: "csv or json.") var format: FileFormat = .csv
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let units = try await service.call(.routing, Wire.Routing.listUnits, Wire.ListUnitsRequest()).units
            let directory = try UnitDirectory(units: units.map { try BureauUnit(wire: $0) })
            switch format {
            case .csv: print(directory.csvText(), terminator: "")
            case .json: print(String(decoding: try directory.jsonBytes(), as: UTF8.self))
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the directory with a CSV or JSON file, all of it or nothing (administrators).",
            discussion:
                "Every unit stays: one that no longer takes orders is kept with active false. Levels never change."
        )
        @Argument(help: "The file: .json, or CSV with the header code,name,level,topics,active.") var file: String
        @Option(help: "csv or json (default: by the file's extension).") var format: FileFormat?
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            guard let content = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let format = format ?? (file.lowercased().hasSuffix(".json") ? .json : .csv)
            let request = Wire.ImportUnitsRequest(content: [UInt8](content), format: format.rawValue)
            let response = try await service.call(.routing, Wire.Routing.importUnits, request)
            print(
                "imported \(response.total) units; added \(Self.list(response.added)), changed \(Self.list(response.changed))"
            )
        }

        private static func list(_ codes: [String]) -> String {
            codes.isEmpty ? "none" : codes.joined(separator: ",")
        }
    }

    enum FileFormat: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }
}

extension BureauUnit {
    /// The unit as routing lists it; a level or topic this subanctl does not know is an error, not a guess.
    fileprivate init(wire: Wire.Unit) throws {
        guard let level = Level(rawValue: wire.level) else {
            throw ValidationError("unit \(wire.code): unknown level \(wire.level)")
        }
        let topics = try wire.topics.map { text in
            guard let topic = WorkOrder.Topic(rawValue: text) else {
                throw ValidationError("unit \(wire.code): unknown topic \(text)")
            }
            return topic
        }
        self.init(code: wire.code, name: wire.name, level: level, topics: topics, active: wire.active)
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
            let response = try await service.call(.routing, Wire.Routing.listEnterprises, Wire.ListEnterprisesRequest())
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
            guard let content = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let response = try await service.call(
                .routing, Wire.Routing.importEnterprises,
                Wire.ImportEnterprisesRequest(csv: [UInt8](content), replace: replace))
            print("imported \(response.imported); \(response.total) key enterprises in all")
        }
    }
}
