/// One account of the bureau's 12345 desk (办公室, 一级账号), one of its level-2 units (二级账号) or the
/// enterprise-help liaison (助企联络员).
///
/// The people who act for a unit (its liaison, head and deputy leader in charge) are not here: they are the
/// console's staff accounts holding those roles in the unit, so that each person is kept once, by the service
/// that signs them in (docs/accounts.md).
///
/// Named `BureauUnit` rather than `Unit` so that it does not clash with the wire message `Unit` or Foundation's.
public struct BureauUnit: Sendable, Hashable, Codable, Identifiable {
    /// Which kind of account a unit is; it decides what the router may do with it.
    public enum Level: String, Sendable, Hashable, Codable, CaseIterable {
        /// The level-1 account (办公室): watches every order, dispatches, and takes what nobody else can.
        case desk
        /// A level-2 account (二级账号) of a section or bureau agency.
        case unit
        /// The enterprise-help liaison (助企联络员) of the 99 key enterprises (万人助万企).
        case enterpriseHelp = "enterprise_help"
    }

    /// Stable code, e.g. `labor_inspection_brigade`; orders and rules refer to the unit by it.
    public var code: String
    /// The unit's Chinese name, e.g. 劳动保障监察支队.
    public var name: String
    public var level: Level
    /// The topics the unit answers for: an order of such a topic goes to it.
    public var topics: [WorkOrder.Topic]
    /// An inactive unit is kept for history but never chosen.
    public var active: Bool

    public var id: String { code }

    public init(
        code: String,
        name: String,
        level: Level,
        topics: [WorkOrder.Topic],
        active: Bool = true
    ) {
        self.code = code
        self.name = name
        self.level = level
        self.topics = topics
        self.active = active
    }

    // Administrator-edited JSON uses snake_case keys like the rest of Suban's stored data.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, name, level, topics, active
    }
}
