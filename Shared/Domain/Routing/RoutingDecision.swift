/// Where an order goes and how it is handled, with the rule that decided it and why.
public struct RoutingDecision: Sendable, Hashable, Codable {
    /// Responsible unit codes, lead unit first; never empty (the desk takes what nobody else can).
    public var units: [String]
    public var mode: WorkOrder.HandlingMode
    public var track: WorkOrder.Track
    /// The rule that decided: one of ``Router/RuleID`` or the id of a mode rule of the rule set.
    public var ruleID: String
    /// Why, for people: the step, the matched topic and keywords, the units skipped.
    public var explanation: String

    public init(
        units: [String], mode: WorkOrder.HandlingMode, track: WorkOrder.Track, ruleID: String, explanation: String
    ) {
        self.units = units
        self.mode = mode
        self.track = track
        self.ruleID = ruleID
        self.explanation = explanation
    }

    /// The unit that leads (牵头单位) and compiles the reply.
    public var leadUnit: String { units[0] }

    enum CodingKeys: String, CodingKey {
        case units, mode, track
        case ruleID = "rule_id"
        case explanation
    }
}
