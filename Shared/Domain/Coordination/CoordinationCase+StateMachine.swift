public import Foundation

/// The coordination lifecycle as a pure state machine: open → meeting scheduled → in progress (meetings held,
/// action items under way) → ready to compile → compiled; cancelled from any state before compilation.
///
/// The state after an action follows from the case's contents (``phase``): which meetings are pending or held,
/// whether the held ones have minutes, whether every action item is done. The table says which of those outcomes
/// each action may have from each state; an outcome outside it is refused like an illegal action, so that the
/// table is the whole truth about possible moves and the tests can walk it edge by edge.
extension CoordinationCase {
    public typealias Transitions = [State: [CoordinationAction.Kind: Set<State>]]

    /// Every legal move: for each state, the actions that apply and the states each can lead to.
    public static let transitions: Transitions = [
        .open: [.scheduleMeeting: [.meetingScheduled], .cancel: [.cancelled]],
        .meetingScheduled: [
            .scheduleMeeting: [.meetingScheduled],
            .rescheduleMeeting: [.meetingScheduled],
            // Calling off the only meeting leaves nothing scheduled.
            .cancelMeeting: [.meetingScheduled, .open],
            .recordAttendance: [.inProgress],
            .cancel: [.cancelled],
        ],
        .inProgress: [
            .scheduleMeeting: [.inProgress],
            .rescheduleMeeting: [.inProgress],
            .cancelMeeting: [.inProgress, .readyToCompile],
            .recordAttendance: [.inProgress],
            .recordMinutes: [.inProgress, .readyToCompile],
            .addActionItem: [.inProgress],
            .completeActionItem: [.inProgress, .readyToCompile],
            // Open items exist only here: a case with one is neither ready to compile nor compiled.
            .moveActionItemDue: [.inProgress],
            .cancel: [.cancelled],
        ],
        .readyToCompile: [
            // A further meeting or item reopens the work; minutes and attendance may still be corrected.
            .scheduleMeeting: [.inProgress],
            .recordAttendance: [.readyToCompile],
            .recordMinutes: [.readyToCompile],
            .addActionItem: [.inProgress],
            .compile: [.compiled],
            .cancel: [.cancelled],
        ],
        .compiled: [
            // The desk's review or the platform may send the reply back (重办): the lead unit recompiles, after a
            // further meeting or item if needed.
            .scheduleMeeting: [.inProgress],
            .addActionItem: [.inProgress],
            .compile: [.compiled],
        ],
        .cancelled: [:],
    ]

    /// The actions that apply in `state`, whoever performs them.
    public static func permittedActions(in state: State) -> Set<CoordinationAction.Kind> {
        Set(transitions[state, default: [:]].keys)
    }

    /// The state the case's contents put it in, short of compilation and cancellation.
    public var phase: State {
        let held = meetings.filter { $0.state == .held }
        let pending = meetings.contains(where: \.isPending)
        if held.isEmpty && actionItems.isEmpty { return pending ? .meetingScheduled : .open }
        let minutesComplete = held.allSatisfy { $0.minutes != nil }
        let itemsDone = actionItems.allSatisfy { $0.state != .open }
        return !pending && minutesComplete && itemsDone ? .readyToCompile : .inProgress
    }

    /// What still stands between the case and compilation, for people; empty when it could be compiled.
    public var outstanding: [String] {
        var reasons: [String] = []
        if !meetings.contains(where: { $0.state == .held }) { reasons.append("no meeting has been held") }
        for meeting in meetings where meeting.isPending {
            reasons.append("meeting \(meeting.number) is still \(meeting.state)")
        }
        for meeting in meetings where meeting.state == .held && meeting.minutes == nil {
            reasons.append("meeting \(meeting.number) has no minutes")
        }
        let open = actionItems.filter { $0.state == .open }.map { String($0.number) }
        if !open.isEmpty {
            reasons.append("action item\(open.count == 1 ? "" : "s") \(open.joined(separator: ", ")) not done")
        }
        return reasons
    }

    /// Performs `action` for `actor` at `time` and returns the event to append to the case's log.
    ///
    /// - Parameter calendar: the working-day calendar that action items' due dates are counted on.
    /// - Throws: ``CoordinationError``; the case is then left exactly as it was.
    public mutating func apply(
        _ action: CoordinationAction,
        by actor: WorkOrder.Actor,
        at time: Date,
        calendar: WorkingDayCalendar = .shipped
    ) throws(CoordinationError) -> CoordinationEvent {
        let kind = action.kind
        try Self.authorize(actor, kind, track: track, leadUnit: leadUnit, owners: owners(of: action))
        guard let targets = Self.transitions[state]?[kind] else { throw refusal(of: action) }
        // Work on a copy: a check that fails half-way must leave no trace on the case.
        var next = self
        let step = try next.perform(action, by: actor, at: time, calendar: calendar)
        let to = step.to ?? next.phase
        guard targets.contains(to) else {
            // Only the compile guard above and the steps' own checks should ever get here first.
            throw CoordinationError(.illegalTransition(from: state, action: kind))
        }
        next.state = to
        next.lastSequence += 1
        next.updatedAt = time
        let event = CoordinationEvent(
            sequence: next.lastSequence, caseID: id, actor: actor, timestamp: time, from: state, to: to, action: kind,
            subject: step.subject, reason: step.reason
        )
        self = next
        return event
    }

    /// What an action did: the meeting or item it concerned, why, and — for compile and cancel — the state it
    /// sets; the others leave the state to ``phase``.
    struct Step {
        var subject: String?
        var reason: String?
        var to: State?
    }

    /// Units besides the lead unit whose people may perform `action`: an action item's owner completes it.
    private func owners(of action: CoordinationAction) -> [String] {
        guard case .completeActionItem(let number, _) = action, let item = actionItem(number: number) else { return [] }
        return [item.ownerUnit]
    }

    private mutating func perform(
        _ action: CoordinationAction,
        by actor: WorkOrder.Actor,
        at time: Date,
        calendar: WorkingDayCalendar
    ) throws(CoordinationError) -> Step {
        switch action {
        case .scheduleMeeting(let plan):
            return try scheduleMeeting(plan, by: actor, at: time)
        case .rescheduleMeeting(let number, let slot, let place, let callLink, let reason):
            var meeting = try existingMeeting(number)
            try meeting.reschedule(to: slot, place: place, callLink: callLink, reason: reason, by: actor, at: time)
            meetings[number - 1] = meeting
            return Step(subject: meeting.id, reason: reason)
        case .cancelMeeting(let number, let reason):
            var meeting = try existingMeeting(number)
            try meeting.cancel(reason: reason)
            meetings[number - 1] = meeting
            return Step(subject: meeting.id, reason: reason)
        case .recordAttendance(let number, let entries):
            var meeting = try existingMeeting(number)
            try meeting.recordAttendance(entries, at: time)
            meetings[number - 1] = meeting
            return Step(subject: meeting.id)
        case .recordMinutes(let number, let minutes, let decisions):
            var meeting = try existingMeeting(number)
            try meeting.recordMinutes(minutes, decisions: decisions)
            meetings[number - 1] = meeting
            return Step(subject: meeting.id)
        case .addActionItem(let number, let owner, let what, let days):
            return try addActionItem(
                meeting: number, owner: owner, what: what, dueWorkingDays: days, at: time, calendar: calendar)
        case .completeActionItem(let number, let outcome):
            guard var item = actionItem(number: number) else {
                throw CoordinationError(.unknownActionItem(number: number))
            }
            try item.complete(outcome: outcome, by: actor, at: time)
            actionItems[number - 1] = item
            return Step(subject: item.id, reason: outcome)
        case .moveActionItemDue(let number, let due, let provisional):
            guard var item = actionItem(number: number) else {
                throw CoordinationError(.unknownActionItem(number: number))
            }
            let before = item.due
            try item.move(due: due, provisional: provisional)
            actionItems[number - 1] = item
            let reason =
                before == due
                ? "\(ShanghaiTime.chineseText(due))（已按节假日通知确认）"
                : "\(ShanghaiTime.chineseText(before)) → \(ShanghaiTime.chineseText(due))"
            return Step(subject: item.id, reason: reason)
        case .compile(let result, let summary):
            return try compile(result: result, summary: summary, by: actor, at: time)
        case .cancel(let reason):
            try Self.requireText(reason, field: "reason", maximum: Self.maximumReasonLength)
            for index in meetings.indices where meetings[index].isPending {
                try meetings[index].cancel(reason: reason)
            }
            for index in actionItems.indices { actionItems[index].withdraw() }
            cancellationReason = reason
            return Step(reason: reason, to: .cancelled)
        }
    }

    /// Why `action` does not apply in the current state, in the words that help most: that the meeting or item
    /// does not exist, what compilation still waits for, or that the meeting has not been held yet.
    private func refusal(of action: CoordinationAction) -> CoordinationError {
        if let number = action.meetingNumber, meeting(number: number) == nil {
            return CoordinationError(.unknownMeeting(number: number))
        }
        if case .completeActionItem(let number, _) = action, actionItem(number: number) == nil {
            return CoordinationError(.unknownActionItem(number: number))
        }
        if case .moveActionItemDue(let number, _, _) = action, actionItem(number: number) == nil {
            return CoordinationError(.unknownActionItem(number: number))
        }
        switch action {
        case .compile where state != .cancelled:
            return CoordinationError(.notReadyToCompile(reasons: outstanding))
        case .recordMinutes(let number, _, _) where meeting(number: number)?.isPending == true,
            .addActionItem(let number, _, _, _) where meeting(number: number)?.isPending == true:
            return CoordinationError(.meetingNotHeld(meeting: Self.meetingID(caseID: id, number: number)))
        default:
            return CoordinationError(.illegalTransition(from: state, action: action.kind))
        }
    }

    func existingMeeting(_ number: Int) throws(CoordinationError) -> Meeting {
        guard let meeting = meeting(number: number) else { throw CoordinationError(.unknownMeeting(number: number)) }
        return meeting
    }
}
