import Domain
import Foundation
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import CoordinationCore

/// Compilation (汇总): when it is refused, and what the case shows when intake refuses the reply.
@Suite("Coordination: compiling the result", .timeLimit(.minutes(1)))
struct CompileTests {
    typealias F = CoordinationFixture

    /// A case with one held meeting and one item, done: ready to compile.
    static func readyCase(_ fixture: CoordinationFixture) async throws -> Wire.CoordinationCaseView {
        let opened = try await fixture.openCase()
        let meeting = try #require(try await fixture.schedule(opened.id).meeting)
        fixture.clock.set("2025-09-30T11:00:00+08:00")
        try await fixture.hold(meeting.id)
        let item = try await fixture.addItem(meeting.id, owner: F.partner, what: "办理失业登记", days: 3)
        let done = try await fixture.complete(item.id, by: F.liaison(F.partner), outcome: "已办理")
        return try #require(done.coordinationCase)
    }

    static func compile(
        _ fixture: CoordinationFixture, _ caseID: String, by actor: Wire.Actor = F.liaison(), result: String = "solved"
    ) async throws -> Wire.CompileResultResponse {
        try await fixture.call(
            "compile_result", Wire.CompileResultRequest(caseId: caseID, actor: actor, resultCode: result, summary: ""),
            as: Wire.CompileResultResponse.self
        )
    }

    @Test func compilingBeforeEverythingIsDoneSaysWhatIsMissing() async throws {
        try await F.run { fixture in
            let opened = try await fixture.openCase()
            let meeting = try #require(try await fixture.schedule(opened.id).meeting)
            fixture.clock.set("2025-09-30T11:00:00+08:00")
            try await fixture.hold(meeting.id)
            _ = try await fixture.addItem(meeting.id, owner: F.partner, what: "办理失业登记", days: 3)
            let error = await #expect(throws: RPCError.self) { try await Self.compile(fixture, opened.id) }
            #expect(error?.code == .failedPrecondition && error?.message.hasSuffix("action item 1 not done") == true)
            #expect(fixture.fakes.applied.items.isEmpty)
        }
    }

    @Test func onlyTheLeadUnitsLiaisonCompilesAndOnlyWhileTheOrderIsInHandling() async throws {
        try await F.run { fixture in
            let ready = try await Self.readyCase(fixture)
            let partner = await #expect(throws: RPCError.self) {
                try await Self.compile(fixture, ready.id, by: F.liaison(F.partner))
            }
            #expect(partner?.code == .permissionDenied)
            let badResult = await #expect(throws: RPCError.self) {
                try await Self.compile(fixture, ready.id, result: "fine")
            }
            #expect(badResult?.fieldViolations.map(\.field) == ["result_code"])

            var order = try #require(fixture.fakes.order("WO-1"))
            order.state = "instructed"
            fixture.fakes.put(order)
            let notStarted = await #expect(throws: RPCError.self) { try await Self.compile(fixture, ready.id) }
            #expect(notStarted?.code == .failedPrecondition && notStarted?.message.contains("is instructed") == true)
            #expect(try await fixture.getCase(ready.id).coordinationCase?.state == "ready_to_compile")
            #expect(try fixture.outboxRows(to: "intake") == 0 && fixture.fakes.applied.items.isEmpty)
        }
    }

    @Test func aReplyIntakeRefusesIsShownOnTheCaseAndCanBeCompiledAgain() async throws {
        try await F.run { fixture in
            let ready = try await Self.readyCase(fixture)
            fixture.fakes.refuseApply(
                RPCError(.failedPrecondition, "draft_reply is not possible while the order is reviewed"))
            _ = try await Self.compile(fixture, ready.id)
            #expect(
                try await eventually {
                    try await fixture.getCase(ready.id).coordinationCase?.replyDelivery == "rejected"
                })
            let rejected = try #require(try await fixture.getCase(ready.id).coordinationCase)
            #expect(
                rejected.replyError == "failed_precondition: draft_reply is not possible while the order is reviewed")
            #expect(try fixture.outboxRows(givenUp: true) == 1)

            // After the desk sends the order back, the lead unit compiles again.
            fixture.fakes.refuseApply(nil)
            let again = try await Self.compile(fixture, ready.id, result: "partly_solved")
            #expect(again.coordinationCase?.replyDelivery == "pending" && again.coordinationCase?.replyError == "")
            let reply = try #require(await fixture.fakes.applied.wait(forCount: 1).first)
            #expect(reply.resultCode == "partly_solved")
            #expect(
                try await eventually {
                    try await fixture.getCase(ready.id).coordinationCase?.replyDelivery == "delivered"
                })
        }
    }
}
