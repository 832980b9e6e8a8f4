public import Foundation

/// Why an action was refused. A refused action changes nothing on the order.
public struct WorkOrderTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// The action does not apply in this state.
        case illegalTransition(from: WorkOrder.State, action: WorkOrderAction.Kind)
        /// The role may not perform the action (here).
        case forbidden(role: Role, action: WorkOrderAction.Kind)
        /// The actor's unit is not (the lead of) the order's responsible units.
        case notResponsibleUnit(unit: String?, action: WorkOrderAction.Kind)
        /// A required text (reason, opinion, legal basis, …) is blank.
        case missingArgument(field: String)
        /// A value is out of range or contradicts the order.
        case invalidArgument(field: String, reason: String)
        /// Assigning with this mode contradicts the order's topic.
        case handlingModeMismatch(mode: WorkOrder.HandlingMode, topic: WorkOrder.Topic)
        /// Only consultations are answered from the knowledge base.
        case notAnswerableFromKnowledgeBase(kind: WorkOrder.Kind)
        /// The unit leader's assignment opinion must come before handling starts.
        case instructionRequired
        /// 即时批办 (an urgent order in leader-instruction mode): the deputy leader in charge instructs
        /// first, before the unit leader's opinion and before handling starts.
        case deputyInstructionRequired
        /// A special-case (wage-arrears) reply or closure without a closure standard.
        case missingClosureStandard
        case unknownClosureStandard(code: String)
        case missingEvidence(code: String, missing: [String])
        /// A closure standard cited on an order that is not handled as a special case.
        case closureStandardNotApplicable
        /// `solved` claimed under a standard that does not count as solved.
        case resultContradictsStandard(code: String, result: WorkOrder.ResultCode)
        /// A reply's author may not review it.
        case ownReplyReview
        /// An extension needs a handling deadline to extend.
        case noHandlingDeadline
        case extensionAfterDeadline(deadline: Date)
        /// A granted deadline must lie after the current one.
        case extensionNotLater(current: Date, granted: Date)
    }

    public var code: Code

    public init(_ code: Code) {
        self.code = code
    }

    /// A readable explanation for staff; it names no personal data.
    public var message: String {
        switch code {
        case .illegalTransition(let from, let action):
            "\(action) is not possible while the order is \(from)"
        case .forbidden(let role, let action):
            "role \(role) may not \(action) this order"
        case .notResponsibleUnit(let unit, let action):
            "unit \(unit ?? "(none)") is not responsible for this order and may not \(action) it"
        case .missingArgument(let field):
            "\(field) is required"
        case .invalidArgument(let field, let reason):
            "\(field) is invalid: \(reason)"
        case .handlingModeMismatch(let mode, let topic):
            "handling mode \(mode.rawValue) does not fit topic \(topic.rawValue): "
                + "wage arrears, and only they, are handled as special cases (专事专办)"
        case .notAnswerableFromKnowledgeBase(let kind):
            "only consultations are answered from the knowledge base, this order is a \(kind.rawValue)"
        case .instructionRequired:
            "the unit leader's assignment opinion (交办意见) must come before handling starts"
        case .deputyInstructionRequired:
            "an order in leader-instruction mode (即时批办) is instructed first by the deputy leader in charge (分管局领导), "
                + "before the unit leader's opinion and before handling starts"
        case .missingClosureStandard:
            "a wage-arrears order closes only against a closure standard (办结标准)"
        case .unknownClosureStandard(let code):
            "closure standard \(code) is not in the current table"
        case .missingEvidence(let code, let missing):
            "closure standard \(code) needs evidence: " + missing.joined(separator: "; ")
        case .closureStandardNotApplicable:
            "closure standards apply only to wage-arrears orders handled as special cases"
        case .resultContradictsStandard(let code, let result):
            "closure standard \(code) does not count as solved, so the result cannot be \(result.rawValue)"
        case .ownReplyReview:
            "a reply is reviewed by someone other than its author"
        case .noHandlingDeadline:
            "the order has no handling deadline to extend"
        case .extensionAfterDeadline(let deadline):
            "an extension (延期) must be requested before the handling deadline, "
                + "which passed at \(deadline.formatted(.iso8601))"
        case .extensionNotLater(let current, let granted):
            "the granted deadline \(granted.formatted(.iso8601)) is not after the current one, "
                + current.formatted(.iso8601)
        }
    }

    public var description: String { message }
}
