import Foundation

// Steps from the reply to closure, and the new cycle that a send-back, a dissatisfied callback or a reopen starts.
extension WorkOrder {
    mutating func draftReply(
        text: String,
        result code: ResultCode,
        citation: ClosureCitation?,
        by actor: Actor,
        at time: Date,
        standards: ClosureStandardTable
    ) throws(WorkOrderTransitionError) -> Step {
        try requireHandler(actor, for: .draftReply, leadUnitOnly: handlingMode == .jointHandling)
        try Self.requireText(text, field: "text", maximum: WorkOrderDraft.maximumContentLength)
        let citation = citation.map(standards.resolvingEvidenceCodes)
        try validateCitation(citation, result: code, standards: standards)
        result = Result(text: text, code: code, closureStandard: citation, draftedBy: actor.id, draftedAt: time)
        var details = ["result": code.rawValue]
        details["closure_standard"] = citation?.code
        details["wage.workers"] = citation?.workersHelped.map(String.init)
        details["wage.amount_fen"] = citation?.amountRecoveredFen.map(String.init)
        return Step(to: .replyDrafted, details: details)
    }

    mutating func review(
        approved: Bool,
        comment: String,
        by actor: Actor,
        standards: ClosureStandardTable
    ) throws(WorkOrderTransitionError) -> Step {
        guard let draft = result else { throw WorkOrderTransitionError(.missingArgument(field: "text")) }
        // Review is a second pair of eyes: the desk's own knowledge-base answer is reviewed by a colleague.
        guard draft.draftedBy != actor.id else { throw WorkOrderTransitionError(.ownReplyReview) }
        if approved {
            // The table may have been replaced since the draft: the desk's review is checked against today's.
            try validateCitation(result?.closureStandard, result: result?.code ?? .unsolved, standards: standards)
        } else {
            try Self.requireText(comment, field: "comment")
        }
        try Self.requireLength(comment, field: "comment")
        result?.reviewedBy = actor.id
        result?.reviewComment = Self.text(comment)
        let to: State =
            approved ? .reviewed : state == .answeredFromKnowledgeBase ? sendKnowledgeBaseAnswerBack() : .inProgress
        return Step(to: to, reason: Self.text(comment), details: ["approved": String(approved)])
    }

    mutating func recordCallback(_ outcome: CallbackOutcome) throws(WorkOrderTransitionError) -> Step {
        let details = ["outcome": outcome.rawValue]
        guard outcome != .dissatisfied else { return Step(to: startNewCycle(), details: details) }
        try requireClosable()
        callbackOutcome = outcome
        return Step(to: .closed, details: details)
    }

    /// Starts the next cycle of a returned order dispatched again: no unit holds it any more (the
    /// one that returned it may not be the right one), so it goes back to the desk for routing.
    mutating func startCycleAfterReturn(reason: String?) -> Step {
        cycle += 1
        result = nil
        callbackOutcome = nil
        returnRequest = nil
        responsibleUnits = []
        handlingMode = nil
        knowledgeBaseArticleID = nil
        return Step(to: .received, reason: reason, details: ["after_return": "true"])
    }

    /// A knowledge-base answer the review sent back: the order is the desk's again, to answer with
    /// another article or to assign.
    private mutating func sendKnowledgeBaseAnswerBack() -> State {
        result = nil
        handlingMode = nil
        return .received
    }

    /// Starts the next cycle (重办) and returns where it begins: in handling with the same units, or back at the
    /// desk when no unit holds the order (a knowledge-base answer).
    mutating func startNewCycle() -> State {
        cycle += 1
        result = nil
        callbackOutcome = nil
        guard responsibleUnits.isEmpty else { return .inProgress }
        handlingMode = nil
        knowledgeBaseArticleID = nil
        return .received
    }
}
