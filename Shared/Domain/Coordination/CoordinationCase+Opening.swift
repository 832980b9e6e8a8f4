public import Foundation

extension CoordinationCase {
    /// What the case needs to know of its work order (intake's view of it when the case opens).
    public struct OrderFacts: Sendable, Hashable {
        public var id: String
        public var platformOrderNumber: String
        public var state: WorkOrder.State
        public var handlingMode: WorkOrder.HandlingMode?
        public var track: WorkOrder.Track
        /// The lead unit first.
        public var responsibleUnits: [String]

        public init(
            id: String, platformOrderNumber: String, state: WorkOrder.State, handlingMode: WorkOrder.HandlingMode?,
            track: WorkOrder.Track, responsibleUnits: [String]
        ) {
            self.id = id
            self.platformOrderNumber = platformOrderNumber
            self.state = state
            self.handlingMode = handlingMode
            self.track = track
            self.responsibleUnits = responsibleUnits
        }
    }

    /// What opening a case asks for besides the order.
    public struct Opening: Sendable, Hashable {
        /// Units to bring in besides the order's own responsible units.
        public var participatingUnits: [String]
        public var coordinator: String
        public var instruction: LeaderInstruction?

        public init(participatingUnits: [String] = [], coordinator: String, instruction: LeaderInstruction? = nil) {
            self.participatingUnits = participatingUnits
            self.coordinator = coordinator
            self.instruction = instruction
        }
    }

    /// Order states in which a coordination can still change the reply: assigned and not yet replied to.
    public static let coordinatableOrderStates: Set<WorkOrder.State> = [
        .assignedPendingAck, .acknowledged, .instructed, .inProgress, .extensionRequested, .replyDrafted,
    ]

    /// Opens the case of `order` and returns it with its first event.
    ///
    /// The order must be in joint handling (即时协办), where the leaders' instruction is required, or on the
    /// green channel; its first responsible unit leads, the others take part, and `opening` may bring in more.
    public static func open(
        id: String,
        order: OrderFacts,
        opening: Opening,
        by actor: WorkOrder.Actor,
        at time: Date
    ) throws(CoordinationError) -> (CoordinationCase, CoordinationEvent) {
        guard order.handlingMode == .jointHandling || order.track == .greenChannel else {
            throw CoordinationError(.orderNotCoordinated(mode: order.handlingMode, track: order.track))
        }
        guard coordinatableOrderStates.contains(order.state), let lead = order.responsibleUnits.first else {
            throw CoordinationError(.orderNotActive(state: order.state))
        }
        try authorize(actor, .open, track: order.track, leadUnit: lead)
        try requireText(opening.coordinator, field: "coordinator", maximum: maximumNameLength)
        var instruction = opening.instruction
        if let given = instruction, isBlank(given.text), isBlank(given.leader) { instruction = nil }
        if order.handlingMode == .jointHandling || instruction != nil {
            // 即时协办: "报主管领导及主要领导批示后，指定专人……协调办理".
            try requireText(instruction?.text ?? "", field: "instruction", maximum: maximumTextLength)
            try requireText(instruction?.leader ?? "", field: "instructing_leader", maximum: maximumNameLength)
        }
        var participants: [String] = []
        for unit in order.responsibleUnits.dropFirst() + opening.participatingUnits {
            let code = unit.trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty else {
                throw CoordinationError(.invalidArgument(field: "participating_units", reason: "blank unit code"))
            }
            if code != lead && !participants.contains(code) { participants.append(code) }
        }
        let opened = CoordinationCase(
            id: id, orderID: order.id, platformOrderNumber: order.platformOrderNumber, handlingMode: order.handlingMode,
            track: order.track, leadUnit: lead, participatingUnits: participants,
            coordinator: opening.coordinator.trimmingCharacters(in: .whitespacesAndNewlines), instruction: instruction,
            openedBy: actor, openedAt: time, updatedAt: time, state: .open, meetings: [], actionItems: [],
            compilation: nil, cancellationReason: nil, lastSequence: 1, unitNames: [:]
        )
        let event = CoordinationEvent(
            sequence: 1, caseID: id, actor: actor, timestamp: time, from: .open, to: .open, action: .open,
            reason: instruction?.text
        )
        return (opened, event)
    }
}
