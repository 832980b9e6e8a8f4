import Domain

/// Shared values of the routing tests: the shipped directory and rules, credit codes with correct check
/// characters, and a short way to describe an order.
enum RoutingFixtures {
    static let directory = UnitDirectory.shipped
    static let rules = RoutingRuleSet.shipped

    /// Valid GB 32100 codes (check characters computed, not copied from real enterprises).
    static let keyCode = "91411200MA44A0B1CH"
    static let otherKeyCode = "91411202MA47K3L2XA"
    static let ordinaryCode = "91411221MA9F0R7P4Q"

    static let keyEnterprises = KeyEnterpriseList([
        .init(name: "三门峡示例实业有限公司", creditCode: keyCode),
        .init(name: "渑池示例材料有限公司", creditCode: otherKeyCode),
    ])

    static func facts(
        _ topic: WorkOrder.Topic,
        kind: WorkOrder.Kind = .complaint,
        urgency: WorkOrder.Urgency = .normal,
        content: String = "诉求内容",
        enterpriseName: String? = nil,
        enterpriseCreditCode: String? = nil,
        excluded: Set<String> = [],
        knowledgeBaseMatch: Bool = false,
        wideImpact: Bool = false
    ) -> RoutingFacts {
        RoutingFacts(
            topic: topic, kind: kind, urgency: urgency, content: content, enterpriseName: enterpriseName,
            enterpriseCreditCode: enterpriseCreditCode, excludedUnits: excluded, knowledgeBaseMatch: knowledgeBaseMatch,
            wideImpact: wideImpact
        )
    }

    static func decide(
        _ facts: RoutingFacts,
        directory: UnitDirectory = directory,
        rules: RoutingRuleSet = rules,
        keyEnterprises: KeyEnterpriseList = keyEnterprises
    ) -> RoutingDecision {
        Router.decide(facts, rules: rules, directory: directory, keyEnterprises: keyEnterprises)
    }
}
