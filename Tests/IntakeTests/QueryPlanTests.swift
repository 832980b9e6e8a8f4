import Foundation
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

/// What every order costs must not grow with the orders already stored: each statement on an
/// order's path, from the platform's push to its close and the outbox that carries its clocks,
/// finds its rows through an index (#18.4).
@Suite("Intake: the statements on an order's path use indexes")
struct QueryPlanTests {
    @Test func noStatementOnAnOrdersPathScansATable() async throws {
        try await IntakeFixture.run { intake in
            let statements = StatementRecorder(recording: intake.desk.store.database)
            for number in ["PLAN-1", "PLAN-2"] {
                let id = try #require(
                    try await intake.submit(IntakeFixture.draft(number: number, urgency: "normal")).order?.id)
                try await intake.handleToClose(id)
            }
            // The clocks of both orders reached SLA through the outbox: its statements ran too.
            _ = await intake.sla.next(10)

            let recorded = statements.recorded
            #expect(recorded.contains { $0.hasPrefix("DELETE FROM work_order_unit") }, "\(recorded)")
            #expect(recorded.contains { $0.hasPrefix("INSERT INTO order_event") }, "\(recorded)")
            let scans = try statements.fullScans(in: intake.desk.store.database)
            #expect(scans.isEmpty, "\(scans.map { "\($0.plan): \($0.sql)" }.joined(separator: "\n"))")
        }
    }
}
