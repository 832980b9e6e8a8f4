import GRDB
import MetricsTestKit
import Outbox
import TestSupport
import Testing

@Suite("Outbox metrics")
struct OutboxMetricsTests {
    @Test func depthAndOldestAgeArePerDestinationAndFallToZero() async throws {
        let fixture = try OutboxFixture()
        let metrics = TestMetrics()
        let outbox = OutboxMetrics(factory: metrics)
        try fixture.enqueue("a.first", to: "sla")
        fixture.clock.advance(toUnixMilliseconds: OutboxFixture.start + 2_000)
        try fixture.enqueue("a.second", to: "sla")
        try fixture.enqueue("b.only", to: "gateway")

        let now = OutboxFixture.start + 5_000
        try await outbox.refresh(database: fixture.database, now: now)
        #expect(try metrics.expectGauge("suban_outbox_depth", [("destination", "sla")]).lastValue == 2)
        #expect(try metrics.expectGauge("suban_outbox_depth", [("destination", "gateway")]).lastValue == 1)
        #expect(try metrics.expectGauge("suban_outbox_oldest_age_seconds", [("destination", "sla")]).lastValue == 5)
        #expect(try metrics.expectGauge("suban_outbox_oldest_age_seconds", [("destination", "gateway")]).lastValue == 3)

        // Delivered: the sla entries go, and its gauges read 0 rather than their last values.
        try await fixture.database.write { db in
            try db.execute(sql: "UPDATE outbox_entry SET state = 'delivered' WHERE destination = 'sla'")
        }
        try await outbox.refresh(database: fixture.database, now: now + 1_000)
        #expect(try metrics.expectGauge("suban_outbox_depth", [("destination", "sla")]).lastValue == 0)
        #expect(try metrics.expectGauge("suban_outbox_oldest_age_seconds", [("destination", "sla")]).lastValue == 0)
        #expect(try metrics.expectGauge("suban_outbox_depth", [("destination", "gateway")]).lastValue == 1)
    }
}
