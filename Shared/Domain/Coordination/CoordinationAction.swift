public import Foundation

/// Everything that can happen to a coordination case once it is open.
/// ``CoordinationCase/apply(_:by:at:calendar:)`` decides whether it may happen now, by this actor, and what
/// state follows.
public enum CoordinationAction: Sendable, Hashable {
    /// Call a coordination meeting (协调会) and invite units to it.
    case scheduleMeeting(Meeting.Plan)
    /// Move a pending meeting to another time, and optionally another place or call link.
    case rescheduleMeeting(number: Int, to: Meeting.Slot, place: String?, callLink: String?, reason: String)
    case cancelMeeting(number: Int, reason: String)
    /// Who came; the meeting is held from then on. Invited units not named are recorded absent.
    case recordAttendance(number: Int, [Meeting.Attendance])
    /// The minutes (纪要) and the decisions (议定事项) of a held meeting; recording them again replaces them.
    case recordMinutes(number: Int, minutes: String, decisions: [String])
    /// A task a held meeting gave a unit, due `dueWorkingDays` working days after the meeting's date.
    case addActionItem(meeting: Int, ownerUnit: String, what: String, dueWorkingDays: Int)
    /// The owner reports the item done, with what came of it.
    case completeActionItem(number: Int, outcome: String)
    /// SLA, the calendar's owner, counted the item's period to another due (a holiday notice was
    /// loaded): the item is due then.
    case moveActionItemDue(number: Int, due: Date, provisional: Bool)
    /// The lead unit compiles the result (汇总) into the order's draft reply.
    case compile(result: WorkOrder.ResultCode, summary: String)
    /// Call the coordination off; pending meetings are cancelled and open items withdrawn with it.
    case cancel(reason: String)

    /// The action's name without its values: what the event log, the transition table and role rules key on.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        case open
        case scheduleMeeting = "schedule_meeting"
        case rescheduleMeeting = "reschedule_meeting"
        case cancelMeeting = "cancel_meeting"
        case recordAttendance = "record_attendance"
        case recordMinutes = "record_minutes"
        case addActionItem = "add_action_item"
        case completeActionItem = "complete_action_item"
        case moveActionItemDue = "move_action_item_due"
        case compile
        case cancel

        public var description: String { rawValue }

        /// The roles that may ever perform this action. The case narrows it further: the task force acts on
        /// green-channel cases only, unit-scoped roles only for the lead unit (or, completing an item, its owner).
        public var permittedRoles: Set<Role> {
            switch self {
            case .open, .scheduleMeeting, .rescheduleMeeting, .cancelMeeting, .recordAttendance, .recordMinutes,
                .addActionItem:
                [.bureauDesk, .deputyLeader, .taskForce, .unitLeader, .liaison]
            case .completeActionItem: [.bureauDesk, .taskForce, .unitLeader, .liaison]
            case .moveActionItemDue: [.system]
            case .compile: [.liaison]
            case .cancel: [.bureauDesk, .deputyLeader, .taskForce]
            }
        }
    }

    /// The meeting the action concerns, if it concerns one.
    public var meetingNumber: Int? {
        switch self {
        case .rescheduleMeeting(let number, _, _, _, _), .cancelMeeting(let number, _),
            .recordAttendance(let number, _),
            .recordMinutes(let number, _, _), .addActionItem(let number, _, _, _):
            number
        case .scheduleMeeting, .completeActionItem, .moveActionItemDue, .compile, .cancel:
            nil
        }
    }

    public var kind: Kind {
        switch self {
        case .scheduleMeeting: .scheduleMeeting
        case .rescheduleMeeting: .rescheduleMeeting
        case .cancelMeeting: .cancelMeeting
        case .recordAttendance: .recordAttendance
        case .recordMinutes: .recordMinutes
        case .addActionItem: .addActionItem
        case .completeActionItem: .completeActionItem
        case .moveActionItemDue: .moveActionItemDue
        case .compile: .compile
        case .cancel: .cancel
        }
    }
}
