public import Foundation

/// The bureau's accounts: exactly one desk (办公室), the level-2 units, and exactly one enterprise-help liaison.
///
/// The JSON form (what ``decode(jsonBytes:)`` reads and ``jsonBytes()`` writes) is `{ "units": [ … ] }` with one
/// object per unit as documented on `BureauUnit`'s JSON extension; the order of the units is the order in which
/// they are listed and the order that breaks ties between units answering for the same topic.
public struct UnitDirectory: Sendable, Hashable, Codable {
    /// The units, in directory order.
    public internal(set) var units: [BureauUnit]

    /// A validated directory: every unit valid on its own, unique codes, one desk, one enterprise-help liaison.
    public init(units: [BureauUnit]) throws(FieldError) {
        self.units = units
        try validate()
    }

    // For the shipped literals, which the tests validate (so that a typo fails CI rather than a start-up).
    init(unvalidatedUnits units: [BureauUnit]) {
        self.units = units
    }

    /// Reads and validates a directory from the bytes of its JSON file; the first problem is thrown.
    public static func decode(jsonBytes: Data) throws(FieldError) -> UnitDirectory {
        let directory = try RoutingJSON.decode(UnitDirectory.self, from: jsonBytes)
        try directory.validate()
        return directory
    }

    /// The directory as pretty, key-sorted JSON.
    public func jsonBytes() throws -> Data {
        try RoutingJSON.encode(self)
    }

    /// The unit with `code`, if the directory has it.
    public subscript(code: String) -> BureauUnit? {
        units.first { $0.code == code }
    }

    /// The level-1 account (办公室): the router's last resort and the handler of knowledge-base answers.
    public var desk: BureauUnit {
        // Validation guarantees exactly one; only an unvalidated literal could lack it.
        units.first { $0.level == .desk } ?? BureauUnit(code: "office", name: "办公室", level: .desk, topics: [])
    }

    /// The enterprise-help liaison (助企联络员) of the key enterprises.
    public var enterpriseHelp: BureauUnit {
        units.first { $0.level == .enterpriseHelp }
            ?? BureauUnit(code: "enterprise_help", name: "助企联络员", level: .enterpriseHelp, topics: [])
    }

    /// The units that answer for `topic`, in directory order, active or not.
    public func owners(of topic: WorkOrder.Topic) -> [BureauUnit] {
        units.filter { $0.topics.contains(topic) }
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case units
    }

    /// Decodes `{ "units": [ … ] }` without validating the whole (``decode(jsonBytes:)`` does).
    public init(from decoder: any Decoder) throws {
        try RoutingJSON.rejectUnknownFields(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        units = try container.decode([BureauUnit].self, forKey: .units)
    }

    /// Encodes `{ "units": [ … ] }`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(units, forKey: .units)
    }

    func validate() throws(FieldError) {
        var codes = Set<String>()
        for (index, unit) in units.enumerated() {
            if let problem = unit.validate().first {
                throw FieldError(
                    field: "units[\(index)].\(problem.field)", code: problem.code, message: problem.message)
            }
            guard codes.insert(unit.code).inserted else {
                throw FieldError(
                    field: "units[\(index)].code", code: RoutingFieldCode.duplicate,
                    message: "unit code \(unit.code) appears more than once"
                )
            }
        }
        for level in [BureauUnit.Level.desk, .enterpriseHelp] {
            let count = units.count { $0.level == level }
            guard count == 1 else {
                throw FieldError(
                    field: "units", code: count == 0 ? .required : RoutingFieldCode.duplicate,
                    message: "the directory needs exactly one unit of level \(level.rawValue), not \(count)"
                )
            }
        }
        if !desk.active {
            throw FieldError(
                field: "units[\(units.firstIndex(of: desk) ?? 0)].active", code: RoutingFieldCode.notAllowed,
                message: "the desk takes what nobody else can and cannot be inactive"
            )
        }
    }
}
