import Domain
import Foundation
import Testing

/// The transition table edge by edge: every legal move, every illegal (state, action) pair, every role refusal.
@Suite struct WorkOrderTransitionTests {
    typealias F = WorkOrderFixtures
    typealias State = WorkOrder.State
    typealias Kind = WorkOrderAction.Kind

    struct Edge: Sendable, CustomTestStringConvertible {
        var setup: F.Setup
        var from: State
        var kind: Kind
        var to: State
        var action: WorkOrderAction?
        var mergedFrom: State = .received

        var testDescription: String {
            "\(from) --\(kind)--> \(to) [\(setup)\(from == .merged ? ", merged from \(mergedFrom)" : "")]"
        }
    }

    /// One test case per edge of ``WorkOrder/transitions``; `coversTheWholeTable` keeps the two in step.
    static let edges: [Edge] = {
        var edges: [Edge] = [
            Edge(setup: .transfer, from: .received, kind: .assign, to: .assignedPendingAck),
            Edge(
                setup: .knowledgeBase, from: .received, kind: .answerFromKnowledgeBase, to: .answeredFromKnowledgeBase),
            Edge(
                setup: .knowledgeBase, from: .answeredFromKnowledgeBase, kind: .answerFromKnowledgeBase,
                to: .answeredFromKnowledgeBase),
            Edge(setup: .knowledgeBase, from: .answeredFromKnowledgeBase, kind: .review, to: .reviewed),
            Edge(
                setup: .knowledgeBase, from: .answeredFromKnowledgeBase, kind: .review, to: .received,
                action: .review(approved: false, comment: "答非所问，请转承办单位")),
            Edge(setup: .transfer, from: .inProgress, kind: .answerFromKnowledgeBase, to: .replyDrafted),
            Edge(setup: .transfer, from: .replyDrafted, kind: .answerFromKnowledgeBase, to: .replyDrafted),
            Edge(
                setup: .transfer, from: .assignedPendingAck, kind: .assign, to: .assignedPendingAck,
                action: .assign(units: ["U2"], mode: .jointHandling)),
            Edge(setup: .transfer, from: .assignedPendingAck, kind: .acknowledge, to: .acknowledged),
            Edge(setup: .transfer, from: .acknowledged, kind: .instruct, to: .instructed),
            Edge(setup: .keyEnterprise, from: .acknowledged, kind: .start, to: .inProgress),
            Edge(setup: .transfer, from: .acknowledged, kind: .requestReturn, to: .returnRequested),
            Edge(setup: .transfer, from: .instructed, kind: .instruct, to: .instructed),
            Edge(setup: .transfer, from: .instructed, kind: .start, to: .inProgress),
            Edge(setup: .transfer, from: .inProgress, kind: .requestExtension, to: .extensionRequested),
            Edge(setup: .transfer, from: .inProgress, kind: .draftReply, to: .replyDrafted),
            Edge(setup: .transfer, from: .extensionRequested, kind: .approveExtension, to: .inProgress),
            Edge(setup: .transfer, from: .extensionRequested, kind: .denyExtension, to: .inProgress),
            Edge(setup: .transfer, from: .replyDrafted, kind: .draftReply, to: .replyDrafted),
            Edge(setup: .transfer, from: .replyDrafted, kind: .review, to: .reviewed),
            Edge(
                setup: .transfer, from: .replyDrafted, kind: .review, to: .inProgress,
                action: .review(approved: false, comment: "请补充核查依据")),
            Edge(setup: .transfer, from: .reviewed, kind: .sendToPlatform, to: .repliedToPlatform),
            Edge(setup: .transfer, from: .repliedToPlatform, kind: .platformReview, to: .awaitingCallback),
            Edge(
                setup: .transfer, from: .repliedToPlatform, kind: .platformReview, to: .inProgress,
                action: .platformReview(accepted: false, reason: "答复未解决诉求")),
            Edge(
                setup: .knowledgeBase, from: .repliedToPlatform, kind: .platformReview, to: .received,
                action: .platformReview(accepted: false, reason: "需转职能部门办理")),
            Edge(setup: .transfer, from: .awaitingCallback, kind: .recordCallback, to: .closed),
            Edge(
                setup: .transfer, from: .awaitingCallback, kind: .recordCallback, to: .inProgress,
                action: .recordCallback(.dissatisfied)),
            Edge(
                setup: .knowledgeBase, from: .awaitingCallback, kind: .recordCallback, to: .received,
                action: .recordCallback(.dissatisfied)),
            Edge(setup: .transfer, from: .awaitingCallback, kind: .close, to: .closed),
            Edge(setup: .transfer, from: .closed, kind: .reopen, to: .inProgress),
            Edge(setup: .knowledgeBase, from: .closed, kind: .reopen, to: .received),
            Edge(setup: .transfer, from: .returnRequested, kind: .decideReturn, to: .returned),
            Edge(setup: .transfer, from: .returned, kind: .reopen, to: .received),
            Edge(
                setup: .transfer, from: .returnRequested, kind: .decideReturn, to: .acknowledged,
                action: .decideReturn(approved: false)),
        ]
        for state in WorkOrder.mergeableStates.sorted(by: { $0.rawValue < $1.rawValue }) {
            edges.append(Edge(setup: .transfer, from: state, kind: .merge, to: .merged))
            edges.append(Edge(setup: .transfer, from: .merged, kind: .unmerge, to: state, mergedFrom: state))
        }
        for state in [State.acknowledged, .instructed, .inProgress, .extensionRequested] {
            edges.append(Edge(setup: .greenChannel, from: state, kind: .classifyGreenChannel, to: state))
        }
        for state in State.allCases where !state.isTerminal {
            let setup: F.Setup = state == .answeredFromKnowledgeBase ? .knowledgeBase : .transfer
            edges.append(Edge(setup: setup, from: state, kind: .urge, to: state))
            edges.append(Edge(setup: setup, from: state, kind: .supervise, to: state))
        }
        return edges
    }()

    struct Triple: Hashable { var from: State, kind: Kind, to: State }

    @Test func coversTheWholeTable() {
        let table = Set(
            WorkOrder.transitions.flatMap { from, moves in
                moves.flatMap { kind, targets in targets.map { Triple(from: from, kind: kind, to: $0) } }
            })
        let tested = Set(Self.edges.map { Triple(from: $0.from, kind: $0.kind, to: $0.to) })
        #expect(tested == table)
        #expect(WorkOrder.reachableStates == Set(State.allCases))
    }

    @Test(arguments: edges)
    func legalTransition(_ edge: Edge) throws {
        var (order, log) = try F.order(in: edge.from, edge.setup, mergedFrom: edge.mergedFrom)
        try #require(order.state == edge.from)
        let action = edge.action ?? F.action(for: edge.kind, on: order, setup: edge.setup)
        let before = order.lastSequence
        let event = try order.apply(action, by: F.actor(for: edge.kind, on: order), at: F.duringHandling)
        #expect(order.state == edge.to)
        #expect(event.from == edge.from && event.to == edge.to && event.action == edge.kind)
        #expect(event.sequence == before + 1 && event.orderID == order.id && event.timestamp == F.duringHandling)
        try log.append(event)
        #expect(try WorkOrderLog.replay(log.events) == order.state)
    }

    static let illegalPairs: [(State, Kind)] = State.allCases.flatMap { state in
        Kind.allCases.filter { !WorkOrder.permittedActions(in: state).contains($0) }.map { (state, $0) }
    }

    @Test(arguments: illegalPairs)
    func illegalTransitionIsRefused(_ state: State, _ kind: Kind) throws {
        let setup: F.Setup = state == .answeredFromKnowledgeBase ? .knowledgeBase : .transfer
        var (order, _) = try F.order(in: state, setup)
        let before = order
        let error = #expect(throws: WorkOrderTransitionError.self) {
            try order.apply(
                F.action(for: kind, on: order, setup: setup), by: F.actor(for: kind, on: order), at: F.duringHandling)
        }
        #expect(error?.code == .illegalTransition(from: state, action: kind))
        #expect(error?.message.isEmpty == false)
        #expect(order == before)
    }

    static let forbiddenPairs: [(Kind, Role)] = Kind.allCases.flatMap { kind in
        Role.allCases.filter { !kind.permittedRoles.contains($0) }.map { (kind, $0) }
    }

    @Test(arguments: forbiddenPairs)
    func roleWithoutTheRightIsRefused(_ kind: Kind, _ role: Role) throws {
        let edge = try #require(Self.edges.first { $0.kind == kind })
        var (order, _) = try F.order(in: edge.from, edge.setup, mergedFrom: edge.mergedFrom)
        let error = #expect(throws: WorkOrderTransitionError.self) {
            try order.apply(
                F.action(for: kind, on: order, setup: edge.setup),
                by: WorkOrder.Actor(id: "x", role: role, unitCode: "U1"),
                at: F.duringHandling
            )
        }
        #expect(error?.code == .forbidden(role: role, action: kind))
        #expect(order.state == edge.from)
    }

    @Test func administratorHandlesNoOrders() {
        for kind in Kind.allCases {
            #expect(!kind.permittedRoles.contains(.administrator))
        }
    }

    @Test func onlyTheDeskReviewsAndSendsAndOnlyThePlatformDecides() {
        #expect(Kind.review.permittedRoles == [.bureauDesk])
        #expect(Kind.sendToPlatform.permittedRoles == [.bureauDesk])
        for kind in [Kind.platformReview, .recordCallback, .approveExtension, .denyExtension, .decideReturn] {
            #expect(kind.permittedRoles == [.platform])
        }
        for kind in [Kind.acknowledge, .requestExtension, .requestReturn, .draftReply] {
            #expect(kind.permittedRoles == [.liaison, .enterpriseHelpLiaison])
        }
        #expect(Kind.instruct.permittedRoles.isSuperset(of: [.unitLeader, .deputyLeader]))
    }

    @Test func terminalStatesAllowOnlyReopen() {
        #expect(WorkOrder.permittedActions(in: .closed) == [.reopen])
        #expect(WorkOrder.permittedActions(in: .returned) == [.reopen])
    }
}
