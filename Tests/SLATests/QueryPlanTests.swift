import Domain
import Outbox
import SLACore
import TestSupport
import Testing

/// A clock's cost must not grow with the clocks already kept: each statement an order's clocks
/// run, from start through firing and delivery to stop and resume, finds its rows through an
/// index (#18.4).
@Suite("SLA: the statements on a clock's path use indexes")
struct QueryPlanTests {
    @Test func noStatementOnAClocksPathScansATable() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let database = try SLAFixtures.open(path)
        let engine = try SLAFixtures.engine(database)
        let statements = StatementRecorder(recording: database)
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        let minute = SLAFixtures.minute

        for order in ["O1", "O2"] {
            _ = try await engine.startClock(
                ClockStart(
                    id: "\(order)/acknowledge/1", orderID: order, unit: "U03", kind: .acknowledge, urgency: .urgent),
                now: t0)
        }
        _ = try await engine.startClocks(
            [ClockStart(id: "O3/handling/1", orderID: "O3", unit: "U03", kind: .handling, urgency: .normal)], now: t0)
        let fired = try await engine.fireDue(now: t0 + 31 * minute).fired
        #expect(!fired.isEmpty)
        let pending = try await engine.pendingEvents(limit: 100)
        try engine.recordDeliveries(
            pending.map { ($0, DeliveryResult.delivered(note: "recorded")) }, now: t0 + 32 * minute)
        _ = try await engine.stopClocks(
            orderID: "O1", kinds: [.acknowledge], reason: "acknowledged", now: t0 + 33 * minute)
        _ = try await engine.stopClocks(orderID: "O2", kinds: [], reason: "suspended", now: t0 + 33 * minute)
        _ = try await engine.resumeClocks(orderID: "O2", stoppedFor: "suspended", now: t0 + 40 * minute)
        _ = try await engine.extendClock(
            orderID: "O3", workingDays: 5, newDue: nil, dryRun: false, now: t0 + 41 * minute)
        _ = try await engine.clocks(orderID: "O3")

        #expect(statements.recorded.count > 5, "\(statements.recorded)")
        let scans = try statements.fullScans(in: database)
        #expect(scans.isEmpty, "\(scans.map { "\($0.plan): \($0.sql)" }.joined(separator: "\n"))")
    }
}
