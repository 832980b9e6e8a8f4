import Foundation

/// A meeting's lifecycle as a pure state machine: scheduled → (rescheduled)* → held (attendance, then minutes)
/// or cancelled with a reason. Every method checks the move against ``Meeting/transitions`` first and leaves the
/// meeting as it was when it throws.
extension Meeting {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        case scheduled
        case rescheduled
        /// Attendance is recorded: the meeting took place.
        case held
        case cancelled

        public var description: String { rawValue }
    }

    public enum Action: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        case reschedule
        case cancel
        /// Recording it again on a held meeting corrects it.
        case recordAttendance = "record_attendance"
        /// Recording them again replaces them.
        case recordMinutes = "record_minutes"

        public var description: String { rawValue }
    }

    /// Every legal move of a meeting.
    public static let transitions: [State: [Action: State]] = [
        .scheduled: [.reschedule: .rescheduled, .cancel: .cancelled, .recordAttendance: .held],
        .rescheduled: [.reschedule: .rescheduled, .cancel: .cancelled, .recordAttendance: .held],
        .held: [.recordAttendance: .held, .recordMinutes: .held],
        .cancelled: [:],
    ]

    /// The state `action` leads to from the current one, or the error that it does not apply.
    func target(of action: Action) throws(CoordinationError) -> State {
        guard let next = Self.transitions[state]?[action] else {
            throw CoordinationError(.illegalMeetingTransition(meeting: id, from: state, action: action))
        }
        return next
    }

    /// Moves the meeting to `slot`; `place` and `callLink` replace the old ones when given. The new time must not
    /// lie in the past: a meeting is moved before it happens.
    mutating func reschedule(
        to slot: Slot,
        place: String?,
        callLink: String?,
        reason: String,
        by actor: WorkOrder.Actor,
        at now: Date
    ) throws(CoordinationError) {
        let next = try target(of: .reschedule)
        try CoordinationCase.requireText(reason, field: "reason", maximum: CoordinationCase.maximumReasonLength)
        try Self.validate(slot, earliest: now, tooEarly: "has passed: a meeting is moved to a time still ahead")
        guard slot != self.slot || place != nil || callLink != nil else {
            throw CoordinationError(.invalidArgument(field: "starts_at", reason: "the meeting is already at that time"))
        }
        let newPlace = place.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? self.place
        let newLink = callLink.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? self.callLink
        try CoordinationCase.requireLength(newPlace, field: "place", maximum: Self.maximumPlaceLength)
        try CoordinationCase.requireLength(newLink, field: "call_link", maximum: Self.maximumLinkLength)
        reschedules.append(Reschedule(from: self.slot, to: slot, reason: reason, actorID: actor.id, at: now))
        self.slot = slot
        self.place = newPlace
        self.callLink = newLink
        state = next
    }

    mutating func cancel(reason: String) throws(CoordinationError) {
        let next = try target(of: .cancel)
        try CoordinationCase.requireText(reason, field: "reason", maximum: CoordinationCase.maximumReasonLength)
        cancellationReason = reason
        state = next
    }

    /// Records who came. Units are the invited ones, each at most once; those not named are absent; at least one
    /// unit must have come, or the meeting did not take place (cancel it instead).
    mutating func recordAttendance(_ entries: [Attendance], at now: Date) throws(CoordinationError) {
        let next = try target(of: .recordAttendance)
        guard now >= start else { throw CoordinationError(.meetingNotStarted(meeting: id, start: start)) }
        var byUnit: [String: Attendance] = [:]
        for entry in entries {
            guard invitedUnits.contains(entry.unit) else { throw CoordinationError(.unitNotInvited(unit: entry.unit)) }
            guard byUnit[entry.unit] == nil else {
                throw CoordinationError(
                    .invalidArgument(field: "attendance", reason: "unit \(entry.unit) is listed twice"))
            }
            var entry = entry
            entry.attendees = entry.attendees.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            entry.note = entry.note.flatMap { CoordinationCase.isBlank($0) ? nil : $0 }
            byUnit[entry.unit] = entry
        }
        let recorded = invitedUnits.map { byUnit[$0] ?? Attendance(unit: $0, present: false) }
        guard recorded.contains(where: \.present) else {
            throw CoordinationError(
                .invalidArgument(field: "attendance", reason: "no unit attended; cancel the meeting instead")
            )
        }
        attendance = recorded
        state = next
    }

    mutating func recordMinutes(_ text: String, decisions: [String]) throws(CoordinationError) {
        guard state == .held else {
            // Before attendance the move is not in the table; say what is missing rather than "illegal".
            if isPending { throw CoordinationError(.meetingNotHeld(meeting: id)) }
            _ = try target(of: .recordMinutes)
            return
        }
        let next = try target(of: .recordMinutes)
        try CoordinationCase.requireText(text, field: "minutes", maximum: CoordinationCase.maximumTextLength)
        let kept = decisions.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard !kept.isEmpty else { throw CoordinationError(.missingArgument(field: "decisions")) }
        for (index, decision) in kept.enumerated() {
            try CoordinationCase.requireText(
                decision, field: "decisions[\(index)]", maximum: CoordinationCase.maximumItemLength)
        }
        minutes = text
        self.decisions = kept
        state = next
    }
}
