import Domain
import Foundation
import WireProtocol

/// A step form posted to `/coordination/<case id>/steps`, read into the coordination request it
/// stands for. Only what cannot be put to coordination is refused here (a time that is not one, a
/// meeting of another case); coordination checks everything else and says why not.
enum CoordinationStepForm {
    typealias Refusal = ActionForm.Refusal

    /// One step, as the request the coordination method of that name takes.
    enum Step: Sendable {
        case scheduleMeeting(Wire.ScheduleMeetingRequest)
        case rescheduleMeeting(Wire.RescheduleMeetingRequest)
        case cancelMeeting(Wire.CancelMeetingRequest)
        case recordAttendance(Wire.RecordAttendanceRequest)
        case recordMinutes(Wire.RecordMinutesRequest)
        case addActionItem(Wire.AddActionItemRequest)
        case completeActionItem(Wire.CompleteActionItemRequest)
        case compile(Wire.CompileResultRequest)
        case cancel(Wire.CancelCaseRequest)
    }

    /// The steps a case page posts (opening is the order page's).
    static let postedKinds: [CoordinationAction.Kind] = CoordinationAction.Kind.allCases.filter { $0 != .open }

    /// How long a meeting may be chosen to last, in minutes (the domain caps it at 12 hours).
    static let durations = [30, 60, 90, 120, 180, 240]

    static func step(_ fields: FormFields, case view: Wire.CoordinationCaseView, staff: SignedInStaff) throws(Refusal)
        -> Step
    {
        guard let text = fields.text("step"), let kind = CoordinationAction.Kind(rawValue: text), kind != .open else {
            throw Refusal(message: "未知的操作")
        }
        let owners = kind == .completeActionItem ? try item(fields, of: view).map { [$0.ownerUnit] } ?? [] : []
        guard
            let role = CoordinationAccess.requestRole(
                kind, staff: staff, track: CoordinationAccess.track(of: view), leadUnit: view.leadUnit, owners: owners)
        else {
            throw Refusal(message: "您的岗位不能进行“\(kind.label)”", forbidden: true)
        }
        let actor = Wire.Actor(id: staff.login, role: role.rawValue)
        switch kind {
        case .scheduleMeeting:
            let slot = try self.slot(fields)
            return .scheduleMeeting(
                Wire.ScheduleMeetingRequest(
                    caseId: view.id, actor: actor, startsAtUnixMs: slot.start, endsAtUnixMs: slot.end,
                    place: fields.text("place") ?? "",
                    callLink: fields.text("call_link") ?? "", agenda: fields.text("agenda") ?? "",
                    invitedUnits: fields.all("invited_units").filter { !$0.isEmpty }))
        case .rescheduleMeeting:
            let slot = try self.slot(fields)
            return .rescheduleMeeting(
                Wire.RescheduleMeetingRequest(
                    meetingId: try meeting(fields, of: view).id, actor: actor, startsAtUnixMs: slot.start,
                    endsAtUnixMs: slot.end,
                    place: fields.text("place") ?? "", callLink: fields.text("call_link") ?? "",
                    reason: fields.text("reason") ?? ""))
        case .cancelMeeting:
            return .cancelMeeting(
                Wire.CancelMeetingRequest(
                    meetingId: try meeting(fields, of: view).id, actor: actor, reason: fields.text("reason") ?? ""))
        case .recordAttendance:
            let meeting = try meeting(fields, of: view)
            return .recordAttendance(
                Wire.RecordAttendanceRequest(
                    meetingId: meeting.id, actor: actor, attendance: attendance(fields, meeting: meeting)))
        case .recordMinutes:
            return .recordMinutes(
                Wire.RecordMinutesRequest(
                    meetingId: try meeting(fields, of: view).id, actor: actor, minutes: fields.text("minutes") ?? "",
                    decisions: lines(fields["decisions"])))
        case .addActionItem:
            return .addActionItem(
                Wire.AddActionItemRequest(
                    meetingId: try meeting(fields, of: view).id, actor: actor,
                    ownerUnit: fields.text("owner_unit") ?? "",
                    what: fields.text("what") ?? "",
                    dueWorkingDays: try ActionForm.number(
                        fields.text("due_working_days"), field: "办理期限（工作日）",
                        in: 1...UInt32(ActionItem.maximumWorkingDays))))
        case .completeActionItem:
            guard let item = try item(fields, of: view) else { throw Refusal(message: "请选择要办结的事项") }
            return .completeActionItem(
                Wire.CompleteActionItemRequest(
                    actionItemId: item.id, actor: actor, outcome: fields.text("outcome") ?? ""))
        case .compile:
            return .compile(
                Wire.CompileResultRequest(
                    caseId: view.id, actor: actor, resultCode: fields.text("result_code") ?? "",
                    summary: fields.text("summary") ?? ""))
        case .cancel:
            return .cancel(Wire.CancelCaseRequest(caseId: view.id, actor: actor, reason: fields.text("reason") ?? ""))
        case .open, .moveActionItemDue:  // not a form's: the order page opens, SLA moves dues
            throw Refusal(message: "未知的操作")
        }
    }

    /// The order page's form that opens the order's case.
    static func opening(_ fields: FormFields, order: Wire.WorkOrderView, staff: SignedInStaff) throws(Refusal)
        -> Wire.OpenCaseRequest
    {
        guard
            let role = CoordinationAccess.requestRole(
                .open, staff: staff, track: WorkOrder.Track(rawValue: order.track) ?? .regular,
                leadUnit: order.responsibleUnits.first ?? "")
        else {
            throw Refusal(message: "您的岗位不能进行“\(CoordinationAction.Kind.open.label)”", forbidden: true)
        }
        return Wire.OpenCaseRequest(
            orderId: order.id, actor: Wire.Actor(id: staff.login, role: role.rawValue),
            participatingUnits: fields.all("participating_units").filter { !$0.isEmpty },
            coordinator: fields.text("coordinator") ?? "",
            instructingLeader: fields.text("instructing_leader") ?? "", instruction: fields.text("instruction") ?? "")
    }

    /// The meeting the form names by its number, which must be one of this case's: a form posted
    /// to one case never reaches another's meeting.
    static func meeting(_ fields: FormFields, of view: Wire.CoordinationCaseView) throws(Refusal) -> Wire.MeetingView {
        guard let number = fields.text("meeting").flatMap(UInt32.init),
            let meeting = view.meetings.first(where: { $0.number == number })
        else {
            throw Refusal(message: "本案没有这次会议")
        }
        return meeting
    }

    static func item(_ fields: FormFields, of view: Wire.CoordinationCaseView) throws(Refusal) -> Wire.ActionItemView? {
        guard let text = fields.text("item") else { return nil }
        guard let number = UInt32(text), let item = view.actionItems.first(where: { $0.number == number }) else {
            throw Refusal(message: "本案没有这一事项")
        }
        return item
    }

    /// Start (`datetime-local`, Beijing time) and end after the chosen duration, in Unix milliseconds.
    static func slot(_ fields: FormFields) throws(Refusal) -> (start: Int64, end: Int64) {
        guard let text = fields.text("starts_at"), let start = beijingMilliseconds(text) else {
            throw Refusal(message: "请填写会议开始时间（例如 2026-12-05 09:30）")
        }
        guard let minutes = fields.text("duration_minutes").flatMap(Int.init), durations.contains(minutes) else {
            throw Refusal(message: "请选择会议时长")
        }
        return (start, start + Int64(minutes) * 60_000)
    }

    /// `2026-12-05T09:30` (what a `datetime-local` input sends; seconds optional, a space instead of
    /// the T accepted) in Beijing time, as Unix milliseconds.
    static func beijingMilliseconds(_ text: String) -> Int64? {
        let local = text.replacingOccurrences(of: " ", with: "T")
        let withSeconds = local.count == 16 ? local + ":00" : local
        guard withSeconds.count == 19, let date = ShanghaiTime.parseISO8601(withSeconds + "+08:00") else { return nil }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// One entry for every invited unit: present when its box is ticked, with the people named for
    /// it (separated by 、，, or new lines) and a note.
    static func attendance(_ fields: FormFields, meeting: Wire.MeetingView) -> [Wire.AttendanceEntry] {
        let present = Set(fields.all("present"))
        return meeting.invitedUnits.map { unit in
            let attendees = (fields["attendees.\(unit)"] ?? "")
                .split(whereSeparator: { "、，,\n\r".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            return Wire.AttendanceEntry(
                unit: unit, present: present.contains(unit), attendees: attendees,
                note: fields.text("note.\(unit)") ?? "")
        }
    }

    /// Non-blank lines, trimmed: one decision a line.
    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }
}
