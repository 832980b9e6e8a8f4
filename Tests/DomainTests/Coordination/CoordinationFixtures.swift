import Domain
import Foundation

/// Orders, actors, times and canonical actions shared by the coordination suites.
enum CoordinationFixtures {
    typealias Actor = WorkOrder.Actor
    typealias State = CoordinationCase.State
    typealias Kind = CoordinationAction.Kind

    static func at(_ text: String) -> Date { ShanghaiTime.parseISO8601(text)! }

    /// The day before the meeting: cases open and meetings are scheduled then.
    static let t0 = at("2025-09-29T09:00:00+08:00")
    /// The meeting: on the last working day before the 2025 National Day holiday.
    static let meetingSlot = Meeting.Slot(start: at("2025-09-30T10:00:00+08:00"), end: at("2025-09-30T12:00:00+08:00"))
    /// During the meeting: attendance, minutes and items are recorded then.
    static let duringMeeting = at("2025-09-30T11:00:00+08:00")
    static let afterMeeting = at("2025-10-09T15:00:00+08:00")

    static let lead = "work_injury_insurance_center"
    static let partner = "unemployment_insurance_center"

    static let desk = Actor(id: "wang", role: .bureauDesk, unitCode: "office")
    static let deputy = Actor(id: "qian", role: .deputyLeader)
    static let taskForce = Actor(id: "zhou", role: .taskForce, unitCode: "office")
    static let platform = Actor(id: "12345", role: .platform)
    static func liaison(_ unit: String = lead) -> Actor { Actor(id: "li@\(unit)", role: .liaison, unitCode: unit) }
    static func unitLeader(_ unit: String = lead) -> Actor {
        Actor(id: "zhao@\(unit)", role: .unitLeader, unitCode: unit)
    }

    static func order(
        mode: WorkOrder.HandlingMode? = .jointHandling,
        track: WorkOrder.Track = .regular,
        state: WorkOrder.State = .inProgress,
        units: [String] = [lead, partner]
    ) -> CoordinationCase.OrderFacts {
        CoordinationCase.OrderFacts(
            id: "WO-1", platformOrderNumber: "SMX-2025-0930", state: state, handlingMode: mode, track: track,
            responsibleUnits: units
        )
    }

    static let opening = CoordinationCase.Opening(
        coordinator: "zhang@office",
        instruction: .init(leader: "分管局长", text: "请工伤保险中心牵头，失业保险中心配合，三日内召开协调会。")
    )

    /// A freshly opened joint-handling case.
    static func openCase(_ order: CoordinationCase.OrderFacts = order(), by actor: Actor = desk) throws
        -> CoordinationCase
    {
        try CoordinationCase.open(id: "CC-20250929-001", order: order, opening: opening, by: actor, at: t0).0
    }

    static func plan(_ slot: Meeting.Slot = meetingSlot, units: [String] = [partner]) -> Meeting.Plan {
        Meeting.Plan(slot: slot, place: "局三楼会议室", agenda: "研究工伤职工失业待遇衔接问题", invitedUnits: units)
    }

    static let attendance = [
        Meeting.Attendance(unit: lead, present: true, attendees: ["陈科长"]),
        Meeting.Attendance(unit: partner, present: true, attendees: ["刘主任"]),
    ]

    /// A case brought to `state` through the usual actions, with one meeting and (from in progress on) two items.
    static func caseIn(_ state: State, track: WorkOrder.Track = .regular) throws -> CoordinationCase {
        var coordination = try openCase(order(track: track))
        if state == .open { return coordination }
        if state == .cancelled {
            _ = try coordination.apply(.cancel(reason: "诉求人撤回"), by: desk, at: t0)
            return coordination
        }
        _ = try coordination.apply(.scheduleMeeting(plan()), by: desk, at: t0)
        if state == .meetingScheduled { return coordination }
        _ = try coordination.apply(.recordAttendance(number: 1, attendance), by: desk, at: duringMeeting)
        _ = try coordination.apply(
            .recordMinutes(number: 1, minutes: "会议纪要", decisions: ["先行支付工伤待遇", "同步办理失业登记"]), by: desk, at: duringMeeting
        )
        _ = try coordination.apply(
            .addActionItem(meeting: 1, ownerUnit: lead, what: "核定并支付工伤待遇", dueWorkingDays: 5), by: desk,
            at: duringMeeting)
        _ = try coordination.apply(
            .addActionItem(meeting: 1, ownerUnit: partner, what: "办理失业登记", dueWorkingDays: 3), by: desk,
            at: duringMeeting)
        if state == .inProgress { return coordination }
        _ = try coordination.apply(
            .completeActionItem(number: 1, outcome: "已核定，10月9日发放"), by: liaison(), at: afterMeeting)
        _ = try coordination.apply(
            .completeActionItem(number: 2, outcome: "已办理失业登记"), by: liaison(partner), at: afterMeeting)
        if state == .readyToCompile { return coordination }
        _ = try coordination.apply(.compile(result: .solved, summary: ""), by: liaison(), at: afterMeeting)
        return coordination
    }
}
