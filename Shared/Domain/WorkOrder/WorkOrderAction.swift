public import Foundation

/// Everything that can happen to a work order. ``WorkOrder/apply(_:by:at:standards:)`` decides whether it may
/// happen now, by this actor, and what state follows.
public enum WorkOrderAction: Sendable, Hashable {
    /// Dispatch to the responsible unit(s) (派单). For joint handling the first unit leads. Key-enterprise and
    /// green-channel orders say so through `track`.
    case assign(units: [String], mode: WorkOrder.HandlingMode, track: WorkOrder.Track = .regular)
    /// Answer a consultation from the shared knowledge base (即时办理): the article's answer becomes
    /// the reply, reviewed like any other. The desk answers an order nobody holds yet; a unit's
    /// liaison answers one in handling. `answer` is the article's text, which intake looks up.
    case answerFromKnowledgeBase(articleID: String, answer: String)
    /// Sign for the order (签收); starts nothing but stops the acknowledgement clock.
    case acknowledge
    /// A leader's assignment opinion (交办意见) or instruction (批示).
    /// `circulation`: whom the opinion is passed to for reading and handling (传阅): the deputy
    /// leader in charge and sections, by name.
    case instruct(opinion: String, circulation: [String] = [])
    /// The handling section starts work.
    case start
    /// File an extension (延期申请) before the handling deadline, with reason and legal basis.
    ///
    /// `days` are working days. The one-month cap needs the working-day calendar, so it is the caller's to check
    /// (intake asks the SLA service) before applying this action; the state machine checks the rest.
    case requestExtension(days: Int, reason: String, legalBasis: String)
    /// The platform grants the extension; `newDeadline` is the deadline it granted.
    case approveExtension(newDeadline: Date)
    case denyExtension(reason: String)
    /// The unit's reply; wage-arrears (special-case) replies cite a closure standard with its evidence.
    case draftReply(text: String, result: WorkOrder.ResultCode, closureStandard: WorkOrder.ClosureCitation?)
    /// The desk's review (审核); a rejection sends the draft back to the unit with the comment.
    case review(approved: Bool, comment: String)
    /// Reply to 12345 (反馈).
    case sendToPlatform
    /// The platform's review of the reply; a rejection is a send-back (重办) and starts a new cycle.
    case platformReview(accepted: Bool, reason: String)
    /// The platform's callback (回访); a dissatisfied caller starts a new cycle.
    case recordCallback(WorkOrder.CallbackOutcome)
    /// Close without a callback (办结/销号) once the platform has accepted the reply.
    case close
    /// Ask the platform to take the order back (退单) as not the bureau's.
    case requestReturn(reason: String, basis: String)
    case decideReturn(approved: Bool)
    /// Reopen a closed order (重办) in a new cycle.
    case reopen(reason: String)
    /// The hotline dispatches a returned order (退单) again under its number: a new cycle of the
    /// same order, back at the desk for routing, with the new dispatch's time and deadline. Logged
    /// as a `reopen`; intake takes it from the platform's push, never from a staff form.
    case redispatch(dispatchedAt: Date, handlingDeadline: Date?)
    /// The desk or task force classifies a green-channel order as complex or difficult, with why.
    case classifyGreenChannel(level: WorkOrder.GreenChannelLevel, reason: String)
    /// Merge a duplicate under its parent order (并单).
    case merge(into: String)
    case unmerge
    /// A reminder (催办); changes no state.
    case urge(note: String)
    /// Formal supervision (督办); changes no state.
    case supervise(note: String)

    /// The action's name without its values: what the event log, the transition table and role rules key on.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        case assign
        case answerFromKnowledgeBase = "answer_from_knowledge_base"
        case acknowledge
        case instruct
        case start
        case requestExtension = "request_extension"
        case approveExtension = "approve_extension"
        case denyExtension = "deny_extension"
        case draftReply = "draft_reply"
        case review
        case sendToPlatform = "send_to_platform"
        case platformReview = "platform_review"
        case recordCallback = "record_callback"
        case close
        case requestReturn = "request_return"
        case decideReturn = "decide_return"
        case reopen
        case classifyGreenChannel = "classify_green_channel"
        case merge
        case unmerge
        case urge
        case supervise

        public var description: String { rawValue }

        /// The roles that may ever perform this action. Context can narrow it further (the order's track, the
        /// actor's unit, the handling mode), but never widen it.
        public var permittedRoles: Set<Role> {
            switch self {
            case .assign, .merge: [.bureauDesk, .system]
            case .answerFromKnowledgeBase: [.bureauDesk, .liaison, .enterpriseHelpLiaison]
            case .acknowledge, .start, .requestExtension, .draftReply, .requestReturn:
                [.liaison, .enterpriseHelpLiaison]
            case .instruct: [.unitLeader, .deputyLeader, .taskForce]
            case .classifyGreenChannel: [.bureauDesk, .taskForce]
            case .approveExtension, .denyExtension, .platformReview, .recordCallback, .decideReturn: [.platform]
            case .review, .sendToPlatform, .unmerge: [.bureauDesk]
            case .close: [.platform, .system]
            case .reopen: [.platform, .bureauDesk]
            case .urge: [.platform, .bureauDesk, .unitLeader, .deputyLeader, .taskForce, .system]
            case .supervise: [.platform, .bureauDesk, .deputyLeader]
            }
        }

        /// The roles that may perform this action on an order taken through `channel`. The bureau's own 12333
        /// line is its own platform: there the bureau desk makes the platform's decisions (review, callback,
        /// extension and return decisions, closing), next to the 12333 system speaking through the gateway.
        public func permittedRoles(on channel: WorkOrder.Channel) -> Set<Role> {
            let roles = permittedRoles
            guard channel == .hotline12333, isPlatformDecision else { return roles }
            return roles.union([.bureauDesk])
        }

        /// The decisions that belong to the hotline an order came through.
        public var isPlatformDecision: Bool {
            switch self {
            case .approveExtension, .denyExtension, .platformReview, .recordCallback, .decideReturn, .close: true
            default: false
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .assign: .assign
        case .answerFromKnowledgeBase: .answerFromKnowledgeBase
        case .acknowledge: .acknowledge
        case .instruct: .instruct
        case .start: .start
        case .requestExtension: .requestExtension
        case .approveExtension: .approveExtension
        case .denyExtension: .denyExtension
        case .draftReply: .draftReply
        case .review: .review
        case .sendToPlatform: .sendToPlatform
        case .platformReview: .platformReview
        case .recordCallback: .recordCallback
        case .close: .close
        case .requestReturn: .requestReturn
        case .decideReturn: .decideReturn
        case .reopen, .redispatch: .reopen
        case .classifyGreenChannel: .classifyGreenChannel
        case .merge: .merge
        case .unmerge: .unmerge
        case .urge: .urge
        case .supervise: .supervise
        }
    }
}
