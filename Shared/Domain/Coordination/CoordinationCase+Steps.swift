import Foundation

// Scheduling meetings and adding action items: the steps that create something inside the case.
extension CoordinationCase {
    mutating func scheduleMeeting(_ plan: Meeting.Plan, by actor: WorkOrder.Actor, at time: Date)
        throws(CoordinationError) -> Step
    {
        let plan = try Meeting.validated(plan, leadUnit: leadUnit, at: time)
        let number = meetings.count + 1
        let meeting = Meeting(
            id: Self.meetingID(caseID: id, number: number), number: number, plan: plan, scheduledBy: actor, at: time)
        meetings.append(meeting)
        return Step(subject: meeting.id)
    }

    /// Adds an item decided by held meeting `number`, owned by one of the case's units or one the meeting invited,
    /// due `dueWorkingDays` working days after the meeting's date (the meeting's day is not counted).
    mutating func addActionItem(
        meeting number: Int,
        owner: String,
        what: String,
        dueWorkingDays: Int,
        at time: Date,
        calendar: WorkingDayCalendar
    ) throws(CoordinationError) -> Step {
        let meeting = try existingMeeting(number)
        guard meeting.state == .held else {
            if meeting.state == .cancelled { throw CoordinationError(.meetingCancelled(meeting: meeting.id)) }
            throw CoordinationError(.meetingNotHeld(meeting: meeting.id))
        }
        let owner = owner.trimmingCharacters(in: .whitespaces)
        guard !owner.isEmpty else { throw CoordinationError(.missingArgument(field: "owner_unit")) }
        guard units.contains(owner) || meeting.invitedUnits.contains(owner) else {
            throw CoordinationError(
                .invalidArgument(
                    field: "owner_unit",
                    reason: "\(owner) neither takes part in the case nor was invited to the meeting")
            )
        }
        try Self.requireText(what, field: "what", maximum: Self.maximumItemLength)
        guard (1...ActionItem.maximumWorkingDays).contains(dueWorkingDays) else {
            throw CoordinationError(
                .invalidArgument(field: "due_working_days", reason: "must be 1...\(ActionItem.maximumWorkingDays)")
            )
        }
        let deadline: Deadline
        do {
            deadline = try calendar.deadline(workingDays: dueWorkingDays, from: meeting.start)
        } catch {
            throw CoordinationError(.dueDate(message: error.message))
        }
        let itemNumber = actionItems.count + 1
        let item = ActionItem(
            id: Self.actionItemID(caseID: id, number: itemNumber), number: itemNumber, meetingNumber: number,
            ownerUnit: owner, what: what.trimmingCharacters(in: .whitespacesAndNewlines),
            dueWorkingDays: dueWorkingDays,
            deadline: deadline, at: time
        )
        actionItems.append(item)
        return Step(subject: item.id)
    }
}
