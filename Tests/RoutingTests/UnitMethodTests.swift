import RPC
import Testing
import WireProtocol

/// `routing.list_units` and `routing.update_unit`.
@Suite("routing units")
struct UnitMethodTests {
    static func units(_ client: RPCClient) async throws -> [Wire.Unit] {
        try await client.call("routing.list_units", Wire.ListUnitsRequest(), as: Wire.ListUnitsResponse.self).units
    }

    @Test func listsTheSeededDirectory() async throws {
        try await RoutingTestService.with { client in
            let units = try await Self.units(client)
            #expect(units.count == 12)
            #expect(units.first?.code == "office" && units.first?.level == "desk")
            #expect(units.filter { $0.level == "unit" }.count == 10)
            #expect(units.filter { $0.level == "enterprise_help" }.map(\.name) == ["助企联络员"])
            #expect(units.allSatisfy { $0.active })
            #expect(
                units.first { $0.code == "labor_inspection_brigade" }?.topics == ["wage_arrears", "labor_inspection"])
        }
    }

    @Test func aValidEditIsStoredAndRoutesFollowIt() async throws {
        try await RoutingTestService.with { client in
            var unit = try #require(try await Self.units(client).first { $0.code == "labor_inspection_brigade" })
            unit.name = "劳动保障监察支队（综合执法）"
            unit.topics.append("mediation_arbitration")
            unit.level = ""  // "unchanged", for callers that do not send it
            let response = try await client.call(
                "routing.update_unit", Wire.UpdateUnitRequest(unit: unit), as: Wire.UpdateUnitResponse.self)
            #expect(response.unit?.name == "劳动保障监察支队（综合执法）" && response.unit?.level == "unit")
            let stored = try #require(try await Self.units(client).first { $0.code == "labor_inspection_brigade" })
            #expect(stored.name == "劳动保障监察支队（综合执法）")
            #expect(stored.topics == ["wage_arrears", "labor_inspection", "mediation_arbitration"])

            let decision = try await client.call(
                "routing.route",
                Wire.RouteOrderRequest(topic: "mediation_arbitration", kind: "complaint", urgency: "normal"),
                as: Wire.RouteOrderResponse.self
            ).decision
            #expect(decision?.units == ["labor_inspection_brigade"])
        }
    }

    @Test func anInvalidEditNamesEveryFieldAndChangesNothing() async throws {
        try await RoutingTestService.with { client in
            let before = try await Self.units(client)
            var unit = try #require(before.first { $0.code == "work_injury_insurance_center" })
            unit.name = " "
            unit.topics = ["work_injury", "injuries"]
            unit.level = "desk"
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.call(
                    "routing.update_unit", Wire.UpdateUnitRequest(unit: unit), as: Wire.UpdateUnitResponse.self)
            }
            #expect(error?.code == .invalidArgument)
            #expect(
                error?.fieldViolations.map(\.field)
                    == ["unit.topics[1]", "unit.name", "unit.level"]
            )
            #expect(try await Self.units(client) == before)
        }
    }

    @Test func anUnknownCodeOrAMissingUnitIsRefused() async throws {
        try await RoutingTestService.with { client in
            var unit = try #require(try await Self.units(client).first)
            unit.code = "arbitration_section"
            let unknown = await #expect(throws: RPCError.self) {
                _ = try await client.call(
                    "routing.update_unit", Wire.UpdateUnitRequest(unit: unit), as: Wire.UpdateUnitResponse.self)
            }
            #expect(unknown?.fieldViolations.map(\.field) == ["unit.code"])
            #expect(unknown?.fieldViolations.map(\.code) == ["unknown_unit"])

            let missing = await #expect(throws: RPCError.self) {
                _ = try await client.call(
                    "routing.update_unit", Wire.UpdateUnitRequest(), as: Wire.UpdateUnitResponse.self)
            }
            #expect(missing?.code == .invalidArgument && missing?.fieldViolations.map(\.field) == ["unit"])
        }
    }
}
