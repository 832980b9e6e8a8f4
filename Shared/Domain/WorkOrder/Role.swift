/// Who acts on a work order, as the notice's organisation knows them.
///
/// Raw values are stable: they are stored with every event and travel on the wire.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// The hotline the order came through: the city 12345 platform, or for 12333 orders the bureau's own hotline
    /// acting in the same capacity (review, callback, extension and return decisions).
    case platform
    /// The bureau's level-1 account (局 12345 工作台, 办公室): dispatches, reviews, sends replies.
    case bureauDesk = "bureau_desk"
    /// A level-2 unit's liaison (联络员): acknowledges, files extensions and returns, drafts replies.
    case liaison
    /// The head of a responsible unit (部门领导): gives the assignment opinion (交办意见).
    case unitLeader = "unit_leader"
    /// The bureau leader in charge (分管领导): instructs urgent orders (批办).
    case deputyLeader = "deputy_leader"
    /// The enterprise-help liaison (助企联络员) who handles key-enterprise orders directly.
    case enterpriseHelpLiaison = "enterprise_help_liaison"
    /// The business-environment task force (营商环境专班) running the green channel.
    case taskForce = "task_force"
    /// Suban's own services acting automatically (routing, duplicate detection, SLA reminders).
    case system
    /// The operator who deploys and configures Suban; handles no orders.
    case administrator
    /// The bureau's head (局领导): watches every order and every unit's report.
    case bureauLeader = "bureau_leader"

    /// Whether a person holds this role (as opposed to the platform or a service).
    public var isStaff: Bool {
        switch self {
        case .platform, .system: false
        default: true
        }
    }

    public var description: String { rawValue }

    /// Orders by raw value, so that a set of roles always lists the same way.
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
}
