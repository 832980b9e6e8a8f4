import Domain
import Foundation
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import CoordinationCore

/// Rescheduling, cancellation and conflicts of meetings over the wire, with the notices they send.
@Suite("Coordination: meetings moved, called off and in conflict", .timeLimit(.minutes(1)))
struct MeetingTests {
    typealias F = CoordinationFixture

    @Test func aMovedMeetingIsAnnouncedAgainAndACancelledOneToo() async throws {
        try await F.run { fixture in
            let opened = try await fixture.openCase()
            let meeting = try #require(try await fixture.schedule(opened.id).meeting)
            _ = await fixture.fakes.notifications.wait(forCount: 2)

            let moved = try await fixture.call(
                "reschedule_meeting",
                Wire.RescheduleMeetingRequest(
                    meetingId: meeting.id, actor: F.liaison(),
                    startsAtUnixMs: F.at("2025-10-09T14:30:00+08:00").unixMilliseconds,
                    endsAtUnixMs: F.at("2025-10-09T16:00:00+08:00").unixMilliseconds,
                    callLink: "https://meet.example.invalid/cc1",
                    reason: "失业保险中心主任节前出差"
                ),
                as: Wire.MeetingResponse.self
            )
            let view = try #require(moved.meeting)
            #expect(
                view.state == "rescheduled" && view.place == "局三楼会议室"
                    && view.callLink == "https://meet.example.invalid/cc1")
            #expect(view.reschedules.map(\.reason) == ["失业保险中心主任节前出差"])
            #expect(view.reschedules.first?.fromStartsAtUnixMs == F.at("2025-09-30T10:00:00+08:00").unixMilliseconds)
            #expect(moved.coordinationCase?.state == "meeting_scheduled")
            let notices = await fixture.fakes.notifications.wait(forCount: 4).dropFirst(2).compactMap(\.notification)
            #expect(
                notices.map(\.notificationId) == [
                    "\(meeting.id)/reschedule/1/\(F.lead)", "\(meeting.id)/reschedule/1/\(F.partner)",
                ])
            #expect(notices[0].subject == "【协调会改期通知】12345 工单 SMX-WO-1：2025-10-09 14:30—16:00")
            #expect(notices[0].body.contains("原定于 2025-09-30 10:00—12:00 召开的协调会改期举行，改期原因：失业保险中心主任节前出差。"))
            #expect(notices[0].body.contains("线上会议：https://meet.example.invalid/cc1"))

            let cancelled = try await fixture.call(
                "cancel_meeting", Wire.CancelMeetingRequest(meetingId: meeting.id, actor: F.desk, reason: "两单位已电话协商一致"),
                as: Wire.MeetingResponse.self
            )
            #expect(cancelled.meeting?.state == "cancelled" && cancelled.meeting?.cancellationReason == "两单位已电话协商一致")
            #expect(cancelled.coordinationCase?.state == "open")
            let cancellations = await fixture.fakes.notifications.wait(forCount: 6).dropFirst(4).compactMap(
                \.notification)
            #expect(
                cancellations.map(\.notificationId) == [
                    "\(meeting.id)/cancellation/\(F.lead)", "\(meeting.id)/cancellation/\(F.partner)",
                ])
            #expect(cancellations[0].body.contains("取消原因：两单位已电话协商一致"))

            let again = await #expect(throws: RPCError.self) {
                try await fixture.call(
                    "cancel_meeting", Wire.CancelMeetingRequest(meetingId: meeting.id, actor: F.desk, reason: "再次"),
                    as: Wire.MeetingResponse.self)
            }
            #expect(again?.code == .failedPrecondition)
            let history = try await fixture.getCase(opened.id)
            #expect(
                history.events.map(\.action) == ["open", "schedule_meeting", "reschedule_meeting", "cancel_meeting"])
            #expect(history.events.map(\.reason)[2...] == ["失业保险中心主任节前出差", "两单位已电话协商一致"])
        }
    }

    @Test func cancellingTheCaseCallsOffItsMeetingsAndStopsOpenItemsClocks() async throws {
        try await F.run { fixture in
            let opened = try await fixture.openCase()
            let first = try #require(try await fixture.schedule(opened.id).meeting)
            fixture.clock.set("2025-09-30T11:00:00+08:00")
            try await fixture.hold(first.id)
            let item = try await fixture.addItem(first.id, owner: F.partner, what: "办理失业登记", days: 3)
            let followUp = try #require(
                try await fixture.schedule(
                    opened.id, from: "2025-10-10T09:00:00+08:00", to: "2025-10-10T10:00:00+08:00"
                ).meeting)
            _ = await fixture.fakes.notifications.wait(forCount: 4)
            _ = await fixture.fakes.clockCalls.wait(forCount: 1)

            let refused = await #expect(throws: RPCError.self) {
                try await fixture.call(
                    "cancel_case", Wire.CancelCaseRequest(caseId: opened.id, actor: F.liaison(), reason: "x"),
                    as: Wire.CancelCaseResponse.self)
            }
            #expect(refused?.code == .permissionDenied)
            let response = try await fixture.call(
                "cancel_case", Wire.CancelCaseRequest(caseId: opened.id, actor: F.desk, reason: "诉求人撤回诉求"),
                as: Wire.CancelCaseResponse.self
            )
            let cancelled = try #require(response.coordinationCase)
            #expect(cancelled.state == "cancelled" && cancelled.cancellationReason == "诉求人撤回诉求")
            #expect(
                cancelled.meetings.map(\.state) == ["held", "cancelled"]
                    && cancelled.actionItems.map(\.state) == ["cancelled"])
            let stop = try #require(await fixture.fakes.clockCalls.wait(forCount: 2).last).decode(
                Wire.StopClocksRequest.self)
            #expect(stop.orderId == "WO-1" && stop.clockIds == [item.id] && stop.reason == "case_cancelled")
            let notices = await fixture.fakes.notifications.wait(forCount: 6).dropFirst(4).compactMap(\.notification)
            #expect(
                notices.map(\.notificationId) == [
                    "\(followUp.id)/cancellation/\(F.lead)", "\(followUp.id)/cancellation/\(F.partner)",
                ])
        }
    }

    @Test func overlappingMeetingsOfTheSameUnitAreFlaggedNotRefused() async throws {
        try await F.run { fixture in
            let one = try await fixture.openCase()
            let other = try await fixture.openCase(
                FakeServices.order(id: "WO-2", units: ["talent_exchange_center", F.partner]))
            let first = try #require(try await fixture.schedule(one.id).meeting)
            // The partner unit is invited to both, 11:00–11:30 falls inside 10:00–12:00.
            let second = try await fixture.schedule(
                other.id, from: "2025-09-30T11:00:00+08:00", to: "2025-09-30T11:30:00+08:00")
            let conflicts = try #require(second.meeting?.conflicts)
            #expect(
                conflicts == [
                    Wire.ConflictingMeeting(
                        meetingId: first.id, caseId: one.id, units: [F.partner],
                        startsAtUnixMs: F.at("2025-09-30T10:00:00+08:00").unixMilliseconds,
                        endsAtUnixMs: F.at("2025-09-30T12:00:00+08:00").unixMilliseconds
                    )
                ])
            #expect(second.meeting?.state == "scheduled")
            // The first meeting shows the conflict too, until the second one moves away.
            #expect(
                try await fixture.getCase(one.id).coordinationCase?.meetings.first?.conflicts.map(\.caseId) == [
                    other.id
                ])
            let moved = try await fixture.call(
                "reschedule_meeting",
                Wire.RescheduleMeetingRequest(
                    meetingId: try #require(second.meeting?.id), actor: F.desk,
                    startsAtUnixMs: F.at("2025-09-30T12:00:00+08:00").unixMilliseconds,
                    endsAtUnixMs: F.at("2025-09-30T13:00:00+08:00").unixMilliseconds,
                    reason: "错开时间"
                ),
                as: Wire.MeetingResponse.self
            )
            #expect(moved.meeting?.conflicts == [])
            #expect(try await fixture.getCase(one.id).coordinationCase?.meetings.first?.conflicts == [])
            // A meeting of other units at the same time is no conflict.
            let third = try await fixture.openCase(
                FakeServices.order(id: "WO-3", units: ["office", "talent_exchange_center"]))
            #expect(try await fixture.schedule(third.id, units: ["talent_exchange_center"]).meeting?.conflicts == [])
        }
    }

    @Test func attendanceBeforeTheMeetingAndMinutesBeforeAttendanceAreRefused() async throws {
        try await F.run { fixture in
            let opened = try await fixture.openCase()
            let meeting = try #require(try await fixture.schedule(opened.id).meeting)
            let early = await #expect(throws: RPCError.self) { try await fixture.hold(meeting.id) }
            #expect(
                early?.code == .failedPrecondition
                    && early?.message.contains("attendance is recorded once it has begun") == true)
            fixture.clock.set("2025-09-30T10:05:00+08:00")
            let stranger = await #expect(throws: RPCError.self) {
                try await fixture.call(
                    "record_attendance",
                    Wire.RecordAttendanceRequest(
                        meetingId: meeting.id, actor: F.desk,
                        attendance: [Wire.AttendanceEntry(unit: "office", present: true)]),
                    as: Wire.MeetingResponse.self
                )
            }
            #expect(stranger?.code == .invalidArgument && stranger?.fieldViolations.first?.code == "not_invited")
            let minutes = await #expect(throws: RPCError.self) {
                try await fixture.call(
                    "record_minutes",
                    Wire.RecordMinutesRequest(meetingId: meeting.id, actor: F.desk, minutes: "纪要", decisions: ["决定"]),
                    as: Wire.MeetingResponse.self)
            }
            #expect(minutes?.code == .failedPrecondition)
        }
    }
}
