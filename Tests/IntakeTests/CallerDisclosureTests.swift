import Domain
import GRDB
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

/// A caller in clear is for those who call callers back, and never without a record of who, when and why.
@Suite("Intake: showing a caller in clear")
struct CallerDisclosureTests {
    static let liaison = WorkOrder.Actor(id: "liaison.employment", role: .liaison, unitCode: "employment_office")
    static let otherLiaison = WorkOrder.Actor(
        id: "liaison.pension", role: .liaison, unitCode: "pension_insurance_center")
    static let leader = WorkOrder.Actor(id: "leader.bureau", role: .bureauLeader, unitCode: "office")

    @Test func theUnitsLiaisonSeesTheCallerAndTheOrderRecordsWhoWhenAndWhy() async throws {
        try await IntakeFixture.run { intake in
            let order = try #require(
                try await intake.submit(IntakeFixture.draft(number: "R-1", phone: "13812345678")).order)
            #expect(order.caller?.phone == "138****5678")
            let revealed = try await reveal(order.id, reason: "回访来电人核实欠薪金额", as: Self.liaison, intake)
            #expect(revealed.phone == "13812345678")

            let view = try await get(order.id, as: Self.liaison, intake)
            #expect(view.order?.caller?.phone == "138****5678")
            let disclosure = try #require(view.callerDisclosures.first)
            #expect(view.callerDisclosures.count == 1)
            #expect(disclosure.account == Self.liaison.id && disclosure.unit == "employment_office")
            #expect(disclosure.reason == "回访来电人核实欠薪金额" && disclosure.roles == ["liaison"] && disclosure.atUnixMs > 0)
        }
    }

    @Test func othersAreRefusedAndNothingIsRecorded() async throws {
        try await IntakeFixture.run { intake in
            let order = try #require(try await intake.submit(IntakeFixture.draft(number: "R-2")).order)
            for (actor, reason, code, field) in [
                (Self.otherLiaison, "回访", StatusCode.permissionDenied, nil),
                (Self.leader, "回访", .permissionDenied, nil),
                (Self.liaison, " ", .invalidArgument, "reason"),
            ] as [(WorkOrder.Actor, String, StatusCode, String?)] {
                let refusal = await #expect(throws: RPCError.self) {
                    _ = try await reveal(order.id, reason: reason, as: actor, intake)
                }
                #expect(refusal?.code == code, "\(actor.id)")
                #expect(refusal?.fieldViolations.first?.field == field)
            }
            #expect(try await get(order.id, as: Self.liaison, intake).callerDisclosures.isEmpty)
        }
    }

    @Test func whenTheRecordCannotBeWrittenNothingIsRevealed() async throws {
        try await IntakeFixture.run { intake in
            let order = try #require(try await intake.submit(IntakeFixture.draft(number: "R-3")).order)
            try await intake.desk.store.database.writeWithoutTransaction {
                try $0.execute(sql: "PRAGMA query_only = 1")
            }
            let refusal = await #expect(throws: RPCError.self) {
                _ = try await reveal(order.id, reason: "回访", as: Self.liaison, intake)
            }
            #expect(refusal != nil)
            try await intake.desk.store.database.writeWithoutTransaction {
                try $0.execute(sql: "PRAGMA query_only = 0")
            }
            #expect(try await get(order.id, as: Self.liaison, intake).callerDisclosures.isEmpty)
        }
    }

    func reveal(_ id: String, reason: String, as actor: WorkOrder.Actor, _ intake: IntakeFixture) async throws
        -> Wire.Caller
    {
        try #require(
            try await intake.client.call(
                "intake.reveal_caller", Wire.RevealCallerRequest(orderId: id, reason: reason),
                as: Wire.RevealCallerResponse.self,
                headers: TestIdentity.headers(for: actor)
            ).caller)
    }

    func get(_ id: String, as actor: WorkOrder.Actor, _ intake: IntakeFixture) async throws -> Wire.GetOrderResponse {
        try await intake.client.call(
            "intake.get", Wire.GetOrderRequest(id: id), as: Wire.GetOrderResponse.self,
            headers: TestIdentity.headers(for: actor))
    }
}
