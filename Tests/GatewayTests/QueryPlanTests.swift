import Foundation
import GRDB
import Logging
import Outbox
import PlatformAdapter
import PlatformSimulatorCore
import TestSupport
import Testing
import WireProtocol

@testable import GatewayCore

/// What the gateway does for each order must not grow with the requests it has kept: every
/// statement on an order's path through the gateway (nonce, inbox row before and after intake,
/// an event's idempotency record, the acknowledgement through the platform outbox) finds its rows
/// through an index (#18.4).
@Suite("Gateway: the statements on an order's path use indexes")
struct QueryPlanTests {
    @Test func noStatementOnAnOrdersPathScansATable() async throws {
        let lines = PlatformOutboxTests.Lines()
        let platformPort = try await SystemTestPorts.free()

        try await GatewayFixture.run({ $0.platformURL = HTTPEndpoint(host: "127.0.0.1", port: platformPort) }) {
            gateway in
            let statements = StatementRecorder(recording: gateway.database)
            for number in ["PLAN-1", "PLAN-2"] {
                #expect(
                    try await gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order(number)).status == 201)
            }
            let event: JSONValue = [
                "event_id": "EV-PLAN", "type": "reminder", "occurred_at": "2026-11-27T10:00:00+08:00",
            ]
            #expect(try await gateway.post(PlatformAPI.eventsPath(orderNumber: "PLAN-1"), json: event).status == 200)
            // The acknowledgement intake sends back, delivered once the platform listens.
            #expect(
                try gateway.handlers.enqueue(
                    PlatformOutboxTests.message("ack-plan", order: "PLAN-1", kind: "acknowledgement")
                ).enqueued)
            let simulator = PlatformOutboxTests.simulator(gateway: gateway.endpoint, port: platformPort, lines: lines)
            // Up until the gateway heard the platform's answer, or it would send again to no one.
            var attempts = gateway.attempts.makeAsyncIterator()
            try await PlatformOutboxTests.withSimulator(simulator) { _ in
                while let attempt = await attempts.next(), !attempt.2 {}
            }
            // The retention purge runs at start and then periodically: with nothing to purge it
            // must read no row either (at a million rows a walk held the inbox's writer seconds).
            let retention = InboxRetention(
                database: gateway.database, retentionDays: 180, interval: .seconds(3600), clock: WallClock(),
                logger: Logger(label: "test"))
            #expect(try retention.purge(now: Date()) == .init())

            let recorded = statements.recorded
            #expect(recorded.contains { $0.contains("INSERT INTO inbox") }, "\(recorded)")
            #expect(recorded.contains { $0.hasPrefix("UPDATE inbox") }, "\(recorded)")
            #expect(recorded.contains { $0.contains("nonce") }, "\(recorded)")
            #expect(recorded.contains { $0.contains("outbox_entry") }, "\(recorded)")
            #expect(recorded.contains { $0.contains("DELETE FROM inbox") }, "\(recorded)")
            let scans = try statements.fullScans(in: gateway.database)
            #expect(scans.isEmpty, "\(scans.map { "\($0.plan): \($0.sql)" }.joined(separator: "\n"))")

            // An event pushed again is answered from a reader, which the recorder does not reach:
            // `Inbox.appliedEvent`'s query, explained here.
            let readerScans = try await gateway.database.read { db in
                try StatementRecorder.fullScans(
                    of: "SELECT order_number, response FROM platform_event WHERE event_id = 'EV-PLAN'", in: db)
            }
            #expect(readerScans.isEmpty, "\(readerScans)")
        }
    }
}
