import Domain
import Foundation
import Outbox
import ServiceDirectory
import ServiceKit
import WireProtocol

/// Which calls to other services a change of a case needs, written to the outbox with it:
/// - meetings scheduled, moved or called off → `gateway.notify` to every invited unit (the gateway resolves the
///   unit's liaison from routing's directory);
/// - an action item added → `sla.start_clock` (kind `action_item`, id `<case id>/action/<n>`, its working
///   days, which SLA counts on the calendar it owns; the item's own due is the estimate SLA corrects through
///   `coordination.move_action_item_due`); done or withdrawn → `sla.stop_clocks`;
/// - the result compiled → `intake.apply` `draft_reply` by the lead unit's liaison.
enum CoordinationCommands {
    static let notify = Wire.Gateway.notify
    static let startClock = Wire.SLA.startClock
    static let stopClocks = Wire.SLA.stopClocks
    static let apply = Wire.Intake.apply
    static let actionItemClockKind = "action_item"

    static func after(
        _ event: CoordinationEvent,
        from before: CoordinationCase,
        to after: CoordinationCase,
        credential: String = ""
    ) throws -> [OutboxMessage] {
        var messages: [OutboxMessage] = []
        func meeting(_ id: String?) -> Meeting? {
            id.flatMap { CoordinationCase.parse($0, kind: "meeting") }.flatMap { after.meeting(number: $0.number) }
        }
        func item(_ id: String?) -> ActionItem? {
            id.flatMap { CoordinationCase.parse($0, kind: "action") }.flatMap { after.actionItem(number: $0.number) }
        }
        switch event.action {
        case .scheduleMeeting:
            if let meeting = meeting(event.subject) { messages += try notices(.invitation, of: meeting, in: after) }
        case .rescheduleMeeting:
            if let meeting = meeting(event.subject) { messages += try notices(.reschedule, of: meeting, in: after) }
        case .cancelMeeting:
            if let meeting = meeting(event.subject) { messages += try notices(.cancellation, of: meeting, in: after) }
        case .addActionItem:
            if let item = item(event.subject) { messages.append(try start(item, in: after)) }
        case .completeActionItem:
            if let item = item(event.subject) { messages.append(try stop(item, reason: "done", in: after)) }
        case .compile:
            if let compilation = after.compilation {
                messages.append(try reply(compilation, of: after, credential: credential))
            }
        case .cancel:
            for (old, new) in zip(before.meetings, after.meetings) where old.isPending && new.state == .cancelled {
                messages += try notices(.cancellation, of: new, in: after)
            }
            for (old, new) in zip(before.actionItems, after.actionItems)
            where old.state == .open && new.state == .cancelled {
                messages.append(try stop(new, reason: "case_cancelled", in: after))
            }
        case .open, .recordAttendance, .recordMinutes, .moveActionItemDue:
            break  // a moved due came from SLA, whose clock holds it already
        }
        return messages
    }

    /// The SLA clock of an action item.
    ///
    /// The clock belongs to the work order, so that its warnings and overdue events land in the order's log
    /// like those of any other clock; it is stopped alone by its id (the item's).
    /// The clock runs from the meeting, like the item's due date.
    static func start(_ item: ActionItem, in coordination: CoordinationCase) throws -> OutboxMessage {
        let meetingStart = coordination.meeting(number: item.meetingNumber)?.start ?? item.createdAt
        let request = Wire.StartClockRequest(
            id: item.id, orderId: coordination.orderID, unit: item.ownerUnit, kind: actionItemClockKind,
            startUnixMs: meetingStart.unixMilliseconds, dueUnixMs: item.due.unixMilliseconds, cycle: 1,
            dueWorkingDays: UInt32(item.dueWorkingDays)
        )
        return CaseOutbox.message(to: .sla, method: startClock, body: try request.wireBytes(), caseID: coordination.id)
    }

    static func stop(_ item: ActionItem, reason: String, in coordination: CoordinationCase) throws -> OutboxMessage {
        let request = Wire.StopClocksRequest(
            orderId: coordination.orderID, kinds: [actionItemClockKind], reason: reason, clockIds: [item.id])
        return CaseOutbox.message(to: .sla, method: stopClocks, body: try request.wireBytes(), caseID: coordination.id)
    }

    /// The draft reply, as the lead unit's liaison who compiled it (notice 三.4: "由联络员向12345政务服务平台回复"),
    /// carrying the liaison's own `credential` for intake to check.
    static func reply(
        _ compilation: CoordinationCase.Compilation,
        of coordination: CoordinationCase,
        credential: String
    ) throws -> OutboxMessage {
        let request = Wire.ApplyActionRequest(
            orderId: coordination.orderID,
            actor: Wire.Actor(id: compilation.compiledBy.id, role: Role.liaison.rawValue, unit: coordination.leadUnit),
            action: WorkOrderAction.Kind.draftReply.rawValue,
            text: compilation.text,
            resultCode: compilation.result.rawValue,
            idempotencyKey: "\(coordination.id)/reply/\(compilation.round)",
            relayedCredential: credential
        )
        return CaseOutbox.message(
            to: .intake, method: apply, body: try request.wireBytes(), caseID: coordination.id, purpose: .reply)
    }

    static func notices(_ kind: MeetingNotice.Kind, of meeting: Meeting, in coordination: CoordinationCase) throws
        -> [OutboxMessage]
    {
        try meeting.invitedUnits.map { unit in
            let notification = MeetingNotice(kind: kind, meeting: meeting, coordination: coordination).notification(
                for: unit)
            return CaseOutbox.message(
                to: .gateway, method: notify, body: try Wire.NotifyRequest(notification: notification).wireBytes(),
                caseID: coordination.id
            )
        }
    }
}

extension Date {
    var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }
}
