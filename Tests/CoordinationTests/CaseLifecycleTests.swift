import Domain
import Foundation
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import CoordinationCore

/// A joint-handling order gets a case, a meeting of two units, two action items with their SLA clocks, both done,
/// and a compiled reply that reaches intake as the lead unit liaison's draft.
@Suite("Coordination: a case from opening to the compiled reply", .timeLimit(.minutes(1)))
struct CaseLifecycleTests {
    typealias F = CoordinationFixture

    @Test func aJointHandlingOrderIsCoordinatedToItsDraftReply() async throws {
        try await F.run { fixture in
            // Opened on the order intake knows: its lead unit leads, the other responsible unit takes part.
            let opened = try await fixture.openCase()
            #expect(opened.id == "CC-20250929-001" && opened.state == "open" && opened.orderId == "WO-1")
            #expect(opened.leadUnit == F.lead && opened.participatingUnits == [F.partner])
            #expect(opened.coordinator == "zhang@office" && opened.instructingLeader == "分管局长")

            // A meeting of the two units; each is invited through the gateway.
            let scheduled = try await fixture.schedule(opened.id)
            let meeting = try #require(scheduled.meeting)
            #expect(meeting.id == "CC-20250929-001/meeting/1" && meeting.invitedUnits == [F.lead, F.partner])
            #expect(scheduled.coordinationCase?.state == "meeting_scheduled" && meeting.conflicts.isEmpty)
            let invitations = await fixture.fakes.notifications.wait(forCount: 2).compactMap(\.notification)
            #expect(invitations.map(\.unit) == [F.lead, F.partner])
            #expect(
                invitations.map(\.notificationId) == [
                    "\(meeting.id)/invitation/\(F.lead)", "\(meeting.id)/invitation/\(F.partner)",
                ])
            #expect(
                invitations.allSatisfy {
                    $0.kind == "meeting_invitation" && $0.orderId == "WO-1" && $0.recipients.isEmpty
                })
            #expect(invitations[0].subject == "【协调会通知】12345 工单 SMX-WO-1：2025-09-30 10:00—12:00")
            #expect(invitations[1].body.hasPrefix("失业保险中心："))
            #expect(invitations[1].body.contains("参会单位：工伤保险中心、失业保险中心"))
            #expect(invitations[1].body.contains("会议地点：局三楼会议室"))

            // Held, with minutes; two action items, each with its SLA clock due by the working-day calendar.
            fixture.clock.set("2025-09-30T11:30:00+08:00")
            try await fixture.hold(meeting.id)
            let first = try await fixture.addItem(meeting.id, owner: F.lead, what: "核定并支付工伤待遇", days: 5)
            let second = try await fixture.addItem(meeting.id, owner: F.partner, what: "办理失业登记", days: 3)
            #expect(first.id == "CC-20250929-001/action/1" && first.dueDay == "2025-10-14" && !first.overdue)
            #expect(second.id == "CC-20250929-001/action/2" && second.dueDay == "2025-10-11")
            let starts = try await fixture.fakes.clockCalls.wait(forCount: 2).map {
                try $0.decode(Wire.StartClockRequest.self)
            }
            let meetingStart = F.at("2025-09-30T10:00:00+08:00")
            for (request, (item, days)) in zip(starts, [(first, 5), (second, 3)]) {
                #expect(request.id == item.id && request.orderId == "WO-1" && request.kind == "action_item")
                #expect(request.unit == item.ownerUnit && request.startUnixMs == meetingStart.unixMilliseconds)
                #expect(request.dueWorkingDays == UInt32(days))  // SLA, the calendar's owner, counts them
                let due = try WorkingDayCalendar.shipped.deadline(workingDays: days, from: meetingStart)
                #expect(request.dueUnixMs == due.instant.unixMilliseconds && request.dueUnixMs == item.dueUnixMs)
            }

            // Each owner reports its item done; its clock stops.
            fixture.clock.set("2025-10-10T16:00:00+08:00")
            _ = try await fixture.complete(first.id, by: F.liaison(), outcome: "已核定工伤待遇，10月10日发放到账")
            let done = try await fixture.complete(second.id, by: F.liaison(F.partner), outcome: "已办理失业登记")
            #expect(done.coordinationCase?.state == "ready_to_compile")
            let stops = try await fixture.fakes.clockCalls.wait(forCount: 4).dropFirst(2).map {
                try $0.decode(Wire.StopClocksRequest.self)
            }
            #expect(stops.map(\.clockIds) == [[first.id], [second.id]])
            #expect(stops.allSatisfy { $0.kinds == ["action_item"] && $0.reason == "done" })

            // The lead unit's liaison compiles; the draft reply reaches intake.
            let compiled = try await fixture.call(
                "compile_result",
                Wire.CompileResultRequest(
                    caseId: opened.id, actor: F.liaison(), resultCode: "solved", summary: "诉求人反映的问题已解决。"),
                as: Wire.CompileResultResponse.self
            )
            #expect(
                compiled.coordinationCase?.state == "compiled" && compiled.coordinationCase?.replyDelivery == "pending")
            let reply = try #require(await fixture.fakes.applied.wait(forCount: 1).first)
            #expect(reply.orderId == "WO-1" && reply.action == "draft_reply" && reply.resultCode == "solved")
            #expect(reply.actor == Wire.Actor(id: "li@\(F.lead)", role: "liaison", unit: F.lead))
            #expect(reply.text == compiled.text)
            #expect(reply.text.hasPrefix("经工伤保险中心牵头，会同失业保险中心召开协调会研究办理，现将办理结果汇总如下：\n诉求人反映的问题已解决。"))
            #expect(reply.text.contains("1. 先行支付工伤待遇\n2. 同步办理失业登记"))
            #expect(reply.text.contains("2. 失业保险中心：办理失业登记。落实情况：已办理失业登记（2025年10月10日办结）"))
            #expect(fixture.fakes.order("WO-1")?.state == "reply_drafted")
            #expect(
                try await eventually {
                    try await fixture.getCase(opened.id).coordinationCase?.replyDelivery == "delivered"
                })

            let history = try await fixture.getCase("WO-1")
            #expect(history.coordinationCase?.id == opened.id)
            #expect(
                history.events.map(\.action) == [
                    "open", "schedule_meeting", "record_attendance", "record_minutes", "add_action_item",
                    "add_action_item",
                    "complete_action_item", "complete_action_item", "compile",
                ])
            #expect(history.events.map(\.toState).last == "compiled" && history.events.map(\.sequence) == Array(1...9))
            #expect(try await eventually { try fixture.outboxRows() == 0 })
            #expect(try fixture.outboxRows(givenUp: true) == 0)
        }
    }

    @Test func aRetriedOpeningReturnsTheActiveCase() async throws {
        try await F.run { fixture in
            let first = try await fixture.openCase()
            let again = try await fixture.call(
                "open_case",
                Wire.OpenCaseRequest(
                    orderId: "WO-1", actor: F.desk, coordinator: "someone", instructingLeader: "x", instruction: "y"),
                as: Wire.OpenCaseResponse.self
            )
            #expect(
                !again.created && again.coordinationCase?.id == first.id
                    && again.coordinationCase?.coordinator == "zhang@office")
            // Once cancelled, the order may be coordinated afresh, under a new id.
            _ = try await fixture.call(
                "cancel_case", Wire.CancelCaseRequest(caseId: first.id, actor: F.desk, reason: "牵头单位调整"),
                as: Wire.CancelCaseResponse.self)
            let second = try await fixture.openCase()
            #expect(second.id == "CC-20250929-002" && second.state == "open")
        }
    }

    @Test func onlyOrdersInJointHandlingOrOnTheGreenChannelAreCoordinated() async throws {
        try await F.run { fixture in
            let transfer = FakeServices.order(id: "WO-2", mode: "transfer")
            let refused = await #expect(throws: RPCError.self) { try await fixture.openCase(transfer) }
            #expect(refused?.code == .failedPrecondition)
            let closed = await #expect(throws: RPCError.self) {
                try await fixture.openCase(FakeServices.order(id: "WO-3", state: "closed"))
            }
            #expect(closed?.code == .failedPrecondition)
            let unknown = await #expect(throws: RPCError.self) {
                try await fixture.call(
                    "open_case", Wire.OpenCaseRequest(orderId: "WO-404", actor: F.desk, coordinator: "z"),
                    as: Wire.OpenCaseResponse.self)
            }
            #expect(unknown?.code == .notFound && unknown?.fieldViolations.map(\.field) == ["order_id"])
            let green = try await fixture.openCase(
                FakeServices.order(id: "WO-4", mode: "transfer", track: "green_channel", units: ["office"]),
                by: F.taskForce)
            #expect(green.track == "green_channel" && green.leadUnit == "office")
        }
    }

    @Test func withoutIntakeNoCaseOpens() async throws {
        try await F.run(intakeReachable: false) { fixture in
            let error = await #expect(throws: RPCError.self) { try await fixture.openCase() }
            #expect(error?.code == .unavailable)
            let list = try await fixture.call("list_cases", Wire.ListCasesRequest(), as: Wire.ListCasesResponse.self)
            #expect(list.cases.isEmpty)
        }
    }
}
