import Foundation
import RPC
import Synchronization
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

/// `list --overdue` lists the orders SLA holds an overdue clock for, of any kind: an urgent order
/// nobody acknowledged within 30 minutes is overdue though intake holds no deadline for it.
@Suite("Intake: the overdue list")
struct OverdueListTests {
    static func overdue(_ intake: IntakeFixture) async throws -> [String] {
        try await intake.client.call(
            "intake.list", Wire.ListOrdersRequest(overdueOnly: true), as: Wire.ListOrdersResponse.self
        ).orders.map(\.id)
    }

    @Test func anUnacknowledgedOrderPastItsClockIsListedAndOthersAreNot() async throws {
        try await IntakeFixture.run { intake in
            let late = try #require(try await intake.submit(IntakeFixture.draft(number: "SMX-LATE")).order?.id)
            let fresh = try #require(
                try await intake.submit(IntakeFixture.draft(number: "SMX-FRESH", phone: "13900000000")).order?.id)
            #expect(try await Self.overdue(intake).isEmpty)
            intake.sla.overdue.withLock { $0 = [("acknowledge", late)] }
            #expect(try await Self.overdue(intake) == [late])
            intake.sla.overdue.withLock { $0 = [("acknowledge", late), ("handling", fresh)] }
            #expect(Set(try await Self.overdue(intake)) == [late, fresh])
        }
    }

    @Test func withoutSLATheOverdueListIsRefusedAndThePlainListStillAnswers() async throws {
        try await IntakeFixture.run { intake in
            _ = try await intake.submit(IntakeFixture.draft())
            intake.sla.overdue.withLock { $0 = nil }
            let error = await #expect(throws: RPCError.self) { try await Self.overdue(intake) }
            #expect(error?.code == .unavailable && error?.message.contains("SLA") == true)
            let all = try await intake.client.call(
                "intake.list", Wire.ListOrdersRequest(), as: Wire.ListOrdersResponse.self)
            #expect(all.orders.count == 1)
        }
    }
}
