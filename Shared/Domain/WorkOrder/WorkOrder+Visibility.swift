extension Role {
    /// Whether the role reads every unit's orders: the desk that dispatches them, the bureau's leaders and task
    /// force who watch them, the operators, the platform and the services. A unit's own people (liaison, leaders,
    /// the enterprise-help liaison) read their unit's orders only.
    public var readsEveryUnit: Bool {
        switch self {
        case .liaison, .unitLeader, .deputyLeader, .enterpriseHelpLiaison: false
        case .platform, .bureauDesk, .taskForce, .system, .administrator, .bureauLeader: true
        }
    }
}

extension WorkOrder {
    /// Whether someone holding `roles` in `unit` may read this order: any bureau-wide role reads it, a unit's people
    /// once their unit is among its responsible units (before assignment it is the desk's alone).
    public func isVisible(to roles: Set<Role>, unit: String?) -> Bool {
        if roles.contains(where: \.readsEveryUnit) { return true }
        guard let unit else { return false }
        return responsibleUnits.contains(unit)
    }
}
