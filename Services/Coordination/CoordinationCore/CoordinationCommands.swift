import Domain
import Foundation
import ServiceKit
import WireProtocol

/// Which calls to other services a change of a case needs, written to the outbox with it:
/// - meetings scheduled, moved or called off → `gateway.notify` to every invited unit (the gateway resolves the
///   unit's liaison from routing's directory);
/// - an action item added → `sla.start_clock` (kind `action_item`, id `<case id>/action/<n>`, due from the
///   working-day calendar); done or withdrawn → `sla.stop_clocks`;
/// - the result compiled → `intake.apply` `draft_reply` by the lead unit's liaison.
enum CoordinationCommands {
    static let notify = "gateway.notify"
    static let startClock = "sla.start_clock"
    static let stopClocks = "sla.stop_clocks"
    static let apply = "intake.apply"
    static let actionItemClockKind = "action_item"

    static func after(_ event: CoordinationEvent, from before: CoordinationCase, to after: CoordinationCase) throws -> [Outbox.Message] {
        var messages: [Outbox.Message] = []
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
            if let compilation = after.compilation { messages.append(try reply(compilation, of: after)) }
        case .cancel:
            for (old, new) in zip(before.meetings, after.meetings) where old.isPending && new.state == .cancelled {
                messages += try notices(.cancellation, of: new, in: after)
            }
            for (old, new) in zip(before.actionItems, after.actionItems) where old.state == .open && new.state == .cancelled {
                messages.append(try stop(new, reason: "case_cancelled", in: after))
            }
        case .open, .recordAttendance, .recordMinutes:
            break
        }
        return messages
    }

    /// The SLA clock of an action item.
    ///
    /// The clock's `order_id` is the item's own id, not the work order's: `sla.stop_clocks` stops by order and
    /// kind, so a clock keyed by the work order could only be stopped together with every other item's clock of
    /// that order. The price is that intake cannot place the item's warnings in the order's log (it answers
    /// `not_found`, which the SLA service records and does not retry); the coordination service shows overdue
    /// items itself. Once the SLA service can stop a single clock by id, key it by `after.orderID`.
    /// The clock runs from the meeting, like the item's due date.
    static func start(_ item: ActionItem, in coordination: CoordinationCase) throws -> Outbox.Message {
        let meetingStart = coordination.meeting(number: item.meetingNumber)?.start ?? item.createdAt
        let request = StartClockRequest(
            id: item.id, orderId: item.id, unit: item.ownerUnit, kind: actionItemClockKind,
            startUnixMs: meetingStart.unixMilliseconds, dueUnixMs: item.due.unixMilliseconds, cycle: 1
        )
        return Outbox.Message(destination: .sla, method: startClock, body: try request.wireBytes(), caseID: coordination.id)
    }

    static func stop(_ item: ActionItem, reason: String, in coordination: CoordinationCase) throws -> Outbox.Message {
        let request = StopClocksRequest(orderId: item.id, kinds: [actionItemClockKind], reason: reason)
        return Outbox.Message(destination: .sla, method: stopClocks, body: try request.wireBytes(), caseID: coordination.id)
    }

    /// The draft reply, as the lead unit's liaison who compiled it (notice 三.4: "由联络员向12345政务服务平台回复").
    static func reply(_ compilation: CoordinationCase.Compilation, of coordination: CoordinationCase) throws -> Outbox.Message {
        let request = ApplyActionRequest(
            orderId: coordination.orderID,
            actor: Actor(id: compilation.compiledBy.id, role: Role.liaison.rawValue, unit: coordination.leadUnit),
            action: WorkOrderAction.Kind.draftReply.rawValue,
            text: compilation.text,
            resultCode: compilation.result.rawValue
        )
        return Outbox.Message(destination: .intake, method: apply, body: try request.wireBytes(), caseID: coordination.id, purpose: .reply)
    }

    static func notices(_ kind: MeetingNotice.Kind, of meeting: Meeting, in coordination: CoordinationCase) throws -> [Outbox.Message] {
        try meeting.invitedUnits.map { unit in
            let notification = MeetingNotice(kind: kind, meeting: meeting, coordination: coordination).notification(for: unit)
            return Outbox.Message(
                destination: .gateway, method: notify, body: try NotifyRequest(notification: notification).wireBytes(),
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
