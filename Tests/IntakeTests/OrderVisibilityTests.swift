import Domain
import RPC
import TestSupport
import Testing
import WireProtocol

/// A unit's people read their unit's orders only; the desk reads every unit's (WorkOrder+Visibility.swift).
@Suite("Intake: who reads which orders")
struct OrderVisibilityTests {
    static let employmentLiaison = WorkOrder.Actor(
        id: "liaison.employment", role: .liaison, unitCode: "employment_office")
    static let desk = WorkOrder.Actor(id: "desk.office", role: .bureauDesk, unitCode: "office")

    @Test func aLiaisonListsAndReadsOnlyTheirUnitsOrders() async throws {
        try await IntakeFixture.run { intake in
            let own = try #require(
                try await intake.submit(IntakeFixture.draft(number: "V-1", content: "就业见习补贴咨询", phone: "13800000001"))
                    .order)
            intake.routing.answer(
                Wire.RoutingDecision(
                    units: ["pension_insurance_center"], handlingMode: "transfer", track: "regular", ruleId: "t",
                    explanation: "t")
            )
            let other = try #require(
                try await intake.submit(IntakeFixture.draft(number: "V-2", content: "养老金领取资格认证", phone: "13800000002"))
                    .order)

            let listed = try await list(Wire.ListOrdersRequest(), as: Self.employmentLiaison, intake)
            #expect(listed.map(\.id) == [own.id])
            let refusal = await #expect(throws: RPCError.self) {
                _ = try await list(
                    Wire.ListOrdersRequest(unit: "pension_insurance_center"), as: Self.employmentLiaison, intake)
            }
            #expect(refusal?.code == .permissionDenied)

            _ = try await get(own.id, as: Self.employmentLiaison, intake)
            let hidden = await #expect(throws: RPCError.self) {
                _ = try await get(other.id, as: Self.employmentLiaison, intake)
            }
            #expect(hidden?.code == .permissionDenied)

            #expect(
                Set(try await list(Wire.ListOrdersRequest(), as: Self.desk, intake).map(\.id)) == [own.id, other.id])
            _ = try await get(other.id, as: Self.desk, intake)
        }
    }

    @Test func theDeskFindsAnOrderByNumberPhoneOrWordsOfItsContent() async throws {
        try await IntakeFixture.run { intake in
            let first = try #require(
                try await intake.submit(IntakeFixture.draft(number: "S-1", content: "某公司拖欠工资两个月", phone: "13900000001"))
                    .order)
            let second = try #require(
                try await intake.submit(
                    IntakeFixture.draft(number: "S-2", content: "退休手续办理咨询", kind: "consultation", phone: "13900000002")
                ).order)
            for (text, expected) in [("S-1", first), ("13900000002", second), ("工资", first), ("退休", second)] {
                let found = try await list(Wire.ListOrdersRequest(text: text), as: Self.desk, intake)
                #expect(found.map(\.id) == [expected.id], "searching \(text)")
            }
            #expect(try await list(Wire.ListOrdersRequest(text: "医保"), as: Self.desk, intake).isEmpty)
            #expect(
                try await list(Wire.ListOrdersRequest(kind: "consultation"), as: Self.desk, intake).map(\.id) == [
                    second.id
                ])
            let bad = await #expect(throws: RPCError.self) {
                _ = try await list(Wire.ListOrdersRequest(channel: "fax"), as: Self.desk, intake)
            }
            #expect(bad?.fieldViolations.map(\.field) == ["channel"])
        }
    }

    @Test func aQueueOfOpenWorkLeavesOutOrdersThatAwaitNobodyHere() async throws {
        try await IntakeFixture.run { intake in
            let parent = try #require(
                try await intake.submit(IntakeFixture.draft(number: "Q-1", phone: "13800000011")).order)
            let child = try #require(
                try await intake.submit(IntakeFixture.draft(number: "Q-2", phone: "13800000012")).order)
            _ = try await intake.apply(child.id, "merge", as: "bureau_desk", unit: "office") {
                $0.parentOrderId = parent.id
            }
            let open = try await list(Wire.ListOrdersRequest(awaitingTheBureau: true), as: Self.desk, intake)
            #expect(open.map(\.id) == [parent.id])
            #expect(
                Set(try await list(Wire.ListOrdersRequest(), as: Self.desk, intake).map(\.id)) == [parent.id, child.id])
        }
    }

    func list(_ request: Wire.ListOrdersRequest, as actor: WorkOrder.Actor, _ intake: IntakeFixture) async throws
        -> [Wire.WorkOrderView]
    {
        try await intake.client.call(
            "intake.list", request, as: Wire.ListOrdersResponse.self, headers: TestIdentity.headers(for: actor)
        ).orders
    }

    func get(_ id: String, as actor: WorkOrder.Actor, _ intake: IntakeFixture) async throws -> Wire.GetOrderResponse {
        try await intake.client.call(
            "intake.get", Wire.GetOrderRequest(id: id), as: Wire.GetOrderResponse.self,
            headers: TestIdentity.headers(for: actor))
    }
}
