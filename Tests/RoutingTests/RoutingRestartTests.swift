import GRDB
import Persistence
import RPC
import RoutingCore
import Testing
import WireProtocol

/// A restart (the same database opened again) keeps the administrator's edits and does not seed again.
@Suite("routing restart")
struct RoutingRestartTests {
    @Test func editsSurviveARestart() async throws {
        let service = try RoutingTestService()
        defer { service.removeFiles() }

        try await service.run { client in
            var units = try await client.call(
                "routing.list_units", Wire.ListUnitsRequest(), as: Wire.ListUnitsResponse.self
            ).units
            var unit = try #require(units.first { $0.code == "talent_exchange_center" })
            unit.name = "人才交流服务中心"
            unit.active = false
            _ = try await client.call(
                "routing.update_unit", Wire.UpdateUnitRequest(unit: unit), as: Wire.UpdateUnitResponse.self)
            _ = try await client.call(
                "routing.import_enterprises",
                Wire.ImportEnterprisesRequest(csv: Array("name,credit_code\n三门峡示例实业有限公司,91411200MA44A0B1CH\n".utf8)),
                as: Wire.ImportEnterprisesResponse.self
            )
            units = try await client.call(
                "routing.list_units", Wire.ListUnitsRequest(), as: Wire.ListUnitsResponse.self
            ).units
            #expect(units.first { $0.code == "talent_exchange_center" }?.active == false)
        }

        try await service.run { client in
            let units = try await client.call(
                "routing.list_units", Wire.ListUnitsRequest(), as: Wire.ListUnitsResponse.self
            ).units
            #expect(units.count == 12)
            let unit = try #require(units.first { $0.code == "talent_exchange_center" })
            #expect(unit.name == "人才交流服务中心" && !unit.active)
            let enterprises = try await client.call(
                "routing.list_enterprises", Wire.ListEnterprisesRequest(), as: Wire.ListEnterprisesResponse.self)
            #expect(enterprises.enterprises.map(\.creditCode) == ["91411200MA44A0B1CH"])
            // The inactive unit is still skipped after the restart.
            let decision = try await client.call(
                "routing.route", Wire.RouteOrderRequest(topic: "talent", kind: "complaint", urgency: "normal"),
                as: Wire.RouteOrderResponse.self
            ).decision
            #expect(decision?.units == ["office"] && decision?.ruleId == "nobody_left")
        }
    }
}

/// A database written before units' people became accounts opens with its units, and no contacts left.
@Suite("routing upgrade")
struct RoutingUpgradeTests {
    @Test func aDirectoryWithContactsKeepsItsUnitsAndLosesThePeople() async throws {
        let service = try RoutingTestService()
        defer { service.removeFiles() }
        let before = Array(RoutingService.migrations.prefix { $0.identifier != "2026-12-05-unit-people-to-accounts" })
        #expect(before.count == RoutingService.migrations.count - 1)
        let old = try ServiceDatabase.open(directory: service.directory, name: "routing", migrations: before)
        try await old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO unit (code, position, name, level, liaison_name, liaison_email, leader_name, leader_email,
                        deputy_leader_name, deputy_leader_email, topics, active)
                    VALUES ('office', 0, '办公室', 'desk', '王五', 'wang.wu@rsj.example.cn', '', 'l@rsj.example.cn', '',
                        'd@rsj.example.cn', '["other"]', 1),
                        ('enterprise_help', 1, '助企联络员', 'enterprise_help', '', 'e@rsj.example.cn', '', 'e@rsj.example.cn', '',
                        'e@rsj.example.cn', '[]', 1)
                    """
            )
            try db.execute(
                sql: "INSERT INTO routing_meta (key, value) VALUES ('seeded_at', 'before'), ('rules_version', 'v0')")
        }
        try old.close()

        try await service.run { client in
            let units = try await client.call(
                "routing.list_units", Wire.ListUnitsRequest(), as: Wire.ListUnitsResponse.self
            ).units
            #expect(units.map(\.code) == ["office", "enterprise_help"] && units.first?.topics == ["other"])
        }
        let upgraded = try ServiceDatabase.open(
            directory: service.directory, name: "routing", migrations: RoutingService.migrations)
        defer { try? upgraded.close() }
        let columns = try await upgraded.read { db in try db.columns(in: "unit").map(\.name) }
        #expect(!columns.contains { $0.contains("email") || $0.contains("liaison") || $0.contains("leader") })
    }
}
