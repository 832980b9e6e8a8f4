/// Decides the responsible units, handling mode and track of an order, after notice 人社办函〔2021〕80号
/// sections 二 to 四. Pure: the directory, the rules and the key enterprises are passed in.
///
/// The steps, in order; the first that applies decides, and the decision names it:
///
/// | step | when | units | mode | track | rule id |
/// |---|---|---|---|---|---|
/// | 1 | the enterprise is a key enterprise (credit code, else exact name) | enterprise-help liaison | transfer | key_enterprise | `key_enterprise` |
/// | 2 | topic business_environment | topic and keyword units | joint_handling when several units or wide impact, else transfer | green_channel | `green_channel` |
/// | 3 | a rule with a mode applies (shipped: topic wage_arrears) | the rule's units | the rule's (special_case) | regular | the rule's id |
/// | 4 | urgent | topic and keyword units | leader_instruction | regular | `urgent` |
/// | 5 | several units, or wide impact | topic and keyword units, lead first | joint_handling | regular | `joint_handling` |
/// | 6 | consultation with a knowledge-base match | the desk | immediate_answer | regular | `knowledge_base` |
/// | 7 | otherwise | the unit(s) of the topic (plus keyword units) | transfer | regular | `topic_transfer` |
///
/// "Topic and keyword units" are the units answering for the order's topic, in directory order, followed by the
/// units of the rules without a mode that apply, in rule order. The desk is one of them only when nobody else
/// is (it answers for topics no level-2 unit has). Units that returned the order or are inactive are never
/// chosen; when that leaves nobody, the desk takes the order in the mode and track the step chose, under rule
/// `nobody_left` (`no_unit_for_topic` when no unit answered for the order at all).
public enum Router {
    /// The ids of the router's own steps; a rule of the rule set may not take one of them.
    public enum RuleID {
        public static let keyEnterprise = "key_enterprise"
        public static let greenChannel = "green_channel"
        public static let urgent = "urgent"
        public static let jointHandling = "joint_handling"
        public static let knowledgeBase = "knowledge_base"
        public static let topicTransfer = "topic_transfer"
        /// Every candidate returned the order or is inactive: the desk takes it.
        public static let nobodyLeft = "nobody_left"
        /// No unit answers for the topic and no rule applied: the desk takes it.
        public static let noUnitForTopic = "no_unit_for_topic"

        public static let all: Set<String> = [
            keyEnterprise, greenChannel, urgent, jointHandling, knowledgeBase, topicTransfer, nobodyLeft,
            noUnitForTopic,
        ]
    }

    /// The decision for an order described by `facts`.
    public static func decide(
        _ facts: RoutingFacts,
        rules: RoutingRuleSet,
        directory: UnitDirectory,
        keyEnterprises: KeyEnterpriseList
    ) -> RoutingDecision {
        // Wage arrears come before the key-enterprise shortcut: a complaint that an enterprise owes
        // wages is investigated by labour inspection and closed only against a closure standard
        // (专事专办), whoever the enterprise is; the state machine refuses any other mode for it.
        if facts.topic != .wageArrears,
            let match = keyEnterprises.match(name: facts.enterpriseName, creditCode: facts.enterpriseCreditCode)
        {
            let recognisedBy = if case .creditCode = match { "统一社会信用代码" } else { "企业全称" }
            return settle(
                Candidates(units: [(directory.enterpriseHelp, "企业帮扶专员")], facts: facts),
                mode: .transfer, track: .keyEnterprise, ruleID: RuleID.keyEnterprise, directory: directory,
                reason: "\(match.enterprise.name)是“万人助万企”重点企业（按\(recognisedBy)识别），"
                    + "由企业帮扶专员直接办理，不经中间环节"
            )
        }

        let words = rules.words(of: facts.content)
        let matched = Candidates(matching: facts, words: words, rules: rules, directory: directory)
        let several = matched.available.count > 1
        if facts.topic == .businessEnvironment {
            let joint = several || facts.wideImpact
            return settle(
                matched, mode: joint ? .jointHandling : .transfer, track: .greenChannel, ruleID: RuleID.greenChannel,
                directory: directory,
                reason: "营商环境类工单，走绿色通道"
                    + (joint ? "；即时协办：\(jointCause(several: several, facts: facts))" : "")
            )
        }

        if let rule = rules.rules.first(where: { $0.mode != nil && $0.applies(topic: facts.topic, words: words) }),
            let mode = rule.mode
        {
            let units = rule.units.compactMap { code in directory[code].map { ($0, "规则 \(rule.id)") } }
            return settle(
                Candidates(units: units, facts: facts), mode: mode, track: .regular, ruleID: rule.id,
                directory: directory,
                reason: "规则 \(rule.id) 定办理方式为\(mode.label)" + (rule.note.map { "（\($0)）" } ?? "")
            )
        }

        if facts.urgency == .urgent {
            return settle(
                matched, mode: .leaderInstruction, track: .regular, ruleID: RuleID.urgent, directory: directory,
                reason: "紧急工单：签收后由分管局领导即时批办"
            )
        }

        if several || facts.wideImpact {
            return settle(
                matched, mode: .jointHandling, track: .regular, ruleID: RuleID.jointHandling, directory: directory,
                reason: "即时协办：\(jointCause(several: several, facts: facts))，第一个单位牵头"
            )
        }

        if facts.kind == .consultation && facts.knowledgeBaseMatch {
            return RoutingDecision(
                units: [directory.desk.code], mode: .immediateAnswer, track: .regular, ruleID: RuleID.knowledgeBase,
                explanation: "咨询类工单，知识库有答复：\(directory.desk.name)当日即时办理"
            )
        }

        return settle(
            matched, mode: .transfer, track: .regular, ruleID: RuleID.topicTransfer, directory: directory,
            reason: "一般事项：按事项“\(facts.topic.label)”交办对口单位（即时转办）"
        )
    }

    private static func jointCause(several: Bool, facts: RoutingFacts) -> String {
        switch (several, facts.wideImpact) {
        case (true, true): "涉及多个单位，值班台并标记为影响面广"
        case (true, false): "涉及多个单位"
        default: "值班台标记为影响面广"
        }
    }

    /// The decision over `candidates`, or the desk's when none of them is left.
    private static func settle(
        _ candidates: Candidates,
        mode: WorkOrder.HandlingMode,
        track: WorkOrder.Track,
        ruleID: String,
        directory: UnitDirectory,
        reason: String
    ) -> RoutingDecision {
        var explanation = reason
        if !candidates.available.isEmpty {
            explanation += "。承办单位：" + candidates.available.map { "\($0.unit.name)（\($0.why)）" }.joined(separator: "、")
        }
        if !candidates.skipped.isEmpty {
            explanation += "。未选：" + candidates.skipped.map { "\($0.unit.name)（\($0.why)）" }.joined(separator: "、")
        }
        guard candidates.available.isEmpty else {
            return RoutingDecision(
                units: candidates.available.map(\.unit.code), mode: mode, track: track, ruleID: ruleID,
                explanation: explanation
            )
        }
        let desk = directory.desk
        let fallback = candidates.skipped.isEmpty ? RuleID.noUnitForTopic : RuleID.nobodyLeft
        explanation += candidates.skipped.isEmpty ? "。没有单位负责事项“\(candidates.topic.label)”" : "。可选单位均已排除"
        explanation += "，由\(desk.name)接单（步骤 \(ruleID)）"
        return RoutingDecision(units: [desk.code], mode: mode, track: track, ruleID: fallback, explanation: explanation)
    }
}
