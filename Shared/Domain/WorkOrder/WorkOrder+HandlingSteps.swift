import Foundation

// Steps from dispatch to handling, including the side paths that leave it (return, merge).
extension WorkOrder {
    mutating func assign(units: [String], mode: HandlingMode, track: Track) throws(WorkOrderTransitionError) -> Step {
        guard !units.isEmpty else {
            throw WorkOrderTransitionError(.invalidArgument(field: "units", reason: "no unit given"))
        }
        guard !units.contains(where: { Self.isBlank($0) }) else {
            throw WorkOrderTransitionError(.invalidArgument(field: "units", reason: "blank unit code"))
        }
        guard Set(units).count == units.count else {
            throw WorkOrderTransitionError(.invalidArgument(field: "units", reason: "a unit is listed twice"))
        }
        guard mode != .immediateAnswer else {
            throw WorkOrderTransitionError(
                .invalidArgument(field: "mode", reason: "immediate answers come from the knowledge base, not a unit")
            )
        }
        // 专事专办 is the wage-arrears mode, and wage arrears are always handled in it.
        guard (topic == .wageArrears) == (mode == .specialCase) else {
            throw WorkOrderTransitionError(.handlingModeMismatch(mode: mode, topic: topic))
        }
        responsibleUnits = units
        handlingMode = mode
        self.track = track
        return Step(
            to: .assignedPendingAck,
            details: ["units": units.joined(separator: ","), "mode": mode.rawValue, "track": track.rawValue]
        )
    }

    /// The article's answer as the reply's draft. At the desk (no unit holds the order) it awaits
    /// review as a knowledge-base answer; in handling it is the unit's draft.
    mutating func answerFromKnowledgeBase(
        articleID: String,
        answer: String,
        by actor: Actor,
        at time: Date,
        standards: ClosureStandardTable
    ) throws(WorkOrderTransitionError) -> Step {
        let atTheDesk = state == .received || state == .answeredFromKnowledgeBase
        if atTheDesk {
            guard actor.role == .bureauDesk else {
                throw WorkOrderTransitionError(.forbidden(role: actor.role, action: .answerFromKnowledgeBase))
            }
        } else {
            try requireHandler(actor, for: .answerFromKnowledgeBase, leadUnitOnly: handlingMode == .jointHandling)
        }
        guard kind == .consultation else { throw WorkOrderTransitionError(.notAnswerableFromKnowledgeBase(kind: kind)) }
        try Self.requireText(articleID, field: "article_id")
        try Self.requireText(answer, field: "text", maximum: WorkOrderDraft.maximumContentLength)
        try validateCitation(nil, result: .solved, standards: standards)
        if atTheDesk { handlingMode = .immediateAnswer }
        knowledgeBaseArticleID = articleID
        result = Result(text: answer, code: .solved, closureStandard: nil, draftedBy: actor.id, draftedAt: time)
        return Step(
            to: atTheDesk ? .answeredFromKnowledgeBase : .replyDrafted,
            details: ["article_id": articleID, "result": ResultCode.solved.rawValue]
        )
    }

    /// The maximum of names an opinion is circulated to (传阅), each at most 40 characters.
    static let maximumCirculation = 20

    /// 即时批办 before the deputy leader's instruction: only they may speak, and nobody may start.
    var awaitsDeputyInstruction: Bool {
        handlingMode == .leaderInstruction && state == .acknowledged
    }

    mutating func instruct(opinion: String, circulation: [String], by actor: Actor, at time: Date)
        throws(WorkOrderTransitionError) -> Step
    {
        switch actor.role {
        case .taskForce where track != .greenChannel:
            throw WorkOrderTransitionError(.forbidden(role: actor.role, action: .instruct))
        case .unitLeader, .deputyLeader:
            // 交办意见 comes from a responsible unit's own leader or the deputy leader in charge of it.
            try requireUnit(actor, for: .instruct)
        default:
            break
        }
        // 即时批办: the first word after acknowledgement is the deputy leader's.
        if awaitsDeputyInstruction && actor.role != .deputyLeader {
            throw WorkOrderTransitionError(.deputyInstructionRequired)
        }
        try Self.requireText(opinion, field: "opinion")
        let readers = circulation.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard readers.count <= Self.maximumCirculation, readers.allSatisfy({ $0.count <= 40 }) else {
            throw WorkOrderTransitionError(
                .invalidArgument(
                    field: "circulate_to", reason: "at most \(Self.maximumCirculation) names of 40 characters"))
        }
        instructions.append(Instruction(opinion: opinion, actorID: actor.id, role: actor.role, at: time))
        var step = Step(to: .instructed, reason: opinion)
        if !readers.isEmpty { step.details["circulated_to"] = readers.joined(separator: "、") }
        return step
    }

    mutating func requestExtension(
        days: Int,
        reason: String,
        legalBasis: String,
        by actor: Actor,
        at time: Date
    ) throws(WorkOrderTransitionError) -> Step {
        try requireHandler(actor, for: .requestExtension)
        guard days >= 1 else {
            throw WorkOrderTransitionError(.invalidArgument(field: "days", reason: "at least one working day"))
        }
        try Self.requireText(reason, field: "reason")
        try Self.requireText(legalBasis, field: "legalBasis")
        guard let deadline = handlingDeadline else { throw WorkOrderTransitionError(.noHandlingDeadline) }
        // The notice: special cases file their extension within the handling time limit (在办理时限内).
        guard time < deadline else { throw WorkOrderTransitionError(.extensionAfterDeadline(deadline: deadline)) }
        extensions.append(
            Extension(
                days: days, reason: reason, legalBasis: legalBasis, requestedAt: time, deadlineAtRequest: deadline)
        )
        return Step(
            to: .extensionRequested, reason: reason, details: ["days": String(days), "legal_basis": legalBasis])
    }

    mutating func approveExtension(newDeadline: Date, at time: Date) throws(WorkOrderTransitionError) -> Step {
        if let current = handlingDeadline, newDeadline <= current {
            throw WorkOrderTransitionError(.extensionNotLater(current: current, granted: newDeadline))
        }
        if let last = extensions.indices.last {
            extensions[last].status = .approved
            extensions[last].decidedAt = time
            extensions[last].grantedDeadline = newDeadline
        }
        handlingDeadline = newDeadline
        return Step(to: .inProgress, details: ["new_deadline": newDeadline.formatted(.iso8601)])
    }

    mutating func denyExtension(reason: String, at time: Date) -> Step {
        if let last = extensions.indices.last {
            extensions[last].status = .denied
            extensions[last].decidedAt = time
            extensions[last].denialReason = Self.text(reason)
        }
        return Step(to: .inProgress, reason: Self.text(reason))
    }

    mutating func requestReturn(
        reason: String,
        basis: String,
        by actor: Actor,
        at time: Date
    ) throws(WorkOrderTransitionError) -> Step {
        try requireHandler(actor, for: .requestReturn)
        try Self.requireText(reason, field: "reason")
        try Self.requireText(basis, field: "basis")
        returnRequest = ReturnRequest(reason: reason, basis: basis, requestedAt: time)
        return Step(to: .returnRequested, reason: reason, details: ["basis": basis])
    }

    mutating func merge(into parentID: String) throws(WorkOrderTransitionError) -> Step {
        try Self.requireText(parentID, field: "into")
        guard parentID != id else {
            throw WorkOrderTransitionError(
                .invalidArgument(field: "into", reason: "an order cannot be merged into itself"))
        }
        stateBeforeMerge = state
        parentOrderID = parentID
        return Step(to: .merged, details: ["parent_order_id": parentID])
    }
}
