import Domain
import Foundation
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import CoordinationCore

/// The outbox keeps what other services must hear while they are down, and bad input is answered field by field
/// without changing anything.
@Suite("Coordination: outbox and bad input", .timeLimit(.minutes(1)))
struct OutboxAndInputTests {
    typealias F = CoordinationFixture

    @Test func invitationsWaitWhileTheGatewayIsDownAndGoOutInOrder() async throws {
        try await F.run { fixture in
            fixture.fakes.refuseNotifications(RPCError(.unavailable, "gateway restarting"))
            let opened = try await fixture.openCase()
            let meeting = try #require(try await fixture.schedule(opened.id).meeting)
            #expect(try await eventually { try fixture.outboxAttempts() >= 1 })
            #expect(try fixture.outboxRows() == 2 && fixture.fakes.notifications.items.isEmpty)
            fixture.fakes.refuseNotifications(nil)
            let delivered = await fixture.fakes.notifications.wait(forCount: 2).compactMap(\.notification)
            #expect(
                delivered.map(\.notificationId) == [
                    "\(meeting.id)/invitation/\(F.lead)", "\(meeting.id)/invitation/\(F.partner)",
                ])
            #expect(try await eventually { try fixture.outboxRows() == 0 })
        }
    }

    @Test func aNotificationTheGatewayRefusesForGoodIsSetAsideWithoutHoldingUpClocks() async throws {
        try await F.run { fixture in
            fixture.fakes.refuseNotifications(RPCError(.invalidArgument, "notification.kind: unknown_value"))
            let opened = try await fixture.openCase()
            let meeting = try #require(try await fixture.schedule(opened.id).meeting)
            fixture.clock.set("2025-09-30T11:00:00+08:00")
            try await fixture.hold(meeting.id)
            _ = try await fixture.addItem(meeting.id, owner: F.lead, what: "核定工伤待遇", days: 5)
            #expect(await fixture.fakes.clockCalls.wait(forCount: 1).first?.method == "sla.start_clock")
            #expect(try await eventually { try fixture.outboxRows(givenUp: true) == 2 })
        }
    }

    @Test func badRequestsNameTheirFieldsAndChangeNothing() async throws {
        try await F.run { fixture in
            let opened = try await fixture.openCase()
            let noTimes = await #expect(throws: RPCError.self) {
                try await fixture.call(
                    "schedule_meeting", Wire.ScheduleMeetingRequest(caseId: opened.id, place: "x", agenda: "y"),
                    as: Wire.MeetingResponse.self)
            }
            #expect(noTimes?.code == .invalidArgument)
            // Who acts comes from the credential (the desk's here), so the request need not name them.
            #expect(noTimes?.fieldViolations.map(\.field) == ["starts_at_unix_ms", "ends_at_unix_ms"])
            let noPlace = await #expect(throws: RPCError.self) {
                try await fixture.call(
                    "schedule_meeting",
                    Wire.ScheduleMeetingRequest(
                        caseId: opened.id, actor: F.desk,
                        startsAtUnixMs: F.at("2025-09-30T10:00:00+08:00").unixMilliseconds,
                        endsAtUnixMs: F.at("2025-09-30T11:00:00+08:00").unixMilliseconds, agenda: "议题",
                        invitedUnits: [F.partner]
                    ),
                    as: Wire.MeetingResponse.self
                )
            }
            #expect(noPlace?.fieldViolations.map(\.field) == ["place"])
            let malformed = await #expect(throws: RPCError.self) {
                try await fixture.call(
                    "cancel_meeting", Wire.CancelMeetingRequest(meetingId: "meeting-1", actor: F.desk, reason: "x"),
                    as: Wire.MeetingResponse.self)
            }
            #expect(malformed?.fieldViolations.map(\.code) == ["malformed"])
            let unknownCase = await #expect(throws: RPCError.self) {
                try await fixture.call(
                    "cancel_meeting",
                    Wire.CancelMeetingRequest(meetingId: "CC-19990101-001/meeting/1", actor: F.desk, reason: "x"),
                    as: Wire.MeetingResponse.self)
            }
            #expect(unknownCase?.code == .notFound)
            let unknownMeeting = await #expect(throws: RPCError.self) {
                try await fixture.call(
                    "cancel_meeting",
                    Wire.CancelMeetingRequest(meetingId: "\(opened.id)/meeting/3", actor: F.desk, reason: "x"),
                    as: Wire.MeetingResponse.self)
            }
            #expect(unknownMeeting?.code == .notFound)
            let role = await #expect(throws: RPCError.self) {
                try await fixture.schedule(opened.id, by: Wire.Actor(id: "x", role: "platform"))
            }
            #expect(role?.code == .permissionDenied)
            let history = try await fixture.getCase(opened.id)
            #expect(history.events.count == 1 && history.coordinationCase?.meetings.isEmpty == true)
            #expect(try fixture.outboxRows() == 0)
        }
    }
}
