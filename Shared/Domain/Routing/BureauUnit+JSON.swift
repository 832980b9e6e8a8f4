// The JSON form of a unit, one entry of the directory's "units" array:
//
//   { "code": "work_injury_insurance_center", "name": "工伤保险中心", "level": "unit",
//     "topics": ["work_injury"], "active": true }
//
// "topics" may be left out (no topics) and so may "active" (true).

extension BureauUnit {
    /// Decodes the documented JSON object; an unknown field, level or topic is a `FieldError` naming its path.
    public init(from decoder: any Decoder) throws {
        try RoutingJSON.rejectUnknownFields(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let levelText = try container.decode(String.self, forKey: .level)
        guard let level = Level(rawValue: levelText) else {
            throw FieldError(
                field: StrictJSON.path(container.codingPath + [CodingKeys.level]),
                code: RoutingFieldCode.unknownValue,
                message: "unknown level \"\(levelText)\"; expected desk, unit or enterprise_help"
            )
        }
        self.init(
            code: try container.decode(String.self, forKey: .code),
            name: try container.decode(String.self, forKey: .name),
            level: level,
            topics: try RoutingJSON.decodeValues(WorkOrder.Topic.self, of: "topic", from: container, forKey: .topics),
            active: try container.decodeIfPresent(Bool.self, forKey: .active) ?? true
        )
    }

    /// Encodes the documented JSON object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encode(level, forKey: .level)
        try container.encode(topics, forKey: .topics)
        try container.encode(active, forKey: .active)
    }
}
