/// What the router needs to know about an order: its classification, its content, the enterprise it concerns,
/// the units that returned it, and the two judgements intake and the desk make (knowledge-base match, wide impact).
public struct RoutingFacts: Sendable, Hashable {
    public var topic: WorkOrder.Topic
    public var kind: WorkOrder.Kind
    public var urgency: WorkOrder.Urgency
    /// The order's text; content keywords of the rules are looked for in it.
    public var content: String
    /// The enterprise's name as the caller gave it, if any.
    public var enterpriseName: String?
    /// The enterprise's unified social credit code (统一社会信用代码), if any.
    public var enterpriseCreditCode: String?
    /// Codes of the units that returned the order (退单); they are never chosen again.
    public var excludedUnits: Set<String>
    /// Intake found a valid knowledge-base article answering the order.
    public var knowledgeBaseMatch: Bool
    /// The desk marked strong public reaction or wide impact (群众反映强烈、影响面宽).
    public var wideImpact: Bool

    public init(
        topic: WorkOrder.Topic,
        kind: WorkOrder.Kind,
        urgency: WorkOrder.Urgency,
        content: String,
        enterpriseName: String? = nil,
        enterpriseCreditCode: String? = nil,
        excludedUnits: Set<String> = [],
        knowledgeBaseMatch: Bool = false,
        wideImpact: Bool = false
    ) {
        self.topic = topic
        self.kind = kind
        self.urgency = urgency
        self.content = content
        self.enterpriseName = enterpriseName
        self.enterpriseCreditCode = enterpriseCreditCode
        self.excludedUnits = excludedUnits
        self.knowledgeBaseMatch = knowledgeBaseMatch
        self.wideImpact = wideImpact
    }
}
