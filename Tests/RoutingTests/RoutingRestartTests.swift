import RPC
import Testing
import WireProtocol

/// A restart (the same database opened again) keeps the administrator's edits and does not seed again.
@Suite("routing restart")
struct RoutingRestartTests {
    @Test func editsSurviveARestart() async throws {
        let service = try RoutingTestService()
        defer { service.removeFiles() }

        try await service.run { client in
            var units = try await client.call("routing.list_units", ListUnitsRequest(), as: ListUnitsResponse.self).units
            var unit = try #require(units.first { $0.code == "talent_exchange_center" })
            unit.leaderName = "赵六"
            unit.leaderEmail = "zhao.liu@rsj.example.cn"
            unit.active = false
            _ = try await client.call("routing.update_unit", UpdateUnitRequest(unit: unit), as: UpdateUnitResponse.self)
            _ = try await client.call(
                "routing.import_enterprises",
                ImportEnterprisesRequest(csv: Array("name,credit_code\n三门峡示例实业有限公司,91411200MA44A0B1CH\n".utf8)),
                as: ImportEnterprisesResponse.self
            )
            units = try await client.call("routing.list_units", ListUnitsRequest(), as: ListUnitsResponse.self).units
            #expect(units.first { $0.code == "talent_exchange_center" }?.active == false)
        }

        try await service.run { client in
            let units = try await client.call("routing.list_units", ListUnitsRequest(), as: ListUnitsResponse.self).units
            #expect(units.count == 12)
            let unit = try #require(units.first { $0.code == "talent_exchange_center" })
            #expect(unit.leaderName == "赵六" && unit.leaderEmail == "zhao.liu@rsj.example.cn" && !unit.active)
            let enterprises = try await client.call("routing.list_enterprises", ListEnterprisesRequest(), as: ListEnterprisesResponse.self)
            #expect(enterprises.enterprises.map(\.creditCode) == ["91411200MA44A0B1CH"])
            // The inactive unit is still skipped after the restart.
            let decision = try await client.call(
                "routing.route", RouteOrderRequest(topic: "talent", kind: "complaint", urgency: "normal"), as: RouteOrderResponse.self
            ).decision
            #expect(decision?.units == ["office"] && decision?.ruleId == "nobody_left")
        }
    }
}
