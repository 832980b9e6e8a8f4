/// One account of the bureau's 12345 desk (办公室, 一级账号), one of its level-2 units (二级账号) or the
/// enterprise-help liaison (助企联络员), with the people who act for it.
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

    /// A person acting for the unit. Shipped values are placeholders the administrator replaces.
    public struct Contact: Sendable, Hashable, Codable {
        public var name: String
        public var email: String

        public init(name: String, email: String) {
            self.name = name
            self.email = email
        }
    }

    /// Stable code, e.g. `labor_inspection_brigade`; orders and rules refer to the unit by it.
    public var code: String
    /// The unit's Chinese name, e.g. 劳动保障监察支队.
    public var name: String
    public var level: Level
    /// 联络员: acknowledges orders and files extensions and replies.
    public var liaison: Contact
    /// 部门负责人: receives the 交办单 of transferred orders.
    public var leader: Contact
    /// 分管领导: instructs urgent orders and receives the 交办单.
    public var deputyLeader: Contact
    /// The topics the unit answers for: an order of such a topic goes to it.
    public var topics: [WorkOrder.Topic]
    /// An inactive unit is kept for history but never chosen.
    public var active: Bool

    public var id: String { code }

    public init(
        code: String,
        name: String,
        level: Level,
        liaison: Contact,
        leader: Contact,
        deputyLeader: Contact,
        topics: [WorkOrder.Topic],
        active: Bool = true
    ) {
        self.code = code
        self.name = name
        self.level = level
        self.liaison = liaison
        self.leader = leader
        self.deputyLeader = deputyLeader
        self.topics = topics
        self.active = active
    }

    // Administrator-edited JSON uses snake_case keys like the rest of Suban's stored data.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, name, level, liaison, leader
        case deputyLeader = "deputy_leader"
        case topics, active
    }
}
