extension WorkOrder {
    /// Where an order stands in DESIGN.md's lifecycle. A platform send-back (重办) is not a state of its own: it
    /// returns the order to ``inProgress`` in a new cycle.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        case received
        case answeredFromKnowledgeBase = "answered_from_knowledge_base"
        case assignedPendingAck = "assigned_pending_ack"
        case acknowledged
        case instructed
        case inProgress = "in_progress"
        case extensionRequested = "extension_requested"
        case replyDrafted = "reply_drafted"
        case reviewed
        case repliedToPlatform = "replied_to_platform"
        case awaitingCallback = "awaiting_callback"
        case closed
        case returnRequested = "return_requested"
        case returned
        case merged

        /// Closed and returned orders stop every clock; only a closed order can be reopened.
        public var isTerminal: Bool { self == .closed || self == .returned }

        /// Whether the bureau still owes the order a step: a unit's queue of open work. An order
        /// with the platform, merged, returned or closed waits on nobody here.
        public var awaitsTheBureau: Bool {
            switch self {
            case .received, .answeredFromKnowledgeBase, .assignedPendingAck, .acknowledged, .instructed, .inProgress,
                .extensionRequested,
                .replyDrafted, .reviewed, .returnRequested:
                true
            case .repliedToPlatform, .awaitingCallback, .closed, .returned, .merged: false
            }
        }

        public var description: String { rawValue }
    }
}
