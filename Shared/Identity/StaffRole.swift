/// A role a credential asserts. The set is closed: a role the verifier does not know is malformed,
/// never a lesser default.
///
/// Raw values are stable: they travel inside credentials and in the trust configuration
/// (`SUBAN_TRUSTED_ISSUERS`). Staff roles come only from signed-in accounts; `platform` and
/// `system` are the roles of Suban's own edges and schedulers.
public enum StaffRole: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// The bureau's level-1 account (局 12345 工作台, 办公室).
    case bureauDesk = "bureau_desk"
    /// A level-2 unit's liaison (联络员).
    case liaison
    /// The head of a responsible unit (部门领导).
    case unitLeader = "unit_leader"
    /// The bureau leader in charge (分管领导).
    case deputyLeader = "deputy_leader"
    /// The enterprise-help liaison (助企联络员).
    case enterpriseHelpLiaison = "enterprise_help_liaison"
    /// The business-environment task force (营商环境专班).
    case taskForce = "task_force"
    /// The bureau's head (局领导).
    case bureauLeader = "bureau_leader"
    /// The operator who manages accounts and configures Suban.
    case administrator
    /// The 12345 platform, as the gateway speaks for it.
    case platform
    /// Suban's own services acting on their own (schedulers, outbox deliveries).
    case system

    /// Whether a person holds this role (as opposed to the platform or a service).
    public var isStaff: Bool {
        switch self {
        case .platform, .system: false
        default: true
        }
    }

    public var description: String { rawValue }

    /// Orders by raw value, so that a set of roles always lists the same way.
    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool { lhs.rawValue < rhs.rawValue }
}
