/// One routing rule: which orders it applies to (topics, content keywords) and the units it brings in.
///
/// A rule without a mode adds its units to those of the order's topic (lead unit first, in rule order); several
/// units make the order a joint-handling one. A rule with a mode decides the order by itself, with its units and
/// that mode, at step 3 of the router (after key enterprises and the green channel, before urgency): the shipped
/// set has one, wage arrears → 专事专办.
///
/// JSON form: `{ "id": "keyword.work_injury", "topics": [], "keywords": ["工伤"], "units": ["…"],
/// "mode": null, "note": "…" }`; `topics`, `keywords`, `mode` and `note` may be left out.
public struct RoutingRule: Sendable, Hashable, Codable, Identifiable {
    /// Stable id, named by the decisions the rule makes, e.g. `wage_arrears.special_case`.
    public var id: String
    /// The topics the rule applies to; empty means every topic.
    public var topics: [WorkOrder.Topic]
    /// The rule applies when one of them is a whole word of the content (``RoutingRuleSet/words(of:)``;
    /// ASCII letters compared case-insensitively); empty means no keyword is needed.
    public var keywords: [String]
    /// Unit codes, lead first; only level-2 units.
    public var units: [String]
    /// When set, the rule decides the handling mode by itself.
    public var mode: WorkOrder.HandlingMode?
    /// Why the rule exists, for the administrator.
    public var note: String?

    public init(
        id: String,
        topics: [WorkOrder.Topic] = [],
        keywords: [String] = [],
        units: [String],
        mode: WorkOrder.HandlingMode? = nil,
        note: String? = nil
    ) {
        self.id = id
        self.topics = topics
        self.keywords = keywords
        self.units = units
        self.mode = mode
        self.note = note
    }

    /// The first keyword that is one of the content's `words`, or `nil`; a rule without keywords needs none.
    public func matchedKeyword(in words: Set<String>) -> String? {
        keywords.first { words.contains($0.lowercased()) }
    }

    /// Whether the rule applies to an order of `topic` whose content has `words`.
    public func applies(topic: WorkOrder.Topic, words: Set<String>) -> Bool {
        guard topics.isEmpty || topics.contains(topic) else { return false }
        return keywords.isEmpty || matchedKeyword(in: words) != nil
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, topics, keywords, units, mode, note
    }

    /// Decodes the documented JSON object; an unknown field, topic or mode is a `FieldError` naming its path.
    public init(from decoder: any Decoder) throws {
        try RoutingJSON.rejectUnknownFields(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        topics = try RoutingJSON.decodeValues(WorkOrder.Topic.self, of: "topic", from: container, forKey: .topics)
        keywords = try container.decodeIfPresent([String].self, forKey: .keywords) ?? []
        units = try container.decode([String].self, forKey: .units)
        if let modeText = try container.decodeIfPresent(String.self, forKey: .mode) {
            guard let mode = WorkOrder.HandlingMode(rawValue: modeText) else {
                throw FieldError(
                    field: StrictJSON.path(container.codingPath + [CodingKeys.mode]),
                    code: RoutingFieldCode.unknownValue,
                    message: "unknown handling mode \"\(modeText)\"; expected "
                        + WorkOrder.HandlingMode.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            self.mode = mode
        } else {
            mode = nil
        }
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }

    /// Encodes the documented JSON object, leaving out a missing mode and note.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(topics, forKey: .topics)
        try container.encode(keywords, forKey: .keywords)
        try container.encode(units, forKey: .units)
        try container.encodeIfPresent(mode, forKey: .mode)
        try container.encodeIfPresent(note, forKey: .note)
    }
}
