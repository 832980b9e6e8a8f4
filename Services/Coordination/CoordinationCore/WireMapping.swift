import Domain
import Foundation
import WireProtocol

// Cases, meetings, items and events as the wire carries them (Shared/Protos/suban/v1/coordination.proto).

extension Wire.CoordinationCaseView {
    /// The case as staff see it at `now` (which items are overdue), with the conflicts of its pending meetings.
    init(_ record: CaseStore.Record, conflicts: [String: [MeetingConflict]] = [:], at now: Date) {
        let coordination = record.coordination
        let compilation = coordination.compilation
        self.init(
            id: coordination.id,
            orderId: coordination.orderID,
            platformOrderNumber: coordination.platformOrderNumber,
            handlingMode: coordination.handlingMode?.rawValue ?? "",
            track: coordination.track.rawValue,
            state: coordination.state.rawValue,
            leadUnit: coordination.leadUnit,
            participatingUnits: coordination.participatingUnits,
            coordinator: coordination.coordinator,
            instructingLeader: coordination.instruction?.leader ?? "",
            instruction: coordination.instruction?.text ?? "",
            openedBy: coordination.openedBy.id,
            openedAtUnixMs: coordination.openedAt.unixMilliseconds,
            updatedAtUnixMs: coordination.updatedAt.unixMilliseconds,
            meetings: coordination.meetings.map { Wire.MeetingView($0, conflicts: conflicts[$0.id] ?? []) },
            actionItems: coordination.actionItems.map { Wire.ActionItemView($0, caseID: coordination.id, at: now) },
            compiledText: compilation?.text ?? "",
            resultCode: compilation?.result.rawValue ?? "",
            compiledBy: compilation?.compiledBy.id ?? "",
            compiledAtUnixMs: compilation?.compiledAt.unixMilliseconds ?? 0,
            replyDelivery: record.replyDelivery?.rawValue ?? "",
            replyError: record.replyError ?? "",
            cancellationReason: coordination.cancellationReason ?? "",
            overdueItems: UInt32(coordination.overdueActionItems(at: now).count)
        )
    }
}

extension Wire.MeetingView {
    init(_ meeting: Meeting, conflicts: [MeetingConflict]) {
        self.init(
            id: meeting.id,
            number: UInt32(meeting.number),
            state: meeting.state.rawValue,
            startsAtUnixMs: meeting.start.unixMilliseconds,
            endsAtUnixMs: meeting.end.unixMilliseconds,
            place: meeting.place,
            callLink: meeting.callLink,
            agenda: meeting.agenda,
            invitedUnits: meeting.invitedUnits,
            attendance: meeting.attendance.map {
                Wire.AttendanceEntry(unit: $0.unit, present: $0.present, attendees: $0.attendees, note: $0.note ?? "")
            },
            minutes: meeting.minutes ?? "",
            decisions: meeting.decisions,
            reschedules: meeting.reschedules.map {
                Wire.MeetingReschedule(
                    fromStartsAtUnixMs: $0.from.start.unixMilliseconds, toStartsAtUnixMs: $0.to.start.unixMilliseconds,
                    reason: $0.reason, actorId: $0.actorID, atUnixMs: $0.at.unixMilliseconds
                )
            },
            cancellationReason: meeting.cancellationReason ?? "",
            scheduledBy: meeting.scheduledBy.id,
            conflicts: conflicts.map(Wire.ConflictingMeeting.init)
        )
    }
}

extension Wire.ConflictingMeeting {
    init(_ conflict: MeetingConflict) {
        self.init(
            meetingId: conflict.meetingID, caseId: conflict.caseID, units: conflict.units,
            startsAtUnixMs: conflict.slot.start.unixMilliseconds, endsAtUnixMs: conflict.slot.end.unixMilliseconds
        )
    }
}

extension Wire.ActionItemView {
    init(_ item: ActionItem, caseID: String, at now: Date) {
        self.init(
            id: item.id,
            number: UInt32(item.number),
            meetingId: CoordinationCase.meetingID(caseID: caseID, number: item.meetingNumber),
            ownerUnit: item.ownerUnit,
            what: item.what,
            dueWorkingDays: UInt32(item.dueWorkingDays),
            dueUnixMs: item.due.unixMilliseconds,
            dueDay: item.dueDay.description,
            dueProvisional: item.dueIsProvisional,
            state: item.state.rawValue,
            outcome: item.outcome ?? "",
            completedBy: item.completedBy?.id ?? "",
            completedAtUnixMs: item.completedAt?.unixMilliseconds ?? 0,
            overdue: item.isOverdue(at: now),
            createdAtUnixMs: item.createdAt.unixMilliseconds
        )
    }
}

extension Wire.CaseEvent {
    init(_ event: CoordinationEvent) {
        self.init(
            sequence: UInt64(event.sequence),
            actorId: event.actor.id,
            role: event.actor.role.rawValue,
            unit: event.actor.unitCode ?? "",
            atUnixMs: event.timestamp.unixMilliseconds,
            fromState: event.from.rawValue,
            toState: event.to.rawValue,
            action: event.action.rawValue,
            subject: event.subject ?? "",
            reason: event.reason ?? ""
        )
    }
}
