extension WorkOrder {
    /// How hard a business-environment (green-channel) order is: an ordinary one is settled the
    /// same day; the desk or the task force classifies the others, with a reason, which starts
    /// their own clock (docs/orders.md, "Green channel").
    public enum GreenChannelLevel: String, Sendable, Hashable, Codable, CaseIterable {
        /// 复杂: within 7 working days.
        case complex
        /// 疑难 (several units): within 15 working days.
        case difficult

        /// The SLA clock the level runs, whose policy gives its working days.
        public var clockKind: ClockKind {
            switch self {
            case .complex: .greenComplex
            case .difficult: .greenDifficult
            }
        }

        public var label: String {
            switch self {
            case .complex: "复杂（7 个工作日）"
            case .difficult: "疑难（15 个工作日）"
            }
        }
    }

    /// Once, on a green-channel order the unit has signed for and not yet answered; the level is
    /// the matter's and stays through later cycles.
    mutating func classifyGreenChannel(_ level: GreenChannelLevel, reason: String) throws(WorkOrderTransitionError)
        -> Step
    {
        guard track == .greenChannel else {
            throw WorkOrderTransitionError(
                .invalidArgument(field: "level", reason: "only green-channel orders are classified"))
        }
        if let greenChannelLevel {
            throw WorkOrderTransitionError(
                .invalidArgument(
                    field: "level", reason: "the order is classified \(greenChannelLevel.rawValue) already"))
        }
        try Self.requireText(reason, field: "reason")
        greenChannelLevel = level
        return Step(to: state, reason: reason, details: ["level": level.rawValue])
    }
}
