extension Router {
    /// The units an order could go to, split into those that may take it and those that may not, each with the
    /// reason it was considered, for the explanation.
    struct Candidates {
        struct Entry {
            var unit: BureauUnit
            var why: String
        }

        var topic: WorkOrder.Topic
        /// Units that may take the order, lead first.
        var available: [Entry] = []
        /// Units that returned the order or are inactive.
        var skipped: [Entry] = []

        /// `units` in order without repeats; the desk only when no other unit is available, and never skipped
        /// (it is the last resort and does not return orders to itself).
        init(units: [(BureauUnit, String)], facts: RoutingFacts) {
            topic = facts.topic
            var seen = Set<String>()
            for (unit, why) in units where seen.insert(unit.code).inserted {
                if unit.level == .desk {
                    available.append(Entry(unit: unit, why: why))
                } else if facts.excludedUnits.contains(unit.code) {
                    skipped.append(Entry(unit: unit, why: "已退回此单"))
                } else if !unit.active {
                    skipped.append(Entry(unit: unit, why: "已停用"))
                } else {
                    available.append(Entry(unit: unit, why: why))
                }
            }
            if available.contains(where: { $0.unit.level != .desk }) {
                available.removeAll { $0.unit.level == .desk }
            }
        }

        /// The units answering for the order's topic, then the units of the rules without a mode that apply.
        init(matching facts: RoutingFacts, words: Set<String>, rules: RoutingRuleSet, directory: UnitDirectory) {
            var units = directory.owners(of: facts.topic).map { ($0, "事项“\(facts.topic.label)”") }
            for rule in rules.rules where rule.mode == nil && rule.applies(topic: facts.topic, words: words) {
                let why = rule.matchedKeyword(in: words).map { "规则 \(rule.id)：\($0)" } ?? "规则 \(rule.id)"
                units += rule.units.compactMap { code in directory[code].map { ($0, why) } }
            }
            self.init(units: units, facts: facts)
        }
    }
}
