public import Foundation

/// A 12345 (or 12333) work order as the bureau handles it: what the platform sent, plus where it stands.
///
/// The fields the platform sent stay editable for reclassification; everything the lifecycle decides (state,
/// mode, units, cycle, results) changes only through ``apply(_:by:at:standards:)``, so that the event log is the
/// whole story of the order.
public struct WorkOrder: Sendable, Hashable, Codable, Identifiable {
    /// Suban's own id, assigned by intake (a UUID string).
    public let id: String
    /// The platform's order number; intake is idempotent on it.
    public var platformOrderNumber: String
    public var channel: Channel
    /// When the hotline took the call.
    public var receivedAt: Date
    /// When the platform dispatched the order to the bureau; the acknowledgement clock starts here.
    public var dispatchedAt: Date
    public var urgency: Urgency
    public var kind: Kind
    public var topic: Topic
    public var content: String
    public var address: String
    public var caller: Caller
    public var enterprise: Enterprise?
    /// The handling deadline: the platform's, or the SLA policy default that intake filled in. An approved
    /// extension moves it; the SLA service may set it anew for a new cycle.
    public var handlingDeadline: Date?
    public var attachments: [Attachment]

    public internal(set) var state: State
    /// `nil` until the order is assigned or answered from the knowledge base.
    public internal(set) var handlingMode: HandlingMode?
    public internal(set) var track: Track
    /// Responsible unit codes; for joint handling the first one leads.
    public internal(set) var responsibleUnits: [String]
    /// The order this one was merged under (并单), while merged.
    public internal(set) var parentOrderID: String?
    /// The state to go back to when unmerged.
    public internal(set) var stateBeforeMerge: State?
    /// 1 for the first handling; every send-back, dissatisfied callback or reopen (重办) starts the next cycle.
    public internal(set) var cycle: Int
    public internal(set) var knowledgeBaseArticleID: String?
    /// A green-channel order the desk or task force found complex or difficult (``GreenChannelLevel``).
    public internal(set) var greenChannelLevel: GreenChannelLevel?
    public internal(set) var instructions: [Instruction]
    public internal(set) var extensions: [Extension]
    public internal(set) var returnRequest: ReturnRequest?
    /// The reply of the current cycle; cleared when a new cycle starts (the log keeps the earlier ones).
    public internal(set) var result: Result?
    public internal(set) var callbackOutcome: CallbackOutcome?
    /// Sequence number of the last event; the next event gets this plus one.
    public internal(set) var lastSequence: Int

    /// A freshly received order from a validated draft.
    ///
    /// The draft is normalised first (see ``WorkOrderDraft/normalized()``), then validated as a whole; every field
    /// error is reported at once.
    public init(id: String, draft: WorkOrderDraft) throws(WorkOrderDraft.Invalid) {
        let draft = draft.normalized()
        var errors = draft.validate()
        if Self.isBlank(id) {
            errors.insert(FieldError(field: "id", code: .required, message: "an order id is required"), at: 0)
        }
        guard errors.isEmpty else { throw WorkOrderDraft.Invalid(errors: errors) }
        self.id = id
        self.platformOrderNumber = draft.platformOrderNumber
        self.channel = draft.channel
        self.receivedAt = draft.receivedAt
        self.dispatchedAt = draft.dispatchedAt
        self.urgency = draft.urgency
        self.kind = draft.kind
        self.topic = draft.topic
        self.content = draft.content
        self.address = draft.address
        self.caller = draft.caller
        self.enterprise = draft.enterprise
        self.handlingDeadline = draft.handlingDeadline
        self.attachments = draft.attachments
        self.state = .received
        self.handlingMode = nil
        self.track = .regular
        self.responsibleUnits = []
        self.parentOrderID = nil
        self.stateBeforeMerge = nil
        self.cycle = 1
        self.knowledgeBaseArticleID = nil
        self.greenChannelLevel = nil
        self.instructions = []
        self.extensions = []
        self.returnRequest = nil
        self.result = nil
        self.callbackOutcome = nil
        self.lastSequence = 0
    }

    /// How many times the order was sent back into handling (重办).
    public var reopenCount: Int { cycle - 1 }

    /// The deadline before any extension: what the one-month extension cap is measured from.
    public var originalHandlingDeadline: Date? {
        extensions.first?.deadlineAtRequest ?? handlingDeadline
    }

    /// Wage-arrears orders in special-case handling close only against a closure standard (专事专办).
    public var requiresClosureStandard: Bool { handlingMode == .specialCase }

    /// Blank means empty or whitespace only, full-width spaces included.
    static func isBlank(_ text: String?) -> Bool {
        text?.allSatisfy(\.isWhitespace) ?? true
    }
}
