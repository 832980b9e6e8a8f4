import Domain
import Foundation
import GRDB
import Persistence
import RPC
import RoutingCore
import Testing
import WireProtocol

/// `routing.import_units`: the administrator replaces the directory with a file, whole or not at all.
@Suite("routing unit import")
struct UnitImportMethodTests {
    static func importing(_ client: RPCClient, _ text: String, format: String) async throws -> Wire.ImportUnitsResponse
    {
        try await client.call(
            "routing.import_units", Wire.ImportUnitsRequest(content: Array(text.utf8), format: format),
            as: Wire.ImportUnitsResponse.self)
    }

    /// The shipped directory as CSV with 调解仲裁管理科 added for mediation and arbitration.
    static var csvWithMediationSection: String {
        let shipped = (try? UnitDirectory(units: UnitDirectory.shipped.units).csvText()) ?? ""
        return shipped.replacingOccurrences(
            of: "business_environment;mediation_arbitration;other", with: "business_environment;other")
            + "mediation_arbitration_section,调解仲裁管理科,unit,mediation_arbitration,true\n"
    }

    @Test func aCSVFileAddsAUnitThatRoutesAtOnceAndTheImportIsRecorded() async throws {
        let service = try RoutingTestService()
        defer { service.removeFiles() }
        try await service.run { client in
            let response = try await Self.importing(client, Self.csvWithMediationSection, format: "csv")
            #expect(
                response.added == ["mediation_arbitration_section"] && response.changed == ["office"]
                    && response.total == 13)
            let decision = try await client.call(
                "routing.route",
                Wire.RouteOrderRequest(topic: "mediation_arbitration", kind: "complaint", urgency: "normal"),
                as: Wire.RouteOrderResponse.self
            ).decision
            #expect(decision?.units == ["mediation_arbitration_section"])
        }
        try await service.run { client in
            let units = try await client.call(
                "routing.list_units", Wire.ListUnitsRequest(), as: Wire.ListUnitsResponse.self
            ).units
            #expect(units.last?.name == "调解仲裁管理科" && units.count == 13)
        }
        let database = try ServiceDatabase.open(
            directory: service.directory, name: "routing", migrations: RoutingService.migrations)
        defer { try? database.close() }
        let audit = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT account, detail FROM edit_event WHERE action = 'directory_imported'")
        }
        #expect(
            audit.count == 1 && (audit.first?["detail"] as String?)?.contains("mediation_arbitration_section") == true)
    }

    @Test(arguments: [
        ("code,name,level,topics,active\noffice,办公室,desk,,true\n", "csv", "units"),  // no enterprise-help liaison
        ("code,name,level,topics,active\n", "csv", "units"),
        (
            #"{"units": [{"code": "office", "name": "办公室", "level": "desk", "colour": "red"}]}"#, "json",
            "units[0].colour"
        ),
        ("", "yaml", "format"),
    ])
    func aFaultyFileIsRefusedWithItsFieldAndChangesNothing(text: String, format: String, field: String) async throws {
        try await RoutingTestService.with { client in
            let error = await #expect(throws: RPCError.self) {
                _ = try await Self.importing(client, text, format: format)
            }
            #expect(error?.code == .invalidArgument && error?.fieldViolations.first?.field == field)
            let units = try await client.call(
                "routing.list_units", Wire.ListUnitsRequest(), as: Wire.ListUnitsResponse.self
            ).units
            #expect(units.map(\.code) == UnitDirectory.shipped.units.map(\.code))
        }
    }

    @Test func aFileLeavingOutAUnitIsRefusedAndSaysToKeepItInactive() async throws {
        try await RoutingTestService.with { client in
            let lines = try UnitDirectory(units: UnitDirectory.shipped.units).csvText().split(separator: "\n")
            let withoutSkills = lines.filter { !$0.hasPrefix("skills_appraisal_center,") }.joined(separator: "\n")
            let error = await #expect(throws: RPCError.self) {
                _ = try await Self.importing(client, withoutSkills, format: "csv")
            }
            #expect(
                error?.fieldViolations.map(\.message) == [
                    "the unit skills_appraisal_center (职业技能鉴定指导中心) is missing; orders and accounts name it, so keep it with active false"
                ])
        }
    }
}
