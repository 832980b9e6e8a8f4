import Domain
import Foundation
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import CoordinationCore

/// The business-environment task force (营商环境专班) sees every open green-channel case, its meetings and its
/// overdue items.
@Suite("Coordination: the task force's view", .timeLimit(.minutes(1)))
struct TaskForceViewTests {
    typealias F = CoordinationFixture

    @Test func openGreenChannelCasesWithTheirOverdueItems() async throws {
        try await F.run { fixture in
            let greenUnits = ["office", "talent_exchange_center"]
            let late = try await fixture.openCase(
                FakeServices.order(id: "WO-G1", mode: "transfer", track: "green_channel", units: greenUnits),
                by: F.taskForce)
            let fresh = try await fixture.openCase(
                FakeServices.order(id: "WO-G2", mode: "joint_handling", track: "green_channel", units: greenUnits),
                by: F.taskForce)
            let regular = try await fixture.openCase()
            let meeting = try #require(
                try await fixture.schedule(late.id, units: ["talent_exchange_center"], by: F.taskForce).meeting)
            fixture.clock.set("2025-09-30T11:00:00+08:00")
            _ = try await fixture.call(
                "record_attendance",
                Wire.RecordAttendanceRequest(
                    meetingId: meeting.id, actor: F.taskForce,
                    attendance: [Wire.AttendanceEntry(unit: "office", present: true)]),
                as: Wire.MeetingResponse.self
            )
            let item = try await fixture.addItem(
                meeting.id, owner: "talent_exchange_center", what: "出具人才引进政策解释", days: 1)

            fixture.clock.set("2025-10-10T09:00:00+08:00")  // the item was due at the end of 9 October
            let open = try await fixture.call(
                "list_cases", Wire.ListCasesRequest(openOnly: true, greenChannelOnly: true),
                as: Wire.ListCasesResponse.self)
            #expect(open.cases.map(\.id) == [late.id, fresh.id])
            let shown = try #require(open.cases.first)
            #expect(
                shown.overdueItems == 1 && shown.actionItems.map(\.overdue) == [true]
                    && shown.meetings.map(\.id) == [meeting.id])

            let overdue = try await fixture.call(
                "list_cases", Wire.ListCasesRequest(openOnly: true, overdueOnly: true), as: Wire.ListCasesResponse.self)
            #expect(overdue.cases.map(\.id) == [late.id])
            let ofUnit = try await fixture.call(
                "list_cases", Wire.ListCasesRequest(unit: F.partner), as: Wire.ListCasesResponse.self)
            #expect(ofUnit.cases.map(\.id) == [regular.id])
            let all = try await fixture.call("list_cases", Wire.ListCasesRequest(), as: Wire.ListCasesResponse.self)
            #expect(Set(all.cases.map(\.id)) == [late.id, fresh.id, regular.id])

            _ = try await fixture.complete(item.id, by: F.liaison("talent_exchange_center"), outcome: "已出具书面解释")
            let none = try await fixture.call(
                "list_cases", Wire.ListCasesRequest(overdueOnly: true), as: Wire.ListCasesResponse.self)
            #expect(none.cases.isEmpty)
            let tooMany = await #expect(throws: RPCError.self) {
                try await fixture.call("list_cases", Wire.ListCasesRequest(limit: 501), as: Wire.ListCasesResponse.self)
            }
            #expect(tooMany?.code == .invalidArgument)
        }
    }

    @Test func theTaskForceDoesNotRunJointHandlingOfRegularOrders() async throws {
        try await F.run { fixture in
            let error = await #expect(throws: RPCError.self) { try await fixture.openCase(by: F.taskForce) }
            #expect(error?.code == .permissionDenied)
        }
    }
}

/// A unit's people read the cases their unit leads or takes part in, as intake shows them their unit's orders.
@Suite("Coordination: who reads which cases", .timeLimit(.minutes(1)))
struct CaseVisibilityTests {
    typealias F = CoordinationFixture

    @Test func aLiaisonReadsTheCasesOfTheirUnitOnly() async throws {
        try await F.run { fixture in
            let opened = try await fixture.openCase()
            func read<Response: WireMessage>(
                _ method: String, _ request: some WireMessage, as actor: WorkOrder.Actor, _: Response.Type
            ) async throws -> Response {
                try await fixture.client.call(
                    "coordination.\(method)", request, as: Response.self, headers: TestIdentity.headers(for: actor))
            }
            let partner = WorkOrder.Actor(id: "li", role: .liaison, unitCode: F.partner)
            let outsider = WorkOrder.Actor(id: "zhang", role: .liaison, unitCode: "talent_exchange_center")
            let seen = try await read(
                "get_case", Wire.GetCaseRequest(id: opened.id), as: partner, Wire.GetCaseResponse.self)
            #expect(seen.coordinationCase?.id == opened.id)
            let refused = await #expect(throws: RPCError.self) {
                _ = try await read(
                    "get_case", Wire.GetCaseRequest(id: opened.id), as: outsider, Wire.GetCaseResponse.self)
            }
            #expect(refused?.code == .permissionDenied)
            #expect(
                try await read("list_cases", Wire.ListCasesRequest(), as: outsider, Wire.ListCasesResponse.self).cases
                    .isEmpty)
            #expect(
                try await read("list_cases", Wire.ListCasesRequest(), as: partner, Wire.ListCasesResponse.self).cases
                    .map(\.id) == [opened.id])
            let elsewhere = await #expect(throws: RPCError.self) {
                _ = try await read(
                    "list_cases", Wire.ListCasesRequest(unit: F.partner), as: outsider, Wire.ListCasesResponse.self)
            }
            #expect(elsewhere?.code == .permissionDenied)
            let desk = WorkOrder.Actor(id: "wang", role: .bureauDesk, unitCode: "office")
            #expect(
                try await read("list_cases", Wire.ListCasesRequest(), as: desk, Wire.ListCasesResponse.self).cases.map(
                    \.id) == [opened.id])
        }
    }
}
