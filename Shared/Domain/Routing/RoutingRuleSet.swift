public import Foundation

/// The routing rules in force, in order, checked against the unit directory they refer to.
///
/// The JSON form (what ``decode(jsonBytes:directory:)`` reads and ``jsonBytes()`` writes):
/// `{ "version": "shipped-2", "rules": [ … ], "terms": [ … ] }`, one object per rule as documented on
/// ``RoutingRule``; `terms` may be left out.
/// The order of the rules is the order in which their units join a decision and in which mode rules are tried.
public struct RoutingRuleSet: Sendable, Hashable, Codable {
    /// The longest keyword accepted; a keyword is a phrase, not a sentence.
    public static let maximumKeywordLength = 50

    /// The set's own version label, so that a decision can be traced to the rules that made it.
    public var version: String
    public var rules: [RoutingRule]
    /// Whole terms that hold a keyword without meaning it: inside one of them the keyword does not
    /// match (灵活就业人员 holds 灵活就业, but 灵活就业人员养老保险 is a pension matter). See
    /// ``words(of:)``.
    public var terms: [String]

    /// A validated rule set; see ``validate(against:)`` for the checks.
    public init(version: String, rules: [RoutingRule], terms: [String] = [], directory: UnitDirectory)
        throws(FieldError)
    {
        self.version = version
        self.rules = rules
        self.terms = terms
        try validate(against: directory)
    }

    // For the shipped literals and rows read back from the service's own database.
    init(unvalidatedVersion version: String, rules: [RoutingRule], terms: [String] = []) {
        self.version = version
        self.rules = rules
        self.terms = terms
    }

    /// Reads a rule set from JSON bytes and validates it against `directory`; the first problem is thrown.
    public static func decode(jsonBytes: Data, directory: UnitDirectory) throws(FieldError) -> RoutingRuleSet {
        let set = try RoutingJSON.decode(RoutingRuleSet.self, from: jsonBytes)
        try set.validate(against: directory)
        return set
    }

    /// A rule set as the routing service sends it (`routing.list_rules`), validated when it was stored.
    public static func decode(storedJSON bytes: Data) throws(FieldError) -> RoutingRuleSet {
        try RoutingJSON.decode(RoutingRuleSet.self, from: bytes)
    }

    /// The rule set as pretty, key-sorted JSON.
    public func jsonBytes() throws -> Data {
        try RoutingJSON.encode(self)
    }

    /// The rule with `id`, if the set has it.
    public subscript(id: String) -> RoutingRule? {
        rules.first { $0.id == id }
    }

    /// Throws the first problem, in the order the JSON lists them: a blank version; a rule id that is malformed,
    /// repeated or one of the router's own step ids (``Router/RuleID``); a topic or keyword listed twice, a blank
    /// or overlong keyword; a rule that would match every order; no units; a unit that is not a level-2 unit of
    /// `directory` or is listed twice. Unknown topics and modes are refused while decoding.
    public func validate(against directory: UnitDirectory) throws(FieldError) {
        guard !WorkOrder.isBlank(version) else {
            throw FieldError(field: "version", code: .required, message: "the rule set has no version")
        }
        var ids = Set<String>()
        for (index, rule) in rules.enumerated() {
            try Self.validate(rule, at: "rules[\(index)]", directory: directory)
            guard ids.insert(rule.id).inserted else {
                throw FieldError(
                    field: "rules[\(index)].id", code: RoutingFieldCode.duplicate,
                    message: "rule id \(rule.id) appears more than once"
                )
            }
        }
        try validateTerms()
    }

    private static func validate(_ rule: RoutingRule, at path: String, directory: UnitDirectory) throws(FieldError) {
        guard BureauUnit.isValidCode(rule.id, allowingDots: true) else {
            throw FieldError(
                field: path + ".id", code: RoutingFieldCode.invalidCode,
                message:
                    "a rule id is 1 to \(BureauUnit.maximumCodeLength) characters of a-z, 0-9, _ and ., starting with a letter"
            )
        }
        guard !Router.RuleID.all.contains(rule.id) else {
            throw FieldError(
                field: path + ".id", code: RoutingFieldCode.notAllowed,
                message: "rule id \(rule.id) is reserved for the router's own steps"
            )
        }
        if let index = firstRepeat(in: rule.topics) {
            throw FieldError(
                field: path + ".topics[\(index)]", code: RoutingFieldCode.duplicate,
                message: "topic \(rule.topics[index].rawValue) is listed twice"
            )
        }
        for (index, keyword) in rule.keywords.enumerated() {
            if WorkOrder.isBlank(keyword) {
                throw FieldError(field: path + ".keywords[\(index)]", code: .required, message: "a keyword is blank")
            }
            if keyword.count > maximumKeywordLength {
                throw FieldError(
                    field: path + ".keywords[\(index)]", code: .tooLong,
                    message: "a keyword exceeds \(maximumKeywordLength) characters"
                )
            }
        }
        if let index = firstRepeat(in: rule.keywords.map { $0.lowercased() }) {
            throw FieldError(
                field: path + ".keywords[\(index)]", code: RoutingFieldCode.duplicate,
                message: "keyword \(rule.keywords[index]) is listed twice"
            )
        }
        if rule.topics.isEmpty && rule.keywords.isEmpty {
            throw FieldError(
                field: path, code: RoutingFieldCode.notAllowed,
                message: "rule \(rule.id) names neither topics nor keywords and would match every order"
            )
        }
        try validateUnits(of: rule, at: path, directory: directory)
    }

    private static func validateUnits(of rule: RoutingRule, at path: String, directory: UnitDirectory)
        throws(FieldError)
    {
        guard !rule.units.isEmpty else {
            throw FieldError(field: path + ".units", code: .required, message: "rule \(rule.id) names no unit")
        }
        for (index, code) in rule.units.enumerated() {
            guard let unit = directory[code] else {
                throw FieldError(
                    field: path + ".units[\(index)]", code: RoutingFieldCode.unknownUnit,
                    message: "rule \(rule.id) names unit \"\(code)\", which is not in the directory"
                )
            }
            // The desk is the router's last resort and the enterprise-help liaison serves key enterprises only.
            guard unit.level == .unit else {
                throw FieldError(
                    field: path + ".units[\(index)]", code: RoutingFieldCode.notAllowed,
                    message: "rule \(rule.id) names \(code), which is not a level-2 unit"
                )
            }
        }
        if let index = firstRepeat(in: rule.units) {
            throw FieldError(
                field: path + ".units[\(index)]", code: RoutingFieldCode.duplicate,
                message: "rule \(rule.id) names unit \(rule.units[index]) twice"
            )
        }
    }

    private static func firstRepeat<Element: Hashable>(in elements: [Element]) -> Int? {
        var seen = Set<Element>()
        return elements.indices.first { !seen.insert(elements[$0]).inserted }
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case version, rules, terms
    }

    /// Decodes `{ "version": "…", "rules": [ … ], "terms": [ … ] }` without checking it against a directory.
    public init(from decoder: any Decoder) throws {
        try RoutingJSON.rejectUnknownFields(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(String.self, forKey: .version)
        rules = try container.decode([RoutingRule].self, forKey: .rules)
        terms = try container.decodeIfPresent([String].self, forKey: .terms) ?? []
    }

    /// Encodes `{ "version": "…", "rules": [ … ] }`, with `terms` when there are any.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(rules, forKey: .rules)
        if !terms.isEmpty { try container.encode(terms, forKey: .terms) }
    }
}
