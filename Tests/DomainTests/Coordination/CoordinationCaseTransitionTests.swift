import Domain
import Foundation
import Testing

/// The case's transition table edge by edge: every legal move is made, every move outside the table is refused and
/// changes nothing.
@Suite struct CoordinationCaseTransitionTests {
    typealias F = CoordinationFixtures
    typealias State = CoordinationCase.State
    typealias Kind = CoordinationAction.Kind

    struct Edge: Sendable, CustomTestStringConvertible {
        var from: State
        var kind: Kind
        var to: State
        var note: String = ""
        var prepare: @Sendable () throws -> CoordinationCase
        var action: CoordinationAction
        var actor: WorkOrder.Actor = F.desk
        var time: Date = F.afterMeeting

        var testDescription: String { "\(from) --\(kind)--> \(to)\(note.isEmpty ? "" : " (\(note))")" }
    }

    static let laterSlot = Meeting.Slot(
        start: F.at("2025-10-10T15:00:00+08:00"), end: F.at("2025-10-10T16:00:00+08:00"))
    static let followUp = CoordinationAction.scheduleMeeting(F.plan(laterSlot))
    static let moved = Meeting.Slot(start: F.at("2025-10-11T09:00:00+08:00"), end: F.at("2025-10-11T10:00:00+08:00"))

    /// A case in progress with a pending follow-up meeting (number 2).
    static func withFollowUp(_ state: State) throws -> CoordinationCase {
        var coordination = try F.caseIn(state)
        _ = try coordination.apply(Self.followUp, by: F.desk, at: F.afterMeeting)
        return coordination
    }

    /// One case per edge of ``CoordinationCase/transitions``; `coversTheWholeTable` keeps the two in step.
    static let edges: [Edge] = [
        Edge(
            from: .open, kind: .scheduleMeeting, to: .meetingScheduled, prepare: { try F.caseIn(.open) },
            action: .scheduleMeeting(F.plan()), time: F.t0),
        Edge(
            from: .open, kind: .cancel, to: .cancelled, prepare: { try F.caseIn(.open) },
            action: .cancel(reason: "诉求人撤回")),
        Edge(
            from: .meetingScheduled, kind: .scheduleMeeting, to: .meetingScheduled,
            prepare: { try F.caseIn(.meetingScheduled) },
            action: followUp, time: F.t0),
        Edge(
            from: .meetingScheduled, kind: .rescheduleMeeting, to: .meetingScheduled,
            prepare: { try F.caseIn(.meetingScheduled) },
            action: .rescheduleMeeting(number: 1, to: moved, place: nil, callLink: nil, reason: "失业保险中心主任出差"),
            time: F.t0),
        Edge(
            from: .meetingScheduled, kind: .cancelMeeting, to: .open, note: "the only meeting",
            prepare: { try F.caseIn(.meetingScheduled) },
            action: .cancelMeeting(number: 1, reason: "问题已电话协调解决"), time: F.t0),
        Edge(
            from: .meetingScheduled, kind: .cancelMeeting, to: .meetingScheduled, note: "one of two",
            prepare: {
                var coordination = try F.caseIn(.meetingScheduled)
                _ = try coordination.apply(followUp, by: F.desk, at: F.t0)
                return coordination
            },
            action: .cancelMeeting(number: 2, reason: "与第一次会议合并"), time: F.t0),
        Edge(
            from: .meetingScheduled, kind: .recordAttendance, to: .inProgress,
            prepare: { try F.caseIn(.meetingScheduled) },
            action: .recordAttendance(number: 1, F.attendance), time: F.duringMeeting),
        Edge(
            from: .meetingScheduled, kind: .cancel, to: .cancelled, prepare: { try F.caseIn(.meetingScheduled) },
            action: .cancel(reason: "工单已退回"), time: F.t0),
        Edge(
            from: .inProgress, kind: .scheduleMeeting, to: .inProgress, prepare: { try F.caseIn(.inProgress) },
            action: followUp),
        Edge(
            from: .inProgress, kind: .rescheduleMeeting, to: .inProgress, prepare: { try withFollowUp(.inProgress) },
            action: .rescheduleMeeting(
                number: 2, to: moved, place: "线上", callLink: "https://meet.example.invalid/cc", reason: "改为线上")),
        Edge(
            from: .inProgress, kind: .cancelMeeting, to: .inProgress, note: "items still open",
            prepare: { try withFollowUp(.inProgress) },
            action: .cancelMeeting(number: 2, reason: "无需再议")),
        Edge(
            from: .inProgress, kind: .cancelMeeting, to: .readyToCompile, note: "all else done",
            prepare: { try withFollowUp(.readyToCompile) },
            action: .cancelMeeting(number: 2, reason: "事项均已落实，无需再议")),
        Edge(
            from: .inProgress, kind: .recordAttendance, to: .inProgress, note: "a correction",
            prepare: { try F.caseIn(.inProgress) },
            action: .recordAttendance(number: 1, [F.attendance[0]])),
        Edge(
            from: .inProgress, kind: .recordMinutes, to: .inProgress, note: "items still open",
            prepare: { try F.caseIn(.inProgress) },
            action: .recordMinutes(number: 1, minutes: "修订后的纪要", decisions: ["先行支付工伤待遇"])),
        Edge(
            from: .inProgress, kind: .recordMinutes, to: .readyToCompile, note: "no items",
            prepare: {
                var coordination = try F.caseIn(.meetingScheduled)
                _ = try coordination.apply(.recordAttendance(number: 1, F.attendance), by: F.desk, at: F.duringMeeting)
                return coordination
            },
            action: .recordMinutes(number: 1, minutes: "会议纪要", decisions: ["由工伤保险中心直接答复"])),
        Edge(
            from: .inProgress, kind: .addActionItem, to: .inProgress, prepare: { try F.caseIn(.inProgress) },
            action: .addActionItem(meeting: 1, ownerUnit: F.partner, what: "补充材料", dueWorkingDays: 2)),
        Edge(
            from: .inProgress, kind: .completeActionItem, to: .inProgress, note: "one of two",
            prepare: { try F.caseIn(.inProgress) },
            action: .completeActionItem(number: 1, outcome: "已发放"), actor: F.liaison()),
        Edge(
            from: .inProgress, kind: .completeActionItem, to: .readyToCompile, note: "the last",
            prepare: {
                var coordination = try F.caseIn(.inProgress)
                _ = try coordination.apply(
                    .completeActionItem(number: 1, outcome: "已发放"), by: F.liaison(), at: F.afterMeeting)
                return coordination
            },
            action: .completeActionItem(number: 2, outcome: "已登记"), actor: F.liaison(F.partner)),
        Edge(
            from: .inProgress, kind: .moveActionItemDue, to: .inProgress, note: "a holiday notice loaded",
            prepare: { try F.caseIn(.inProgress) },
            action: .moveActionItemDue(
                number: 1, due: F.afterMeeting.addingTimeInterval(7 * 86_400), provisional: false), actor: system),
        Edge(
            from: .inProgress, kind: .cancel, to: .cancelled, prepare: { try F.caseIn(.inProgress) },
            action: .cancel(reason: "工单已并单")),
        Edge(
            from: .readyToCompile, kind: .scheduleMeeting, to: .inProgress, prepare: { try F.caseIn(.readyToCompile) },
            action: followUp),
        Edge(
            from: .readyToCompile, kind: .recordAttendance, to: .readyToCompile,
            prepare: { try F.caseIn(.readyToCompile) },
            action: .recordAttendance(number: 1, F.attendance)),
        Edge(
            from: .readyToCompile, kind: .recordMinutes, to: .readyToCompile,
            prepare: { try F.caseIn(.readyToCompile) },
            action: .recordMinutes(number: 1, minutes: "修订后的纪要", decisions: ["先行支付工伤待遇"])),
        Edge(
            from: .readyToCompile, kind: .addActionItem, to: .inProgress, prepare: { try F.caseIn(.readyToCompile) },
            action: .addActionItem(meeting: 1, ownerUnit: F.lead, what: "回访诉求人", dueWorkingDays: 1)),
        Edge(
            from: .readyToCompile, kind: .compile, to: .compiled, prepare: { try F.caseIn(.readyToCompile) },
            action: .compile(result: .solved, summary: "诉求已解决。"), actor: F.liaison()),
        Edge(
            from: .readyToCompile, kind: .cancel, to: .cancelled, prepare: { try F.caseIn(.readyToCompile) },
            action: .cancel(reason: "工单已退回")),
        Edge(
            from: .compiled, kind: .scheduleMeeting, to: .inProgress, note: "sent back",
            prepare: { try F.caseIn(.compiled) }, action: followUp),
        Edge(
            from: .compiled, kind: .addActionItem, to: .inProgress, note: "sent back",
            prepare: { try F.caseIn(.compiled) },
            action: .addActionItem(meeting: 1, ownerUnit: F.lead, what: "补充说明政策依据", dueWorkingDays: 2)),
        Edge(
            from: .compiled, kind: .compile, to: .compiled, note: "recompiled", prepare: { try F.caseIn(.compiled) },
            action: .compile(result: .partlySolved, summary: "补充说明。"), actor: F.liaison()),
    ]

    /// SLA's recomputation, relayed by intake.
    static let system = WorkOrder.Actor(id: "intake", role: .system)

    @Test(arguments: edges) func everyEdgeIsLegal(_ edge: Edge) throws {
        var coordination = try edge.prepare()
        #expect(coordination.state == edge.from)
        let before = coordination.lastSequence
        let event = try coordination.apply(edge.action, by: edge.actor, at: edge.time)
        #expect(coordination.state == edge.to)
        #expect(event.from == edge.from && event.to == edge.to && event.action == edge.kind)
        #expect(event.sequence == before + 1 && coordination.lastSequence == event.sequence)
    }

    @Test func coversTheWholeTable() {
        struct Move: Hashable { var from: State, kind: Kind, to: State }
        let table = Set(
            CoordinationCase.transitions.flatMap { from, actions in
                actions.flatMap { kind, targets in targets.map { Move(from: from, kind: kind, to: $0) } }
            })
        #expect(Set(Self.edges.map { Move(from: $0.from, kind: $0.kind, to: $0.to) }) == table)
    }

    /// An action of each kind that would be legal somewhere, for the states where it is not.
    static func canonical(_ kind: Kind) -> (CoordinationAction, WorkOrder.Actor)? {
        switch kind {
        case .open: nil
        case .scheduleMeeting: (followUp, F.desk)
        case .rescheduleMeeting:
            (.rescheduleMeeting(number: 1, to: moved, place: nil, callLink: nil, reason: "改期"), F.desk)
        case .cancelMeeting: (.cancelMeeting(number: 1, reason: "取消"), F.desk)
        case .recordAttendance: (.recordAttendance(number: 1, F.attendance), F.desk)
        case .recordMinutes: (.recordMinutes(number: 1, minutes: "纪要", decisions: ["决定"]), F.desk)
        case .addActionItem: (.addActionItem(meeting: 1, ownerUnit: F.lead, what: "事项", dueWorkingDays: 1), F.desk)
        case .completeActionItem: (.completeActionItem(number: 1, outcome: "已办"), F.desk)
        case .moveActionItemDue:
            (.moveActionItemDue(number: 1, due: F.afterMeeting.addingTimeInterval(86_400), provisional: false), system)
        case .compile: (.compile(result: .solved, summary: ""), F.liaison())
        case .cancel: (.cancel(reason: "撤回"), F.desk)
        }
    }

    @Test(arguments: State.allCases) func actionsOutsideTheTableAreRefusedAndChangeNothing(_ state: State) throws {
        let start = try F.caseIn(state)
        for kind in Kind.allCases where !CoordinationCase.permittedActions(in: state).contains(kind) {
            guard let (action, actor) = Self.canonical(kind) else { continue }
            var coordination = start
            #expect(throws: CoordinationError.self, "\(kind) in \(state)") {
                try coordination.apply(action, by: actor, at: F.afterMeeting)
            }
            #expect(coordination == start, "\(kind) in \(state) left a trace")
        }
    }

    @Test func compilingEarlySaysWhatIsOutstanding() throws {
        var coordination = try F.caseIn(.inProgress)
        _ = try coordination.apply(Self.followUp, by: F.desk, at: F.afterMeeting)
        let error = #expect(throws: CoordinationError.self) {
            try coordination.apply(.compile(result: .solved, summary: ""), by: F.liaison(), at: F.afterMeeting)
        }
        guard case .notReadyToCompile(let reasons) = error?.code else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(reasons == ["meeting 2 is still scheduled", "action items 1, 2 not done"])
    }

    @Test func minutesBeforeTheMeetingIsHeldSaySo() throws {
        var coordination = try F.caseIn(.meetingScheduled)
        let error = #expect(throws: CoordinationError.self) {
            try coordination.apply(
                .recordMinutes(number: 1, minutes: "纪要", decisions: ["决定"]), by: F.desk, at: F.duringMeeting)
        }
        #expect(error?.code == .meetingNotHeld(meeting: "CC-20250929-001/meeting/1"))
    }

    @Test func cancellingTheCaseCancelsPendingMeetingsAndWithdrawsOpenItems() throws {
        var coordination = try Self.withFollowUp(.inProgress)
        _ = try coordination.apply(.completeActionItem(number: 1, outcome: "已发放"), by: F.liaison(), at: F.afterMeeting)
        let event = try coordination.apply(.cancel(reason: "诉求人撤回诉求"), by: F.deputy, at: F.afterMeeting)
        #expect(event.reason == "诉求人撤回诉求")
        #expect(coordination.state == .cancelled && coordination.cancellationReason == "诉求人撤回诉求")
        #expect(coordination.meetings.map(\.state) == [.held, .cancelled])
        #expect(coordination.meetings[1].cancellationReason == "诉求人撤回诉求")
        #expect(coordination.actionItems.map(\.state) == [.done, .cancelled])
        #expect(CoordinationCase.permittedActions(in: .cancelled).isEmpty)
    }

    @Test func recompilingCountsTheRound() throws {
        var coordination = try F.caseIn(.compiled)
        #expect(coordination.compilation?.round == 1)
        _ = try coordination.apply(.compile(result: .partlySolved, summary: "补充"), by: F.liaison(), at: F.afterMeeting)
        #expect(coordination.compilation?.round == 2 && coordination.compilation?.result == .partlySolved)
    }
}
