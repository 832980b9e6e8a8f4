public import Foundation

/// The assessment's points (考评积分) as configuration: every unit starts each period at `base`,
/// each fact of a rule adds its points (negative for deductions), and a unit whose period score is
/// below `threshold` is flagged for a talk with the bureau's leadership (约谈).
public struct PointsScheme: Sendable, Hashable, Codable {
    public struct Rule: Sendable, Hashable, Codable {
        public var fact: OrderFact.Kind
        /// Only facts with this label (a callback outcome, a reopen cause); `nil` for all.
        public var label: String?
        public var points: Double
        /// What the rule means, as a unit reads it next to the orders that cost it points.
        public var title: String

        public init(fact: OrderFact.Kind, label: String? = nil, points: Double, title: String) {
            self.fact = fact
            self.label = label
            self.points = points
            self.title = title
        }

        public func applies(to kind: OrderFact.Kind, label factLabel: String) -> Bool {
            fact == kind && (label == nil || label == factLabel)
        }
    }

    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public var name: String
    public var base: Double
    public var threshold: Double
    public var rules: [Rule]

    public init(name: String, base: Double, threshold: Double, rules: [Rule]) {
        self.name = name
        self.base = base
        self.threshold = threshold
        self.rules = rules
    }

    /// The points one fact earns or costs under every rule that applies to it.
    public func points(for kind: OrderFact.Kind, label: String) -> Double {
        rules.reduce(0) { $0 + ($1.applies(to: kind, label: label) ? $1.points : 0) }
    }

    /// The rules that deduct, whose orders a unit must be able to see.
    public var deductions: [Rule] { rules.filter { $0.points < 0 } }

    /// Reads a scheme from JSON (`SUBAN_ASSESSMENT_SCHEME_FILE`), checking what a typo would break.
    public static func decode(_ data: Data) throws -> PointsScheme {
        let scheme: PointsScheme
        do {
            scheme = try JSONDecoder().decode(PointsScheme.self, from: data)
        } catch {
            throw Invalid(message: "the points scheme is not valid JSON of the documented shape: \(error)")
        }
        try scheme.validate()
        return scheme
    }

    public func validate() throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Invalid(message: "the scheme needs a name")
        }
        guard base.isFinite, threshold.isFinite, threshold <= base else {
            throw Invalid(message: "base and threshold must be numbers, the threshold at most the base")
        }
        guard !rules.isEmpty else { throw Invalid(message: "the scheme has no rules") }
        for rule in rules where !rule.points.isFinite || rule.points == 0 {
            throw Invalid(message: "rule \(rule.fact.rawValue): points must be a non-zero number")
        }
        for rule in rules where rule.fact == .keyword {
            throw Invalid(message: "keywords are for hot spots, not points")
        }
    }

    /// The scheme Suban ships, after Sanmenxia's practice (domain-notes.md): 1,000 points a
    /// period, points for timely acknowledgement and on-time closure, deductions for lateness,
    /// overdue orders, dissatisfied callbacks, send-backs and refused returns; 800 is the line.
    public static let shipped = PointsScheme(
        name: "suban-default",
        base: 1000,
        threshold: 800,
        rules: [
            Rule(fact: .acknowledgedOnTime, points: 1, title: "按时签收"),
            Rule(fact: .acknowledgedLate, points: -2, title: "超时签收"),
            Rule(fact: .closedOnTime, points: 2, title: "按时办结"),
            Rule(fact: .closedLate, points: -3, title: "超期办结"),
            Rule(fact: .overdue, points: -5, title: "超期未答复"),
            Rule(fact: .callback, label: "dissatisfied", points: -3, title: "回访不满意"),
            Rule(fact: .sentBack, points: -2, title: "答复被退回重办"),
            Rule(fact: .returnRefused, points: -2, title: "退单未获批准"),
        ]
    )
}
