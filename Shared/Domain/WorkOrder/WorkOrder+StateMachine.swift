public import Foundation

/// The work-order lifecycle of DESIGN.md as a pure state machine.
///
/// Checks run in a fixed order so that the error names the first thing wrong: the role may never do this action
/// (``WorkOrderTransitionError/Code/forbidden(role:action:)``), the action does not apply in this state
/// (``WorkOrderTransitionError/Code/illegalTransition(from:action:)``), then the context (track, unit, mode) and the
/// action's values. The platform's decisions are facts: for them only state, role and data consistency are checked.
extension WorkOrder {
    public typealias Transitions = [State: [WorkOrderAction.Kind: Set<State>]]

    /// Every legal move: for each state, the actions that apply and the states each can lead to.
    ///
    /// `urge` and `supervise` apply in every state that is not terminal and leave it unchanged.
    public static let transitions: Transitions = {
        var table: Transitions = [
            .received: [.assign: [.assignedPendingAck], .answerFromKnowledgeBase: [.answeredFromKnowledgeBase]],
            // The desk's answer from the knowledge base is a draft like a unit's: reviewed before it
            // is sent; sent back, the order returns to the desk to answer otherwise or assign.
            .answeredFromKnowledgeBase: [
                .answerFromKnowledgeBase: [.answeredFromKnowledgeBase], .review: [.reviewed, .received],
            ],
            .assignedPendingAck: [.assign: [.assignedPendingAck], .acknowledge: [.acknowledged]],
            .acknowledged: [.instruct: [.instructed], .start: [.inProgress], .requestReturn: [.returnRequested]],
            .instructed: [.instruct: [.instructed], .start: [.inProgress]],
            .inProgress: [
                .requestExtension: [.extensionRequested], .draftReply: [.replyDrafted],
                .answerFromKnowledgeBase: [.replyDrafted],
            ],
            .extensionRequested: [.approveExtension: [.inProgress], .denyExtension: [.inProgress]],
            .replyDrafted: [
                .draftReply: [.replyDrafted], .answerFromKnowledgeBase: [.replyDrafted],
                .review: [.reviewed, .inProgress],
            ],
            .reviewed: [.sendToPlatform: [.repliedToPlatform]],
            // A send-back or dissatisfied callback of an order no unit holds (a knowledge-base answer) goes back to
            // the desk for assignment rather than into handling.
            .repliedToPlatform: [.platformReview: [.awaitingCallback, .inProgress, .received]],
            .awaitingCallback: [.recordCallback: [.closed, .inProgress, .received], .close: [.closed]],
            .closed: [.reopen: [.inProgress, .received]],
            .returnRequested: [.decideReturn: [.returned, .acknowledged]],
            // Dispatched again by the hotline after the return (重派): a new cycle, back at the desk.
            .returned: [.reopen: [.received]],
            .merged: [.unmerge: mergeableStates],
        ]
        for state in mergeableStates {
            table[state, default: [:]][.merge] = [.merged]
        }
        // Signed for and not yet answered: the same-day clock runs, or the level's would.
        for state in [State.acknowledged, .instructed, .inProgress, .extensionRequested] {
            table[state, default: [:]][.classifyGreenChannel] = [state]
        }
        for state in State.allCases where !state.isTerminal {
            table[state, default: [:]][.urge] = [state]
            table[state, default: [:]][.supervise] = [state]
        }
        return table
    }()

    /// States a duplicate can be merged from: before any reply or pending platform decision.
    public static let mergeableStates: Set<State> = [
        .received, .assignedPendingAck, .acknowledged, .instructed, .inProgress,
    ]

    /// The actions that apply in `state`, whoever performs them.
    public static func permittedActions(in state: State) -> Set<WorkOrderAction.Kind> {
        Set(transitions[state, default: [:]].keys)
    }

    /// The states reachable from ``State/received`` through ``transitions``.
    public static let reachableStates: Set<State> = {
        var reached: Set<State> = [.received]
        var frontier: [State] = [.received]
        while let state = frontier.popLast() {
            for target in transitions[state, default: [:]].values.joined() where reached.insert(target).inserted {
                frontier.append(target)
            }
        }
        return reached
    }()

    /// Performs `action` for `actor` at `time` and returns the event to append to the order's log.
    ///
    /// - Parameter standards: the wage-arrears closure standards in force; intake passes the administrator's
    ///   current table. Only special-case replies and their review consult it.
    /// - Throws: ``WorkOrderTransitionError``; the order is then left exactly as it was.
    public mutating func apply(
        _ action: WorkOrderAction,
        by actor: Actor,
        at time: Date,
        standards: ClosureStandardTable = .provisional
    ) throws(WorkOrderTransitionError) -> WorkOrderEvent {
        let kind = action.kind
        guard kind.permittedRoles(on: channel).contains(actor.role) else {
            throw WorkOrderTransitionError(.forbidden(role: actor.role, action: kind))
        }
        guard Self.transitions[state]?[kind] != nil else {
            throw WorkOrderTransitionError(.illegalTransition(from: state, action: kind))
        }
        // Work on a copy: a guard that fails half-way must leave no trace on the order.
        var next = self
        let step = try next.perform(action, by: actor, at: time, standards: standards)
        next.state = step.to
        next.lastSequence += 1
        let event = WorkOrderEvent(
            sequence: next.lastSequence, orderID: id, actor: actor, timestamp: time, from: state, to: step.to,
            action: kind, cycle: next.cycle, reason: step.reason, details: step.details
        )
        self = next
        return event
    }

    /// What an action decided: the next state and what the event should tell.
    struct Step {
        var to: State
        var reason: String?
        var details: [String: String] = [:]
    }

    private mutating func perform(
        _ action: WorkOrderAction,
        by actor: Actor,
        at time: Date,
        standards: ClosureStandardTable
    ) throws(WorkOrderTransitionError) -> Step {
        switch action {
        case .assign(let units, let mode, let track):
            return try assign(units: units, mode: mode, track: track)
        case .answerFromKnowledgeBase(let articleID, let answer):
            return try answerFromKnowledgeBase(
                articleID: articleID, answer: answer, by: actor, at: time, standards: standards)
        case .acknowledge:
            try requireHandler(actor, for: .acknowledge)
            return Step(to: .acknowledged)
        case .instruct(let opinion, let circulation):
            return try instruct(opinion: opinion, circulation: circulation, by: actor, at: time)
        case .start:
            try requireHandler(actor, for: .start)
            guard state == .instructed || track == .keyEnterprise else {
                throw WorkOrderTransitionError(
                    awaitsDeputyInstruction ? .deputyInstructionRequired : .instructionRequired)
            }
            return Step(to: .inProgress)
        case .requestExtension(let days, let reason, let legalBasis):
            return try requestExtension(days: days, reason: reason, legalBasis: legalBasis, by: actor, at: time)
        case .approveExtension(let newDeadline):
            return try approveExtension(newDeadline: newDeadline, at: time)
        case .denyExtension(let reason):
            return denyExtension(reason: reason, at: time)
        case .draftReply(let text, let result, let citation):
            return try draftReply(
                text: text, result: result, citation: citation, by: actor, at: time, standards: standards)
        case .review(let approved, let comment):
            return try review(approved: approved, comment: comment, by: actor, standards: standards)
        case .sendToPlatform:
            return Step(to: .repliedToPlatform)
        case .platformReview(let accepted, let reason):
            let to = accepted ? State.awaitingCallback : startNewCycle()
            return Step(to: to, reason: Self.text(reason), details: ["accepted": String(accepted)])
        case .recordCallback(let outcome):
            return try recordCallback(outcome)
        case .close:
            try requireClosable()
            return Step(to: .closed)
        case .requestReturn(let reason, let basis):
            return try requestReturn(reason: reason, basis: basis, by: actor, at: time)
        case .decideReturn(let approved):
            returnRequest?.approved = approved
            return Step(to: approved ? .returned : .acknowledged, details: ["approved": String(approved)])
        case .reopen(let reason):
            // The platform's reopen may leave the reason out; a person's may not.
            if actor.role == .platform {
                try Self.requireLength(reason, field: "reason")
            } else {
                try Self.requireText(reason, field: "reason")
            }
            if state == .returned { return startCycleAfterReturn(reason: Self.text(reason)) }
            return Step(to: startNewCycle(), reason: Self.text(reason))
        case .redispatch(let dispatchedAt, let deadline):
            guard state == .returned else {
                throw WorkOrderTransitionError(.illegalTransition(from: state, action: .reopen))
            }
            self.dispatchedAt = dispatchedAt
            handlingDeadline = deadline
            return startCycleAfterReturn(reason: "热线重新派单")
        case .classifyGreenChannel(let level, let reason):
            return try classifyGreenChannel(level, reason: reason)
        case .merge(let parentID):
            return try merge(into: parentID)
        case .unmerge:
            let to = stateBeforeMerge ?? .received
            let parent = parentOrderID
            parentOrderID = nil
            stateBeforeMerge = nil
            return Step(to: to, details: parent.map { ["parent_order_id": $0] } ?? [:])
        case .urge(let note), .supervise(let note):
            return Step(to: state, reason: Self.text(note))
        }
    }
}
