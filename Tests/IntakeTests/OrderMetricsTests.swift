import Domain
import Foundation
import MetricsTestKit
import Outbox
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

@Suite("Intake order metrics")
struct OrderMetricsTests {
    @Test func theWatchCountsOrdersByStateAndStuckOrders() async throws {
        try await IntakeFixture.run(routingDecision: nil, stuckAfter: 0) { intake in
            _ = try #require(try await intake.submit(IntakeFixture.draft(number: "SMX-METRICS")).order)
            let later = ManualClock(unixMilliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 301_000)
            let metrics = TestMetrics()
            let watch = StuckOrderWatch(
                desk: intake.desk, threshold: 300, interval: .seconds(30), clock: later, logger: .quiet,
                statistics: ServerStatistics(metricsFactory: metrics), orderMetrics: OrderMetrics(factory: metrics)
            )
            try watch.check()
            #expect(try metrics.expectGauge("suban_orders", [("state", "received")]).lastValue == 1)
            for state in WorkOrder.State.allCases where state != .received {
                #expect(try metrics.expectGauge("suban_orders", [("state", state.rawValue)]).lastValue == 0)
            }
            #expect(try metrics.expectGauge("suban_orders_stuck").lastValue == 1)
        }
    }
}
