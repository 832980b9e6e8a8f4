import Domain
import Foundation
import Testing

/// Which orders get a case, what opening records, and who may act on the case afterwards.
@Suite struct CoordinationCaseOpeningTests {
    typealias F = CoordinationFixtures

    @Test func aJointHandlingOrderOpensWithItsUnitsCoordinatorAndInstruction() throws {
        let order = F.order(units: [F.lead, F.partner])
        let opening = CoordinationCase.Opening(
            participatingUnits: ["office", F.partner, " ", F.lead].filter { $0 != " " }, coordinator: " zhang@office ",
            instruction: F.opening.instruction
        )
        let (opened, event) = try CoordinationCase.open(
            id: "CC-1", order: order, opening: opening, by: F.deputy, at: F.t0)
        #expect(opened.state == .open && opened.leadUnit == F.lead)
        #expect(opened.participatingUnits == [F.partner, "office"])
        #expect(opened.coordinator == "zhang@office")
        #expect(opened.instruction?.leader == "分管局长")
        #expect(event.sequence == 1 && event.action == .open && event.actor == F.deputy)
        #expect(opened.isActive && !opened.isGreenChannel)
    }

    @Test func jointHandlingNeedsTheLeadersInstruction() {
        let error = #expect(throws: CoordinationError.self) {
            try CoordinationCase.open(
                id: "CC-1", order: F.order(), opening: .init(coordinator: "zhang"), by: F.desk, at: F.t0)
        }
        #expect(error?.code == .missingArgument(field: "instruction"))
        #expect(error?.field == "instruction")
    }

    @Test func aGreenChannelOrderOpensWithoutAnInstructionByTheTaskForce() throws {
        let order = F.order(mode: .transfer, track: .greenChannel, units: ["office", "talent_exchange_center"])
        let (opened, _) = try CoordinationCase.open(
            id: "CC-2", order: order, opening: .init(coordinator: "zhou@office"), by: F.taskForce, at: F.t0)
        #expect(opened.isGreenChannel && opened.instruction == nil)
        #expect(opened.units == ["office", "talent_exchange_center"])
    }

    @Test(arguments: [
        (WorkOrder.HandlingMode.transfer, WorkOrder.Track.regular),
        (.specialCase, .regular),
        (.leaderInstruction, .keyEnterprise),
    ])
    func otherOrdersAreNotCoordinated(_ mode: WorkOrder.HandlingMode, _ track: WorkOrder.Track) {
        let error = #expect(throws: CoordinationError.self) {
            try CoordinationCase.open(
                id: "CC-1", order: F.order(mode: mode, track: track), opening: F.opening, by: F.desk, at: F.t0)
        }
        #expect(error?.code == .orderNotCoordinated(mode: mode, track: track))
    }

    @Test(arguments: [WorkOrder.State.received, .reviewed, .repliedToPlatform, .closed, .returned, .merged])
    func ordersNotInHandlingAreRefused(_ state: WorkOrder.State) {
        let error = #expect(throws: CoordinationError.self) {
            try CoordinationCase.open(
                id: "CC-1", order: F.order(state: state), opening: F.opening, by: F.desk, at: F.t0)
        }
        #expect(error?.code == .orderNotActive(state: state))
    }

    @Test func whoMayOpen() throws {
        for actor in [F.desk, F.deputy, F.liaison(), F.unitLeader()] {
            _ = try F.openCase(by: actor)
        }
        let refusals: [(WorkOrder.Actor, CoordinationError.Code)] = [
            (F.platform, .forbidden(role: .platform, action: .open)),
            (F.taskForce, .forbidden(role: .taskForce, action: .open)),  // not a green-channel order
            (F.liaison(F.partner), .wrongUnit(unit: F.partner, action: .open)),
            (WorkOrder.Actor(id: "x", role: .liaison), .wrongUnit(unit: nil, action: .open)),
        ]
        for (actor, code) in refusals {
            let error = #expect(throws: CoordinationError.self) { try F.openCase(by: actor) }
            #expect(error?.code == code)
        }
    }

    @Test func anItemsOwnerCompletesItButNotAnotherUnitsItem() throws {
        var coordination = try F.caseIn(.inProgress)
        let foreign = #expect(throws: CoordinationError.self) {
            try coordination.apply(
                .completeActionItem(number: 1, outcome: "已办"), by: F.liaison(F.partner), at: F.afterMeeting)
        }
        #expect(foreign?.code == .wrongUnit(unit: F.partner, action: .completeActionItem))
        _ = try coordination.apply(
            .completeActionItem(number: 2, outcome: "已登记"), by: F.unitLeader(F.partner), at: F.afterMeeting)
        // The lead unit collects the outcomes and may record them for its partners too.
        _ = try coordination.apply(.completeActionItem(number: 1, outcome: "已发放"), by: F.liaison(), at: F.afterMeeting)
        #expect(coordination.state == .readyToCompile)
        #expect(coordination.actionItems[1].completedBy == F.unitLeader(F.partner))
    }

    @Test func onlyTheLeadUnitsLiaisonCompiles() throws {
        var coordination = try F.caseIn(.readyToCompile)
        for (actor, code) in [
            (F.desk, CoordinationError.Code.forbidden(role: .bureauDesk, action: .compile)),
            (F.unitLeader(), .forbidden(role: .unitLeader, action: .compile)),
            (F.liaison(F.partner), .wrongUnit(unit: F.partner, action: .compile)),
        ] {
            let error = #expect(throws: CoordinationError.self) {
                try coordination.apply(.compile(result: .solved, summary: ""), by: actor, at: F.afterMeeting)
            }
            #expect(error?.code == code)
        }
    }

    @Test func theTaskForceRunsGreenChannelCasesOnly() throws {
        var green = try F.caseIn(.open, track: .greenChannel)
        _ = try green.apply(.scheduleMeeting(F.plan()), by: F.taskForce, at: F.t0)
        var regular = try F.caseIn(.open)
        let error = #expect(throws: CoordinationError.self) {
            try regular.apply(.scheduleMeeting(F.plan()), by: F.taskForce, at: F.t0)
        }
        #expect(error?.code == .forbidden(role: .taskForce, action: .scheduleMeeting))
    }

    @Test func idsNameTheirCaseAndNumber() {
        #expect(CoordinationCase.meetingID(caseID: "CC-20250929-001", number: 2) == "CC-20250929-001/meeting/2")
        let parsed = CoordinationCase.parse("CC-20250929-001/action/12", kind: "action")
        #expect(parsed?.caseID == "CC-20250929-001" && parsed?.number == 12)
        #expect(CoordinationCase.parse("CC-1/action/0", kind: "action") == nil)
        #expect(CoordinationCase.parse("/action/1", kind: "action") == nil)
        #expect(CoordinationCase.parse("CC-1/meeting/1", kind: "action") == nil)
    }
}
