import Domain
import Foundation
import Testing

/// Extensions, new cycles, merging and the events that change no state.
@Suite struct WorkOrderLifecycleTests {
    typealias F = WorkOrderFixtures

    private let extensionRequest = WorkOrderAction.requestExtension(
        days: 5, reason: "需调查取证", legalBasis: "《劳动保障监察条例》第十七条")

    @Test func extensionRequestedBeforeTheDeadlineAndApproved() throws {
        var (order, _) = try F.order(in: .inProgress)
        let event = try order.apply(extensionRequest, by: F.liaison(), at: F.deadline.addingTimeInterval(-1))
        #expect(order.state == .extensionRequested)
        #expect(event.details["days"] == "5" && event.reason == "需调查取证")
        let granted = F.deadline.addingTimeInterval(7 * 86_400)
        _ = try order.apply(.approveExtension(newDeadline: granted), by: F.platform, at: F.deadline)
        #expect(order.state == .inProgress && order.handlingDeadline == granted)
        #expect(order.extensions.map(\.status) == [.approved])
        #expect(order.originalHandlingDeadline == F.deadline)
        // A second request runs against the extended deadline.
        _ = try order.apply(extensionRequest, by: F.liaison(), at: F.deadline.addingTimeInterval(86_400))
        #expect(order.state == .extensionRequested)
        #expect(order.originalHandlingDeadline == F.deadline)
    }

    @Test(arguments: [0.0, 1.0, 86_400.0])
    func extensionRequestedAtOrAfterTheDeadlineIsRefused(lateBy seconds: Double) throws {
        var (order, _) = try F.order(in: .inProgress)
        #expect(throws: WorkOrderTransitionError(.extensionAfterDeadline(deadline: F.deadline))) {
            try order.apply(extensionRequest, by: F.liaison(), at: F.deadline.addingTimeInterval(seconds))
        }
        #expect(order.state == .inProgress && order.extensions.isEmpty)
    }

    @Test func extensionWithoutADeadlineIsRefused() throws {
        var order = try F.newOrder(deadline: nil)
        for kind in [WorkOrderAction.Kind.assign, .acknowledge, .instruct, .start] {
            _ = try order.apply(
                F.action(for: kind, on: order, setup: .transfer), by: F.actor(for: kind, on: order), at: F.t0)
        }
        #expect(throws: WorkOrderTransitionError(.noHandlingDeadline)) {
            try order.apply(extensionRequest, by: F.liaison(), at: F.t0)
        }
    }

    @Test func deniedExtensionKeepsTheDeadline() throws {
        var (order, _) = try F.order(in: .extensionRequested)
        _ = try order.apply(.denyExtension(reason: "不符合延期条件"), by: F.platform, at: F.duringHandling)
        #expect(order.state == .inProgress && order.handlingDeadline == F.deadline)
        #expect(order.extensions.last?.status == .denied && order.extensions.last?.denialReason == "不符合延期条件")
    }

    @Test func grantedDeadlineMustBeLater() throws {
        var (order, _) = try F.order(in: .extensionRequested)
        #expect(throws: WorkOrderTransitionError(.extensionNotLater(current: F.deadline, granted: F.deadline))) {
            try order.apply(.approveExtension(newDeadline: F.deadline), by: F.platform, at: F.duringHandling)
        }
    }

    @Test func everyReopenStartsANewCycle() throws {
        var (order, log) = try F.order(in: .repliedToPlatform)
        let reply = WorkOrderAction.draftReply(text: "再次答复", result: .partlySolved, closureStandard: nil)
        let rounds: [(WorkOrderAction, WorkOrder.Actor)] = [
            (.platformReview(accepted: false, reason: "答非所问"), F.platform),  // send-back: cycle 2
            (reply, F.liaison()), (.review(approved: true, comment: ""), F.desk), (.sendToPlatform, F.desk),
            (.platformReview(accepted: true, reason: ""), F.platform),
            (.recordCallback(.dissatisfied), F.platform),  // cycle 3
            (reply, F.liaison()), (.review(approved: true, comment: ""), F.desk), (.sendToPlatform, F.desk),
            (.platformReview(accepted: true, reason: ""), F.platform), (.recordCallback(.unreachable), F.platform),
            (.reopen(reason: "来电人再次反映"), F.desk),  // cycle 4
        ]
        for (action, actor) in rounds {
            try log.append(try order.apply(action, by: actor, at: F.duringHandling))
        }
        #expect(order.state == .inProgress)
        #expect(order.cycle == 4 && order.reopenCount == 3)
        #expect(log.cycle == 4)
        let newCycles = zip(log.events, log.events.dropFirst()).filter { $1.cycle == $0.cycle + 1 }.map(\.1.action)
        #expect(newCycles == [.platformReview, .recordCallback, .reopen])
        #expect(order.result == nil && order.callbackOutcome == nil)
        #expect(order.responsibleUnits == ["U1"])
    }

    @Test func sendBackOfAKnowledgeBaseAnswerGoesBackToTheDesk() throws {
        var (order, _) = try F.order(in: .repliedToPlatform, .knowledgeBase)
        _ = try order.apply(.platformReview(accepted: false, reason: "需职能部门答复"), by: F.platform, at: F.duringHandling)
        #expect(order.state == .received && order.cycle == 2)
        #expect(order.handlingMode == nil && order.knowledgeBaseArticleID == nil)
        _ = try order.apply(.assign(units: ["U3"], mode: .transfer), by: F.desk, at: F.duringHandling)
        #expect(order.state == .assignedPendingAck)
    }

    @Test(arguments: WorkOrder.mergeableStates.sorted { $0.rawValue < $1.rawValue })
    func mergeIsReversible(from state: WorkOrder.State) throws {
        var (order, log) = try F.order(in: state)
        let before = order
        try log.append(try order.apply(.merge(into: "order-parent"), by: F.system, at: F.duringHandling))
        #expect(order.state == .merged && order.parentOrderID == "order-parent")
        // A merged order still hears reminders, and cannot be handled.
        try log.append(try order.apply(.urge(note: "催办"), by: F.platform, at: F.duringHandling))
        #expect(throws: WorkOrderTransitionError.self) {
            try order.apply(.acknowledge, by: F.liaison(), at: F.duringHandling)
        }
        try log.append(try order.apply(.unmerge, by: F.desk, at: F.duringHandling))
        #expect(order.state == before.state && order.parentOrderID == nil && order.stateBeforeMerge == nil)
        #expect(log.events.suffix(3).map(\.action) == [.merge, .urge, .unmerge])
        #expect(try WorkOrderLog.replay(log.events) == state)
    }

    @Test(arguments: WorkOrder.State.allCases.filter { !$0.isTerminal })
    func urgeAndSuperviseDoNotChangeState(_ state: WorkOrder.State) throws {
        let setup: F.Setup = state == .answeredFromKnowledgeBase ? .knowledgeBase : .transfer
        var (order, log) = try F.order(in: state, setup)
        let before = order
        let urged = try order.apply(.urge(note: "请于今日反馈"), by: F.system, at: F.duringHandling)
        let supervised = try order.apply(.supervise(note: "列入督办"), by: F.deputy, at: F.duringHandling)
        #expect(order.state == state)
        #expect(!urged.changesState && !supervised.changesState)
        #expect(urged.reason == "请于今日反馈" && supervised.action == .supervise)
        #expect(order.lastSequence == before.lastSequence + 2)
        try log.append(urged)
        try log.append(supervised)
        #expect(log.state == state)
    }

    @Test func returnDeniedGoesBackToAcknowledged() throws {
        var (order, _) = try F.order(in: .returnRequested)
        _ = try order.apply(.decideReturn(approved: false), by: F.platform, at: F.duringHandling)
        #expect(order.state == .acknowledged && order.returnRequest?.approved == false)
        #expect(order.returnRequest?.basis == "本单位职能配置规定")
    }

    @Test func aReturnedOrderOnlyStartsANewCycleWhenTheHotlineDispatchesItAgain() throws {
        var (order, _) = try F.order(in: .returned)
        for kind in WorkOrderAction.Kind.allCases where kind != .reopen {
            #expect(throws: WorkOrderTransitionError.self) {
                try order.apply(
                    F.action(for: kind, on: order, setup: .transfer), by: F.actor(for: kind, on: order),
                    at: F.duringHandling)
            }
        }
        #expect(order.state == .returned)
        let again = F.duringHandling.addingTimeInterval(86_400)
        let deadline = again.addingTimeInterval(15 * 86_400)
        let event = try order.apply(
            .redispatch(dispatchedAt: again, handlingDeadline: deadline), by: F.platform, at: again)
        #expect(event.action == .reopen && event.from == .returned && event.to == .received)
        #expect(
            order.cycle == 2 && order.responsibleUnits.isEmpty && order.handlingMode == nil
                && order.returnRequest == nil)
        #expect(order.dispatchedAt == again && order.handlingDeadline == deadline)
        // Only a returned order is dispatched again this way.
        #expect(throws: WorkOrderTransitionError.self) {
            try order.apply(.redispatch(dispatchedAt: again, handlingDeadline: nil), by: F.platform, at: again)
        }
    }
}
