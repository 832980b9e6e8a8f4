import Domain
import Foundation
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

/// A green-channel order runs the same-day clock from acknowledgement; the desk's classification
/// as complex or difficult replaces it with the level's clock.
@Suite("Intake: green-channel classification")
struct GreenChannelTests {
    static let greenChannel = Wire.RoutingDecision(
        units: ["employment_office"], handlingMode: "transfer", track: "green_channel", ruleId: "test.green",
        explanation: "test"
    )

    @Test func classifyingStopsTheSameDayClockAndStartsTheLevelsClock() async throws {
        try await IntakeFixture.run(routingDecision: Self.greenChannel) { intake in
            let draft = IntakeFixture.draft(content: "企业办理用工备案遇到困难，请求协调。", topic: "business_environment")
            let order = try #require(try await intake.submit(draft).order)
            #expect(order.track == "green_channel")
            try await intake.apply(order.id, "acknowledge", as: "liaison")
            var started: [String] = []
            while !started.contains("green_same_day"), let call = await intake.sla.nextCall("sla.start_clock") {
                started.append(try Wire.StartClockRequest(wireBytes: call.body).kind)
            }

            let classified = try await intake.apply(
                order.id, "classify_green_channel", as: "bureau_desk", unit: "office"
            ) {
                $0.greenLevel = "complex"
                $0.reason = "需会同市场监管部门核实"
            }
            #expect(classified.order?.greenLevel == "complex" && classified.order?.state == "acknowledged")
            let stop = try #require(await intake.sla.nextCall("sla.stop_clocks"))
            #expect(try Wire.StopClocksRequest(wireBytes: stop.body).kinds == ["green_same_day"])
            let start = try #require(await intake.sla.nextCall("sla.start_clock"))
            #expect(try Wire.StartClockRequest(wireBytes: start.body).kind == "green_complex")

            let unknown = await #expect(throws: RPCError.self) {
                try await intake.apply(order.id, "classify_green_channel", as: "bureau_desk", unit: "office") {
                    $0.greenLevel = "urgent"
                    $0.reason = "x"
                }
            }
            #expect(unknown?.fieldViolations.map(\.field) == ["green_level"])
        }
    }
}
