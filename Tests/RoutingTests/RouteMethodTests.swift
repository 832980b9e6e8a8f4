import RPC
import Testing
import WireProtocol

/// `routing.route` over the wire, on the shipped directory and rules.
@Suite("routing.route")
struct RouteMethodTests {
    static func route(_ client: RPCClient, _ request: Wire.RouteOrderRequest) async throws -> (
        units: [String], mode: String, track: String, rule: String
    ) {
        let response = try await client.call("routing.route", request, as: Wire.RouteOrderResponse.self)
        let decision = try #require(response.decision)
        #expect(!decision.explanation.isEmpty)
        return (decision.units, decision.handlingMode, decision.track, decision.ruleId)
    }

    @Test func decidesEveryModeOverTheWire() async throws {
        try await RoutingTestService.with { client in
            let wages = try await Self.route(
                client,
                Wire.RouteOrderRequest(topic: "wage_arrears", kind: "complaint", urgency: "urgent", content: "拖欠工资"))
            #expect(
                wages.units == ["labor_inspection_brigade"] && wages.mode == "special_case"
                    && wages.rule == "wage_arrears.special_case")

            let urgent = try await Self.route(
                client, Wire.RouteOrderRequest(topic: "pension", kind: "help", urgency: "urgent", content: "养老金停发"))
            #expect(
                urgent.units == ["pension_insurance_center"] && urgent.mode == "leader_instruction"
                    && urgent.track == "regular")

            let joint = try await Self.route(
                client,
                Wire.RouteOrderRequest(
                    topic: "work_injury", kind: "complaint", urgency: "normal", content: "工伤认定后申领失业金")
            )
            #expect(
                joint.units == ["work_injury_insurance_center", "unemployment_insurance_center"]
                    && joint.mode == "joint_handling")

            let answer = try await Self.route(
                client,
                Wire.RouteOrderRequest(
                    topic: "pension", kind: "consultation", urgency: "normal", content: "如何转移养老保险",
                    knowledgeBaseMatch: true)
            )
            #expect(answer.units == ["office"] && answer.mode == "immediate_answer" && answer.rule == "knowledge_base")

            let green = try await Self.route(
                client,
                Wire.RouteOrderRequest(topic: "business_environment", kind: "help", urgency: "normal", content: "企业招聘难")
            )
            #expect(
                green.units == ["job_placement_center"] && green.mode == "transfer" && green.track == "green_channel")

            let returned = try await Self.route(
                client,
                Wire.RouteOrderRequest(
                    topic: "talent", kind: "complaint", urgency: "normal", content: "档案",
                    excludedUnits: ["talent_exchange_center"]
                )
            )
            #expect(returned.units == ["office"] && returned.mode == "transfer" && returned.rule == "nobody_left")
        }
    }

    @Test func unknownStringsAreInvalidArgumentsNamingTheirFields() async throws {
        try await RoutingTestService.with { client in
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.call(
                    "routing.route",
                    Wire.RouteOrderRequest(
                        topic: "pensions", kind: "", urgency: "soon", excludedUnits: ["office", "nobody"]),
                    as: Wire.RouteOrderResponse.self
                )
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.fieldViolations.map(\.field) == ["topic", "kind", "urgency", "excluded_units[1]"])
            #expect(
                error?.fieldViolations.map(\.code) == ["unknown_value", "required", "unknown_value", "unknown_unit"])
        }
    }
}
