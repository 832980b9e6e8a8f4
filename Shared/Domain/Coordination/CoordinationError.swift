public import Foundation

/// Why a coordination action was refused. A refused action changes nothing on the case.
public struct CoordinationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// The role may never perform the action, or not on this case (the task force acts on green-channel
        /// cases only).
        case forbidden(role: Role, action: CoordinationAction.Kind)
        /// A unit-scoped actor of a unit that has no say here (not the lead unit, not the item's owner).
        case wrongUnit(unit: String?, action: CoordinationAction.Kind)
        /// The action does not apply while the case is in this state.
        case illegalTransition(from: CoordinationCase.State, action: CoordinationAction.Kind)
        /// The action does not apply to the meeting in its state.
        case illegalMeetingTransition(meeting: String, from: Meeting.State, action: Meeting.Action)
        /// Only orders in joint handling or on the green channel are coordinated.
        case orderNotCoordinated(mode: WorkOrder.HandlingMode?, track: WorkOrder.Track)
        /// The order is not (or no longer) being handled.
        case orderNotActive(state: WorkOrder.State)
        case missingArgument(field: String)
        case invalidArgument(field: String, reason: String)
        case unknownMeeting(number: Int)
        case unknownActionItem(number: Int)
        /// Attendance before the meeting's start time.
        case meetingNotStarted(meeting: String, start: Date)
        /// Action items and minutes come from a meeting that took place.
        case meetingNotHeld(meeting: String)
        case meetingCancelled(meeting: String)
        /// Attendance names a unit the meeting did not invite.
        case unitNotInvited(unit: String)
        case actionItemNotOpen(item: String, state: ActionItem.State)
        /// Compilation waits for every meeting, its minutes and every action item.
        case notReadyToCompile(reasons: [String])
        /// The working-day calendar cannot give the item's due date.
        case dueDate(message: String)
    }

    public var code: Code

    public init(_ code: Code) {
        self.code = code
    }

    /// The request field the error is about, when it is about one (for field violations on the wire).
    public var field: String? {
        switch code {
        case .missingArgument(let field), .invalidArgument(let field, _): field
        case .unitNotInvited: "attendance"
        case .dueDate: "due_working_days"
        default: nil
        }
    }

    /// A readable explanation for staff; it names no personal data.
    public var message: String {
        switch code {
        case .forbidden(let role, let action):
            "role \(role) may not \(action) on this case"
        case .wrongUnit(let unit, let action):
            "unit \(unit ?? "(none)") may not \(action) on this case"
        case .illegalTransition(let from, let action):
            "\(action) is not possible while the case is \(from)"
        case .illegalMeetingTransition(let meeting, let from, let action):
            "\(action) is not possible while meeting \(meeting) is \(from)"
        case .orderNotCoordinated(let mode, let track):
            "only orders in joint handling (即时协办) or on the green channel are coordinated; this one is "
                + "\(mode?.rawValue ?? "unassigned") on track \(track.rawValue)"
        case .orderNotActive(let state):
            "the order is \(state.rawValue): nothing left to coordinate"
        case .missingArgument(let field):
            "\(field) is required"
        case .invalidArgument(let field, let reason):
            "\(field) is invalid: \(reason)"
        case .unknownMeeting(let number):
            "the case has no meeting \(number)"
        case .unknownActionItem(let number):
            "the case has no action item \(number)"
        case .meetingNotStarted(let meeting, let start):
            "meeting \(meeting) starts at \(ShanghaiTime.iso8601(start)); attendance is recorded once it has begun"
        case .meetingNotHeld(let meeting):
            "meeting \(meeting) has not been held: record its attendance first"
        case .meetingCancelled(let meeting):
            "meeting \(meeting) was cancelled"
        case .unitNotInvited(let unit):
            "unit \(unit) was not invited to the meeting"
        case .actionItemNotOpen(let item, let state):
            "action item \(item) is \(state.rawValue), not open"
        case .notReadyToCompile(let reasons):
            "the result cannot be compiled yet: " + reasons.joined(separator: "; ")
        case .dueDate(let message):
            "the due date cannot be computed: \(message)"
        }
    }

    public var description: String { message }
}
